"""Every open, rename or removal of a database file (and its -wal, -shm) that Python code
in this process makes, seen through an audit hook (``sys.addaudithook``).

SQLite's own opens are C calls, not Python's, and are not seen: what is seen is exactly
what would drop SQLite's POSIX locks on the file when it is closed again.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

EVENTS = ("open", "os.remove", "os.rename", "os.truncate", "shutil.copyfile")


class FileAudit:
    def __init__(self) -> None:
        self.watched: set[str] = set()
        self.seen: list[str] = []

    def watch(self, path: Path) -> None:
        """From now on, record what touches ``path`` (the last path watched only)."""
        real = os.path.realpath(path)
        self.watched = {real + suffix for suffix in ("", "-wal", "-shm", "-journal")}
        self.seen.clear()

    def stop(self) -> None:
        self.watched = set()

    def hook(self, event: str, args: tuple) -> None:
        if not self.watched or event not in EVENTS:
            return
        for arg in args[:2]:
            if isinstance(arg, (str, bytes, os.PathLike)):
                try:
                    name = os.path.realpath(os.fsdecode(arg))
                except (TypeError, ValueError):
                    continue
                if name in self.watched:
                    self.seen.append(f"{event} {name}")


@functools.cache
def file_audit() -> FileAudit:
    """This process's audit, its hook installed once (audit hooks cannot be removed)."""
    audit = FileAudit()
    sys.addaudithook(audit.hook)
    return audit
