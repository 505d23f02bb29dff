"""``workbench import outlets|staff FILE``: read, validate, write, and report on the terminal.

The reading, matching and writing are the roster's (``roster.sheets``, ``roster.headers``,
``roster.importer``); this module only opens the database and prints progress, errors
and the one-line summary.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from workbench import storage
from workbench.core.config import Config
from workbench.core.db import write_error_key
from workbench.core.errors import WorkbenchError
from workbench.core.i18n import t
from workbench.roster.headers import match_headers
from workbench.roster.importer import ImportSummary, import_rows
from workbench.roster.sheets import read_rows

# Files with at least this many rows show progress even when stderr is not a terminal.
LARGE_FILE_ROWS = 10_000
MAX_SHOWN_ERRORS = 20

def _progress_printer(total: int) -> Callable[[int, int], None] | None:
    try:
        tty = sys.stderr.isatty()
    except (AttributeError, ValueError):
        tty = False
    if not tty and total < LARGE_FILE_ROWS:
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        print(f"\r{done}/{total}", end=end, file=sys.stderr, flush=True)

    return show


def run_import(db_path: Path | None, kind: str, path: Path, config: Config, *,
               skip_invalid: bool, today: date) -> int:
    """``workbench import outlets|staff FILE``: 0 when imported, 1 when rows had errors."""

    rows = read_rows(path)  # before opening the database: a bad file creates nothing
    match_headers(kind, list(rows[0].keys()))
    now = datetime.combine(today, datetime.now().time())
    db = storage.open_db(db_path)
    try:
        summary = import_rows(db, kind, rows, config, skip_invalid=skip_invalid, now=now,
                              progress=_progress_printer(len(rows)))
    except sqlite3.OperationalError as exc:  # rolled back by db.atomic(): nothing written
        raise WorkbenchError(write_error_key(exc), path=str(db_path or "")) from None
    finally:
        db.close()
    if report_errors(summary, skip_invalid):
        return 1
    print(t("import.summary", added=summary.added, updated=summary.updated,
            unchanged=summary.unchanged, skipped=summary.skipped))
    return 0


def report_errors(summary: ImportSummary, skip_invalid: bool) -> bool:
    """Print each bad cell (the first ``MAX_SHOWN_ERRORS``) and, when the rows' errors
    kept the whole file out, why; True then (the command's exit code is 1)."""
    for error in summary.errors[:MAX_SHOWN_ERRORS]:
        print(str(error), file=sys.stderr)
    if len(summary.errors) > MAX_SHOWN_ERRORS:
        print(t("import.more_errors", count=len(summary.errors) - MAX_SHOWN_ERRORS),
              file=sys.stderr)
    if summary.errors and not skip_invalid:
        print(f"workbench: {t('import.failed', rows=summary.bad_rows)}", file=sys.stderr)
        return True
    return False
