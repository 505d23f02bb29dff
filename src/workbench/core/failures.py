"""What a user is told when an action fails, and the crash log behind it.

No traceback ever reaches a user. ``user_line(error)`` is the one translated line for a
failure the user can act on (bad input, a busy / full / read-only file, a missing
folder); anything else is a bug: ``unexpected_line(error)`` writes it to the crash log
and says where. The CLI and the app both use these two.

The log is owner-only (0600, its folder 0700) and holds no customer data: each frame
is a file, a line and our own source line (never the local variables), and each
exception's message, which may quote SQL parameters or typed text, goes through
``privacy.mask_text`` (the source lines too).
"""

from __future__ import annotations

import os
import sqlite3
import traceback
from datetime import datetime
from pathlib import Path

from workbench.core.errors import ValidationError, WorkbenchError
from workbench.core.i18n import t
from workbench.core.privacy import mask_text

# Past this size the log starts afresh (the previous one kept as .1): a crash loop
# must not fill the disk.
MAX_BYTES = 1_000_000


def log_path() -> Path:
    """``$WORKBENCH_LOG_DIR/workbench.log``, else the platform user log folder."""
    folder = os.environ.get("WORKBENCH_LOG_DIR")
    if not folder:
        from platformdirs import user_log_dir

        folder = user_log_dir("workbench")
    return Path(folder).expanduser() / "workbench.log"


def describe(error: BaseException) -> str:
    """The error and its causes, frames and masked messages, oldest cause first."""
    parts: list[str] = []
    for te in _chain(traceback.TracebackException.from_exception(error, capture_locals=False)):
        parts.append("Traceback (most recent call last):\n")
        # Our own source lines, masked too: a literal in a line is not data, but costs
        # nothing to hide; the file, line number and function stay readable.
        parts.extend(f'  File "{f.filename}", line {f.lineno}, in {f.name}\n'
                     + (f"    {mask_text(f.line)}\n" if f.line else "") for f in te.stack)
        parts.append(mask_text("".join(te.format_exception_only())))
    return "".join(parts)


def _chain(te: traceback.TracebackException) -> list[traceback.TracebackException]:
    found: list[traceback.TracebackException] = []
    current: traceback.TracebackException | None = te
    while current is not None and len(found) < 10:
        found.insert(0, current)
        current = current.__cause__ or (None if current.__suppress_context__
                                         else current.__context__)
    return found


def record(error: BaseException, where: str = "") -> Path | None:
    """Append ``error`` to the log; the log's path, or None when it cannot be written
    (a crash report must never raise a second error)."""
    path = log_path()
    entry = f"--- {datetime.now().isoformat(sep=' ', timespec='seconds')} {where}\n"
    entry += describe(error) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if path.exists() and path.stat().st_size > MAX_BYTES:
            os.replace(path, path.with_suffix(".log.1"))
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            fh.write(entry)
        os.chmod(path, 0o600)  # a log left by an older release with a wider mode
    except OSError:
        return None
    return path


def sqlite_key(error: BaseException) -> str | None:
    """The message key of an SQLite refusal a user can act on; None for anything else.

    Locked or busy past the busy timeout, disk full, read-only file or folder: the
    transaction rolled back (``Database.atomic``), so nothing of the action was written.
    """
    if not isinstance(error, sqlite3.OperationalError):
        return None
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return "db.locked"
    if "full" in text:
        return "db.full"
    if "readonly" in text or "read-only" in text:
        return "db.readonly"
    return None


def user_line(error: BaseException, path: object = None) -> str | None:
    """The translated line for a failure the user can act on; None when it is a bug.

    ``path`` names the database file in the message, when the caller knows it.
    """
    if isinstance(error, (ValidationError, WorkbenchError)):
        return str(error)
    key = sqlite_key(error)
    if key is not None:
        return t(key, path=str(path) if path else t("db.the_file"))
    if isinstance(error, OSError) and error.strerror:
        return t("error.os", error=error.strerror, file=error.filename or "")
    return None


def unexpected_line(error: BaseException, where: str = "") -> str:
    """Record a bug in the crash log; the one line the user sees instead of a traceback."""
    path = record(error, where)
    if path is None:
        return t("error.unexpected_nolog", kind=type(error).__name__)
    return t("error.unexpected", log=str(path))


def line_for(error: BaseException, path: object = None, where: str = "") -> str:
    """``user_line`` when the user can act on it, else ``unexpected_line``."""
    return user_line(error, path) or unexpected_line(error, where)
