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

from workbench.cli_parsers import files, outputs, sheets, team
from workbench.cli_parsers.base import Parser, UsageError, add_common
from workbench.core import config as config_mod
from workbench.core import validate as v
from workbench.core.errors import ValidationError, WorkbenchError
from workbench.core.i18n import set_language, t

T = TypeVar("T")


def build_parser() -> argparse.ArgumentParser:
    """The command line: the app's own options, then each group's commands, in the
    order ``--help`` lists them (a new group: its module in ``cli_parsers``, one line)."""
    parser = Parser(prog="workbench", description="Workbench 银保客户经理工作台")
    add_common(parser, suppress=False)
    parser.add_argument("--demo", action="store_true", help="open the app on demo data")
    # Each served tab opens the demo serve built, without the daily backup of a real file.
    parser.add_argument("--no-backup", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", parser_class=Parser)
    files.add_parsers(sub)
    outputs.add_report(sub)
    files.add_backups(sub)
    outputs.add_exports(sub)
    team.add_parsers(sub)
    sheets.add_parsers(sub)
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
    from workbench.core.db import named_or_default
    from workbench.plan.agenda import build_agenda
    from workbench.plan.view import plain_text
    from workbench.storage import open_db

    path = named_or_default(_db_path(args, config))
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
