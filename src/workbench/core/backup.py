"""Backups: a copy on the first open of each day, rotation, and restore.

Copies are made with SQLite's online backup API from an open connection (never a
file copy of a live database, which could catch a half-written page or miss the WAL).
A restore first checks the incoming file with ``PRAGMA integrity_check`` and backs up
the current database, so a restore can itself be undone.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.core.db import SQLITE_HEADER, backup_to
from workbench.core.errors import WorkbenchError

if TYPE_CHECKING:
    from sqlite_utils import Database

DAILY_PREFIX = "daily-"


def backup_folder(db_path: Path, configured: str = "") -> Path:
    """Where backups go: the configured folder, else ``backups/`` beside the database."""
    return Path(configured).expanduser() if configured else db_path.parent / "backups"


def _stem(db_path: Path) -> str:
    return db_path.stem or "workbench"


def daily_backup(db: Database, db_path: Path, today: date, keep: int,
                 folder: str = "") -> Path | None:
    """Back up once per day (the first open), then keep only the newest ``keep`` copies.

    Returns the new backup's path, or None when today's copy already exists.
    """
    target_dir = backup_folder(db_path, folder)
    target_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = target_dir / f"{_stem(db_path)}-{DAILY_PREFIX}{today.isoformat()}.db"
    if target.exists():
        return None
    partial = target.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    backup_to(db, partial)
    partial.replace(target)  # a crash mid-copy never leaves a file that looks complete
    rotate(target_dir, _stem(db_path), keep)
    return target


def rotate(folder: Path, stem: str, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` daily backups of ``stem``; return the deleted."""
    dailies = sorted(folder.glob(f"{stem}-{DAILY_PREFIX}*.db"))
    doomed = dailies[:-keep] if keep > 0 else []
    for path in doomed:
        path.unlink()
    return doomed


def backup_now(db: Database, db_path: Path, target: Path | None = None,
               folder: str = "") -> Path:
    """``workbench backup [PATH]``: a copy now, to PATH or a time-stamped file."""
    if target is None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target_dir = backup_folder(db_path, folder)
        target_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        target = target_dir / f"{_stem(db_path)}-{stamp}.db"
    if target.exists():
        raise WorkbenchError("backup.exists", path=str(target))
    if not target.parent.is_dir():
        raise WorkbenchError("db.folder_missing", folder=str(target.parent))
    try:
        return backup_to(db, target)
    except (OSError, sqlite3.Error) as exc:
        target.unlink(missing_ok=True)
        raise WorkbenchError("backup.failed", path=str(target), error=str(exc)) from None


def check_file(path: Path) -> None:
    """Refuse a file that is missing, not SQLite, or fails ``integrity_check``."""
    if not path.is_file():
        raise WorkbenchError("restore.missing", path=str(path))
    with open(path, "rb") as fh:
        if fh.read(16) != SQLITE_HEADER:
            raise WorkbenchError("db.not_sqlite", path=str(path))
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise WorkbenchError("restore.corrupt", path=str(path), detail="unreadable") from None
    if rows != ["ok"]:
        raise WorkbenchError("restore.corrupt", path=str(path), detail=rows[0])
    if "outlets" not in tables:
        raise WorkbenchError("restore.not_workbench", path=str(path))


def restore(db: Database, db_path: Path, source: Path, folder: str = "") -> Path:
    """Replace the live database's content with ``source``; returns the safety backup.

    The copy goes through the backup API into the open connection, so readers never
    see a half-copied file; the current content is backed up first.
    """
    check_file(source)
    safety = backup_now(db, db_path, folder=folder)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        src.backup(db.conn)
    finally:
        src.close()
    return safety
