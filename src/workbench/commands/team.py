"""``workbench key``, ``workbench bundle`` and ``workbench team …`` (the channel manager's).

Parsing stays in ``cli``; this module opens the files, calls ``workbench.team`` and
prints one translated line per result. ``team merge`` goes on after a refused bundle
(each bundle is its own transaction) and exits 1 when any was refused.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.core import config as config_mod
from workbench.core.clock import working_now
from workbench.core.errors import WorkbenchError
from workbench.core.i18n import t

if TYPE_CHECKING:
    from sqlite_utils import Database

    from workbench.review.week import Week

def _require_extra(module: str = "cryptography") -> None:
    """The ``team`` extra is optional: without it, one line saying how to install it."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise WorkbenchError("team.missing_extra")


def config_dir(config_arg: str | None) -> Path:
    """Where the key lives: beside the config file in use (or the default one)."""
    return (config_mod.find_config(config_arg) or config_mod.default_config_path()).parent


def default_team_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("workbench")) / "team.db"


def run_key(config_arg: str | None) -> int:
    _require_extra()
    from workbench.team import keys

    folder = config_dir(config_arg)
    key, made = keys.load_or_create(folder)
    if made:
        print(t("team.key_made", path=str(keys.key_path(folder))))
    public = keys.public_hex(key)
    print(t("team.key_shown", public=public, fingerprint=keys.fingerprint(public)))
    return 0


def _bundle_ready(path: Path) -> None:
    """Refuse, in one line, a file a bundle cannot be made of: empty, not SQLite, from a
    newer release, or not upgraded yet (the app upgrades it on opening, after a backup)."""
    import sqlite3

    from workbench.core import db as core_db
    from workbench.storage import newer_than_this, pending_migrations

    if path.stat().st_size == 0:
        raise WorkbenchError("check.empty_file", path=str(path))
    probe = core_db.open_readonly(path)
    try:
        if "signoffs" not in probe.table_names():
            raise WorkbenchError("check.not_workbench", path=str(path))
        newer = newer_than_this(probe)
        older = [] if newer else pending_migrations(probe)
    except sqlite3.DatabaseError as exc:
        raise core_db.open_refusal(path, exc) from None
    finally:
        probe.close()
    if newer:
        raise WorkbenchError("check.newer", path=str(path), detail=newer)
    if older:
        raise WorkbenchError("check.older", names=", ".join(older))


def run_bundle(db_path: Path, week: Week, config: config_mod.Config, config_arg: str | None,
               out: str | None, force: bool, today: date) -> int:
    _require_extra()
    from workbench.review.reports import write_file
    from workbench.team import bundle, keys

    if week.start > today:
        raise WorkbenchError("team.bundle_week_future", week=week.label)
    if not db_path.exists():
        raise WorkbenchError("db.missing", path=str(db_path))
    _bundle_ready(db_path)
    folder = config_dir(config_arg)
    # Made now: the working day's clock (with --today in the past, the end of that day,
    # which the figures of a week not over yet are cut at).
    now = working_now(today, datetime.now())
    data, manifest, made = bundle.make_bundle(db_path, week, config, folder, now)
    if made:
        print(t("team.key_made", path=str(keys.key_path(folder))))
    target = Path(out).expanduser() if out else Path(bundle.default_name(manifest))
    written = write_file(target, data, force=force)
    if not manifest["period"]["cut_at_week_end"]:
        print(t("team.bundle_uncut"))
    heads = manifest["chains"]
    print(t("team.bundle_written", week=manifest["period"]["week"], path=str(written),
            signoffs=heads["signoffs"]["count"], seq=heads["ledger"]["seq"]))
    return 0


def _open_team(path: Path, create: bool) -> Database:
    from workbench.team.schema import open_team

    if not create and not path.exists():
        raise WorkbenchError("team.no_team_db", path=str(path))
    return open_team(path)


def run_add_manager(team_path: Path, name: str, public: str) -> int:
    _require_extra()
    from workbench.team import merge

    db = _open_team(team_path, create=True)
    try:
        fingerprint = merge.add_manager(db, name, public, datetime.now())
    finally:
        db.close()
    print(t("team.registered", manager=" ".join(name.split()), fingerprint=fingerprint))
    return 0


def run_merge(team_path: Path, files: list[str]) -> int:
    _require_extra()
    from workbench.team import merge

    db = _open_team(team_path, create=False)
    refused = 0
    try:
        for name in files:
            try:
                done = merge.merge(db, Path(name).expanduser(), datetime.now())
            except WorkbenchError as error:
                refused += 1
                print(f"workbench: {error}", file=sys.stderr)
                continue
            if done.replay:
                print(t("team.replay", manager=done.manager, week=done.week))
            else:
                print(t("team.merged", manager=done.manager, week=done.week, rows=done.rows,
                        seq=done.seq))
    finally:
        db.close()
    return 1 if refused else 0


def run_list(team_path: Path) -> int:
    _require_extra()
    from workbench.team import merge

    db = _open_team(team_path, create=False)
    try:
        registered = merge.managers(db)
        for name, fingerprint, week in registered:
            print(t("team.list_line", manager=name, fingerprint=fingerprint,
                    week=week or t("team.list_none")))
        if not registered:
            print(t("team.none_registered"))
    finally:
        db.close()
    return 0


def run_password(team_path: Path) -> int:
    _require_extra("datasette_auth_passwords")
    from workbench.team import serve

    if sys.stdin.isatty():
        first = getpass.getpass(t("team.password_ask"))
        again = getpass.getpass(t("team.password_again"))
        if first != again:
            raise WorkbenchError("team.password_mismatch")
    else:
        first = sys.stdin.readline().rstrip("\n")
    serve.set_password(team_path, first)
    print(t("team.password_set", user=serve.USER))
    return 0


def run_serve(team_path: Path, host: str, port: int) -> int:
    _require_extra("datasette_dashboards")
    from workbench.team import serve

    _open_team(team_path, create=False).close()  # a team database (never a manager's file)
    if not serve.has_password(team_path):
        raise WorkbenchError("team.password_needed")
    print(t("team.serving", host=host, port=port, user=serve.USER), flush=True)
    serve.run(team_path, host, port)
    return 0


def dispatch(args: argparse.Namespace, config: config_mod.Config, today: date,
             week: Week) -> int:
    """Run ``workbench key`` / ``bundle`` / ``team …`` as parsed by ``cli``."""
    if args.command == "key":
        return run_key(args.config)
    if args.command == "bundle":
        from workbench.core.db import default_db_path

        db_path = Path(args.db).expanduser() if args.db else (
            Path(config.database.path).expanduser() if config.database.path
            else default_db_path())
        return run_bundle(db_path, week, config, args.config, args.out, args.force, today)
    path = Path(args.team).expanduser() if args.team else default_team_path()
    if not args.team:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if args.team_command == "add-manager":
        return run_add_manager(path, args.name, args.pubkey)
    if args.team_command == "merge":
        return run_merge(path, args.bundles)
    if args.team_command == "password":
        return run_password(path)
    if args.team_command == "list":
        return run_list(path)
    return run_serve(path, args.host, args.port)
