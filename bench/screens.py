"""What the app shows first, per capability: the sentinel texts the pty harness waits for.

``first_paint``: a text the default screen draws before any data (a column header).
``first_data``: a text that only a filled-in first data row contains, computed from
the heavy database with the product's own query so it follows the data.
"""

from __future__ import annotations

from pathlib import Path

from .steps.context import TODAY


def sentinels(db_path: Path) -> tuple[str, str, str]:
    """(screen name, first-paint text, first-data text) for the app's default mode."""
    from workbench.app import WorkbenchApp
    from workbench.core.config import Config
    from workbench.storage import open_db

    config = Config()
    db = open_db(db_path)
    try:
        if WorkbenchApp.DEFAULT_MODE == "outlets":
            from workbench.roster import outlets

            rows = outlets.roster(db, TODAY, config.visits.cadence_days)
            # The status line is written with the first page of rows (a long code can
            # be cut while the table is still measuring its columns).
            return "roster", "Last visit", f"{len(rows)} outlets · page"
        if WorkbenchApp.DEFAULT_MODE == "plan":
            # The agenda shows "Opening the database…" first; its status line comes
            # with the agenda.
            return "plan", "Opening the database", "Must-dos done"
        raise SystemExit(f"bench: no sentinels for default mode {WorkbenchApp.DEFAULT_MODE!r}")
    finally:
        db.close()
