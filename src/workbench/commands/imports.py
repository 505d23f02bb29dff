"""``workbench import outlets|staff FILE``: read, validate, write, and report on the terminal.

The reading, matching and writing are the roster's (``roster.sheets``, ``roster.headers``,
``roster.importer``), the run's shape ``commands.file_import``'s; this module adds the
progress on large files and the one-line summary.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

from workbench.commands.file_import import run_file_import
from workbench.core.config import Config
from workbench.core.i18n import t
from workbench.roster.headers import match_headers
from workbench.roster.importer import import_rows

# Files with at least this many rows show progress even when stderr is not a terminal.
LARGE_FILE_ROWS = 10_000


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
    summary = run_file_import(
        db_path, path, today, skip_invalid=skip_invalid,
        check=lambda rows: match_headers(kind, list(rows[0].keys())),
        write=lambda db, rows, now: import_rows(db, kind, rows, config,
                                                skip_invalid=skip_invalid, now=now,
                                                progress=_progress_printer(len(rows))))
    if summary is None:
        return 1
    print(t("import.summary", added=summary.added, updated=summary.updated,
            unchanged=summary.unchanged, skipped=summary.skipped))
    return 0
