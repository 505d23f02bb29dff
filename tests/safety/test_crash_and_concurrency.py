"""Kill -9 in the middle of writes, and two writers on one file.

After every kill: the file passes integrity_check, no batch is half there, and every
batch the writer reported committed is complete. ``pytest --slow`` runs the long loop.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.safety.kills import kill_after_commits
from workbench.core.db import integrity_problems
from workbench.storage import open_db

WRITER = Path(__file__).with_name("crash_writer.py")


def start(db_path, prefix, batches, size):
    proc = subprocess.Popen([sys.executable, str(WRITER), str(db_path), prefix, str(batches),
                             str(size)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    return proc


def batch_counts(db_path, prefix):
    db = open_db(db_path)
    try:
        assert integrity_problems(db) == []
        counts: dict[int, int] = {}
        for (code,) in db.execute("SELECT code FROM outlets WHERE code LIKE ?", [f"{prefix}%"]):
            batch = int(re.match(rf"{prefix}(\d+)-", code).group(1))
            counts[batch] = counts.get(batch, 0) + 1
        return counts
    finally:
        db.close()


def test_kill_9_during_batch_writes_loses_nothing_committed(tmp_path, request):
    runs = 25 if request.config.getoption("--slow") else 6
    rng = random.Random(1)
    db_path = tmp_path / "crash.db"
    open_db(db_path).close()  # migrations are not what this loop kills
    mid_way = 0
    for run in range(runs):
        prefix = f"R{run}B"
        proc = start(db_path, prefix, batches=50, size=100)
        reported, killed = kill_after_commits(proc, rng.randint(1, 25), rng)
        committed = {int(n) for n in reported}
        counts = batch_counts(db_path, prefix)
        assert all(n == 100 for n in counts.values()), f"partial batch in run {run}: {counts}"
        assert committed <= set(counts), f"run {run}: reported {committed}, found {counts}"
        mid_way += killed and 0 < len(counts) < 50
    # A kill after the last commit proves nothing (a loaded machine may let the writer
    # finish before the parent reads its k-th line); one that cut the writes must exist.
    assert mid_way, "every kill missed the writes; the test proved nothing"


def test_kill_9_during_first_migration_leaves_a_usable_file(tmp_path, request):
    runs = 25 if request.config.getoption("--slow") else 4
    rng = random.Random(2)
    for run in range(runs):
        db_path = tmp_path / f"m{run}.db"
        proc = subprocess.Popen([sys.executable, str(WRITER), str(db_path), "M", "1", "1"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(rng.random() * 0.6)  # jitter: where the kill lands, not a wait
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate()
        if db_path.exists():
            db = open_db(db_path)  # finishes whatever migration was cut short
            assert integrity_problems(db) == []
            assert {"outlets", "staff", "visits"} <= set(db.table_names())
            db.close()


def test_two_writers_on_one_file_both_finish(tmp_path):
    db_path = tmp_path / "shared.db"
    open_db(db_path).close()
    writers = [start(db_path, p, batches=50, size=10) for p in ("P", "Q")]
    for proc in writers:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert out.count("committed") == 50
    for prefix in ("P", "Q"):
        counts = batch_counts(db_path, prefix)
        assert sum(counts.values()) == 500
