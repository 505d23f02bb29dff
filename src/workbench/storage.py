"""The whole schema: every capability's migration set and guards, and ``open_db``.

This is the one module that knows every table's owner, so it sits above all
capabilities (``core.db`` below them knows none). Sets run in the order their tables
depend on each other: the roster's outlets and staff first, the register's lines
next, and so on up the layers. The set names (``workbench.outlets``, ...) are stored in
each file's ``_sqlite_migrations`` table, so they never change, even when a module moves.

Retired: ``workbench.plan`` (files before 2026-11-29) created ``visits_open`` a second
time and ``staff_birthday_md`` on the roster's table; both now belong to the roster's
set alone (``m002``, ``m003``, written with IF NOT EXISTS so old files are untouched).
Its rows in ``_sqlite_migrations`` stay; sqlite-utils ignores names it is not given.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.core import db as core_db
from workbench.core.errors import WorkbenchError
from workbench.core.i18n import t
from workbench.core.migrations import pending_steps

# Set names that older files record but that no longer run (see the module docstring).
RETIRED_SETS = ("workbench.plan",)
# ``PRAGMA user_version`` of the files this release writes (it never sets one); a file
# with a higher one comes from a newer release.
USER_VERSION = 0
# The step that builds the ledger over an existing file's rows: its witness starts there.
LEDGER_STEP = "m004_ledger"

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    from workbench.register.proof import Proof


def declared_migrations() -> list:
    """Every capability's migration set as declared (``core.migrations``: no sqlite-utils),
    in dependency order; ``migration_sets`` builds them to apply."""
    from workbench.assessment import schema as assessment_schema
    from workbench.customers import schema as customers_schema
    from workbench.fieldwork import schema as fieldwork_schema
    from workbench.plan import contacts, tasks
    from workbench.register import schema as register_schema
    from workbench.review import week as review
    from workbench.roster import schema as roster_schema
    from workbench.targets import schema as targets_schema

    # The customers last: their tables refer to the roster's, the policies and the
    # plan's contacts.
    return [roster_schema.migrations, register_schema.migrations,
            assessment_schema.migrations, review.migrations, tasks.migrations,
            contacts.migrations, fieldwork_schema.migrations, targets_schema.migrations,
            customers_schema.migrations]


def migration_sets() -> list[Migrations]:
    """Every capability's migration set built for sqlite-utils, in dependency order
    (roster first): what the tests inspect; ``core.db.migrate`` builds its own."""
    return [m.build() for m in declared_migrations()]


def guard_hooks() -> list[Callable[[Database], None]]:
    """Functions that re-assert schema guards (triggers) after every migration run."""
    from workbench.register import schema as register_schema

    return [register_schema.install_guards]


def pending_migrations(db: Database) -> list[str]:
    """The migration steps ``db`` has not run (read without importing sqlite-utils)."""
    return pending_steps(db, declared_migrations())


def newer_than_this(db: Database) -> str | None:
    """Why the file comes from a newer release (None if it does not): a ``user_version``
    above ours, or migration steps this release does not know."""
    parts = []
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > USER_VERSION:
        parts.append(t("check.newer_version", value=version))
    if "_sqlite_migrations" in db.table_names():
        steps = {m.name: {step for step, _, _ in m.steps} for m in declared_migrations()}
        # A step of a set this release does not run, or a step its set does not declare.
        unknown = [f"{name}/{step}" for name, step in db.execute(
            "SELECT migration_set, name FROM _sqlite_migrations ORDER BY rowid")
            if name not in RETIRED_SETS and step not in steps.get(name, ())]
        if unknown:
            parts.append(t("check.newer_steps", names=", ".join(unknown[:5])))
    return "; ".join(parts) or None


def missing_guards(db: Database) -> list[str]:
    """Guard and keeping triggers the file should have and lacks."""
    from workbench.register import schema as register_schema

    return register_schema.missing_triggers(db)


def refuse_unsafe(db: Database, path: Path) -> None:
    """Refuse to write to a file from a newer release, or one whose guards were dropped
    (not by an upgrade about to re-create them): ``WorkbenchError``, nothing written."""
    detail = newer_than_this(db)
    if detail:
        raise WorkbenchError("db.newer", path=str(path), detail=detail)
    missing = missing_guards(db)
    if missing and not pending_migrations(db):
        raise WorkbenchError("db.guards_missing", path=str(path), names=", ".join(missing))


def apply_migrations(db: Database, path: Path | None = None) -> Path | None:
    """Bring ``db`` up to date (a backup first when it holds data); the backup's path.

    The upgrade that builds the ledger over existing rows starts its witness too.
    """
    from workbench.register import witness

    builds_ledger = LEDGER_STEP in pending_migrations(db)
    backup = core_db.migrate(db, path, declared_migrations(), guard_hooks())
    if builds_ledger:
        witness.start(db)
    return backup


def open_db(path: str | os.PathLike[str] | None = None, *, migrate: bool = True,
            lazy: bool = False) -> Database:
    """Open (creating if needed) the workbench database at ``path`` and bring it up to date.

    A file from a newer release, or with its guards dropped, is refused (``refuse_unsafe``).
    ``lazy`` (the app): a ``core.db.LazyDatabase``; a file already up to date is then
    opened without importing sqlite-utils (its guards are all there: ``refuse_unsafe``
    checked, so re-asserting them would change nothing).
    """
    db = core_db.open_file(path, lazy=lazy)
    if migrate:
        try:
            where = core_db.file_of(db)
            try:
                refuse_unsafe(db, where)
                up_to_date = lazy and not pending_migrations(db)
            except sqlite3.DatabaseError:
                raise WorkbenchError("db.damaged", path=str(where)) from None
            if not up_to_date:
                apply_migrations(db, where)
        except BaseException:
            db.close()
            raise
    return db


def repair(path: Path) -> None:
    """Re-create the guards (and upgrade) on an existing file: ``workbench repair``, after
    the user saw what it does. Records are never changed."""
    db = core_db.open_file(path)
    try:
        detail = newer_than_this(db)
        if detail:
            raise WorkbenchError("db.newer", path=str(path), detail=detail)
        apply_migrations(db, path)
        from workbench.register import witness

        witness.start(db)
    finally:
        db.close()


@dataclass
class Inspection:
    """What ``workbench check`` found, read-only: file problems, then the proof."""

    problems: list[str] = field(default_factory=list)  # translated, each a failure
    notes: list[str] = field(default_factory=list)  # translated, not failures
    proof: Proof | None = None

    @property
    def sound(self) -> bool:
        return not self.problems and not (self.proof and self.proof.broken)


def unreadable(path: Path, exc: sqlite3.Error) -> str:
    """Why ``check`` could not read ``path``: a read-only folder is named as such (a WAL
    file needs its folder writable even to be read), a file that is no database as such,
    anything else as damage."""
    refusal = core_db.open_refusal(path, exc) if isinstance(exc, sqlite3.DatabaseError) else None
    if refusal is not None and refusal.key.startswith(("db.folder_readonly", "db.readonly",
                                                      "db.not_sqlite")):
        return str(refusal)
    return t("check.unreadable", path=str(path), detail=str(exc))


def inspect(path: Path, witness_path: Path | None = None) -> Inspection:
    """Check the file at ``path`` without writing to it (``mode=ro``) or creating anything.

    Empty or truncated files, other SQLite files, newer releases, dropped guards, a broken
    chain, a witness that disagrees: each is one translated line in ``problems``.
    """
    from workbench.register import proof as register_proof

    found = Inspection()
    if path.stat().st_size == 0:
        found.problems.append(t("check.empty_file", path=str(path)))
        return found
    if not os.access(path, os.R_OK):
        found.problems.append(t("db.unreadable", path=str(path)))
        return found
    try:
        db = core_db.open_readonly(path)
    except sqlite3.Error as exc:
        found.problems.append(unreadable(path, exc))
        return found
    try:
        found.problems += core_db.integrity_problems(db)
        if found.problems:
            return found
        if "outlets" not in db.table_names():
            found.problems.append(t("check.not_workbench", path=str(path)))
            return found
        detail = newer_than_this(db)
        if detail:
            found.problems.append(t("check.newer", path=str(path), detail=detail))
            return found
        older = pending_migrations(db)
        if older:
            found.notes.append(t("check.older", names=", ".join(older)))
        missing = missing_guards(db)
        if missing:
            found.problems.append(t("check.guards_missing", names=", ".join(missing)))
        found.proof = register_proof.prove(db, witness_path)
    except sqlite3.DatabaseError as exc:
        found.problems.append(unreadable(path, exc))
    finally:
        db.close()
    return found


@dataclass
class Opened:
    """The app's file: the connection, and what the user must be told about it.

    ``writable`` is False when writing is unsafe (a newer release's file, dropped
    guards, a broken chain, a cut tail, a read-only file): ``db`` then only reads, and
    every write is refused by SQLite with nothing changed.
    """

    db: Database
    writable: bool = True
    warnings: list[str] = field(default_factory=list)  # translated, most serious first


# Refusals of ``open_db`` after which the file can still be read, read-only. A damaged
# file is not one: the screens could not read it either (the app stops with the line).
_READABLE_REFUSALS = ("db.newer", "db.guards_missing", "db.readonly", "db.folder_readonly")


def open_checked(path: Path) -> Opened:
    """Open the app's file with a quick look at its proof (``prove_quick``: the links since
    the last witnessed head, not a re-hash of the register); the start-up worker runs it.

    A file that cannot be written safely is opened read-only instead of refused, so the
    user can still see their data, with the reason in ``warnings``.
    """
    from workbench.register import proof as register_proof

    opened: Opened | None = None
    if path.exists() and not os.access(path, os.W_OK):
        reason = t("db.readonly", path=str(path))
        opened = Opened(core_db.open_readonly(path), False, [reason])
    else:
        try:
            opened = Opened(open_db(path, lazy=True))
        except WorkbenchError as exc:
            if exc.key not in _READABLE_REFUSALS:
                raise
            try:
                opened = Opened(core_db.open_readonly(path), False, [str(exc)])
            except sqlite3.Error:
                raise exc from None
    try:
        found = register_proof.prove_quick(opened.db)
    except sqlite3.DatabaseError:
        opened.db.close()
        raise WorkbenchError("db.damaged", path=str(path)) from None
    if found.broken:
        opened.writable = False
        opened.db.conn.execute("PRAGMA query_only=ON")
    opened.warnings += found.lines()
    return opened
