"""The daily reminder run (每日提醒): installed into the scheduler the machine has.

- systemd is the init (``/run/systemd/system`` exists): a user service and timer in
  ``$XDG_CONFIG_HOME/systemd/user`` with ``Persistent=true`` (a laptop that was off at
  the time runs it at the next start), enabled with ``systemctl --user``;
- macOS: a launchd agent in ``~/Library/LaunchAgents`` (launchd runs a calendar job
  missed during sleep on wake);
- Windows: a Task Scheduler entry created from a task XML with ``StartWhenAvailable``
  (the same catch-up);
- any other Unix: one line in the user's crontab, marked with ``MARK``; other lines
  are kept as they are, and only the marked line is replaced or removed.

Every outside program runs through an injectable ``Runner``, every path through a
``Host``, so each scheduler is tested here. Installing twice writes the same files and
changes nothing; a failing command takes back the files this run wrote.
"""

from __future__ import annotations

import os
import plistlib
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path

from workbench.core.errors import WorkbenchError
from workbench.core.i18n import t
from workbench.reminders.runner import MISSING, Runner, run, short

SYSTEMS = ("systemd", "cron", "launchd", "schtasks")
UNIT = "workbench-remind"
MARK = "# workbench-remind"
LABEL = "com.workbench.remind"
TASK = "WorkbenchRemind"
WORKDAYS = (0, 1, 2, 3, 4)  # Monday .. Friday
# From this hour on, the run sends the evening digest (what is left, and tomorrow).
EVENING_FROM = 15


@dataclass(frozen=True)
class Host:
    system: str  # one of SYSTEMS
    home: Path
    config_home: Path  # $XDG_CONFIG_HOME, else ~/.config (systemd user units live here)
    app_config: Path  # the app's own config folder (the Windows task XML is kept here)


def detect(platform: str = sys.platform, environ: Mapping[str, str] | None = None,
           booted: Path = Path("/run/systemd/system"), home: Path | None = None) -> Host:
    """The scheduler of this machine (``booted`` is systemd's own "am I the init" sign)."""
    from platformdirs import user_config_dir

    env = os.environ if environ is None else environ
    home = home or Path(env.get("HOME") or Path.home())
    config_home = Path(env.get("XDG_CONFIG_HOME") or home / ".config")
    if platform == "darwin":
        system = "launchd"
    elif platform.startswith("win"):
        system = "schtasks"
    else:
        system = "systemd" if booted.is_dir() else "cron"
    return Host(system, home, config_home, Path(user_config_dir("workbench")))


@dataclass(frozen=True)
class Job:
    argv: tuple[str, ...]  # the command that runs: ... workbench remind --at ...
    at: time
    workdays: bool

    @property
    def clock(self) -> str:
        return f"{self.at.hour:02d}:{self.at.minute:02d}"


def remind_argv(at: time, db: Path | None = None, config: Path | None = None,
                lang: str | None = None, python: str = sys.executable) -> tuple[str, ...]:
    """The command the scheduler runs: this interpreter, absolute paths (a scheduler
    starts in another folder, with a bare PATH)."""
    moment = "evening" if at.hour >= EVENING_FROM else "morning"
    argv = [python, "-m", "workbench", "remind", "--at", moment, "--notify",
            "--quiet-if-empty"]
    for option, value in (("--db", db), ("--config", config)):
        if value is not None:
            argv += [option, str(Path(value).expanduser().resolve())]
    if lang:
        argv += ["--lang", lang]
    for arg in argv:
        # A line break would end a crontab line or a unit's ExecStart half-way.
        if "\n" in arg or "\r" in arg:
            raise WorkbenchError("remind.bad_path", path=arg.replace("\n", " ").strip())
    return tuple(argv)


# --- what each scheduler is given ------------------------------------------------------


def _unit_word(arg: str) -> str:
    """One ExecStart word: quoted when it needs it; % and $ are systemd's own signs."""
    word = arg.replace("%", "%%").replace("$", "$$")
    if word and not any(c in word for c in ' \t"\'\\;'):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def systemd_units(job: Job) -> dict[str, str]:
    """The service and timer, by file name."""
    days = "Mon..Fri " if job.workdays else ""
    service = "\n".join([
        "[Unit]", "Description=Workbench reminders (workbench remind)", "",
        "[Service]", "Type=oneshot", "ExecStart=" + " ".join(_unit_word(a) for a in job.argv),
        ""])
    timer = "\n".join([
        "[Unit]", f"Description=Workbench reminders at {job.clock}", "",
        "[Timer]", f"OnCalendar={days}*-*-* {job.clock}:00", "Persistent=true",
        f"Unit={UNIT}.service", "",
        "[Install]", "WantedBy=timers.target", ""])
    return {f"{UNIT}.service": service, f"{UNIT}.timer": timer}


def cron_line(job: Job) -> str:
    days = "1-5" if job.workdays else "*"
    # In a crontab line an unescaped % ends the command.
    command = shlex.join(job.argv).replace("%", "\\%")
    return f"{job.at.minute} {job.at.hour} * * {days} {command} {MARK}"


def with_cron_line(crontab: str, line: str | None) -> str:
    """``crontab`` without its marked line, plus ``line`` (None: without it). Every
    other line, comments and blank lines included, stays as it was."""
    # split("\n"), not splitlines(): that also splits at \x1c-\x1e, \x85, \u2028...,
    # which a line of someone else's may hold and must keep.
    body = crontab[:-1] if crontab.endswith("\n") else crontab
    kept = [x for x in body.split("\n") if not x.rstrip().endswith(MARK)] if crontab else []
    if line is not None:
        kept.append(line)
    return "\n".join(kept) + "\n" if kept else ""


def launchd_plist(job: Job) -> bytes:
    at = {"Hour": job.at.hour, "Minute": job.at.minute}
    interval: object = ([{**at, "Weekday": d + 1} for d in WORKDAYS] if job.workdays else at)
    return plistlib.dumps({"Label": LABEL, "ProgramArguments": list(job.argv),
                           "StartCalendarInterval": interval, "RunAtLoad": False})


TASK_NS = "http://schemas.microsoft.com/windows/2004/02/mit/task"
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def task_xml(job: Job, start: date) -> str:
    """The Task Scheduler entry: daily (or Monday to Friday) at the time, run as soon as
    possible after a start that was missed (``StartWhenAvailable``)."""
    ET.register_namespace("", TASK_NS)

    def sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
        node = ET.SubElement(parent, f"{{{TASK_NS}}}{tag}")
        if text is not None:
            node.text = text
        return node

    task = ET.Element(f"{{{TASK_NS}}}Task", {"version": "1.2"})
    sub(sub(task, "RegistrationInfo"), "Description", "Workbench reminders (workbench remind)")
    trigger = sub(sub(task, "Triggers"), "CalendarTrigger")
    sub(trigger, "StartBoundary", f"{start.isoformat()}T{job.clock}:00")
    if job.workdays:
        week = sub(trigger, "ScheduleByWeek")
        sub(week, "WeeksInterval", "1")
        days = sub(week, "DaysOfWeek")
        for d in WORKDAYS:
            sub(days, _DAY_NAMES[d])
    else:
        sub(sub(trigger, "ScheduleByDay"), "DaysInterval", "1")
    settings = sub(task, "Settings")
    for tag, value in (("StartWhenAvailable", "true"), ("DisallowStartIfOnBatteries", "false"),
                       ("StopIfGoingOnBatteries", "false"), ("ExecutionTimeLimit", "PT10M")):
        sub(settings, tag, value)
    action = sub(sub(task, "Actions", None), "Exec")
    sub(action, "Command", job.argv[0])
    sub(action, "Arguments", subprocess.list2cmdline(job.argv[1:]))
    ET.indent(task)
    return '<?xml version="1.0" encoding="UTF-16"?>\n' + ET.tostring(task, "unicode") + "\n"


# --- applying ------------------------------------------------------------------------


@dataclass
class Outcome:
    """What was done, as translated lines for the user (every file and its text)."""
    lines: list[str] = field(default_factory=list)
    written: dict[Path, bytes | None] = field(default_factory=dict)  # path -> old content

    def write(self, path: Path, data: bytes, shown: str) -> None:
        tmp = path.with_name(f".{path.name}.partial")
        try:
            old = path.read_bytes() if path.exists() else None
            if old == data:
                self.lines.append(t("remind.unchanged", path=str(path)))
                return
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(data)
            os.replace(tmp, path)
        except OSError as error:
            tmp.unlink(missing_ok=True)
            self.take_back()
            raise WorkbenchError("remind.write_failed", path=str(path),
                                 error=error.strerror or str(error)) from None
        self.written[path] = old
        self.lines += [t("remind.wrote", path=str(path)),
                       *("    " + x for x in shown.rstrip("\n").splitlines())]

    def take_back(self) -> None:
        for path, old in self.written.items():
            if old is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(old)


def _run(outcome: Outcome, runner: Runner, argv: Sequence[str], stdin: str | None = None,
         may_fail: bool = False) -> bool:
    result = runner(argv, stdin)
    shown = " ".join(argv)
    if result.code == 0 or may_fail:
        outcome.lines.append(t("remind.ran", command=shown))
        return result.code == 0
    outcome.take_back()
    if result.code == MISSING:
        raise WorkbenchError("remind.command_missing", command=argv[0])
    raise WorkbenchError("remind.command_failed", command=shown, error=short(result))


def _systemd_dir(host: Host) -> Path:
    return host.config_home / "systemd" / "user"


def _plist_path(host: Host) -> Path:
    return host.home / "Library" / "LaunchAgents" / f"{LABEL}.plist"


def _task_path(host: Host) -> Path:
    return host.app_config / "remind-task.xml"


def _read_crontab(runner: Runner) -> str:
    result = runner(["crontab", "-l"], None)
    if result.code == 0:
        return result.out
    if result.code == MISSING:
        raise WorkbenchError("remind.command_missing", command="crontab")
    if "no crontab" in (result.err + result.out).lower():
        return ""
    raise WorkbenchError("remind.command_failed", command="crontab -l", error=short(result))


def install(host: Host, job: Job, runner: Runner = run, today: date | None = None) -> list[str]:
    """Install (or bring up to date) the daily run; the lines saying what was written
    where and what was run."""
    out = Outcome()
    how = t(f"remind.how.{host.system}")
    out.lines.append(t("remind.installed_workdays" if job.workdays else "remind.installed",
                       how=how, time=job.clock))
    if host.system == "systemd":
        folder = _systemd_dir(host)
        for name, text in systemd_units(job).items():
            out.write(folder / name, text.encode("utf-8"), text)
        _run(out, runner, ["systemctl", "--user", "daemon-reload"])
        _run(out, runner, ["systemctl", "--user", "enable", "--now", f"{UNIT}.timer"])
    elif host.system == "launchd":
        path = _plist_path(host)
        data = launchd_plist(job)
        out.write(path, data, data.decode("utf-8"))
        _run(out, runner, ["launchctl", "unload", str(path)], may_fail=True)
        _run(out, runner, ["launchctl", "load", "-w", str(path)])
    elif host.system == "schtasks":
        path = _task_path(host)
        text = task_xml(job, today or date.today())
        out.write(path, text.encode("utf-16"), text)
        _run(out, runner, ["schtasks", "/Create", "/F", "/TN", TASK, "/XML", str(path)])
    else:
        before = _read_crontab(runner)
        line = cron_line(job)
        after = with_cron_line(before, line)
        if after == before:
            out.lines.append(t("remind.unchanged", path="crontab"))
        else:
            out.lines += [t("remind.wrote", path="crontab"), "    " + line]
            _run(out, runner, ["crontab", "-"], after)
    out.lines.append(t("remind.no_catch_up" if host.system == "cron" else "remind.catch_up"))
    return out.lines


def uninstall(host: Host, runner: Runner = run) -> list[str]:
    """Remove the daily run (and nothing else); says so when there was none."""
    how = t(f"remind.how.{host.system}")
    out = Outcome()
    if host.system == "cron":
        before = _read_crontab(runner)
        after = with_cron_line(before, None)
        if after == before:
            return [t("remind.not_installed", how=how)]
        _run(out, runner, ["crontab", "-"], after)
        return [t("remind.cron_line_removed"), *out.lines, t("remind.uninstalled", how=how)]
    if host.system == "systemd":
        paths = [_systemd_dir(host) / name for name in (f"{UNIT}.timer", f"{UNIT}.service")]
        commands = [["systemctl", "--user", "disable", "--now", f"{UNIT}.timer"]]
        after = [["systemctl", "--user", "daemon-reload"]]
    elif host.system == "launchd":
        paths = [_plist_path(host)]
        commands, after = [["launchctl", "unload", "-w", str(paths[0])]], []
    else:
        paths = [_task_path(host)]
        commands, after = [["schtasks", "/Delete", "/F", "/TN", TASK]], []
    if not any(p.exists() for p in paths):
        return [t("remind.not_installed", how=how)]
    for argv in commands:
        # Already stopped or unknown to the manager: the files still go.
        _run(out, runner, argv, may_fail=True)
    for path in paths:
        if path.exists():
            path.unlink()
            out.lines.append(t("remind.removed", path=str(path)))
    for argv in after:
        _run(out, runner, argv, may_fail=True)
    return [*out.lines, t("remind.uninstalled", how=how)]
