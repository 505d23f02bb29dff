"""The demo built for the real today: nothing of it lies after the clock."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from tests.conftest import TODAY
from workbench.core.config import Config
from workbench.demo.build import morning_shift, populate
from workbench.storage import open_db


def latest_stamp(db) -> tuple[str, str, str]:
    """(stamp, table, column) of the latest moment written anywhere in the file."""
    best = ("", "", "")
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                               "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\'"
                               ).fetchall():  # _sqlite_migrations: the real build time
        for column in db[table].columns:
            if column.type.upper() != "TEXT":
                continue
            row = db.execute(
                f'SELECT max("{column.name}") FROM "{table}" WHERE "{column.name}" '
                "GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:*'").fetchone()
            if row[0] and row[0] > best[0]:
                best = (row[0], table, column.name)
    return best


@pytest.mark.parametrize(("clock", "seed"), [
    (time(7, 51), 7), (time(0, 20), 7), (time(8, 59), 7), (time(12, 0), 7),
    # Seed 1 collects application forms on TODAY itself (at 11:00–17:30, reviewed 18:00).
    (time(7, 51), 1), (time(12, 0), 1),
])
def test_demo_never_lies_after_the_clock(tmp_path, clock, seed):
    now = datetime.combine(TODAY, clock)
    db = open_db(tmp_path / "demo.db")
    populate(db, Config(), TODAY, seed=seed, now=now)
    stamp, table, column = latest_stamp(db)
    assert stamp <= now.isoformat(sep=" "), (table, column, stamp)
    if clock >= time(1, 0):  # the morning check-in is still there, ending before now
        start, end = db.execute("SELECT started_at, ended_at FROM visits "
                                "ORDER BY started_at DESC LIMIT 1").fetchone()
        assert start.startswith(TODAY.isoformat()) and end <= now.isoformat(sep=" ")
    db.close()


def test_the_morning_moves_back_only_when_the_clock_is_earlier():
    nine = datetime.combine(TODAY, time(9, 0))
    assert morning_shift(TODAY, nine) == timedelta(0)  # the boundary: no move
    assert morning_shift(TODAY, nine - timedelta(minutes=1)) == timedelta(minutes=-1)
    assert morning_shift(TODAY, None) == timedelta(0)
    assert morning_shift(TODAY, nine + timedelta(days=1)) == timedelta(0)  # another day
    assert morning_shift(TODAY, datetime.combine(TODAY, time(1, 0))) == timedelta(hours=-8)
    assert morning_shift(TODAY, datetime.combine(TODAY, time(0, 59))) is None
