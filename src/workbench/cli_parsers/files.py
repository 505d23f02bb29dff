"""The parsers of the commands on the database file itself: ``demo``, ``import``,
``check``, ``repair``, ``backup``, ``restore``."""

from __future__ import annotations

from workbench.cli_parsers.base import Commands, add_common


def add_parsers(sub: Commands) -> None:
    """``demo``, ``import``, ``check``, ``repair``."""
    demo = sub.add_parser("demo", help="write the demo database to PATH")
    demo.add_argument("path", metavar="PATH")
    add_common(demo, suppress=True)
    imp = sub.add_parser("import", help="import outlets or staff from CSV or .xlsx")
    imp.add_argument("kind", choices=("outlets", "staff"))
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--skip-invalid", action="store_true",
                     help="import the valid rows and skip the invalid ones")
    add_common(imp, suppress=True)
    check = sub.add_parser("check", help="verify the database file (read-only)")
    add_common(check, suppress=True)
    repair = sub.add_parser("repair", help="re-create the file's guards, after showing what")
    repair.add_argument("--yes", action="store_true", help="do it without asking")
    add_common(repair, suppress=True)


def add_backups(sub: Commands) -> None:
    """``backup``, ``restore`` (listed after ``report``)."""
    backup = sub.add_parser("backup", help="copy the database now (to PATH or the backup folder)")
    backup.add_argument("path", metavar="PATH", nargs="?")
    add_common(backup, suppress=True)
    restore = sub.add_parser("restore", help="replace the database with a backup FILE that "
                                             "passes the full check (the current file kept)")
    restore.add_argument("file", metavar="FILE", nargs="?")
    restore.add_argument("--list", action="store_true", help="list the backups and their heads")
    add_common(restore, suppress=True)
