"""Kill -9 during a batch sign-off, a bulk import and a migration that rebuilds a table.

After every kill: the file passes integrity_check, no sign-off or import is half there,
everything the child reported as done is there, and the register's chain and guards hold.
``pytest --slow`` runs 25 kills of each; the default run a few.
"""

from __future__ import annotations

import csv
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import NOW
from tests.register_helpers import outlet, staff
from tests.safety.kills import kill_after_commits
from workbench import storage
from workbench.core.config import Config
from workbench.core.db import integrity_problems
from workbench.register import chain
from workbench.register import deliveries as reg
from workbench.storage import open_db

ACTIONS = Path(__file__).with_name("crash_actions.py")
BATCH = 40  # lines per sign-off


def runs(request, default: int) -> int:
    return 25 if request.config.getoption("--slow") else default


def start(args):
    proc = subprocess.Popen([sys.executable, str(ACTIONS), *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
    return proc


def write_phase(args) -> float:
    """How long the child's writes take on this machine, uninterrupted (kills are spread
    over this span, so they land in the write path on a fast machine or a slow one)."""
    proc = start(args)
    began = time.monotonic()
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    return time.monotonic() - began


def kill_at_random(args, rng, spread):
    """Start the child, wait until it is about to write, kill -9 it a random moment later.

    Returns (what it reported as committed, whether it was still working when killed).
    """
    proc = start(args)
    try:
        proc.wait(timeout=rng.random() * spread)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
    out, err = proc.communicate()
    killed = proc.returncode == -signal.SIGKILL
    assert killed or proc.returncode == 0, err
    return re.findall(r"committed ?(\d*)", out), killed


# --- a batch sign-off ------------------------------------------------------------------


@pytest.fixture(scope="module")
def register_file(tmp_path_factory):
    """An outlet with 1,600 policy lines awaiting signature (40 sign-offs of 40)."""
    path = tmp_path_factory.mktemp("register") / "register.db"
    db = open_db(path)
    config = Config()
    place = outlet(db, "CCB-1", "中国建设银行朝阳支行", NOW)
    signer = staff(db, place, "王芳", NOW)
    with db.atomic():
        for n in range(40 * BATCH):
            reg.add_delivery(db, config, outlet_id=place, kind=config.deliveries.policy_kind,
                             policy_no=f"P{n:05d}", customer="张三丰", now=NOW)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path, place, signer


def test_kill_9_during_batch_sign_offs(register_file, tmp_path, request):
    template, place, signer = register_file
    rng = random.Random(3)
    shutil.copy(template, tmp_path / "timed.db")
    mid_way = 0
    for run in range(runs(request, 4)):
        path = tmp_path / f"r{run}.db"
        shutil.copy(template, path)
        proc = start(["signoff", path, place, signer, BATCH])
        reported, killed = kill_after_commits(proc, rng.randint(1, 20), rng)
        db = open_db(path)
        try:
            assert integrity_problems(db) == []
            report = chain.verify_chain(db)
            assert report.ok, f"run {run}: {report}"
            sizes = dict(db.execute("SELECT signoff_id, count(*) FROM signoff_lines "
                                    "GROUP BY signoff_id").fetchall())
            assert set(sizes.values()) <= {BATCH}, f"run {run}: a partial sign-off {sizes}"
            assert {int(s) for s in reported} <= set(sizes), f"run {run}: lost a sign-off"
            open_count = db.execute("SELECT count(*) FROM open_lines").fetchone()[0]
            assert open_count == 40 * BATCH - BATCH * len(sizes)
        finally:
            db.close()
        mid_way += killed and 0 < len(sizes) < 40
    # A kill after the last commit proves nothing (a loaded machine may let the child
    # finish before the parent reads its k-th line); one that cut the writes must exist.
    assert mid_way, "every kill missed the sign-offs; the test proved nothing"


# --- a bulk import ---------------------------------------------------------------------

ROWS = 2000


def write_outlets(path: Path, prefix: str) -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["网点代码", "网点名称", "银行", "地址", "日均人流量"])
        for i in range(ROWS):
            out.writerow([f"{prefix}{i:05d}", f"建设银行第{i}支行", "建设银行",
                          f"杭州市上城区解放路 {i} 号", str(i % 500)])
    return path


def test_kill_9_during_imports(tmp_path, request):
    rng = random.Random(4)
    path = tmp_path / "import.db"
    open_db(path).close()
    mid_way = 0
    for run in range(runs(request, 3)):
        files = [write_outlets(tmp_path / f"r{run}-{k}.csv", f"R{run}F{k}-") for k in range(4)]
        proc = start(["import", path, *files])
        reported, killed = kill_after_commits(proc, rng.randint(1, 3), rng)
        db = open_db(path)
        try:
            assert integrity_problems(db) == []
            counts = [db.execute("SELECT count(*) FROM outlets WHERE code LIKE ?",
                                 [f"R{run}F{k}-%"]).fetchone()[0] for k in range(4)]
        finally:
            db.close()
        assert set(counts) <= {0, ROWS}, f"run {run}: half an import {counts}"
        assert all(counts[int(k)] == ROWS for k in reported), f"run {run}: {counts}"
        mid_way += killed and 0 < counts.count(ROWS) < 4
    assert mid_way, "every kill missed the imports; the test proved nothing"


# --- a migration that rebuilds a table ---------------------------------------------------


GUARDS = {"deliveries_no_update_signed", "deliveries_no_delete_signed",
          "deliveries_no_replace_signed", "open_lines_add", "open_lines_gone", "open_lines_move",
          "signoffs_no_update", "signoff_lines_no_delete", "voids_no_update"}


def guard_names(db) -> set[str]:
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}


def test_kill_9_during_a_migration_that_rebuilds_the_register(register_file, tmp_path,
                                                              request, monkeypatch):
    from .crash_actions import extra_migrations

    template, place, signer = register_file
    source = tmp_path / "signed.db"
    shutil.copy(template, source)
    db = open_db(source)
    for start in range(0, 20 * BATCH, BATCH):  # half the lines signed, half open
        ids = list(range(start + 1, start + BATCH + 1))
        chain.sign_off(db, outlet_id=place, delivery_ids=ids, staff_id=signer, now=NOW)
    guards = guard_names(db)
    assert GUARDS <= guards
    before = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("deliveries", "signoffs", "signoff_lines", "open_lines", "open_policies")}
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    original = storage.declared_migrations
    monkeypatch.setattr(storage, "declared_migrations",
                        lambda: [*original(), extra_migrations()])
    rng = random.Random(5)
    shutil.copy(source, tmp_path / "timed.db")
    spread = write_phase(["migrate", tmp_path / "timed.db"])
    cut_short = 0
    for run in range(runs(request, 3)):
        path = tmp_path / f"m{run}.db"
        shutil.copy(source, path)
        reported, killed = kill_at_random(["migrate", path], rng, spread)
        cut_short += killed and not reported
        db = open_db(path)  # finishes whatever migration was cut short
        try:
            assert integrity_problems(db) == []
            assert storage.pending_migrations(db) == []
            assert "channel" in db["deliveries"].columns_dict
            assert guard_names(db) >= guards, f"run {run}: triggers missing after migrating"
            after = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in before}
            assert after == before, f"run {run}"
            assert chain.verify_chain(db).ok
        finally:
            db.close()
        raw = sqlite3.connect(path)
        with pytest.raises(sqlite3.DatabaseError, match="register"):
            raw.execute("UPDATE deliveries SET note = 'x' WHERE id = 1")
        raw.close()
    assert cut_short, "every migration finished before its kill; the test proved nothing"
