"""Running an outside program (notify-send, systemctl, crontab, launchctl, schtasks) in
one replaceable place, so that every path is tested here with a fake runner, including
those of machines this one is not (macOS, Windows, a laptop without a desktop)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    code: int  # the exit code; 127: the program does not exist
    out: str = ""
    err: str = ""


Runner = Callable[[Sequence[str], str | None], Result]

MISSING = 127


def run(argv: Sequence[str], stdin: str | None = None) -> Result:
    """Run ``argv`` (no shell), feeding ``stdin``; a missing program is code 127, never
    an exception, and nothing waits longer than a minute."""
    try:
        done = subprocess.run(list(argv), input=stdin, capture_output=True, text=True,
                              timeout=60, check=False)
    except FileNotFoundError:
        return Result(MISSING, "", f"{argv[0]}: not found")
    except (OSError, subprocess.SubprocessError) as exc:
        return Result(1, "", str(exc))
    return Result(done.returncode, done.stdout, done.stderr)


def short(result: Result) -> str:
    """The first line a failing program said, for a one-line message."""
    said = (result.err or result.out).strip().splitlines()
    return said[0][:200] if said else f"exit {result.code}"
