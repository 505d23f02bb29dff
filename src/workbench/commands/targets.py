"""``workbench targets import FILE``: the company's target sheet, all or nothing.

The reading is the roster's (``roster.sheets``), the cleaning and writing the targets'
(``targets.importer``); this module opens the database and prints the errors or the
one-line summary.
"""

from __future__ import annotations

import sqlite3
import sys
from datetime import date, datetime
from pathlib import Path

from workbench import storage
from workbench.core.db import write_error_key
from workbench.core.errors import WorkbenchError
from workbench.core.i18n import t
from workbench.roster.sheets import read_rows
from workbench.targets.importer import import_targets, match_columns

MAX_SHOWN_ERRORS = 20


def run_targets_import(db_path: Path | None, path: Path, today: date) -> int:
    """0 when every row was written, 1 when rows had errors (nothing written)."""
    rows = read_rows(path)  # before opening the database: a bad file creates nothing
    if rows:
        match_columns(list(rows[0].keys()))
    now = datetime.combine(today, datetime.now().time())
    db = storage.open_db(db_path)
    try:
        summary = import_targets(db, rows, now)
    except sqlite3.OperationalError as exc:  # rolled back by db.atomic(): nothing written
        raise WorkbenchError(write_error_key(exc), path=str(db_path or "")) from None
    finally:
        db.close()
    for error in summary.errors[:MAX_SHOWN_ERRORS]:
        print(str(error), file=sys.stderr)
    if len(summary.errors) > MAX_SHOWN_ERRORS:
        print(t("import.more_errors", count=len(summary.errors) - MAX_SHOWN_ERRORS),
              file=sys.stderr)
    if summary.errors:
        print(f"workbench: {t('target.import.failed', rows=summary.bad_rows)}",
              file=sys.stderr)
        return 1
    print(t("import.summary", added=summary.added, updated=summary.updated, unchanged=0,
            skipped=0))
    return 0
