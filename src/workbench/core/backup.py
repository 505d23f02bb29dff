"""Backups: a copy on the first open of each day, rotation, and the copying of a restore.

Copies are made with SQLite's online backup API from an open connection (never a
file copy of a live database, which could catch a half-written page or miss the WAL).
Each copy may carry its register head in a sidecar (``<copy>.head``, one witness line:
an outside record of what the copy held). Whether a file may be restored is decided
above (``commands.restore``: the full check); here it is only copied, the current file
kept first (``keep_current``, even a damaged one), then replaced (``copy_into``).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.core.db import backup_to, create_private
from workbench.core.errors import WorkbenchError

if TYPE_CHECKING:
    from sqlite_utils import Database

DAILY_PREFIX = "daily-"
HEAD_SUFFIX = ".head"


def sidecar(backup: Path) -> Path:
    """Where a backup's register head is written (beside it, ``.head``)."""
    return backup.with_name(backup.name + HEAD_SUFFIX)


def write_head(backup: Path, head: str) -> None:
    """Record ``head`` (a witness line) beside ``backup``, owner-only."""
    if not head:
        return
    fd = os.open(sidecar(backup), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(head + "\n")


def read_head(backup: Path) -> str | None:
    try:
        return sidecar(backup).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def backup_folder(db_path: Path, configured: str = "") -> Path:
    """Where backups go: the configured folder, else ``backups/`` beside the database."""
    return Path(configured).expanduser() if configured else db_path.parent / "backups"


def _stem(db_path: Path) -> str:
    return db_path.stem or "workbench"


def daily_target(db_path: Path, today: date, folder: str = "") -> Path:
    """Where the day's copy of ``db_path`` goes (it exists once the day's first open made it)."""
    return backup_folder(db_path, folder) / f"{_stem(db_path)}-{DAILY_PREFIX}{today.isoformat()}.db"


def daily_backup(db: Database, db_path: Path, today: date, keep: int,
                 folder: str = "", head: str = "") -> Path | None:
    """Back up once per day (the first open), then keep only the newest ``keep`` copies.

    ``head`` (the register's head as a witness line) goes in the copy's sidecar.
    Returns the new backup's path, or None when today's copy already exists.
    """
    target = daily_target(db_path, today, folder)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if target.exists():
        return None
    partial = target.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    backup_to(db, partial)
    partial.replace(target)  # a crash mid-copy never leaves a file that looks complete
    write_head(target, head)
    rotate(target.parent, _stem(db_path), keep)
    return target


def rotate(folder: Path, stem: str, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` daily backups of ``stem``; return the deleted."""
    dailies = sorted(folder.glob(f"{stem}-{DAILY_PREFIX}*.db"))
    doomed = dailies[:-keep] if keep > 0 else []
    for path in doomed:
        path.unlink()
        sidecar(path).unlink(missing_ok=True)
    return doomed


def _new_target(db_path: Path, folder: str, label: str = "") -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target_dir = backup_folder(db_path, folder)
    target_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = target_dir / f"{_stem(db_path)}-{label}{stamp}.db"
    n = 1
    while target.exists():  # two in one second (a restore right after a backup)
        n += 1
        target = target_dir / f"{_stem(db_path)}-{label}{stamp}-{n}.db"
    return target


def backup_now(db: Database, db_path: Path, target: Path | None = None,
               folder: str = "", head: str = "") -> Path:
    """``workbench backup [PATH]``: a copy now, to PATH or a time-stamped file."""
    if target is None:
        target = _new_target(db_path, folder)
    if target.exists():
        raise WorkbenchError("backup.exists", path=str(target))
    if not target.parent.is_dir():
        raise WorkbenchError("db.folder_missing", folder=str(target.parent))
    try:
        backup_to(db, target)
    except (OSError, sqlite3.Error) as exc:
        target.unlink(missing_ok=True)
        raise WorkbenchError("backup.failed", path=str(target), error=str(exc)) from None
    write_head(target, head)
    return target


def backups(db_path: Path, folder: str = "") -> list[Path]:
    """The backups of ``db_path`` in its backup folder, oldest first (by name: time)."""
    target_dir = backup_folder(db_path, folder)
    if not target_dir.is_dir():
        return []
    return sorted(p for p in target_dir.glob(f"{_stem(db_path)}-*.db") if p.is_file())


def keep_current(db_path: Path, folder: str = "") -> Path:
    """Copy the current file aside before a restore, whatever its state.

    A sound SQLite file is copied with the backup API (its WAL included); one SQLite
    cannot read (empty, truncated, not SQLite) is copied byte for byte, with its WAL.
    """
    target = _new_target(db_path, folder, "before-restore-")
    try:
        src = sqlite3.connect(f"{db_path.absolute().as_uri()}?mode=ro", uri=True)
        try:
            if db_path.stat().st_size == 0 or src.execute(
                    "PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("damaged: kept byte for byte")
            create_private(target)
            dest = sqlite3.connect(str(target))
            try:
                src.backup(dest)
            finally:
                dest.close()
        finally:
            src.close()
    except sqlite3.Error:
        target.unlink(missing_ok=True)
        for suffix in ("", "-wal"):
            if Path(f"{db_path}{suffix}").exists():
                shutil.copyfile(f"{db_path}{suffix}", f"{target}{suffix}")
                os.chmod(f"{target}{suffix}", 0o600)
    except OSError as exc:
        raise WorkbenchError("backup.failed", path=str(target), error=str(exc)) from None
    return target


def copy_into(source: Path, db_path: Path) -> None:
    """Make ``db_path`` hold what ``source`` holds (``source`` already checked in full).

    Into the live file through the backup API when SQLite can open it (readers in other
    connections never see half a copy); a file it cannot open is replaced whole: a
    fresh copy beside it, renamed over it, its stale WAL removed first.
    """
    src = sqlite3.connect(f"{source.absolute().as_uri()}?mode=ro", uri=True)
    try:
        try:
            dest = sqlite3.connect(str(db_path), timeout=8)
            try:
                dest.execute("SELECT count(*) FROM sqlite_master").fetchone()
                src.backup(dest)
                return
            finally:
                dest.close()
        except sqlite3.DatabaseError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise WorkbenchError("db.locked", path=str(db_path)) from None
        fresh = db_path.with_name(f".{db_path.name}.restoring")
        fresh.unlink(missing_ok=True)
        create_private(fresh)
        dest = sqlite3.connect(str(fresh))
        try:
            src.backup(dest)
        finally:
            dest.close()
        for suffix in ("-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        fresh.replace(db_path)
    finally:
        src.close()
