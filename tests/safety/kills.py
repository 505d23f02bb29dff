"""Killing a writing child process at a moment that is really inside its writes.

A kill that lands before the first commit or after the last one proves nothing, so
the parent reads the child's "committed" lines and kills it after a chosen number of
them, a random moment (0–20 ms) into the next write. Callers assert that the kill
landed between the first and the last commit.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import time

COMMITTED = re.compile(r"committed ?(\d*)")


def kill_after_commits(proc: subprocess.Popen[str], commits: int,
                       rng: random.Random) -> tuple[list[str], bool]:
    """Kill -9 ``proc`` once it has reported ``commits`` commits.

    Returns (every commit it reported, whether the kill stopped it). With
    ``commits=0`` the kill lands a random moment after the child said "ready".
    """
    reported: list[str] = []
    while len(reported) < commits:
        line = proc.stdout.readline()
        if not line:  # the child ended on its own
            break
        if match := COMMITTED.match(line):
            reported.append(match.group(1))
    # Jitter, not a wait: where in the next transaction the kill lands.
    time.sleep(rng.random() * 0.02)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    out, err = proc.communicate()
    reported += COMMITTED.findall(out)
    killed = proc.returncode == -signal.SIGKILL
    assert killed or proc.returncode == 0, err
    return reported, killed
