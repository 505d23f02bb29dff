"""A hypothesis state machine over the outlets domain against a plain in-memory model.

Random sequences of adds, edits (valid and invalid), deactivations, staff additions and
check-ins/outs must leave the database agreeing with the model: invalid steps change
nothing, valid ones change exactly what they say.
"""

from __future__ import annotations

import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from workbench.core.errors import ValidationError
from workbench.roster import outlets, staff, visits
from workbench.storage import open_db

TIERS = ["A", "B", "C", "D"]
ROLES = ["head", "teller"]
codes = st.sampled_from(["C1", "C2", "C3", "C4", "bad code", ""])
names = st.sampled_from(["建设银行朝阳支行", "工行", "", "x" * 200, "🏦 网点"])
numbers = st.sampled_from(["", "0", "12.5", "-3", "abc", "1e3"])


class OutletsMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.dir = tempfile.TemporaryDirectory()
        self.db = open_db(Path(self.dir.name) / "m.db")
        self.model: dict[str, dict] = {}  # code -> {name, target, active, staff, id}
        self.clock = datetime(2026, 11, 27, 8, 0)
        self.open_visit: int | None = None

    def teardown(self):
        self.db.close()
        self.dir.cleanup()

    def tick(self) -> datetime:
        self.clock += timedelta(minutes=30)
        return self.clock

    @staticmethod
    def valid(code, name, target) -> bool:
        target_ok = target in ("", "0", "12.5", "1e3")
        return bool(code) and " " not in code and 0 < len(name) <= 80 and target_ok

    @rule(code=codes, name=names, goal=numbers)
    def add(self, code, name, goal):
        draft = outlets.OutletDraft(code=code, name=name, plan_year=goal)
        expect_ok = self.valid(code, name, goal) and code not in self.model
        try:
            oid = outlets.add_outlet(self.db, draft, TIERS, self.tick())
        except ValidationError:
            assert not expect_ok
            return
        assert expect_ok
        self.model[code] = {"id": oid, "name": name, "target": float(goal) if goal else None,
                            "active": True, "staff": 0}

    @rule(data=st.data(), name=names, goal=numbers)
    def edit(self, data, name, goal):
        if not self.model:
            return
        code = data.draw(st.sampled_from(sorted(self.model)))
        entry = self.model[code]
        draft = outlets.OutletDraft(code=code, name=name, plan_year=goal)
        try:
            outlets.update_outlet(self.db, entry["id"], draft, TIERS, self.tick())
        except ValidationError:
            assert not self.valid(code, name, goal)
            return
        entry.update(name=name, target=float(goal) if goal else None)

    @rule(data=st.data())
    def toggle(self, data):
        if not self.model or self.open_visit is not None:
            return
        code = data.draw(st.sampled_from(sorted(self.model)))
        entry = self.model[code]
        outlets.set_outlet_active(self.db, entry["id"], not entry["active"], self.tick())
        entry["active"] = not entry["active"]

    @rule(data=st.data(), name=st.sampled_from(["李娜", "", "王伟"]))
    def add_staff(self, data, name):
        if not self.model:
            return
        code = data.draw(st.sampled_from(sorted(self.model)))
        try:
            staff.add_staff(self.db, self.model[code]["id"],
                            staff.StaffDraft(name=name, role="teller"), ROLES, self.tick())
        except ValidationError:
            assert name == ""
            return
        self.model[code]["staff"] += 1

    @rule(data=st.data())
    def check_in_or_out(self, data):
        if self.open_visit is not None:
            visits.check_out(self.db, self.open_visit, self.tick())
            self.open_visit = None
            return
        active = sorted(c for c, e in self.model.items() if e["active"])
        if active:
            code = data.draw(st.sampled_from(active))
            self.open_visit = visits.check_in(self.db, self.model[code]["id"], self.tick(),
                                              "stationed")

    @invariant()
    def database_agrees_with_model(self):
        rows = outlets.roster(self.db, self.clock.date(), {"C": 30}, include_inactive=True)
        assert {r.code for r in rows} == set(self.model)
        for r in rows:
            entry = self.model[r.code]
            assert (r.name, r.active, r.staff_count) == (
                entry["name"], entry["active"], entry["staff"])
            assert outlets.get_outlet(self.db, r.id).plan_year == entry["target"]
        current = visits.open_visit(self.db)
        assert (current.id if current else None) == self.open_visit


OutletsMachine.TestCase.settings = settings(max_examples=40, stateful_step_count=25,
                                            deadline=None)
test_outlets_state_machine = OutletsMachine.TestCase


def test_a_full_disk_fails_cleanly_and_writes_nothing(db):
    """SQLITE_FULL mid-transaction (max_page_count stands in for a full disk)."""
    import sqlite3

    import pytest

    outlets.add_outlet(db, outlets.OutletDraft(code="K", name="kept"), TIERS, datetime.now())
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(sqlite3.OperationalError, match="full"):
        with db.atomic():
            for i in range(500):
                outlets.add_outlet(db, outlets.OutletDraft(code=f"F{i}", name="x" * 70,
                                                           notes="y" * 1500),
                                   TIERS, datetime.now())
    assert [r[0] for r in db.execute("SELECT code FROM outlets")] == ["K"]
