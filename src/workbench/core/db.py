"""The one SQLite file: checks before opening, pragmas, permissions, the write lock, backups.

This module knows no capability. ``open_file(path)`` returns a connected
``sqlite_utils.Database`` (for the app, a ``LazyDatabase``: it reads through plain
sqlite3 and becomes one on its first write); ``migrate(db, path, sets, hooks)`` applies
the migration sets it is given, copying the file with SQLite's online backup API first
when it already holds data. Which sets exist, and in which order, is decided above every capability,
in ``workbench.storage``. Files we create are readable by their owner only.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.core.errors import WorkbenchError
from workbench.core.failures import sqlite_key
from workbench.core.migrations import pending_steps

if TYPE_CHECKING:
    from sqlite_utils import Database

    from workbench.core.migrations import Migrations

BUSY_TIMEOUT_MS = 8000


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("workbench")) / "workbench.db"


def named_or_default(path: Path | None) -> Path:
    """The file a command of the day reads (``today``, ``remind``, ``calendar``): the one
    named, which must exist (a typo must not start an empty register), else the default
    one, made on first use as the app makes it (``open_file``)."""
    if path is None:
        return default_db_path()
    if not path.exists():
        raise WorkbenchError("db.missing", path=str(path))
    return path


def check_target(path: Path) -> None:
    """Refuse, in one translated line, a path that cannot hold the database: a missing
    folder, a folder, an unreadable file, a file SQLite says is no database or damaged.

    The file itself is read through SQLite only (``probe``): this runs beside open
    connections (the in-app import opens one of its own), and a plain ``open()`` and
    ``close()`` of the file would drop every lock SQLite holds on it in this process.
    """
    if not path.parent.is_dir():
        raise WorkbenchError("db.folder_missing", folder=str(path.parent))
    if path.is_dir():
        raise WorkbenchError("db.is_folder", path=str(path))
    if path.exists():
        if not os.access(path, os.R_OK):
            raise WorkbenchError("db.unreadable", path=str(path))
        probe(path)


def read_header(path: Path, timeout: float) -> None:
    """Read the file's header the only safe way in a process that may hold the file:
    through SQLite, on a ``mode=ro`` connection (nothing created or changed). Raises what
    SQLite says of the bytes (``sqlite3.DatabaseError``)."""
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=timeout)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    finally:
        conn.close()


def probe(path: Path) -> None:
    """Read the file's header through SQLite (``mode=ro``: nothing is created or changed);
    raise the refusal when SQLite says the file is no database or damaged.

    Anything else (a read-only folder, a lock held) is left to the open that follows,
    which knows whether it may still read the file.
    """
    try:
        read_header(path, BUSY_TIMEOUT_MS / 1000)
    except sqlite3.DatabaseError as exc:
        refusal = open_refusal(path, exc)
        if refusal.key in ("db.not_sqlite", "db.damaged"):
            raise refusal from None


def holds_database(path: Path) -> bool:
    """Whether the file at ``path`` is an SQLite database (ours or another), asked of
    SQLite: a file to import or to write a report over is looked at this way, never
    opened first, since it may be the database this process holds."""
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return False
        read_header(path, timeout=1)
    except sqlite3.DatabaseError as exc:
        # No database (a sheet, a report) or one SQLite cannot open here; a busy or a
        # damaged one is still a database.
        return getattr(exc, "sqlite_errorname", "") not in ("SQLITE_NOTADB", "SQLITE_CANTOPEN")
    except OSError:
        return False
    return True


def create_private(path: Path) -> None:
    """Create an empty file with mode 0600 so SQLite (and its -wal/-shm) inherit it.

    An existing file is left alone without an ``open()``: another connection of this
    process may hold it (``O_EXCL`` would refuse it anyway, but only after asking).
    """
    if path.exists():
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except PermissionError:
        raise WorkbenchError("db.folder_readonly", folder=str(path.parent)) from None
    os.close(fd)


@functools.cache
def _database_class() -> type[Database]:
    """sqlite-utils' Database whose outermost ``atomic()`` takes the write lock up front.

    This is the one way to write: ``with db.atomic():`` around every action. Reading
    and then writing under it is safe (the sign-off chain reads its head under it).

    sqlite-utils begins a deferred transaction; when two instances share the file, a
    transaction that reads first and then writes cannot wait for the other writer
    (SQLite returns "database is locked" at once instead of using the busy timeout,
    since waiting could deadlock). ``BEGIN IMMEDIATE`` waits its turn at the start.
    """
    import contextlib

    from sqlite_utils import Database

    class WorkbenchDatabase(Database):
        @contextlib.contextmanager
        def atomic(self):
            if self.conn.in_transaction:
                with super().atomic() as db:
                    yield db
                return
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self
            except BaseException:
                self.rollback()
                raise
            else:
                try:
                    self.conn.execute("COMMIT")
                except BaseException:
                    self.rollback()
                    raise

    return WorkbenchDatabase


def connect(path: Path, *, lazy: bool = False) -> Database:
    """A sqlite-utils Database on ``path`` with the pragmas every connection needs
    (``lazy``: a ``LazyDatabase``, which becomes one on the first write)."""
    # check_same_thread=False: the app opens the file in a worker thread, then uses it
    # from the UI thread; only one thread touches it at a time.
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # What sqlite-utils' Database sets when it wraps a connection: set here too, so
        # a LazyDatabase's triggers behave the same before it becomes one.
        conn.execute("PRAGMA recursive_triggers=on")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise open_refusal(path, exc) from None
    lazy_db = LazyDatabase(conn)
    return lazy_db if lazy else lazy_db.full()  # type: ignore[return-value]


class LazyDatabase:
    """A connection that reads like sqlite-utils' Database and becomes one when needed.

    Reads use ``execute``, ``table_names`` and ``conn``, which need nothing but sqlite3;
    any other attribute (``atomic``, ``table``, ...) builds the real Database over the
    same connection first (``full``). The app's start-up and its screens' loads read
    through these, so the first screen never waits for sqlite-utils to import (~50 ms
    and ~6 MB with click and pluggy); the warm-up imports it once the data shows.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._full: Database | None = None

    def execute(self, sql: str, parameters: Sequence | dict | None = None) -> sqlite3.Cursor:
        if parameters is not None:
            return self.conn.execute(sql, parameters)
        return self.conn.execute(sql)

    def table_names(self) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]

    def close(self) -> None:
        self.conn.close()

    def full(self) -> Database:
        """sqlite-utils' Database over this connection (built on the first call)."""
        if self._full is None:
            self._full = _database_class()(self.conn, execute_plugins=False)
        return self._full

    def __getattr__(self, name: str) -> Any:
        # Only for what this class lacks: everything a write needs.
        return getattr(self.full(), name)


def full_database(db: Database | LazyDatabase) -> Database:
    """The sqlite-utils Database behind ``db`` (itself, when it already is one)."""
    return db.full() if isinstance(db, LazyDatabase) else db


def prepare_writes() -> None:
    """Import sqlite-utils ahead of the first write (the app's warm-up, in a thread)."""
    _database_class()


def open_refusal(path: Path, exc: sqlite3.DatabaseError) -> WorkbenchError:
    """What to tell the user when SQLite refuses to open or read ``path``.

    A read-only folder is the usual cause of a "readonly" or "unable to open" error on
    a good file: WAL keeps ``-wal`` / ``-shm`` files beside the database, so the folder
    must be writable too. Only an error that is none of these means "not an SQLite file".
    """
    # SQLite's own verdict on the bytes: no database (a wrong header), or a damaged one
    # (a right header over pages it cannot read: truncated, overwritten).
    name = getattr(exc, "sqlite_errorname", "")
    if name == "SQLITE_NOTADB":
        return WorkbenchError("db.not_sqlite", path=str(path))
    if name.startswith("SQLITE_CORRUPT"):
        return WorkbenchError("db.damaged", path=str(path))
    key = sqlite_key(exc)
    text = str(exc).lower()
    if key == "db.readonly" or "unable to open" in text:
        if not os.access(path.parent, os.W_OK):
            return WorkbenchError("db.folder_readonly_db", folder=str(path.parent),
                                  path=str(path))
        return WorkbenchError("db.readonly", path=str(path))
    if key is not None:
        return WorkbenchError(key, path=str(path))
    return WorkbenchError("db.not_sqlite", path=str(path))


def connect_reader(path: Path) -> Database:
    """A connection on ``path`` that can only read (``PRAGMA query_only``).

    Screens load their data on these, in worker threads, beside the one writing
    connection: in WAL mode readers never wait for the writer, nor it for them. Lazy:
    a load only reads (``LazyDatabase``).
    """
    db = connect(path, lazy=True)
    db.conn.execute("PRAGMA query_only=ON")
    return db


def open_readonly(path: Path) -> Database:
    """Open ``path`` for reading only (``mode=ro``): never created, migrated or repaired.

    ``workbench check`` and ``restore``'s look at a backup use this; SQLite may still
    make the ``-shm`` index beside a WAL file, which holds no data.
    """
    Database = _database_class()
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True,
                           timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.execute("PRAGMA query_only=ON")
    return Database(conn, execute_plugins=False)


class ReadConnections:
    """Read-only connections on one file, lent one per load and kept for the next.

    ``snapshot()`` lends the calling thread an idle connection (a new one when all are
    in use) inside a read transaction, so a load that runs several queries sees one state
    of the file, never half of a write that committed in between; it comes back idle
    afterwards. Textual runs each thread worker on a new thread: a connection per thread
    would be a connection, and descriptors, per load until the app closes. ``close()``
    closes every idle connection at once and each lent one when it is given back
    (closing a connection another thread is reading on is not safe).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.Lock()
        self.idle: list[Database] = []
        self.closed = False

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[Database]:
        """A connection of its own for the ``with`` block, in a read transaction."""
        with self.lock:
            if self.closed:
                raise RuntimeError("the read connections are closed")
            db = self.idle.pop() if self.idle else None
        try:
            if db is None:
                db = connect_reader(self.path)
            db.conn.execute("BEGIN")
            try:
                yield db
            finally:
                db.conn.execute("ROLLBACK")
        except BaseException:
            if db is not None:  # in an unknown state: not lent again
                db.close()
                db = None
            raise
        finally:
            if db is not None:
                with self.lock:
                    if self.closed:
                        db.close()
                    else:
                        self.idle.append(db)

    def close(self) -> None:
        """Close the idle connections now, the lent ones as they come back."""
        with self.lock:
            self.closed = True
            for db in self.idle:
                db.close()
            self.idle = []


def write_error_key(exc: sqlite3.OperationalError) -> str:
    """The message key for a write SQLite refused: locked, disk full or read-only
    (the words are read in one place, ``failures.sqlite_key``)."""
    return sqlite_key(exc) or "db.readonly"


def backup_to(db: Database, target: Path) -> Path:
    """Copy the live database to ``target`` with the online backup API (never a file copy)."""
    create_private(target)
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    os.chmod(target, 0o600)
    return target


def _has_user_tables(db: Database) -> bool:
    return bool(db.table_names())


def open_file(path: str | os.PathLike[str] | None = None, *, lazy: bool = False) -> Database:
    """Open (creating if needed) the SQLite file at ``path``, without migrating it
    (``lazy``: as ``connect``).

    The default file's folder is made (owner-only) on first use, whoever opens it first:
    the app or a command. A folder the user named is never made: a typo stays an error.
    """
    default = default_db_path()
    target = (Path(path) if path else default).expanduser()
    if target == default:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    check_target(target)
    create_private(target)
    return connect(target, lazy=lazy)


def file_of(db: Database) -> Path:
    """The file SQLite opened for ``db``: absolute, the user folder expanded."""
    return Path(db.execute("PRAGMA database_list").fetchone()[2])


def migrate(db: Database, path: Path | None, sets: Sequence[Migrations],
            hooks: Sequence[Callable[[Database], None]] = ()) -> Path | None:
    """Apply pending migrations, then every hook; back the file up first when it holds data.

    ``sets`` are declared (``core.migrations``); sqlite-utils applies what each builds.
    Hooks re-assert schema guards (triggers): ``table.transform()`` silently drops
    triggers, so guards are re-created on every open rather than trusted to survive.
    A refused write becomes a translated ``WorkbenchError``; the caller closes ``db``.
    Returns the backup path, if one was made.
    """
    db = full_database(db)
    try:
        backup = None
        if pending_steps(db, sets) and _has_user_tables(db) and path is not None:
            when = datetime.now().strftime("%Y%m%d-%H%M%S")
            backup = backup_to(db, path.with_name(f"{path.stem}.pre-migrate-{when}{path.suffix}"))
        for migrations in sets:
            migrations.build().apply(db)
        for hook in hooks:
            hook(db)
    except sqlite3.OperationalError as exc:
        if any(word in str(exc) for word in ("locked", "busy", "full", "readonly")):
            raise WorkbenchError(write_error_key(exc), path=str(path)) from None
        raise
    except sqlite3.DatabaseError as exc:
        raise open_refusal(path or file_of(db), exc) from None
    return backup


def integrity_problems(db: Database) -> list[str]:
    """``PRAGMA integrity_check`` and foreign-key check; an empty list means all is well."""
    rows = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall()]
    problems = [] if rows == ["ok"] else rows
    problems += [f"foreign key: {r[0]} rowid {r[1]} -> {r[2]}"
                 for r in db.execute("PRAGMA foreign_key_check").fetchall()]
    return problems


def data_stamp(db: Database) -> tuple[int, int]:
    """Changes whenever the file's data may have: a commit here or by another connection.

    Screens compare stamps to skip rebuilding a view nobody changed (returning to the
    roster from a card should not redraw 200 rows).
    """
    other = db.execute("PRAGMA data_version").fetchone()[0]
    return other, db.conn.total_changes
