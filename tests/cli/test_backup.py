"""Backups: daily copy with rotation, backup now, restore with integrity check."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest

from tests.conftest import NOW
from workbench import cli
from workbench.commands.restore import run_restore
from workbench.core import backup
from workbench.core.errors import WorkbenchError
from workbench.roster import outlets
from workbench.storage import open_db


def add(db, code):
    outlets.add_outlet(db, outlets.OutletDraft(code=code, name=f"网点{code}"), ["C"], NOW)


def count(path):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM outlets").fetchone()[0]
    finally:
        conn.close()


def test_daily_backup_once_a_day_and_rotation(db, db_path):
    add(db, "A")
    first = backup.daily_backup(db, db_path, date(2026, 11, 1), keep=3)
    assert first is not None and count(first) == 1
    assert backup.daily_backup(db, db_path, date(2026, 11, 1), keep=3) is None
    for i in range(1, 6):
        backup.daily_backup(db, db_path, date(2026, 11, 1) + timedelta(days=i), keep=3)
    kept = sorted(p.name for p in (db_path.parent / "backups").glob("*.db"))
    assert kept == ["wb-daily-2026-11-04.db", "wb-daily-2026-11-05.db", "wb-daily-2026-11-06.db"]
    assert all((db_path.parent / "backups" / k).stat().st_mode & 0o777 == 0o600 for k in kept)


def test_restore_replaces_content_and_keeps_a_safety_copy(db, db_path, tmp_path, capsys):
    add(db, "A")
    saved = backup.backup_now(db, db_path, tmp_path / "saved.db")
    add(db, "B")
    add(db, "C")
    assert run_restore(db_path, saved) == 0
    safety = next(db_path.parent.glob("backups/wb-before-restore-*.db"))
    assert db.execute("SELECT count(*) FROM outlets").fetchone()[0] == 1
    assert count(safety) == 3
    # The live file itself (read by a new connection) holds the restored rows.
    db.close()
    again = open_db(db_path)
    assert again.execute("SELECT code FROM outlets").fetchall() == [("A",)]
    again.close()


def test_restore_refuses_bad_files_and_changes_nothing(db, db_path, tmp_path):
    add(db, "A")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(WorkbenchError, match="not an SQLite"):
        run_restore(db_path, junk)
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(WorkbenchError, match="not a workbench database"):
        run_restore(db_path, other)
    good = backup.backup_now(db, db_path, tmp_path / "good.db")
    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(good.read_bytes()[: 4096 + 100])
    with pytest.raises(WorkbenchError):
        run_restore(db_path, truncated)
    with pytest.raises(WorkbenchError, match="No backup file"):
        run_restore(db_path, tmp_path / "missing.db")
    assert db.execute("SELECT count(*) FROM outlets").fetchone()[0] == 1


def test_cli_backup_and_restore_round_trip(db, db_path, tmp_path, capsys):
    add(db, "A")
    add(db, "B")
    target = tmp_path / "copy.db"
    assert cli.main(["backup", str(target), "--db", str(db_path), "--lang", "en"]) == 0
    assert count(target) == 2
    assert cli.main(["backup", str(target), "--db", str(db_path), "--lang", "en"]) == 1
    assert "already exists" in capsys.readouterr().err
    add(db, "C")
    assert cli.main(["restore", str(target), "--db", str(db_path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out
    assert count(db_path) == 2


async def test_the_daily_copy_does_not_hold_up_the_plan_and_is_one_moment(db, db_path, config,
                                                                        monkeypatch):
    from tests.conftest import TODAY, Gate, wait_ready, wait_until
    from workbench.app import WorkbenchApp

    add(db, "EARLY")
    gate = Gate(monkeypatch, backup, "daily_backup")  # held after its snapshot began
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test() as pilot:
        await wait_until(pilot, lambda: app.db is not None and not app.loads_pending()
                         and gate.waiting.is_set(), "the plan shown while the copy waits")
        assert not app.backup_done
        add(app.db, "LATE")  # written while the copy is being made
        gate.open.set()
        await wait_ready(app, pilot)
    daily = db_path.parent / "backups" / f"wb-daily-{TODAY.isoformat()}.db"
    codes = {r[0] for r in sqlite3.connect(daily).execute("SELECT code FROM outlets")}
    assert codes == {"EARLY"}  # the file as the snapshot found it, not half of a write
    assert not gate.timed_out


async def test_app_makes_the_daily_backup_on_first_open(db_path, config):
    from tests.conftest import TODAY, wait_ready
    from workbench.app import WorkbenchApp

    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test() as pilot:
        await wait_ready(app, pilot)
    daily = db_path.parent / "backups" / f"wb-daily-{TODAY.isoformat()}.db"
    assert daily.exists()
    from workbench.register import witness

    assert witness.parse(backup.read_head(daily)) is not None  # its head, beside it


async def test_a_later_open_of_the_day_neither_copies_nor_reads_the_head(db_path, config,
                                                                      monkeypatch):
    from tests.conftest import TODAY, wait_ready
    from workbench.app import WorkbenchApp
    from workbench.register import witness

    heads = []
    real = witness.head_line

    def counted(db):
        heads.append(1)
        return real(db)

    monkeypatch.setattr(witness, "head_line", counted)
    for _ in range(2):
        app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
        async with app.run_test() as pilot:
            await wait_ready(app, pilot)
    assert heads == [1]  # the first open copied; the second found the copy and counted nothing
    assert len(backup.backups(db_path)) == 1
