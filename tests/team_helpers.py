"""A fixture team of three managers, each a small workbench file with known figures.

Week 2026-W47 (Mon 16 – Sun 22 November) is the week bundled; the bundles are made on
2026-11-27 (``conftest.NOW``), so the week is over and its figures are as of the 22nd.
"""

from __future__ import annotations

import dataclasses
import io
import json
import zipfile
from datetime import date, datetime
from pathlib import Path

from workbench.assessment import journal, policies
from workbench.core.config import Config, ManagerConfig
from workbench.register import chain, deliveries
from workbench.review.week import Week
from workbench.roster import outlets, visits
from workbench.roster import staff as roster_staff
from workbench.storage import open_db
from workbench.team import bundle, keys

WEEK = Week(date(2026, 11, 16))
MADE = datetime(2026, 11, 27, 9, 30)
CREATED = datetime(2026, 9, 1, 9, 0)
TIERS = ["A", "B", "C", "D"]
CUSTOMERS = {1: ("张三丰", "13812345678"), 2: ("李四光", "13900001111"),
             3: ("王五福", "13788889999")}


def config_for(n: int) -> Config:
    """Manager n: grade 10, 5, 8; only manager 1 shares the morning mood."""
    grade = {1: 10, 2: 5, 3: 8}[n]
    return Config(manager=ManagerConfig(name=f"经理{n}", grade=grade, share_mood=n == 1))


def _outlet(db, code: str, tier: str) -> int:
    return outlets.add_outlet(db, outlets.OutletDraft(code=code, name=f"网点{code}", tier=tier),
                              TIERS, CREATED)


def _visit(db, outlet_id: int, start: str, end: str, notes: str = "") -> None:
    visits.record_visit(db, outlet_id, datetime.fromisoformat(start),
                        datetime.fromisoformat(end), "stationed", notes)


def build_manager(path: Path, n: int) -> None:
    """Manager n's file. Figures of W47 by hand:

    1: X1 (A) visited Mon 09:00–10:30 with a note (counts); X2 (C) visited Tue
       07:00–07:30 without a note (does not count: hours, short, no note). Both were
       never visited before, so both due: coverage A 1/1, C 1/1. One summary sheet
       delivered to X1, not signed: 1 awaiting. Moods 80 and 60 (shared): 70.
       Policy P1 issued 11-18 at X1 (100,000, 10 years). X1 broke zero this week.
    2: no visits: A 1 due 0 visited, C 1 due 0 visited. One line signed at X1 on 11-18,
       one more signed on 11-25 (after the week: left out of the W47 bundle). A mood of
       90, not shared. No policy.
    3: X1 visited 11-10 and 11-18 (A: due 11-17, visited); X2 (C, 30 days) last visited
       10-01: due 10-31, so due, not visited, and late by 22 days at 11-22. X3 (D, 60
       days) visited 11-05 and 11-19: visited in the week but not due (D 1 due 0).
    """
    config = config_for(n)
    db = open_db(path)
    try:
        x1, x2 = _outlet(db, "X1", "A"), _outlet(db, "X2", "C")
        teller = roster_staff.add_staff(db, x1, roster_staff.StaffDraft(
            name="柜员甲", role="teller", phone="13600000000"), ["teller"], CREATED)
        name, phone = CUSTOMERS[n]
        if n == 1:
            _visit(db, x1, "2026-11-16 09:00", "2026-11-16 10:30", f"见了客户{name}")
            _visit(db, x2, "2026-11-17 07:00", "2026-11-17 07:30")
            deliveries.add_delivery(db, config, outlet_id=x1, kind="summary_sheet",
                                    quantity=20, delivered_at=datetime(2026, 11, 16, 10),
                                    now=datetime(2026, 11, 16, 10))
            journal.rate_mood(db, date(2026, 11, 16), 80, f"{name} 来电 {phone}",
                              date(2026, 11, 16))
            journal.rate_mood(db, date(2026, 11, 17), 60, "", date(2026, 11, 17))
            policies.log_policy(db, policies.PolicyDraft(
                policy_no="P1", outlet="X1", product="鑫享年金", premium="100000",
                term_years="10", issue_date="2026-11-18", customer_name=name,
                customer_phone=phone), config.goals, date(2026, 11, 18),
                datetime(2026, 11, 18, 15))
        if n == 2:
            for day in (18, 25):
                line = deliveries.add_delivery(
                    db, config, outlet_id=x1, kind="original_policy", policy_no=f"Q{day}",
                    customer=name, note=f"客户电话 {phone}",
                    delivered_at=datetime(2026, 11, day, 10), now=datetime(2026, 11, day, 10))
                chain.sign_off(db, outlet_id=x1, delivery_ids=[line], staff_id=teller,
                               now=datetime(2026, 11, day, 11))
            journal.rate_mood(db, date(2026, 11, 17), 90, "", date(2026, 11, 17))
        if n == 3:
            _visit(db, x1, "2026-11-10 09:00", "2026-11-10 10:30", "早会")
            _visit(db, x1, "2026-11-18 09:00", "2026-11-18 10:30", "培训")
            _visit(db, x2, "2026-10-01 09:00", "2026-10-01 10:30", "拜访")
            x3 = _outlet(db, "X3", "D")  # visited in the week but not due (60 days)
            _visit(db, x3, "2026-11-05 09:00", "2026-11-05 10:30", "拜访")
            _visit(db, x3, "2026-11-19 09:00", "2026-11-19 10:30", "回访")
    finally:
        db.close()


def make_bundle(db_path: Path, n: int, key_dir: Path, week: Week = WEEK,
                made: datetime = MADE) -> bytes:
    data, _, _ = bundle.make_bundle(db_path, week, config_for(n), key_dir, made)
    return data


def public_key(key_dir: Path) -> str:
    key, _ = keys.load_or_create(key_dir)
    return keys.public_hex(key)


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def repack(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, body in parts.items():
            zf.writestr(name, body)
    return out.getvalue()


def resign(parts: dict[str, bytes], key_dir: Path, **changes) -> bytes:
    """The bundle with its manifest changed (``changes`` merged in, the snapshot's sha256
    recomputed) and signed again with the key in ``key_dir``: what a modified program
    holding the manager's key could send."""
    import hashlib

    manifest = json.loads(parts[bundle.MANIFEST])
    manifest["snapshot"]["sha256"] = hashlib.sha256(parts[bundle.SNAPSHOT]).hexdigest()
    manifest["chains"] = chains_of(parts[bundle.SNAPSHOT])
    for key, value in changes.items():
        manifest[key] = value
    body = json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode()
    key, _ = keys.load_or_create(key_dir)
    return repack({**parts, bundle.MANIFEST: body, bundle.SIGNATURE: keys.sign(key, body)})


def chains_of(snapshot: bytes) -> dict:
    """The heads the project's verification finds in a snapshot."""
    import sqlite3
    import tempfile

    from workbench.register import ledger

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "s.db"
        path.write_bytes(snapshot)
        conn = sqlite3.connect(path)
        try:
            db = bundle.on(conn)
            signoffs, head = chain.verify_chain(db), ledger.head(db)
        finally:
            conn.close()
    return {"signoffs": {"count": signoffs.count, "head": signoffs.head},
            "ledger": {"seq": head.seq, "head": head.hash, "counts": head.counts}}


def edit_snapshot(parts: dict[str, bytes], tmp: Path, *sql: str,
                  relink: bool = False) -> dict[str, bytes]:
    """Run ``sql`` on the bundle's snapshot (the sqlite3 shell's edit); ``relink``
    recomputes every hash after it, as a forger would."""
    import sqlite3

    from workbench.register import ledger
    from workbench.team.bundle import on

    path = tmp / "edit.db"
    path.write_bytes(parts[bundle.SNAPSHOT])
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in sql:
        conn.execute(statement)
    if relink:
        db = on(conn)
        chain.relink(db)
        ledger.relink(db)
    conn.close()
    return {**parts, bundle.SNAPSHOT: path.read_bytes()}


def dump(db) -> list:
    """Every row of every table of a database: to show that nothing was written."""
    out = []
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                              "ORDER BY name").fetchall():
        out.append((name, db.execute(f'SELECT * FROM "{name}" ORDER BY 1').fetchall()))
    return out


def asdict(config: Config) -> dict:
    return dataclasses.asdict(config)
