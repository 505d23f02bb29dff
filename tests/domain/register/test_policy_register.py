"""Registering a sold policy's original document: one transaction, duplicates, refusals."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import NOW, TODAY
from workbench.assessment import policies
from workbench.core import i18n
from workbench.core.errors import ValidationError
from workbench.plan import agenda
from workbench.register import deliveries, originals, voids
from workbench.roster import outlets


@pytest.fixture
def outlet(db):
    return outlets.add_outlet(db, outlets.OutletDraft(code="CCB-1", name="建行朝阳支行"),
                              ["A", "B", "C"], NOW - timedelta(days=30))


def sell(db, config, number="P2026001", days_ago=3) -> int:
    draft = policies.PolicyDraft(policy_no=number, outlet="CCB-1", product="鑫享年金",
                                 premium="50000", term_years="10",
                                 issue_date=(TODAY - timedelta(days=days_ago)).isoformat(),
                                 customer_name="张三丰", customer_phone="13812345678")
    return policies.log_policy(db, draft, config.goals, TODAY, NOW - timedelta(days=days_ago))


def snapshot(db) -> tuple:
    """Everything the action could touch: register lines and the policies' status."""
    return (db.execute("SELECT * FROM deliveries ORDER BY id").fetchall(),
            db.execute("SELECT id, document_status FROM policies ORDER BY id").fetchall())


def test_register_logs_the_line_from_the_policy_and_marks_it(db, config, outlet):
    pid = sell(db, config)
    result = originals.register_document(db, config, pid, now=NOW, note="柜面打印")
    assert result == originals.Registered(pid, "P2026001", result.line_id, False)
    line = deliveries.get_line(db, result.line_id)
    assert (line.outlet_id, line.kind, line.policy_no, line.customer, line.quantity,
            line.note, line.status) == (outlet, config.deliveries.policy_kind, "P2026001",
                                        "张三丰", 1, "柜面打印", "awaiting")
    assert line.delivered_at == NOW
    assert policies.get_policy(db, pid).document_status == "registered"
    assert policies.count_awaiting_documents(db) == 0
    assert [x.id for x in deliveries.policies_to_deliver(db, config)] == [result.line_id]


def test_line_and_mark_are_one_transaction(db, config, outlet):
    pid = sell(db, config)
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        originals.register_document(db, config, pid, now=NOW)
    finally:
        db.conn.set_trace_callback(None)
    begins = [s for s in statements if s.upper().startswith("BEGIN")]
    commits = [s for s in statements if s.upper().startswith("COMMIT")]
    assert begins == ["BEGIN IMMEDIATE"] and len(commits) == 1
    writes = [s for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE"))]
    first, last = statements.index(begins[0]), statements.index(commits[0])
    assert writes and all(first < statements.index(w) < last for w in writes)


def test_a_failure_after_the_line_rolls_the_line_back(db, config, outlet, monkeypatch):
    pid = sell(db, config)
    before = snapshot(db)

    def broken(db, policy_id):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(policies, "mark_document_registered", broken)
    with pytest.raises(RuntimeError):
        originals.register_document(db, config, pid, now=NOW)
    assert snapshot(db) == before


def test_a_number_already_in_the_register_is_only_marked(db, config, outlet):
    pid = sell(db, config)
    by_hand = deliveries.add_delivery(db, config, outlet_id=outlet,
                                      kind=config.deliveries.policy_kind,
                                      policy_no="P2026001", now=NOW - timedelta(hours=2))
    result = originals.register_document(db, config, pid, now=NOW)
    assert (result.line_id, result.existed) == (by_hand, True)
    assert db.execute("SELECT count(*) FROM deliveries").fetchone()[0] == 1
    assert policies.get_policy(db, pid).document_status == "registered"


def test_a_voided_register_line_does_not_count(db, config, outlet):
    pid = sell(db, config)
    wrong = deliveries.add_delivery(db, config, outlet_id=outlet,
                                    kind=config.deliveries.policy_kind,
                                    policy_no="P2026001", now=NOW - timedelta(hours=2))
    voids.void_line(db, wrong, "送错网点", NOW - timedelta(hours=1))
    result = originals.register_document(db, config, pid, now=NOW)
    assert not result.existed and result.line_id != wrong


def test_voided_policy_refused_and_nothing_written(db, config, outlet):
    pid = sell(db, config)
    policies.void_policy(db, pid, "录错了", NOW)
    before = snapshot(db)
    with pytest.raises(ValidationError) as err:
        originals.register_document(db, config, pid, now=NOW)
    assert str(err.value) == "Policy P2026001 is voided; its original cannot be registered"
    i18n.set_language("zh")
    assert str(err.value) == "保单 P2026001 已作废,不能登记正本"
    assert snapshot(db) == before


def test_already_registered_refused(db, config, outlet):
    pid = sell(db, config)
    originals.register_document(db, config, pid, now=NOW)
    before = snapshot(db)
    with pytest.raises(ValidationError) as err:
        originals.register_document(db, config, pid, now=NOW)
    assert "already registered" in str(err.value)
    assert snapshot(db) == before


@pytest.mark.parametrize("case", ["inactive outlet", "future", "bad number", "no policy"])
def test_what_the_register_refuses_writes_nothing(db, config, outlet, case):
    pid = sell(db, config, number="P/2026/1" if case == "bad number" else "P2026001")
    at = None
    if case == "inactive outlet":
        outlets.set_outlet_active(db, outlet, False, NOW)
    elif case == "future":
        at = NOW + timedelta(days=1)
    elif case == "no policy":
        pid += 99
    before = snapshot(db)
    with pytest.raises(ValidationError):
        originals.register_document(db, config, pid, now=NOW, delivered_at=at)
    assert snapshot(db) == before


def test_the_plan_lists_unregistered_policies_until_registered(db, config, outlet):
    old, new = sell(db, config, "P1", days_ago=4), sell(db, config, "P2", days_ago=1)
    voided = sell(db, config, "P3", days_ago=2)
    policies.void_policy(db, voided, "录错了", NOW)
    docs = [d for d in agenda.build_agenda(db, TODAY, config).documents
            if d.kind == "unregistered"]
    assert [(d.ref, d.outlet_code, d.what, d.who, d.days) for d in docs] == [
        (old, "CCB-1", "P1", "张**", 4), (new, "CCB-1", "P2", "张**", 1)]
    line = originals.register_document(db, config, old, now=NOW).line_id
    docs = agenda.build_agenda(db, TODAY, config).documents
    assert [(d.kind, d.ref) for d in docs] == [("unregistered", new), ("policy", line)]
