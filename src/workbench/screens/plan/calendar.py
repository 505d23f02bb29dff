"""The plan's calendar key (C): the coming days written to an .ics file in a thread worker
(``reminders.ics`` on the app's read connection), then a notice naming the file.

The file is the one each export replaces (``ics.default_calendar_path``, beside the
weekly reports): its stable UIDs make importing it again an update, not a copy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workbench.core.i18n import t
from workbench.screens.common.failures import failure_line


def calendar_target(app: Any) -> Path:
    from workbench.core.db import default_db_path
    from workbench.reminders.ics import default_calendar_path

    db_path = Path(app.db_path) if app.db_path else default_db_path()
    return default_calendar_path(app.config, db_path)


def export_calendar(app: Any) -> None:
    """Start the export; its notice (or its one-line failure) arrives when it is done."""
    if app.db is None:
        return
    target = calendar_target(app)
    today, config = app.today, app.config

    def write() -> None:
        from datetime import datetime

        from workbench.reminders import ics

        try:
            with app.read_db() as db:
                found = ics.entries(db, today, config)
            data = ics.render(found, config, datetime.now())
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            ics.write_calendar(target, data)
        except Exception as error:  # noqa: BLE001 - said in one line, or the app's crash
            line = failure_line(app, error)
            if line is None:
                raise
            app.call_from_thread(app.notify, line, severity="error", timeout=10)
            return
        app.call_from_thread(app.notify, t("calendar.written_app", path=str(target),
                                           count=len(found)), timeout=10)

    app.run_worker(write, thread=True, group="calendar", exclusive=True,
                   name="calendar export")
