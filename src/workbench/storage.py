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
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.core import db as core_db

# Set names that older files record but that no longer run (see the module docstring).
RETIRED_SETS = ("workbench.plan",)

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations


def migration_sets() -> list[Migrations]:
    """Every capability's migration set, in dependency order (roster first)."""
    from workbench.assessment import schema as assessment_schema
    from workbench.plan import contacts, tasks
    from workbench.register import schema as register_schema
    from workbench.review import week as review
    from workbench.roster import schema as roster_schema

    declared = [roster_schema.migrations, register_schema.migrations, assessment_schema.migrations,
                review.migrations, tasks.migrations, contacts.migrations]
    return [m.build() for m in declared]


def guard_hooks() -> list[Callable[[Database], None]]:
    """Functions that re-assert schema guards (triggers) after every migration run."""
    from workbench.register import schema as register_schema

    return [register_schema.install_guards]


def pending_migrations(db: Database) -> list[str]:
    return core_db.pending(db, migration_sets())


def apply_migrations(db: Database, path: Path | None = None) -> Path | None:
    """Bring ``db`` up to date (a backup first when it holds data); the backup's path."""
    return core_db.migrate(db, path, migration_sets(), guard_hooks())


def open_db(path: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> Database:
    """Open (creating if needed) the workbench database at ``path`` and bring it up to date."""
    db = core_db.open_file(path)
    if migrate:
        try:
            apply_migrations(db, core_db.file_of(db))
        except BaseException:
            db.close()
            raise
    return db
