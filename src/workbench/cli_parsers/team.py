"""The parsers of what runs beyond the one terminal: the team roll-up (#16: the
manager's ``key`` and ``bundle``, the channel manager's ``team`` database and
dashboard) and ``serve`` (the app in a browser, a tablet or phone at the counter)."""

from __future__ import annotations

import argparse

from workbench.cli_parsers.base import Commands, Parser, add_common, port


def add_parsers(sub: Commands) -> None:
    key_cmd = sub.add_parser("key", help="print your public key's fingerprint (made on first use)")
    add_common(key_cmd, suppress=True)
    bundle_cmd = sub.add_parser("bundle", help="write a signed, masked bundle of a week "
                                               "for your channel manager")
    bundle_cmd.add_argument("--week", metavar="YYYY-Www", help="e.g. 2026-W48 (default: this week)")
    bundle_cmd.add_argument("--out", metavar="FILE", help="write to FILE")
    bundle_cmd.add_argument("--force", action="store_true", help="replace an existing FILE")
    add_common(bundle_cmd, suppress=True)
    team = sub.add_parser("team", help="the channel manager's team database and dashboard")
    team_sub = team.add_subparsers(dest="team_command", parser_class=Parser, required=True,
                                   metavar="add-manager|merge|list|password|serve")
    add_manager = team_sub.add_parser("add-manager", help="register a manager's public key")
    add_manager.add_argument("name", metavar="NAME")
    add_manager.add_argument("pubkey", metavar="PUBKEY")
    merge = team_sub.add_parser("merge", help="verify bundles and merge them")
    merge.add_argument("bundles", metavar="BUNDLE", nargs="+")
    listed = team_sub.add_parser("list", help="the registered managers and their last week")
    password = team_sub.add_parser("password", help="set the dashboard's login password")
    serve = team_sub.add_parser("serve", help="serve the dashboard (Datasette) on this machine")
    serve.add_argument("--port", type=port, default=8001, help="port (default 8001)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1: this machine only)")
    for team_parser in (add_manager, merge, listed, password, serve):
        team_parser.add_argument("--team", metavar="PATH", help="team database file")
        add_common(team_parser, suppress=True)
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
    add_common(serve, suppress=True)
