"""``remind --install`` / ``--uninstall`` for each scheduler, through a fake runner and a
temporary HOME: what is written, where, what is run; idempotent; other entries kept."""

from __future__ import annotations

import os
import plistlib
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date, time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.core.errors import WorkbenchError
from workbench.reminders import schedule as s
from workbench.reminders.runner import MISSING, Result

PYTHON = "/opt/work bench/bin/python3"  # a space: every scheduler must quote it


class FakeRunner:
    """Records each command; ``crontab -l`` / ``crontab -`` keep a crontab in memory."""

    def __init__(self, crontab: str | None = None, fail: str | None = None,
                 missing: str | None = None):
        self.calls: list[list[str]] = []
        self.crontab = crontab
        self.fail = fail
        self.missing = missing

    def __call__(self, argv, stdin=None):
        argv = list(argv)
        self.calls.append(argv)
        joined = " ".join(argv)
        if self.missing and argv[0] == self.missing:
            return Result(MISSING, "", "not found")
        if self.fail and self.fail in joined:
            return Result(1, "", "Failed to connect to bus: No medium found\nmore")
        if argv[:2] == ["crontab", "-l"]:
            if self.crontab is None:
                return Result(1, "", "no crontab for manager")
            return Result(0, self.crontab, "")
        if argv[:2] == ["crontab", "-"]:
            self.crontab = stdin
        return Result(0, "", "")


def host(tmp_path, system: str) -> s.Host:
    return s.Host(system, tmp_path / "home", tmp_path / "xdg", tmp_path / "app")


def job(at=time(8, 30), workdays=False, db=Path("/data/wb %d.db")) -> s.Job:
    return s.Job(s.remind_argv(at, db, None, "zh", python=PYTHON), at, workdays)


def test_the_command_names_the_file_and_the_moment():
    argv = s.remind_argv(time(8, 30), Path("/data/wb.db"), Path("/data/c.toml"), "en",
                         python=PYTHON)
    assert argv == (PYTHON, "-m", "workbench", "remind", "--at", "morning", "--notify",
                    "--quiet-if-empty", "--db", "/data/wb.db", "--config", "/data/c.toml",
                    "--lang", "en")
    assert s.remind_argv(time(14, 59), python=PYTHON)[5] == "morning"
    assert s.remind_argv(time(15, 0), python=PYTHON)[5] == "evening"


def test_detect_each_platform(tmp_path):
    booted = tmp_path / "run-systemd"
    env = {"HOME": str(tmp_path / "h")}
    assert s.detect("darwin", env, booted).system == "launchd"
    assert s.detect("win32", env, booted).system == "schtasks"
    assert s.detect("linux", env, booted).system == "cron"
    booted.mkdir()
    found = s.detect("linux", {**env, "XDG_CONFIG_HOME": str(tmp_path / "x")}, booted)
    assert (found.system, found.config_home, found.home) == ("systemd", tmp_path / "x",
                                                              tmp_path / "h")
    assert s.detect("linux", env, booted).config_home == tmp_path / "h" / ".config"


# --- systemd ------------------------------------------------------------------------


def test_systemd_timer_and_service(tmp_path):
    runner = FakeRunner()
    lines = s.install(host(tmp_path, "systemd"), job(workdays=True), runner)
    folder = tmp_path / "xdg" / "systemd" / "user"
    timer = (folder / "workbench-remind.timer").read_text()
    service = (folder / "workbench-remind.service").read_text()
    assert "OnCalendar=Mon..Fri *-*-* 08:30:00" in timer
    assert "Persistent=true" in timer and "WantedBy=timers.target" in timer
    assert ('ExecStart="/opt/work bench/bin/python3" -m workbench remind --at morning '
            '--notify --quiet-if-empty --db "/data/wb %%d.db" --lang zh') in service
    assert runner.calls == [["systemctl", "--user", "daemon-reload"],
                            ["systemctl", "--user", "enable", "--now", "workbench-remind.timer"]]
    # What was written, where, and its text, is shown.
    text = "\n".join(lines)
    assert f"Wrote {folder / 'workbench-remind.timer'}:" in text
    assert "    Persistent=true" in text and "Ran: systemctl --user enable --now" in text
    assert "every day" not in text and "Monday to Friday at 08:30" in text


def test_systemd_install_twice_changes_nothing(tmp_path):
    s.install(host(tmp_path, "systemd"), job(), FakeRunner())
    folder = tmp_path / "xdg" / "systemd" / "user"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    lines = s.install(host(tmp_path, "systemd"), job(), FakeRunner())
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert sum("already up to date" in x for x in lines) == 2
    assert "OnCalendar=*-*-* 08:30:00" in before["workbench-remind.timer"].decode()


def test_systemd_failure_takes_the_files_back(tmp_path):
    folder = tmp_path / "xdg" / "systemd" / "user"
    folder.mkdir(parents=True)
    (folder / "workbench-remind.service").write_text("old service\n")
    with pytest.raises(WorkbenchError) as info:
        s.install(host(tmp_path, "systemd"), job(), FakeRunner(fail="enable"))
    assert info.value.key == "remind.command_failed"
    assert "Failed to connect to bus: No medium found" in str(info.value)
    assert "more" not in str(info.value)  # one line
    assert (folder / "workbench-remind.service").read_text() == "old service\n"
    assert not (folder / "workbench-remind.timer").exists()


def test_systemd_missing_systemctl(tmp_path):
    with pytest.raises(WorkbenchError) as info:
        s.install(host(tmp_path, "systemd"), job(), FakeRunner(missing="systemctl"))
    assert info.value.key == "remind.command_missing"
    assert not (tmp_path / "xdg" / "systemd" / "user" / "workbench-remind.timer").exists()


def test_systemd_uninstall(tmp_path):
    h = host(tmp_path, "systemd")
    s.install(h, job(), FakeRunner())
    other = h.config_home / "systemd" / "user" / "other.timer"
    other.write_text("[Timer]\n")
    runner = FakeRunner()
    lines = s.uninstall(h, runner)
    assert runner.calls[0] == ["systemctl", "--user", "disable", "--now",
                               "workbench-remind.timer"]
    assert runner.calls[-1] == ["systemctl", "--user", "daemon-reload"]
    assert sorted(p.name for p in other.parent.iterdir()) == ["other.timer"]
    assert lines[-1] == "Daily reminder uninstalled (systemd user timer)"
    assert s.uninstall(h, FakeRunner()) == [
        "No daily reminder is installed (systemd user timer); nothing to remove"]


def test_systemd_analyze_verifies_the_units(tmp_path):
    if shutil.which("systemd-analyze") is None:
        if os.environ.get("CI"):  # .ci/run installs it: missing there is a failure
            pytest.fail("systemd-analyze is not installed")
        pytest.skip("no systemd-analyze on this machine")
    # This Python, reached through a folder with a space and a %: the quoting must hold.
    odd = tmp_path / "py env %1"
    odd.mkdir()
    (odd / "python").symlink_to(sys.executable)
    real = s.Job(s.remind_argv(time(8, 30), tmp_path / "wb 'x' \"y\" $HOME%.db", None, None,
                               python=str(odd / "python")), time(8, 30), True)
    folder = tmp_path / "units"
    folder.mkdir()
    for name, text in s.systemd_units(real).items():
        (folder / name).write_text(text)
    done = subprocess.run(["systemd-analyze", "verify", str(folder / "workbench-remind.timer"),
                           str(folder / "workbench-remind.service")],
                          capture_output=True, text=True, timeout=60)
    complaints = [x for x in (done.stderr + done.stdout).splitlines()
                  if "workbench-remind" in x]
    assert done.returncode == 0 and not complaints, done.stderr


# --- cron ---------------------------------------------------------------------------

THEIRS = "# my jobs\nMAILTO=me@example.com\n\n0 3 * * * /usr/bin/backup --all\n"


def test_cron_line_added_beside_other_entries(tmp_path):
    runner = FakeRunner(crontab=THEIRS)
    lines = s.install(host(tmp_path, "cron"), job(time(7, 5), workdays=True), runner)
    assert runner.crontab.startswith(THEIRS)
    [ours] = [x for x in runner.crontab.splitlines() if x.endswith(s.MARK)]
    assert ours.startswith("5 7 * * 1-5 '/opt/work bench/bin/python3' -m workbench remind")
    assert "'/data/wb \\%d.db'" in ours  # cron would end the command at a bare %
    assert "    " + ours in lines
    assert lines[-1].startswith("Note: cron does not catch up")


def test_cron_install_twice_keeps_one_line_and_changes_time(tmp_path):
    runner = FakeRunner(crontab=THEIRS)
    s.install(host(tmp_path, "cron"), job(), runner)
    writes = len([c for c in runner.calls if c == ["crontab", "-"]])
    lines = s.install(host(tmp_path, "cron"), job(), runner)
    assert "crontab is already up to date (left as it was)" in lines
    assert len([c for c in runner.calls if c == ["crontab", "-"]]) == writes
    s.install(host(tmp_path, "cron"), job(time(9, 0)), runner)
    marked = [x for x in runner.crontab.splitlines() if x.endswith(s.MARK)]
    assert len(marked) == 1 and marked[0].startswith("0 9 * * * ")
    assert runner.crontab.startswith(THEIRS)


def test_cron_without_a_crontab_and_uninstall(tmp_path):
    runner = FakeRunner(crontab=None)  # "no crontab for manager"
    s.install(host(tmp_path, "cron"), job(), runner)
    assert runner.crontab.count("\n") == 1
    s.uninstall(host(tmp_path, "cron"), runner)
    assert runner.crontab == ""
    theirs = FakeRunner(crontab=THEIRS)
    assert s.uninstall(host(tmp_path, "cron"), theirs) == [
        "No daily reminder is installed (crontab); nothing to remove"]
    assert ["crontab", "-"] not in theirs.calls


def test_cron_uninstall_keeps_every_other_line(tmp_path):
    runner = FakeRunner(crontab=THEIRS)
    s.install(host(tmp_path, "cron"), job(), runner)
    s.uninstall(host(tmp_path, "cron"), runner)
    assert runner.crontab == THEIRS


def test_cron_missing_or_failing(tmp_path):
    with pytest.raises(WorkbenchError) as info:
        s.install(host(tmp_path, "cron"), job(), FakeRunner(missing="crontab"))
    assert str(info.value) == "Command not found: crontab; nothing was changed"
    with pytest.raises(WorkbenchError) as info:
        s.install(host(tmp_path, "cron"), job(), FakeRunner(crontab="", fail="crontab -l"))
    assert info.value.key == "remind.command_failed"


# --- launchd ------------------------------------------------------------------------


def test_launchd_agent(tmp_path):
    runner = FakeRunner()
    s.install(host(tmp_path, "launchd"), job(time(8, 30), workdays=True), runner)
    path = tmp_path / "home" / "Library" / "LaunchAgents" / "com.workbench.remind.plist"
    plist = plistlib.loads(path.read_bytes())
    assert plist["Label"] == "com.workbench.remind"
    assert plist["ProgramArguments"][:4] == [PYTHON, "-m", "workbench", "remind"]
    assert plist["StartCalendarInterval"] == [
        {"Hour": 8, "Minute": 30, "Weekday": d} for d in (1, 2, 3, 4, 5)]
    assert runner.calls == [["launchctl", "unload", str(path)],
                            ["launchctl", "load", "-w", str(path)]]
    s.install(host(tmp_path, "launchd"), job(time(18, 0)), runner)
    plist = plistlib.loads(path.read_bytes())
    assert plist["StartCalendarInterval"] == {"Hour": 18, "Minute": 0}
    assert plist["ProgramArguments"][5] == "evening"
    s.uninstall(host(tmp_path, "launchd"), runner)
    assert runner.calls[-1] == ["launchctl", "unload", "-w", str(path)] and not path.exists()


# --- Windows ------------------------------------------------------------------------

NS = {"t": s.TASK_NS}


def test_windows_task_from_xml(tmp_path):
    runner = FakeRunner()
    s.install(host(tmp_path, "schtasks"), job(workdays=True), runner, date(2026, 11, 27))
    path = tmp_path / "app" / "remind-task.xml"
    raw = path.read_bytes()
    assert raw[:2] in (b"\xff\xfe", b"\xfe\xff")  # UTF-16 with its BOM, as schtasks reads
    root = ET.fromstring(raw.decode("utf-16").split("\n", 1)[1])
    assert root.find("t:Settings/t:StartWhenAvailable", NS).text == "true"
    trigger = root.find("t:Triggers/t:CalendarTrigger", NS)
    assert trigger.find("t:StartBoundary", NS).text == "2026-11-27T08:30:00"
    days = [x.tag.split("}")[1] for x in trigger.find("t:ScheduleByWeek/t:DaysOfWeek", NS)]
    assert days == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    action = root.find("t:Actions/t:Exec", NS)
    assert action.find("t:Command", NS).text == PYTHON
    assert action.find("t:Arguments", NS).text.startswith("-m workbench remind --at morning")
    assert '"/data/wb %d.db"' in action.find("t:Arguments", NS).text
    assert runner.calls == [["schtasks", "/Create", "/F", "/TN", "WorkbenchRemind", "/XML",
                             str(path)]]
    s.install(host(tmp_path, "schtasks"), job(), runner, date(2026, 11, 27))
    root = ET.fromstring(path.read_bytes().decode("utf-16").split("\n", 1)[1])
    assert root.find("t:Triggers/t:CalendarTrigger/t:ScheduleByDay/t:DaysInterval",
                     NS).text == "1"
    s.uninstall(host(tmp_path, "schtasks"), runner)
    assert runner.calls[-1] == ["schtasks", "/Delete", "/F", "/TN", "WorkbenchRemind"]
    assert not path.exists()


def test_the_real_runner_never_raises():
    from workbench.reminders.runner import run

    assert run(["workbench-no-such-program-here"]).code == MISSING
    done = run([sys.executable, "-c", "import sys; print(sys.stdin.read().upper())"], "hi")
    assert (done.code, done.out.strip()) == (0, "HI")


# --- whatever the paths and the other lines ------------------------------------------

ARG = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r\x00"),
              min_size=1, max_size=30)


@given(st.lists(ARG, min_size=1, max_size=4))
def test_a_cron_line_runs_exactly_the_command(args):
    argv = (PYTHON, *args)
    line = s.cron_line(s.Job(argv, time(6, 7), False))
    assert line.startswith("7 6 * * * ") and line.endswith(" " + s.MARK)
    command = line[len("7 6 * * * "):-len(" " + s.MARK)]
    # cron turns \% into %, then hands the rest to sh, which splits it as shlex does.
    assert "%" not in command.replace("\\%", "")
    assert tuple(shlex.split(command.replace("\\%", "%"))) == argv


LINE = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"),
               max_size=40).filter(lambda x: not x.rstrip().endswith(s.MARK))


@given(st.lists(LINE, max_size=6))
def test_install_then_uninstall_gives_the_crontab_back(lines):
    theirs = "".join(x + "\n" for x in lines)
    runner = FakeRunner(crontab=theirs)
    h = s.Host("cron", Path("/nonexistent"), Path("/nonexistent"), Path("/nonexistent"))
    s.install(h, job(), runner)
    assert runner.crontab.startswith(theirs)
    s.uninstall(h, runner)
    assert runner.crontab == theirs


def test_a_line_break_in_a_path_is_refused():
    with pytest.raises(WorkbenchError) as info:
        s.remind_argv(time(8, 0), Path("/data/a\nb.db"), python=PYTHON)
    assert info.value.key == "remind.bad_path"


def test_a_folder_that_cannot_be_written_changes_nothing(tmp_path):
    h = host(tmp_path, "systemd")
    folder = h.config_home / "systemd" / "user"
    folder.mkdir(parents=True)
    # The timer's place is taken by a folder: the service, written first, is taken back.
    (folder / "workbench-remind.timer").mkdir()
    runner = FakeRunner()
    with pytest.raises(WorkbenchError) as info:
        s.install(h, job(), runner)
    assert info.value.key == "remind.write_failed"
    assert str(folder / "workbench-remind.timer") in str(info.value)
    assert sorted(p.name for p in folder.iterdir()) == ["workbench-remind.timer"]
    assert runner.calls == []
