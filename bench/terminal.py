"""The pseudo-terminal harness: start a program in a real pty and time sentinel texts.

A program runs in a pty of a fixed size (120x40, TERM=xterm-256color) with a private
HOME and config folders; the harness reads its output, strips escape sequences and
records when each sentinel text first appears. Peak memory is the child's own
high-water mark (``VmHWM`` in /proc), read after the last sentinel and a short settle.
"""

from __future__ import annotations

import os
import re
import signal
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pexpect

ROWS, COLS = 40, 120
ANSI = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[PX^_][^\x1b]*"
                  rb"\x1b\\|[@-Z\\-_])")


@dataclass
class Program:
    name: str
    argv: list[str]
    sentinels: list[str] = field(default_factory=list)  # times recorded in this order
    until_exit: bool = False  # for `python -c pass`: time until the process ends
    before: Callable[[], None] | None = None  # untimed set-up before each run


def environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TEXTUAL", "WORKBENCH")) and k not in ("NO_COLOR", "COLUMNS",
                                                                         "LINES")}
    env.update(TERM="xterm-256color", COLORTERM="truecolor", LANG="C.UTF-8", HOME=str(home),
               XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
               PYTHONDONTWRITEBYTECODE="1")
    return env


def peak_rss_kib(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def run_once(program: Program, env: dict[str, str], *, timeout: float = 60.0,
             settle: float = 0.0, cwd: str | None = None) -> dict[str, float]:
    """One run; returns {sentinel: seconds since spawn, ..., "rss_kib": peak}."""
    if program.before:
        program.before()
    start = time.perf_counter()
    child = pexpect.spawn(program.argv[0], program.argv[1:], env=env, cwd=cwd,
                          dimensions=(ROWS, COLS), encoding=None, echo=False)
    found: dict[str, float] = {}
    raw = b""
    waiting = list(program.sentinels)
    try:
        while waiting or program.until_exit:
            left = timeout - (time.perf_counter() - start)
            if left <= 0:
                tail = ANSI.sub(b"", raw)[-400:].decode("utf-8", "replace")
                dump = Path(tempfile.gettempdir()) / f"bench-{program.name}-timeout.raw"
                dump.write_bytes(raw)
                raise TimeoutError(f"{program.name}: no {waiting[0]!r} in {timeout} s; "
                                   f"screen tail: {tail!r}; output in {dump}")
            try:
                raw += child.read_nonblocking(1 << 16, timeout=min(left, 1.0))
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                if program.until_exit:
                    found["exit"] = time.perf_counter() - start
                    break
                text = ANSI.sub(b"", raw).decode("utf-8", "replace")
                raise RuntimeError(f"{program.name} ended early: {text[-600:]!r}") from None
            now = time.perf_counter() - start
            text = ANSI.sub(b"", raw).decode("utf-8", "ignore")
            while waiting and waiting[0] in text:
                found[waiting.pop(0)] = now
        if not program.until_exit:
            if settle:
                # Keep reading (the app may still be drawing) while it settles.
                end = time.perf_counter() + settle
                while (left := end - time.perf_counter()) > 0:
                    try:
                        child.read_nonblocking(1 << 16, timeout=left)
                    except (pexpect.TIMEOUT, pexpect.EOF):
                        break
            rss = peak_rss_kib(child.pid)
            if rss is not None:
                found["rss_kib"] = rss
    finally:
        _stop(child)
    return found


def _stop(child: pexpect.spawn) -> None:
    if child.isalive():
        child.kill(signal.SIGKILL)
    try:
        child.read_nonblocking(1 << 20, timeout=0.05)
    except (pexpect.TIMEOUT, pexpect.EOF):
        pass
    child.close(force=True)


def interleaved(programs: list[Program], rounds: int, env: dict[str, str], *,
                settle: float = 0.0, warmup: int = 1, cwd: str | None = None,
                progress=None) -> dict[str, list[dict[str, float]]]:
    """``rounds`` runs of every program, interleaved and rotated each round.

    The first ``warmup`` rounds (disk cache, .pyc) are run but not kept.
    """
    results: dict[str, list[dict[str, float]]] = {p.name: [] for p in programs}
    for r in range(warmup + rounds):
        shift = r % len(programs)
        for program in programs[shift:] + programs[:shift]:
            found = run_once(program, env, settle=settle, cwd=cwd)
            if r >= warmup:
                results[program.name].append(found)
        if progress:
            progress(r + 1, warmup + rounds)
    return results
