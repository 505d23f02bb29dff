"""The parsers of the commands that tell the manager something or write what is sent on:
``report``, ``export`` (a register book, a hand-over sheet), ``today`` (the plan as
text), ``remind`` (what is due, or the daily run installed) and ``calendar`` (the
coming days as an .ics file)."""

from __future__ import annotations

from workbench.cli_parsers.base import Commands, add_common


def add_report(sub: Commands) -> None:
    """``report``."""
    report = sub.add_parser("report", help="write a report (the weekly, monthly or "
                                           "quarterly review)")
    report.add_argument("what", choices=("week", "month", "quarter"))
    report.add_argument("--week", metavar="YYYY-Www", help="e.g. 2026-W48 (default: this week)")
    report.add_argument("--format", choices=("md", "csv", "xlsx"), default="md")
    report.add_argument("--out", metavar="FILE",
                        help="write to FILE (default: the reports folder; - : the terminal)")
    report.add_argument("--force", action="store_true", help="replace an existing FILE")
    report.add_argument("--unmasked", action="store_true",
                        help="show customer names and phones in full")
    report.add_argument("--period", metavar="2026-11|2026-Q4",
                        help="the month or quarter (default: the current one)")
    report.add_argument("--with-self", action="store_true",
                        help="include mood and habits (default: [review] share_self)")
    add_common(report, suppress=True)


def add_exports(sub: Commands) -> None:
    """``export``, ``today``, ``remind``, ``calendar`` (listed after ``restore``)."""
    export = sub.add_parser("export", help="export an outlet's register book or a hand-over sheet")
    export.add_argument("what", choices=("register", "handover"))
    export.add_argument("--outlet", metavar="CODE", help="outlet code (register)")
    export.add_argument("--id", dest="handover_id", metavar="N",
                        help="hand-over number (handover)")
    export.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="first day")
    export.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="last day")
    export.add_argument("--format", choices=("csv", "md"), default="md")
    export.add_argument("--unmasked", action="store_true", help="show customers' names")
    export.add_argument("--out", metavar="FILE", help="write to FILE instead of the screen")
    export.add_argument("--force", action="store_true", help="replace an existing FILE")
    add_common(export, suppress=True)
    today_cmd = sub.add_parser("today", help="print today's plan as plain text")
    add_common(today_cmd, suppress=True)
    today_cmd.add_argument("--all", action="store_true",
                           help="every row of every section, not the first few")
    remind = sub.add_parser("remind", help="what is due today and overdue, most urgent "
                                           "first (or install a daily reminder)")
    remind.add_argument("--at", choices=("now", "morning", "evening"), default="now",
                        help="evening: what is still open, and what is due tomorrow")
    remind.add_argument("--notify", action="store_true", help="also as a desktop notification")
    remind.add_argument("--quiet-if-empty", action="store_true",
                        help="print nothing when nothing is due")
    schedule = remind.add_mutually_exclusive_group()
    schedule.add_argument("--install", action="store_true",
                          help="run it every day (systemd timer, crontab, launchd, schtasks)")
    schedule.add_argument("--uninstall", action="store_true", help="remove the daily run")
    remind.add_argument("--time", metavar="HH:MM", help="with --install (default 08:30)")
    remind.add_argument("--workdays", action="store_true",
                        help="with --install: Monday to Friday only")
    add_common(remind, suppress=True)
    calendar = sub.add_parser("calendar", help="write the coming days as an .ics calendar file")
    calendar.add_argument("--out", metavar="FILE", required=True, help="e.g. week.ics")
    calendar.add_argument("--days", metavar="N", default="30", help="days from today (1-366)")
    calendar.add_argument("--force", action="store_true",
                          help="replace an existing FILE that is not an earlier export")
    add_common(calendar, suppress=True)
