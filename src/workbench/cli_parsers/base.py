"""What every command's parser shares: exit code 2 as one translated line instead of
argparse's own exit, the options every command takes, and the port type."""

from __future__ import annotations

import argparse
from typing import Any, Protocol

from workbench.core.errors import WorkbenchError


class UsageError(WorkbenchError):
    """Bad arguments; exit code 2."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would exit with its own text
        raise UsageError("cli.usage", detail=message, prog=self.prog)


def add_common(parser: argparse.ArgumentParser, suppress: bool) -> None:
    """``--db``, ``--config``, ``--lang``, ``--today``; on a command (``suppress``) they
    keep what was given before the command when not given again."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--db", metavar="PATH", default=default, help="database file")
    parser.add_argument("--config", metavar="PATH", default=default, help="config file")
    parser.add_argument("--lang", choices=("zh", "en"), default=default, help="language")
    parser.add_argument("--today", metavar="YYYY-MM-DD", default=default,
                        help="work as if today were this date (back-fill)")


def port(text: str) -> int:
    """A TCP port, 1..65535 (argparse's type)."""
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise argparse.ArgumentTypeError(f"--port {text}: 1..65535")
    return int(text)


class Commands(Protocol):
    """What ``ArgumentParser.add_subparsers`` returns, as a group uses it (argparse's
    class for it is private)."""

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser: ...
