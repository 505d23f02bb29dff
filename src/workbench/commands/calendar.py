"""``workbench calendar --out FILE.ics``: the coming days as an iCalendar file."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from workbench.core.config import Config
from workbench.core.i18n import t


def run_calendar(db_path: Path | None, config: Config, today: date, out: Path, days: int,
                 force: bool = False) -> int:
    from workbench.core.db import named_or_default
    from workbench.reminders import ics
    from workbench.storage import open_db

    path = named_or_default(db_path)
    db = open_db(path)
    try:
        found = ics.entries(db, today, config, days)
    finally:
        db.close()
    written = ics.write_calendar(out, ics.render(found, config, datetime.now()), force=force)
    print(t("calendar.written", path=str(written), count=len(found), first=today.isoformat(),
            last=(today + timedelta(days=days - 1)).isoformat()))
    return 0
