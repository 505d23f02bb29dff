"""The one shape of a ``workbench … import FILE`` run (outlets and staff, customers,
targets): read the file and check its columns before the database is opened (a bad
file creates nothing), write its rows in one transaction, close, then print each bad
cell and, when the rows' errors kept the file out, why.

Each command brings what is its own: the column check, the write, the summary line.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench import storage
from workbench.core.clock import working_now
from workbench.core.db import write_error_key
from workbench.core.errors import WorkbenchError
from workbench.core.i18n import t
from workbench.roster.importer import ImportSummary, error_lines
from workbench.roster.sheets import read_rows

if TYPE_CHECKING:
    from sqlite_utils import Database

Rows = list[dict[str, Any]]


def run_file_import(db_path: Path | None, path: Path, today: date, *,
                    check: Callable[[Rows], None],
                    write: Callable[[Database, Rows, datetime], ImportSummary],
                    skip_invalid: bool = False,
                    failed_key: str = "import.failed") -> ImportSummary | None:
    """Import ``path``: its summary, or None when its rows' errors kept it out (the
    command's exit code is 1; ``failed_key`` says why). ``check`` refuses unknown
    columns before the database is touched; ``write`` writes in one transaction at ``now``
    (``today`` at the clock's time)."""
    rows = read_rows(path)  # before opening the database: a bad file creates nothing
    check(rows)
    now = working_now(today, datetime.now())
    db = storage.open_db(db_path)
    try:
        summary = write(db, rows, now)
    except sqlite3.OperationalError as exc:  # rolled back by db.atomic(): nothing written
        raise WorkbenchError(write_error_key(exc), path=str(db_path or "")) from None
    finally:
        db.close()
    if report_errors(summary, skip_invalid, failed_key):
        return None
    return summary


def report_errors(summary: ImportSummary, skip_invalid: bool,
                  failed_key: str = "import.failed") -> bool:
    """Print each bad cell (``importer.error_lines``: the app shows the same) and, when
    the rows' errors kept the whole file out, why; True then (the exit code is 1)."""
    for line in error_lines(summary):
        print(line, file=sys.stderr)
    if summary.errors and not skip_invalid:
        print(f"workbench: {t(failed_key, rows=summary.bad_rows)}", file=sys.stderr)
        return True
    return False
