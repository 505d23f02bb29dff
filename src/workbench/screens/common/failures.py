"""How a screen tells the user that an action failed, without a traceback.

A failure the user can act on (bad input, the file busy past the busy timeout, a full
disk, a read-only file) is one translated line (``core.failures.user_line``): under the
form that caused it, which stays open with what was typed, or as a notification. The
write's transaction rolled back (``Database.atomic``), so nothing of it was saved.
Anything else is a bug and is not caught here: the app stops with one line and the
crash log (``WorkbenchApp``), rather than carry on in a state nobody knows.
"""

from __future__ import annotations

from typing import Any

from workbench.core.failures import user_line


def failure_line(app: Any, error: BaseException) -> str | None:
    """The line for ``error`` naming the app's database file; None when it is a bug."""
    return user_line(error, getattr(app, "db_path", None))


def notify_failure(app: Any, error: BaseException) -> bool:
    """Say ``error`` in a notification; False (nothing said) when it is a bug."""
    line = failure_line(app, error)
    if line is None:
        return False
    app.notify(line, severity="error", timeout=10)
    return True
