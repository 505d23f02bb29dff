"""``workbench targets import FILE``: the company's target sheet, all or nothing.

The reading is the roster's (``roster.sheets``), the cleaning and writing the targets'
(``targets.importer``), the run's shape ``commands.file_import``'s; this module prints
the one-line summary.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from workbench.commands.file_import import run_file_import
from workbench.core.i18n import t
from workbench.targets.importer import import_targets, match_columns


def run_targets_import(db_path: Path | None, path: Path, today: date) -> int:
    """0 when every row was written, 1 when rows had errors (nothing written)."""
    summary = run_file_import(
        db_path, path, today, check=_check_columns,
        write=lambda db, rows, now: import_targets(db, rows, now),
        failed_key="target.import.failed")
    if summary is None:
        return 1
    print(t("import.summary", added=summary.added, updated=summary.updated, unchanged=0,
            skipped=0))
    return 0


def _check_columns(rows: list[dict]) -> None:
    if rows:  # an empty sheet imports nothing (and says so), not "unknown columns"
        match_columns(list(rows[0].keys()))
