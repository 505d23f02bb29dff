"""``workbench customers import FILE`` and ``workbench customers export FILE``.

The reading, matching, cleaning and writing are the customers' (``customers.sheet``,
through the roster's importer rules), the import run's shape ``commands.file_import``'s;
this module prints the one-line summary and writes the export (masked unless
``--unmasked``).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from workbench import storage
from workbench.commands.file_import import run_file_import
from workbench.core.config import Config
from workbench.core.i18n import t
from workbench.customers import sheet


def run_import(db_path: Path | None, path: Path, config: Config, *, skip_invalid: bool,
               today: date) -> int:
    """0 when imported, 1 when rows had errors (nothing written unless ``skip_invalid``)."""
    summary = run_file_import(
        db_path, path, today, skip_invalid=skip_invalid, check=sheet.match_customer_headers,
        write=lambda db, rows, now: sheet.import_customers(
            db, rows, config, skip_invalid=skip_invalid, now=now.replace(microsecond=0)))
    if summary is None:
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
