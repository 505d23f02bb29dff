"""The digest as a desktop notification: ``notify-send`` on Linux and the BSDs,
``osascript`` on macOS, a PowerShell toast on Windows; elsewhere, or when the program is
missing or fails (a headless machine, no session bus), a translated line saying so.
Never an exception: the digest itself has been printed already."""

from __future__ import annotations

import base64
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


def _powershell(text: str) -> str:
    """A single-quoted PowerShell string: PowerShell also ends one at the typographic
    single quotes, so each of those is doubled too."""
    for quote in "'\u2018\u2019\u201a\u201b":
        text = text.replace(quote, quote * 2)
    return "'" + text + "'"


# Windows 10 and 11: a toast through the WinRT API PowerShell can reach, under
# PowerShell's own app id (a toast needs a registered one). Passed as -EncodedCommand
# (UTF-16LE, base64): no quoting of the command line, and Chinese arrives whole.
_TOAST = "\n".join([
    "$ErrorActionPreference = 'Stop'",
    "$m = [Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, "
    "ContentType = WindowsRuntime]",
    "$x = $m::GetTemplateContent([Windows.UI.Notifications.ToastTemplateType]::ToastText02)",
    "$n = $x.GetElementsByTagName('text')",
    "[void]$n.Item(0).AppendChild($x.CreateTextNode({title}))",
    "[void]$n.Item(1).AppendChild($x.CreateTextNode({text}))",
    "$id = '{{1AC14E77-02E7-4E5D-B744-2EB1AE5198B7}}\\WindowsPowerShell\\v1.0\\powershell.exe'",
    "$m::CreateToastNotifier($id).Show([Windows.UI.Notifications.ToastNotification]::new($x))",
    ""])


def toast_script(title: str, text: str) -> str:
    """The PowerShell that shows a Windows toast with ``title`` and ``text``."""
    return _TOAST.format(title=_powershell(title), text=_powershell(text))


def command(title: str, text: str, platform: str, urgent: bool) -> list[str] | None:
    """The program and arguments that show the notification on ``platform``
    (``sys.platform``); None where there is none."""
    if platform == "win32":
        encoded = base64.b64encode(toast_script(title, text).encode("utf-16-le")).decode()
        return ["powershell", "-NoProfile", "-NonInteractive", "-EncodedCommand", encoded]
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
