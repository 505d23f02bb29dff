"""A file written by a released version opens, keeps every row and proves its chain.

``fixtures/released-2026-11-29-demo.db.gz`` is the demo database written by the version
released on 2026-11-29 (before the capability packages). Migration set and step names
are stored in each user's file; renaming one would make the next open re-run it on a
full database. These tests fail if a released name changes or a released file no
longer opens cleanly.
"""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path

from tests.register_helpers import open_policies_from_scratch, open_policies_kept
from workbench import storage
from workbench.register import chain

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "released-2026-11-29-demo.db.gz"
TABLES = ("outlets", "staff", "visits", "deliveries", "signoffs", "voids", "policies", "tasks",
          "moods", "habits", "contacts")


def released_copy(tmp_path: Path) -> Path:
    target = tmp_path / "released.db"
    target.write_bytes(gzip.decompress(FIXTURE.read_bytes()))
    return target


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


def recorded(path: Path) -> set[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return set(conn.execute("SELECT migration_set, name FROM _sqlite_migrations"))
    finally:
        conn.close()


def test_every_released_migration_is_still_known_by_its_name(tmp_path: Path) -> None:
    known = {(s.name, m.name) for s in storage.migration_sets() for m in s._migrations}
    released = {(s, n) for s, n in recorded(released_copy(tmp_path))
                if s not in storage.RETIRED_SETS}
    assert released <= known


def test_a_released_file_opens_with_its_rows_and_chain(tmp_path: Path) -> None:
    path = released_copy(tmp_path)
    before = counts(path)
    assert before["signoffs"] > 0 and before["outlets"] > 0
    db = storage.open_db(path)
    try:
        assert storage.pending_migrations(db) == []
        assert chain.verify_chain(db).ok
        assert chain.verify_chain(db).count == before["signoffs"]
        # open receipts and callbacks, back-filled from the released rows
        kept = open_policies_kept(db)
        assert kept and kept == open_policies_from_scratch(db)
    finally:
        db.close()
    assert counts(path) == before
    # nothing of the released schema had to run again, so no pre-migration copy is
    # needed unless a newer step exists
    pending_new = {(s.name, m.name) for s in storage.migration_sets() for m in s._migrations}
    assert pending_new - recorded(path) == set()
