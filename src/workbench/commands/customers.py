"""``workbench customers import FILE`` and ``workbench customers export FILE``.

The reading, matching, cleaning and writing are the customers' (``customers.sheet``,
through the roster's importer rules); this module opens the database, prints each bad
row and the one-line summary, and writes the export (masked unless ``--unmasked``).
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

from workbench import storage
from workbench.commands.imports import report_errors
from workbench.core.config import Config
from workbench.core.db import write_error_key
from workbench.core.errors import WorkbenchError
from workbench.core.i18n import t
from workbench.customers import sheet
from workbench.roster.sheets import read_rows


def run_import(db_path: Path | None, path: Path, config: Config, *, skip_invalid: bool,
               today: date) -> int:
    """0 when imported, 1 when rows had errors (nothing written unless ``skip_invalid``)."""
    rows = read_rows(path)  # before opening the database: a bad file creates nothing
    sheet.match_customer_headers(rows)
    now = datetime.combine(today, datetime.now().time()).replace(microsecond=0)
    db = storage.open_db(db_path)
    try:
        summary = sheet.import_customers(db, rows, config, skip_invalid=skip_invalid, now=now)
    except sqlite3.OperationalError as exc:  # rolled back by db.atomic(): nothing written
        raise WorkbenchError(write_error_key(exc), path=str(db_path or "")) from None
    finally:
        db.close()
    if report_errors(summary, skip_invalid):
        return 1
    print(t("customers.import_done", added=summary.added, updated=summary.updated,
            skipped=summary.skipped))
    return 0


def run_export(db_path: Path | None, path: Path, *, unmasked: bool, force: bool) -> int:
    """Write every customer to ``path`` (.xlsx by its suffix, else CSV with a BOM)."""
    from workbench.review.reports import write_file

    db = storage.open_db(db_path)
    try:
        rows = sheet.export_rows(db, unmasked=unmasked)
    finally:
        db.close()
    fmt = "xlsx" if path.suffix.lower() == ".xlsx" else "csv"
    written = write_file(path, sheet.render(rows, fmt), force=force)
    print(t("customers.exported", count=len(rows) - 1, path=str(written)))
    if not unmasked:
        print(t("customers.exported_masked"))
    return 0
