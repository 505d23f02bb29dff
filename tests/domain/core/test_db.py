"""Database opening: migrations, re-runs, backups before migrating, permissions, bad files."""

from __future__ import annotations

import sqlite3

import pytest

from workbench import storage
from workbench.core import db as dbmod
from workbench.core.errors import WorkbenchError
from workbench.core.migrations import Migrations


def test_migrates_from_empty_and_re_runs_cleanly(db_path):
    first = storage.open_db(db_path)
    tables = set(first.table_names())
    assert {"outlets", "staff", "visits"} <= tables
    assert storage.pending_migrations(first) == []
    first.close()
    again = storage.open_db(db_path)
    assert set(again.table_names()) == tables
    assert again.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert again.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert dbmod.integrity_problems(again) == []
    again.close()


def test_tables_are_strict(db):
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO outlets (code, name, traffic_daily, created_at, updated_at) "
                    "VALUES ('X', 'x', 'lots', '', '')")


def test_files_are_owner_only(db_path):
    storage.open_db(db_path).close()
    assert db_path.stat().st_mode & 0o777 == 0o600


def test_backup_before_migrating_an_existing_file(db_path, monkeypatch):
    database = storage.open_db(db_path)
    database.execute("INSERT INTO outlets (code, name, created_at, updated_at) "
                     "VALUES ('K1', 'kept', '', '')")
    database.conn.commit()
    database.close()
    extra = Migrations("workbench.test_extra")

    @extra()
    def m001_add_column(d):
        d.execute("ALTER TABLE outlets ADD COLUMN extra TEXT")

    original = storage.declared_migrations
    monkeypatch.setattr(storage, "declared_migrations", lambda: [*original(), extra])
    database = storage.open_db(db_path)
    database.close()
    backups = list(db_path.parent.glob("wb.pre-migrate-*.db"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT name FROM outlets").fetchall() == [("kept",)]
    assert "extra" not in [r[1] for r in copy.execute("PRAGMA table_info(outlets)")]
    assert backups[0].stat().st_mode & 0o777 == 0o600


def test_no_backup_for_a_new_file(db_path):
    storage.open_db(db_path).close()
    assert list(db_path.parent.glob("*.pre-migrate-*")) == []


def test_not_sqlite_missing_folder_and_folder_paths(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is a spreadsheet, not a database" * 10)
    with pytest.raises(WorkbenchError, match="not an SQLite file"):
        storage.open_db(junk)
    assert junk.read_bytes().startswith(b"this is a spreadsheet")
    with pytest.raises(WorkbenchError, match="Folder does not exist"):
        storage.open_db(tmp_path / "missing" / "wb.db")
    with pytest.raises(WorkbenchError, match="is a folder"):
        storage.open_db(tmp_path)


def test_read_only_folder(tmp_path):
    import os

    if os.geteuid() == 0:
        pytest.skip("root ignores folder permissions")
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    with pytest.raises(WorkbenchError, match="not writable"):
        storage.open_db(folder / "wb.db")
