"""``open_policies``, kept by triggers, always equals what the register says from scratch.

A hypothesis state machine writes through the domain functions only (policy lines and
lines of another kind delivered, signed, voided, receipts and callbacks recorded, each on
a random day; refused writes included) and after every step compares the table with a
from-scratch reading of the register (``tests.register_helpers``) and with a model of
the lines kept here, and every query built on the table (``receipts.due_now``,
``receipts_due``, ``callbacks_due``, the week's open and overdue counts as of past days)
with the Python forms of ``register.deadlines`` applied to that model. Then: the
triggers come back after a ``transform()``, and a file written before the table existed
is back-filled.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from tests.register_helpers import open_policies_from_scratch, open_policies_kept, outlet, staff
from workbench.core import db as dbmod
from workbench.core.config import Config
from workbench.core.errors import ValidationError, WorkbenchError
from workbench.register import chain, deadlines, deliveries, receipts, voids
from workbench.register import schema as register_schema
from workbench.register import week as register_week
from workbench.storage import migration_sets, open_db, repair

FIRST = date(2026, 3, 1)
LATER = datetime(2026, 6, 1, 12)  # "now" of every write: all the days are past
CONFIG = Config()
POLICY = CONFIG.deliveries.policy_kind


@dataclass
class Line:
    id: int
    outlet: int
    code: str
    kind: str
    number: str | None
    delivered: date
    signed_on: date | None = None
    receipt_on: date | None = None
    callback_on: date | None = None
    voided: bool = False

    def is_open(self) -> bool:
        """Signed, not voided, its receipt or its callback not recorded."""
        return (self.signed_on is not None and not self.voided
                and (self.receipt_on is None or self.callback_on is None))


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """An empty, migrated register with two outlets and a signer each."""
    path = tmp_path_factory.mktemp("open-policies") / "template.db"
    db = open_db(path)
    start = datetime.combine(FIRST, time(8))
    for code in ("B-2", "A-1"):
        place = outlet(db, code, f"网点{code}", start)
        staff(db, place, "王芳", start)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


def _at(day: date, late: bool) -> datetime:
    return datetime.combine(day, time(23, 59) if late else time(0, 0))


class Register(RuleBasedStateMachine):
    template: Path

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp())
        shutil.copy(self.template, self.folder / "wb.db")
        self.db = open_db(self.folder / "wb.db")
        self.places = self.db.execute(
            "SELECT o.id, o.code, s.id FROM outlets o JOIN staff s ON s.outlet_id = o.id "
            "ORDER BY o.id").fetchall()
        self.lines: list[Line] = []
        self.config = CONFIG

    def teardown(self) -> None:
        self.db.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _pick(self, index: int, signed: bool | None = None) -> Line | None:
        """A line by ``index``; mostly among the unsigned ones (``signed=False``) or the
        open policies (``signed=True``) if any, so that many writes succeed, while any
        line may still be tried."""
        among = [x for x in self.lines if signed is None
                 or (x.kind == POLICY and x.is_open() if signed else x.signed_on is None)]
        if index % 5 == 0 or not among:
            among = self.lines
        return among[index % len(among)] if among else None

    @rule(policy=st.sampled_from([True, True, False]), place=st.integers(0, 1),
          day=st.integers(0, 30))
    def deliver(self, policy: bool, place: int, day: int) -> None:
        outlet_id, code, _ = self.places[place]
        on = FIRST + timedelta(days=day)
        number = f"P{len(self.lines):04d}" if policy else None
        extra = {"policy_no": number, "customer": "张三丰"} if policy else {"quantity": 5}
        line = deliveries.add_delivery(self.db, self.config, outlet_id=outlet_id,
                                       kind=POLICY if policy else "brochure",
                                       delivered_at=_at(on, False), now=LATER, **extra)
        self.lines.append(Line(line, outlet_id, code, POLICY if policy else "brochure",
                               number, on))

    @rule(index=st.integers(0, 10_000), after=st.integers(-1, 6), late=st.booleans())
    def sign(self, index: int, after: int, late: bool) -> None:
        line = self._pick(index, signed=False)
        if line is None:
            return
        on = line.delivered + timedelta(days=after)
        signer = next(s for o, _, s in self.places if o == line.outlet)
        try:
            chain.sign_off(self.db, outlet_id=line.outlet, delivery_ids=[line.id],
                           staff_id=signer, signed_at=_at(on, late), late_reason="补登",
                           now=LATER)
        except ValidationError:
            assert line.signed_on is not None or line.voided or after < 0
            return
        assert line.signed_on is None and not line.voided and after >= 0
        line.signed_on = on

    @rule(index=st.integers(0, 10_000), now=st.integers(0, 2))
    def void(self, index: int, now: int) -> None:
        line = self._pick(index)
        if line is None or now:  # a void is rarer than the other writes
            return
        try:
            voids.void_line(self.db, line.id, "重新打印", LATER)
        except ValidationError:
            assert line.voided
            return
        line.voided = True

    @rule(index=st.integers(0, 10_000), receipt=st.booleans(), after=st.integers(-1, 12))
    def record(self, index: int, receipt: bool, after: int) -> None:
        line = self._pick(index, signed=True)
        if line is None:
            return
        mark = receipts.mark_receipt_returned if receipt else receipts.mark_callback_done
        field = "receipt_on" if receipt else "callback_on"
        base = line.signed_on or line.delivered
        on = base + timedelta(days=after)
        try:
            mark(self.db, self.config, line.id, on.isoformat(), LATER)
        except ValidationError:
            assert (line.kind != POLICY or line.signed_on is None or line.voided or after < 0
                    or getattr(line, field) is not None)
            return
        setattr(line, field, on)

    @invariant()
    def the_table_is_the_register_read_from_scratch(self) -> None:
        kept = open_policies_kept(self.db)
        assert kept == open_policies_from_scratch(self.db)
        model = [(x.id, x.outlet, x.kind, x.signed_on.isoformat(),
                  x.receipt_on and x.receipt_on.isoformat(),
                  x.callback_on and x.callback_on.isoformat())
                 for x in sorted(self.lines, key=lambda x: x.id) if x.is_open()]
        assert kept == model

    @invariant()
    def the_queries_on_it_agree_with_the_python_forms(self) -> None:
        for event in deadlines.EVENTS:
            awaited = [x for x in self.lines if x.kind == POLICY and x.is_open()
                       and deadlines.is_open(getattr(x, f"{event}_on"))]
            listed = (receipts.receipts_due if event == "receipt" else receipts.callbacks_due)(
                self.db, FIRST, self.config)
            assert sorted(x.delivery_id for x in listed) == sorted(x.id for x in awaited)
            # Each deadline's day and the day before it: "due now" at its exact boundary.
            dues = sorted({_due(x, event) for x in awaited})[:4]
            for today in sorted({FIRST, *dues, *(d - timedelta(days=1) for d in dues)}):
                expected = sorted(
                    (_due(x, event), x.code, x.number, x.id) for x in awaited
                    if deadlines.is_due_now(_due(x, event), today))
                total, items = receipts.due_now(self.db, today, self.config, event, 4)
                assert total == len(expected), (event, today)
                assert [(x.due, x.delivery_id) for x in items] == [
                    (due, line) for due, _, _, line in expected[:4]], (event, today)


    @invariant()
    def the_week_agrees_with_the_python_forms_as_of_each_cut(self) -> None:
        """Open as of a past day: each day an event was recorded, and the day before."""
        recorded = {d for x in self.lines for d in (x.receipt_on, x.callback_on) if d}
        for cut in sorted({FIRST, *recorded, *(d - timedelta(days=1) for d in recorded)})[-4:]:
            figures = {name: value for _, name, value, _ in register_week.week_figures(
                self.db, cut - timedelta(days=6), cut, self.config, today=cut)}
            for event in deadlines.EVENTS:
                still = [x for x in self.lines if x.kind == POLICY and not x.voided
                         and x.signed_on is not None and x.signed_on <= cut
                         and deadlines.is_open(getattr(x, f"{event}_on"), cut)]
                late = [x for x in still if deadlines.is_overdue(_due(x, event, cut), cut)]
                assert figures[f"{event}s_outstanding"] == len(still), (event, cut)
                assert figures[f"{event}s_overdue"] == len(late), (event, cut)


def _due(line: Line, event: str, cut: date | None = None) -> date:
    assert line.signed_on is not None
    received = deadlines.received_on(line.signed_on, line.receipt_on, cut)
    return deadlines.due(event, line.signed_on, received, CONFIG)


@pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")
def test_open_policies_follow_every_write(template):
    Register.template = template
    run = settings(max_examples=100, stateful_step_count=50, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow])(Register).TestCase
    run("runTest").runTest()


# --- triggers dropped, a file from before the table ----------------------------------------


def _sign_two(db) -> tuple[int, int]:
    place, _, signer = db.execute(
        "SELECT o.id, o.code, s.id FROM outlets o JOIN staff s ON s.outlet_id = o.id "
        "ORDER BY o.id").fetchone()
    a, b = (deliveries.add_delivery(db, CONFIG, outlet_id=place, kind=POLICY, policy_no=n,
                                    delivered_at=_at(FIRST, False), now=LATER)
            for n in ("P1", "P2"))
    chain.sign_off(db, outlet_id=place, delivery_ids=[a, b], staff_id=signer,
                   signed_at=_at(FIRST, False), late_reason="补登", now=LATER)
    return a, b


def test_the_triggers_come_back_after_a_transform(template, tmp_path):
    path = tmp_path / "wb.db"
    shutil.copy(template, path)
    db = open_db(path)
    a, b = _sign_two(db)
    # A later migration rebuilds policy_events (dropping its triggers); meanwhile a
    # receipt is recorded behind the table's back.
    db["policy_events"].transform(types={"note": str})
    receipts.mark_receipt_returned(db, CONFIG, a, FIRST.isoformat(), LATER)
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert "open_policies_event" not in names
    db.close()
    # Dropped outside a migration run: opening refuses until the explicit repair.
    with pytest.raises(WorkbenchError, match="open_policies_event"):
        open_db(path)
    repair(path)
    again = open_db(path)
    try:
        names = {r[0] for r in again.execute(
            "SELECT name FROM sqlite_master WHERE type='trigger'")}
        assert set(register_schema.OPEN_POLICY_TRIGGERS) <= names
        assert open_policies_kept(again) == open_policies_from_scratch(again)
        assert open_policies_kept(again)[0][4] == FIRST.isoformat()
        receipts.mark_callback_done(again, CONFIG, a, FIRST.isoformat(), LATER)
        assert [r[0] for r in open_policies_kept(again)] == [b]
        assert open_policies_kept(again) == open_policies_from_scratch(again)
    finally:
        again.close()


def test_a_file_from_before_the_table_is_back_filled(tmp_path):
    """Signed, voided and recorded lines written before ``m003_open_policies`` ran."""
    path = tmp_path / "old.db"
    old = dbmod.connect(path)
    for migrations in migration_sets():
        if migrations.name == register_schema.migrations.name:
            migrations.apply(old, stop_before="m003_open_policies")
            break
        migrations.apply(old)
    old.close()
    db = open_db(path, migrate=False)
    start = datetime.combine(FIRST, time(8))
    place = outlet(db, "A-1", "网点", start)
    staff(db, place, "王芳", start)
    a, b = _sign_two(db)
    receipts.mark_receipt_returned(db, CONFIG, a, FIRST.isoformat(), LATER)
    receipts.mark_callback_done(db, CONFIG, a, FIRST.isoformat(), LATER)
    receipts.mark_callback_done(db, CONFIG, b, FIRST.isoformat(), LATER)
    assert "open_policies" not in db.table_names()
    db.close()
    db = open_db(path)
    try:
        assert open_policies_kept(db) == open_policies_from_scratch(db)
        assert [(r[0], r[4], r[5]) for r in open_policies_kept(db)] == [
            (b, None, FIRST.isoformat())]
    finally:
        db.close()
