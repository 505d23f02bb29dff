"""The ``workbench`` command: open the app, or run one task (demo, import, check).

Every failure is one translated line on stderr and a non-zero exit code, never a
traceback: 2 for bad usage or config (an option out of range included), 1 for everything
else; an unexpected error also goes to the crash log (``core.crashlog``), masked.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

from workbench.core import config as config_mod
from workbench.core import validate as v
from workbench.core.errors import ValidationError, WorkbenchError
from workbench.core.i18n import set_language, t

T = TypeVar("T")


class UsageError(WorkbenchError):
    """Bad arguments; exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would exit with its own text
        raise UsageError("cli.usage", detail=message, prog=self.prog)


def _common(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--db", metavar="PATH", default=default, help="database file")
    parser.add_argument("--config", metavar="PATH", default=default, help="config file")
    parser.add_argument("--lang", choices=("zh", "en"), default=default, help="language")
    parser.add_argument("--today", metavar="YYYY-MM-DD", default=default,
                        help="work as if today were this date (back-fill)")


def _port(text: str) -> int:
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"--port {text}: 1..65535")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="workbench", description="Workbench 银保客户经理工作台")
    _common(parser, suppress=False)
    parser.add_argument("--demo", action="store_true", help="open the app on demo data")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    demo = sub.add_parser("demo", help="write the demo database to PATH")
    demo.add_argument("path", metavar="PATH")
    _common(demo, suppress=True)
    imp = sub.add_parser("import", help="import outlets or staff from CSV or .xlsx")
    imp.add_argument("kind", choices=("outlets", "staff"))
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--skip-invalid", action="store_true",
                     help="import the valid rows and skip the invalid ones")
    _common(imp, suppress=True)
    check = sub.add_parser("check", help="verify the database file (read-only)")
    _common(check, suppress=True)
    repair = sub.add_parser("repair", help="re-create the file's guards, after showing what")
    repair.add_argument("--yes", action="store_true", help="do it without asking")
    _common(repair, suppress=True)
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
    _common(report, suppress=True)
    backup = sub.add_parser("backup", help="copy the database now (to PATH or the backup folder)")
    backup.add_argument("path", metavar="PATH", nargs="?")
    _common(backup, suppress=True)
    restore = sub.add_parser("restore", help="replace the database with a backup FILE that "
                                             "passes the full check (the current file kept)")
    restore.add_argument("file", metavar="FILE", nargs="?")
    restore.add_argument("--list", action="store_true", help="list the backups and their heads")
    _common(restore, suppress=True)
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
    _common(export, suppress=True)
    today_cmd = sub.add_parser("today", help="print today's plan as plain text")
    _common(today_cmd, suppress=True)
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
    _common(remind, suppress=True)
    calendar = sub.add_parser("calendar", help="write the coming days as an .ics calendar file")
    calendar.add_argument("--out", metavar="FILE", required=True, help="e.g. week.ics")
    calendar.add_argument("--days", metavar="N", default="30", help="days from today (1-366)")
    calendar.add_argument("--force", action="store_true",
                          help="replace an existing FILE that is not an earlier export")
    _common(calendar, suppress=True)
    # The team roll-up (#16): the manager's key and bundle, the channel manager's team.
    key_cmd = sub.add_parser("key", help="print your public key's fingerprint (made on first use)")
    _common(key_cmd, suppress=True)
    bundle_cmd = sub.add_parser("bundle", help="write a signed, masked bundle of a week "
                                               "for your channel manager")
    bundle_cmd.add_argument("--week", metavar="YYYY-Www", help="e.g. 2026-W48 (default: this week)")
    bundle_cmd.add_argument("--out", metavar="FILE", help="write to FILE")
    bundle_cmd.add_argument("--force", action="store_true", help="replace an existing FILE")
    _common(bundle_cmd, suppress=True)
    team = sub.add_parser("team", help="the channel manager's team database and dashboard")
    team_sub = team.add_subparsers(dest="team_command", parser_class=_Parser, required=True,
                                   metavar="add-manager|merge|list|password|serve")
    add_manager = team_sub.add_parser("add-manager", help="register a manager's public key")
    add_manager.add_argument("name", metavar="NAME")
    add_manager.add_argument("pubkey", metavar="PUBKEY")
    merge = team_sub.add_parser("merge", help="verify bundles and merge them")
    merge.add_argument("bundles", metavar="BUNDLE", nargs="+")
    listed = team_sub.add_parser("list", help="the registered managers and their last week")
    password = team_sub.add_parser("password", help="set the dashboard's login password")
    serve = team_sub.add_parser("serve", help="serve the dashboard (Datasette) on this machine")
    serve.add_argument("--port", type=_port, default=8001, help="port (default 8001)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1: this machine only)")
    for team_parser in (add_manager, merge, listed, password, serve):
        team_parser.add_argument("--team", metavar="PATH", help="team database file")
        _common(team_parser, suppress=True)
    # workbench serve: the app in a browser (a tablet or phone at the counter).
    serve = sub.add_parser("serve", help="serve the app to a browser (one-time link, "
                                         "127.0.0.1 unless --host; TLS for other hosts)")
    serve.add_argument("--host", metavar="ADDRESS", help="address to listen on "
                       "(default 127.0.0.1; another needs --tls-cert/--tls-key or --insecure)")
    serve.add_argument("--port", metavar="N", default="8000", help="port (default 8000)")
    serve.add_argument("--tls-cert", metavar="FILE", help="TLS certificate (PEM)")
    serve.add_argument("--tls-key", metavar="FILE", help="TLS private key (PEM)")
    serve.add_argument("--insecure", action="store_true",
                       help="allow plain HTTP on a non-local address (not recommended)")
    serve.add_argument("--demo", action="store_true", default=argparse.SUPPRESS,
                       help="serve a fresh demo database")
    _common(serve, suppress=True)
    # workbench targets import FILE: the company's per-outlet tasks (commands/targets.py).
    targets_cmd = sub.add_parser("targets", help="import the company's outlet targets "
                                                 "(CSV or .xlsx: code, period, starts, premium)")
    targets_cmd.add_argument("what", choices=("import",))
    targets_cmd.add_argument("file", metavar="FILE")
    _common(targets_cmd, suppress=True)
    # Each served tab opens the demo serve built, without the daily backup of a real file.
    parser.add_argument("--no-backup", action="store_true", help=argparse.SUPPRESS)
    # Customers (#19): import a list from CSV/.xlsx, export it (masked unless --unmasked).
    customers = sub.add_parser("customers", help="import or export customers (CSV or .xlsx)")
    customers.add_argument("action", choices=("import", "export"))
    customers.add_argument("file", metavar="FILE")
    customers.add_argument("--skip-invalid", action="store_true",
                           help="import: the valid rows, skipping the invalid ones")
    customers.add_argument("--unmasked", action="store_true",
                           help="export: names and phones in full")
    customers.add_argument("--force", action="store_true", help="export: replace FILE")
    _common(customers, suppress=True)
    return parser


def _option(option: str, check: Callable[[], T]) -> T:
    """``check()`` — a validator of ``core.validate`` — with its error as a usage error
    naming ``option`` (exit code 2): the command line takes the same ranges as the forms."""
    try:
        return check()
    except ValidationError as error:
        raise UsageError("cli.bad_option", option=option, detail=t(error.key, **error.params)
                         ) from None


def _today(value: str | None) -> date:
    if not value:
        return date.today()
    return _option("--today", lambda: v.iso_date("today", value, required=True))


def _db_path(args: argparse.Namespace, config: config_mod.Config) -> Path | None:
    if args.db:
        return Path(args.db).expanduser()
    if config.database.path:
        return Path(config.database.path).expanduser()
    return None


def demo_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("workbench")) / "demo.db"


def write_demo(path: Path, config: config_mod.Config, today: date) -> None:
    """Create a fresh demo database at ``path`` (refusing to touch an existing file)."""
    from workbench.demo import build as demo
    from workbench.storage import open_db

    if path.exists():
        raise WorkbenchError("cli.demo_exists", path=str(path))
    # Built for the real today, the demo's today stops at the clock.
    now = datetime.now() if today == date.today() else None
    db = open_db(path)
    try:
        demo.populate(db, config, today, now=now)
    finally:
        db.close()


def _fresh_demo(config: config_mod.Config, today: date) -> Path:
    """The --demo database: rebuilt each launch so it always matches ``today``."""
    path = demo_db_path()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    write_demo(path, config, today)
    return path


def _report(args: argparse.Namespace, config: config_mod.Config, today: date) -> int:
    from workbench.core.db import default_db_path
    from workbench.review import reports
    from workbench.review import week as review
    from workbench.storage import open_db

    first = config.review.first_weekday
    week = (_option("--week", lambda: review.parse_week(args.week, first)) if args.week
            else review.week_of(today, first))
    if args.what != "week":
        from workbench.review.periods import parse_span, span_of

        week = (_option("--period", lambda: parse_span(args.period, args.what)) if args.period
                else span_of(today, args.what))
    if args.format == "xlsx" and args.out == "-":
        raise UsageError("report.xlsx_needs_out")
    path = _db_path(args, config) or default_db_path()
    if not path.exists():
        raise WorkbenchError("db.missing", path=str(path))
    db = open_db(path)
    try:
        data = reports.build(db, week, config, args.format, masked=not args.unmasked,
                             today=today, full_proof=True, kind=args.what,
                             include_self=True if args.with_self else None)
    finally:
        db.close()
    if args.out == "-":
        sys.stdout.write(data.decode("utf-8-sig"))
        return 0
    # Without --out, the file the app's m/v/l writes: a report is a file to send on.
    target = (Path(args.out) if args.out else reports.default_path(
        config.review.reports_folder, path, week.label, args.format, args.what))
    if not args.out:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    written = reports.write_file(target, data, force=args.force)
    print(t("report.exported", path=str(written)))
    return 0


def _backup_or_restore(args: argparse.Namespace, config: config_mod.Config) -> int:
    from workbench.core import backup
    from workbench.core.db import default_db_path
    from workbench.register import witness
    from workbench.storage import open_db

    path = _db_path(args, config) or default_db_path()
    if args.command == "restore":
        # Not through open_db: the current file may be the damaged one being replaced.
        from workbench.commands.restore import list_backups, run_restore

        if args.list:
            return list_backups(path, config.backup.folder)
        if not args.file:
            raise UsageError("restore.needs_file")
        return run_restore(path, Path(args.file).expanduser(), config.backup.folder)
    if not path.exists():
        raise WorkbenchError("db.missing", path=str(path))
    db = open_db(path)
    try:
        target = Path(args.path).expanduser() if args.path else None
        # A sidecar beside copies in the backup folder; a PATH you name is that file alone.
        made = backup.backup_now(db, path, target, config.backup.folder,
                                 head="" if target else witness.head_line(db))
        print(t("backup.done", path=str(made)))
    finally:
        db.close()
    return 0


def _cli_date(value: str | None, option: str) -> date | None:
    return _option(option, lambda: v.iso_date(option, value)) if value else None


def _export(args: argparse.Namespace, config: config_mod.Config) -> int:
    from workbench.core.db import default_db_path
    from workbench.register.book import export_register
    from workbench.storage import open_db

    date_from = _cli_date(args.date_from, "--from")
    date_to = _cli_date(args.date_to, "--to")
    path = _db_path(args, config) or default_db_path()
    if not path.exists():
        raise WorkbenchError("db.missing", path=str(path))
    if args.what == "register" and not args.outlet:
        raise UsageError("cli.usage", detail="--outlet CODE is required", prog="workbench export")
    if args.what == "handover" and args.handover_id is None:
        raise UsageError("cli.usage", detail="--id N is required", prog="workbench export")
    handover_id = (_option("--id", lambda: v.record_id("handover", args.handover_id))
                   if args.what == "handover" else None)
    db = open_db(path)
    try:
        if args.what == "register":
            text = export_register(db, args.outlet, args.format, date_from=date_from,
                                   date_to=date_to, unmasked=args.unmasked)
        else:
            from workbench.register.applications import handover_sheet

            text = handover_sheet(db, handover_id, args.format, unmasked=args.unmasked)
    finally:
        db.close()
    if args.out:
        from workbench.review.reports import write_file

        # Whole or not at all, owner-only, and never over an existing file without --force.
        written = write_file(Path(args.out), text.encode("utf-8"), force=args.force)
        print(t("export.written", path=str(written)))
    else:
        sys.stdout.write(text)
    return 0


def _print_today(args: argparse.Namespace, config: config_mod.Config, today: date) -> int:
    """``workbench today``: the plan the app opens on, as plain text on stdout."""
    from workbench.core.db import default_db_path
    from workbench.plan.agenda import build_agenda
    from workbench.plan.view import plain_text
    from workbench.storage import open_db

    path = _db_path(args, config) or default_db_path()
    if not path.exists():
        raise WorkbenchError("cli.today_no_db", path=str(path))
    db = open_db(path)
    try:
        text = plain_text(build_agenda(db, today, config, -1 if args.all else None),
                          whole=args.all)
    finally:
        db.close()
    sys.stdout.write(text)
    return 0


def _remind_or_calendar(args: argparse.Namespace, config: config_mod.Config,
                        today: date) -> int:
    """``workbench remind`` and ``workbench calendar``: options checked here (exit 2)."""
    if args.command == "calendar":
        from workbench.commands.calendar import run_calendar

        days = _option("--days", lambda: v.integer("days", args.days, required=True,
                                                   minimum=1, maximum=v.MAX_DAYS))
        return run_calendar(_db_path(args, config), config, today, Path(args.out), days,
                            force=args.force)
    from workbench.commands import remind

    if (args.time is not None or args.workdays) and not args.install:
        raise UsageError("remind.install_only")
    if args.install or args.uninstall:
        at = _option("--time", lambda: v.time_on("time", args.time or "08:30", today)).time()
        explicit = args.config or os.environ.get("WORKBENCH_CONFIG")
        return remind.run_schedule(args.install, at, args.workdays,
                                   db=Path(args.db) if args.db else None,
                                   config=Path(explicit) if explicit else None,
                                   lang=args.lang)
    return remind.run_remind(_db_path(args, config), config, today, args.at,
                             notify_desktop=args.notify, quiet_if_empty=args.quiet_if_empty)


def _team(args: argparse.Namespace, config: config_mod.Config, today: date) -> int:
    from workbench.commands import team
    from workbench.review import week as review

    first = config.review.first_weekday
    week = (_option("--week", lambda: review.parse_week(args.week, first))
            if getattr(args, "week", None) else review.week_of(today, first))
    return team.dispatch(args, config, today, week)


def _serve(args: argparse.Namespace, config: config_mod.Config, today: date) -> int:
    """``workbench serve``: the same database, config, language and day as the app."""
    from workbench.core.db import check_target, default_db_path
    from workbench.serve.launch import ServeUsageError, check_listen

    try:
        from workbench.commands.serve import run_serve
    except ImportError as error:  # the serve extra is not installed
        raise WorkbenchError("serve.not_installed", module=error.name or "?") from None
    try:
        # The options first: a bad one must not leave a fresh demo behind.
        check_listen(args.host, args.port, args.tls_cert, args.tls_key, args.insecure)
        db_path = (_fresh_demo(config, today) if args.demo
                   else _db_path(args, config) or default_db_path())
        check_target(db_path)
        return run_serve(db_path, host=args.host, port=args.port, tls_cert=args.tls_cert,
                         tls_key=args.tls_key, insecure=args.insecure,
                         config_path=args.config, today=args.today, demo=args.demo)
    except ServeUsageError as error:
        raise UsageError(error.key, **error.params) from None


def _customers(args: argparse.Namespace, config: config_mod.Config, today: date) -> int:
    from workbench.commands import customers

    if args.action == "import":
        return customers.run_import(_db_path(args, config), Path(args.file), config,
                                    skip_invalid=args.skip_invalid, today=today)
    return customers.run_export(_db_path(args, config), Path(args.file),
                                unmasked=args.unmasked, force=args.force)


def run(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # A config error is reported before the config's own language is known: in --lang.
    set_language(args.lang or "auto")
    config = config_mod.load(args.config)
    set_language(args.lang or config.language)
    today = _today(args.today)
    if args.command == "demo":
        write_demo(Path(args.path).expanduser(), config, today)
        print(t("cli.demo_written", path=args.path))
        return 0
    if args.command == "import":
        from workbench.commands.imports import run_import

        return run_import(_db_path(args, config), args.kind, Path(args.file), config,
                          skip_invalid=args.skip_invalid, today=today)
    if args.command == "check":
        from workbench.commands.check import run_check

        return run_check(_db_path(args, config))
    if args.command == "repair":
        from workbench.commands.check import run_repair

        return run_repair(_db_path(args, config), args.yes)
    if args.command == "today":
        return _print_today(args, config, today)
    if args.command == "report":
        return _report(args, config, today)
    if args.command in ("backup", "restore"):
        return _backup_or_restore(args, config)
    if args.command == "export":
        return _export(args, config)
    if args.command in ("remind", "calendar"):
        return _remind_or_calendar(args, config, today)
    if args.command in ("key", "bundle", "team"):
        return _team(args, config, today)
    if args.command == "serve":
        return _serve(args, config, today)
    if args.command == "targets":
        from workbench.commands.targets import run_targets_import

        return run_targets_import(_db_path(args, config), Path(args.file), today)
    if args.command == "customers":
        return _customers(args, config, today)
    db_path = _fresh_demo(config, today) if args.demo else _db_path(args, config)
    if db_path is not None:
        from workbench.core.db import check_target

        check_target(db_path)
    from workbench.app import WorkbenchApp

    app = WorkbenchApp(db_path=db_path, config=config, today=today, language=args.lang,
                       daily_backup=not (args.demo or args.no_backup),
                       config_path=config_mod.find_config(args.config)
                       or config_mod.default_config_path())
    code = app.run()
    if app.error:
        print(f"workbench: {app.error}", file=sys.stderr)
    # A crash inside the app sets its return code, not the value run() returns.
    return app.return_code or code or 0


def language_in(argv: Sequence[str]) -> str:
    """The ``--lang`` typed in ``argv``, read before argparse so that its own errors (and
    a config error) are in that language too; ``auto`` when none is given."""
    for i, arg in enumerate(argv):
        value = arg.partition("=")[2] if arg.startswith("--lang=") else (
            argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None)
        if value in ("zh", "en"):
            return value
    return "auto"


def main(argv: Sequence[str] | None = None) -> int:
    set_language(language_in(list(sys.argv[1:] if argv is None else argv)))
    try:
        return run(argv)
    except (UsageError, config_mod.ConfigError) as exc:
        print(f"workbench: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - one line for the user, never a traceback
        from workbench.core.failures import line_for

        # A bad value, a busy / full / read-only file: said plainly. Anything else is a
        # bug: the crash log gets the details (masked), the user one line and exit 1.
        print(f"workbench: {line_for(exc, where='cli')}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
