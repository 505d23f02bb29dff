"""``workbench remind`` and ``workbench calendar`` from the shell: exit codes, options out
of range, the notification's fallbacks, the daily run installed end to end."""

from __future__ import annotations

import base64
import subprocess
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.conftest import TODAY, copy_database
from workbench import cli
from workbench.core.i18n import set_language
from workbench.reminders import digest, notify, schedule
from workbench.reminders.runner import MISSING, Result


def run(capsys, *args):
    code = cli.main(list(args))
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, out.err


@pytest.fixture
def demo(tmp_path, demo_template):
    path = tmp_path / "wb.db"
    copy_database(demo_template, path)
    return path


@pytest.fixture
def empty(tmp_path):
    from workbench.storage import open_db

    path = tmp_path / "empty.db"
    open_db(path).close()
    return path


@pytest.fixture
def no_notify_send(monkeypatch):
    """The machine has no notify-send (as this one and most servers)."""
    def missing(argv, **kwargs):
        raise FileNotFoundError(argv[0])

    monkeypatch.setattr(subprocess, "run", missing)


def test_remind_prints_the_digest_exit_0(capsys, demo):
    code, out, err = run(capsys, "remind", "--db", str(demo), "--today", TODAY.isoformat(),
                         "--lang", "zh", "--at", "morning")
    assert code == 0 and not err
    assert out.startswith("早间提醒 2026-11-27 星期五:")
    assert "逾期 18 天" in out.splitlines()[2]
    assert run(capsys, "remind", "--db", str(demo), "--today", TODAY.isoformat(), "--lang",
               "zh", "--at", "morning", "--quiet-if-empty") == (0, out, "")


def test_nothing_due_exit_0_and_quiet(capsys, empty):
    base = ("remind", "--db", str(empty), "--today", TODAY.isoformat(), "--lang", "en")
    assert run(capsys, *base) == (0, "Nothing due or overdue on 2026-11-27\n", "")
    assert run(capsys, *base, "--quiet-if-empty") == (0, "", "")
    # Quiet also means no notification.
    assert run(capsys, *base, "--quiet-if-empty", "--notify") == (0, "", "")


def test_notify_without_notify_send_says_so(capsys, demo, no_notify_send):
    code, out, err = run(capsys, "remind", "--db", str(demo), "--today", TODAY.isoformat(),
                         "--notify", "--lang", "zh")
    assert code == 0 and out.startswith("提醒 2026-11-27")
    assert err.strip() == ("没有弹出桌面通知:找不到 notify-send(Linux 上可安装 "
                           "libnotify-bin);提醒已打印在上面")


def test_notification_command_and_fallbacks(db, config):
    found = digest.Digest(TODAY, "morning", tuple(
        digest.Reminder("visit", n, ("Visit", f"outlet {n}"), f"{n} d overdue")
        for n in range(10, 0, -1)))
    seen = []

    def ok(argv, stdin):
        seen.append(argv)
        return Result(0)

    assert notify.send(found, ok, "linux") is None
    [argv] = seen
    assert argv[:3] == ["notify-send", "--app-name=Workbench", "--urgency=critical"]
    assert argv[3].startswith("Morning reminders for Fri 2026-11-27: 10 due, 10 overdue")
    body = argv[4].splitlines()
    assert len(body) == notify.MAX_LINES + 1 and body[-1] == "… and 2 more"
    assert body[0] == "10 d overdue  Visit  outlet 10"
    seen.clear()
    assert notify.send(found, ok, "darwin") is None
    assert seen[0][:2] == ["osascript", "-e"] and 'with title "Morning' in seen[0][2]
    seen.clear()
    assert notify.send(found, ok, "win32") is None
    assert seen[0][:4] == ["powershell", "-NoProfile", "-NonInteractive", "-EncodedCommand"]
    script = base64.b64decode(seen[0][4]).decode("utf-16-le")
    assert script == notify.toast_script(argv[3], argv[4])
    assert notify.send(found, ok, "aix") == (
        "Desktop notifications are not available on this system; the reminders are "
        "printed above")
    assert notify.send(found, lambda a, s: Result(MISSING), "linux").startswith(
        "No desktop notification: notify-send was not found")
    failed = notify.send(found, lambda a, s: Result(1, "", "Cannot autolaunch D-Bus\nx"),
                         "linux")
    assert failed == ("The desktop notification failed (Cannot autolaunch D-Bus); the "
                      "reminders are printed above")
    calm = digest.Digest(TODAY, "now", (digest.Reminder("task", 0, ("Task", "x"), "due"),))
    seen.clear()
    notify.send(calm, ok, "linux")
    assert seen[0][2] == "--urgency=normal"


QUOTES = "'\u2018\u2019\u201a\u201b"  # PowerShell ends a '...' string at any of them


def powershell_string(source: str) -> tuple[str, str]:
    """Read a single-quoted PowerShell string at the start of ``source`` as PowerShell
    does (a doubled quote is one); (its value, what follows it)."""
    assert source[0] in QUOTES
    value, i = [], 1
    while True:
        if source[i] in QUOTES:
            if i + 1 < len(source) and source[i + 1] in QUOTES:
                value.append(source[i])
                i += 2
                continue
            return "".join(value), source[i + 1:]
        value.append(source[i])
        i += 1


@given(st.text(max_size=40), st.text(max_size=40))
@example("It's", "\u2018a\u2019 \u201ab\u201b ''")  # the quotes PowerShell also ends on
def test_a_toast_shows_exactly_the_text(title, text):
    script = notify.toast_script(title, text)
    first, rest = powershell_string(script.split("CreateTextNode(", 1)[1])
    assert first == title and rest.startswith("))\n[void]$n.Item(1)")
    second, rest = powershell_string(rest.split("CreateTextNode(", 1)[1])
    assert second == text and rest.startswith("))\n$id = ")


def test_an_applescript_quote_cannot_end_the_string():
    argv = notify.command('say "hi"', 'a\\"b', "darwin", urgent=False)
    assert argv[2] == 'display notification "a\\\\\\"b" with title "say \\"hi\\""'


@pytest.mark.parametrize("args", [
    ("--time", "08:30"),
    ("--workdays",),
    ("--install", "--uninstall"),
    ("--install", "--time", "25:00"),
    ("--install", "--time", "8h"),
    ("--at", "noon"),
])
def test_remind_bad_options_exit_2_change_nothing(capsys, tmp_path, monkeypatch, args):
    monkeypatch.setenv("HOME", str(tmp_path))
    called = []
    monkeypatch.setattr(schedule, "install", lambda *a, **k: called.append(a))
    code, out, err = run(capsys, "remind", *args, "--lang", "en")
    assert code == 2 and err.startswith("workbench: ") and err.count("\n") == 1
    assert not called and not out


def test_install_time_boundaries_are_the_forms(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(schedule, "detect", lambda: schedule.Host(
        "systemd", tmp_path, tmp_path / "xdg", tmp_path / "app"))
    monkeypatch.setattr(subprocess, "run", lambda argv, **k: subprocess.CompletedProcess(
        argv, 0, "", ""))
    for clock in ("00:00", "23:59"):
        code, out, _ = run(capsys, "remind", "--install", "--time", clock, "--lang", "en")
        assert code == 0 and f"every day at {clock}" in out
    assert run(capsys, "remind", "--install", "--time", "24:00", "--lang", "en")[0] == 2


def test_install_end_to_end_then_uninstall(capsys, tmp_path, monkeypatch, demo):
    monkeypatch.setattr(schedule, "detect", lambda: schedule.Host(
        "systemd", tmp_path / "home", tmp_path / "xdg", tmp_path / "app"))
    ran = []

    def fake(argv, **kwargs):
        ran.append(argv)
        return subprocess.CompletedProcess(argv, 0, "", "")

    monkeypatch.setattr(subprocess, "run", fake)
    code, out, _ = run(capsys, "remind", "--install", "--time", "08:30", "--db", str(demo),
                       "--lang", "zh")
    timer = tmp_path / "xdg" / "systemd" / "user" / "workbench-remind.timer"
    assert code == 0 and out.startswith("已安装每日提醒(systemd 用户定时器):每天 08:30")
    assert f"写入 {timer}:" in out and "执行:systemctl --user enable --now" in out
    assert "电脑关机时错过的提醒,会在下次开机后补发" in out
    service = timer.with_suffix(".service").read_text()
    assert f"--db {Path(demo).resolve()}" in service and "--lang zh" in service
    code, out, _ = run(capsys, "remind", "--uninstall", "--lang", "zh")
    assert code == 0 and out.strip().endswith("已卸载每日提醒(systemd 用户定时器)")
    assert not timer.exists()


def test_install_without_crontab_is_one_line_exit_1(capsys, tmp_path, monkeypatch,
                                                     no_notify_send):
    monkeypatch.setattr(schedule, "detect", lambda: schedule.Host(
        "cron", tmp_path, tmp_path / "xdg", tmp_path / "app"))
    code, out, err = run(capsys, "remind", "--install", "--lang", "en")
    assert (code, out) == (1, "")
    assert err == "workbench: Command not found: crontab; nothing was changed\n"


# --- calendar -----------------------------------------------------------------------


def test_calendar_writes_the_file(capsys, tmp_path, demo):
    target = tmp_path / "week.ics"
    base = ("calendar", "--db", str(demo), "--today", TODAY.isoformat(), "--lang", "en")
    code, out, err = run(capsys, *base, "--out", str(target), "--days", "7")
    assert code == 0 and not err
    assert out.startswith(f"Calendar written to {target}: ")
    assert out.strip().endswith("2026-11-27 to 2026-12-03")
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert target.stat().st_mode & 0o077 == 0
    # Exported again: replaced (an earlier export), not refused.
    assert run(capsys, *base, "--out", str(target))[0] == 0


@pytest.mark.parametrize(("days", "code"), [("0", 2), ("1", 0), ("366", 0), ("367", 2),
                                             ("x", 2), ("-1", 2)])
def test_calendar_days_range(capsys, tmp_path, demo, days, code):
    target = tmp_path / "c.ics"
    got, _, err = run(capsys, "calendar", "--db", str(demo), "--today", TODAY.isoformat(),
                      "--out", str(target), f"--days={days}", "--lang", "en")
    assert got == code
    assert target.exists() == (code == 0)
    if code == 2:
        assert "--days" in err


def test_calendar_refuses_another_file_and_a_missing_database(capsys, tmp_path, demo):
    other = tmp_path / "mine.ics"
    other.write_text("my own calendar", "utf-8")
    code, _, err = run(capsys, "calendar", "--db", str(demo), "--out", str(other),
                       "--lang", "zh")
    assert code == 1 and "不是工作台导出的日历" in err
    assert other.read_text("utf-8") == "my own calendar"
    code, _, err = run(capsys, "calendar", "--db", str(tmp_path / "none.db"), "--out",
                       str(tmp_path / "x.ics"), "--lang", "en")
    assert code == 1 and "No database at" in err
    set_language("en")


def test_a_cut_list_ends_with_how_many_more(capsys, demo, monkeypatch):
    from workbench.plan import documents

    monkeypatch.setattr(documents, "DOC_LIMIT", 1)
    _, out, _ = run(capsys, "remind", "--db", str(demo), "--today", TODAY.isoformat(),
                    "--lang", "en")
    lines = out.rstrip("\n").splitlines()
    more = [n for n, x in enumerate(lines) if "(workbench today --all lists them all)" in x]
    assert more and more == list(range(len(lines) - len(more), len(lines)))
    assert "Enter" not in out


def test_calendar_without_icalendar_says_what_to_install(capsys, tmp_path, demo, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "icalendar", None)  # as if not installed
    target = tmp_path / "c.ics"
    code, out, err = run(capsys, "calendar", "--db", str(demo), "--out", str(target),
                         "--lang", "en")
    assert (code, out) == (1, "")
    assert err == ("workbench: Exporting a calendar needs the icalendar library: "
                   "pip install 'workbench[calendar]'\n")
    assert not target.exists()
