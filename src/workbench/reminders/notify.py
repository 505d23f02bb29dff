"""The digest as a desktop notification: ``notify-send`` on Linux and the BSDs,
``osascript`` on macOS; elsewhere, or when the program is missing or fails (a headless
machine, no session bus), a translated line saying so. Never an exception: the digest
itself has been printed already."""

from __future__ import annotations

import sys

from workbench.core.i18n import t
from workbench.reminders import digest as digest_mod
from workbench.reminders.runner import MISSING, Result, Runner, run, short

# A notification shows a few lines; the full digest is in the terminal or the mail.
MAX_LINES = 8


def body(d: digest_mod.Digest) -> str:
    """The first ``MAX_LINES`` items, one per line, and how many more."""
    items = d.items + d.tomorrow
    lines = ["  ".join(x for x in (r.state, *r.cells) if x) for r in items[:MAX_LINES]]
    if len(items) > MAX_LINES:
        lines.append(t("remind.notify_more", count=len(items) - MAX_LINES))
    return "\n".join(lines)


def _applescript(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def command(title: str, text: str, platform: str, urgent: bool) -> list[str] | None:
    """The program and arguments that show the notification on ``platform``
    (``sys.platform``); None where there is none."""
    if platform == "darwin":
        script = f"display notification {_applescript(text)} with title {_applescript(title)}"
        return ["osascript", "-e", script]
    if platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return ["notify-send", "--app-name=Workbench",
                f"--urgency={'critical' if urgent else 'normal'}", title, text]
    return None


def send(d: digest_mod.Digest, runner: Runner = run, platform: str = sys.platform) -> str | None:
    """Show ``d`` as a notification. Returns None when shown, else the translated line
    that says why not (the caller prints it)."""
    heading = (t("remind.nothing", date=d.today.isoformat()) if d.empty
               else digest_mod.title(d))
    argv = command(heading, body(d), platform, urgent=d.overdue > 0)
    if argv is None:
        return t("remind.notify_unsupported")
    result: Result = runner(argv, None)
    if result.code == MISSING:
        return t("remind.notify_missing", command=argv[0])
    if result.code != 0:
        return t("remind.notify_failed", error=short(result))
    return None
