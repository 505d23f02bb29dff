"""``workbench remind``: the digest on stdout (and as a desktop notification), or the
daily run installed into / removed from the machine's scheduler."""

from __future__ import annotations

import sys
from datetime import date, datetime, time
from pathlib import Path

from workbench.core.config import Config
from workbench.reminders import notify, schedule
from workbench.reminders.runner import Runner, run


def run_remind(db_path: Path | None, config: Config, today: date, at: str, *,
               notify_desktop: bool = False, quiet_if_empty: bool = False,
               runner: Runner = run, platform: str = sys.platform) -> int:
    """Print what is due today and overdue; exit 0 whether or not anything is."""
    from workbench.core.db import named_or_default
    from workbench.reminders.digest import build_digest, text
    from workbench.storage import open_db

    path = named_or_default(db_path)
    db = open_db(path)
    try:
        digest = build_digest(db, today, config, at)
    finally:
        db.close()
    if digest.empty and quiet_if_empty:
        return 0
    sys.stdout.write(text(digest))
    sys.stdout.flush()
    if notify_desktop:
        problem = notify.send(digest, runner, platform)
        if problem:
            print(problem, file=sys.stderr)
    return 0


def run_schedule(install: bool, at: time, workdays: bool, *, db: Path | None,
                 config: Path | None, lang: str | None, host: schedule.Host | None = None,
                 runner: Runner = run) -> int:
    """``--install`` / ``--uninstall``: print what was written where and what was run."""
    host = host or schedule.detect()
    if install:
        job = schedule.Job(schedule.remind_argv(at, db, config, lang), at, workdays)
        lines = schedule.install(host, job, runner, datetime.now().date())
    else:
        lines = schedule.uninstall(host, runner)
    print("\n".join(lines))
    return 0
