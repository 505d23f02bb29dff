"""Follow-ups: what is due when, in which order, and one conversation logged in one write."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import NOW
from tests.domain.customers.helpers import customer, outlet_with_staff, sell
from workbench.core.config import Config
from workbench.core.errors import ValidationError
from workbench.customers import deposits, followups, records
from workbench.customers.followups import (
    LEAD_DAYS,
    PRIORITY,
    Conversation,
    FollowUp,
    pending,
    urgency,
)
from workbench.plan import contacts
from workbench.plan.customers import log_conversation

TODAY = NOW.date()


def item(kind: str, days: int, name: str = "张*") -> FollowUp:
    return FollowUp(f"{kind}:{days}:{name}", kind, 1, name, None,
                    TODAY + timedelta(days=days), "", days)


def test_overdue_first_most_overdue_first_then_priority():
    items = [item("next_step", 0), item("deposit", 2), item("claim", 0), item("renewal", -1),
             item("next_step", -3), item("claim", -1)]
    ordered = sorted(items, key=urgency)
    assert [(i.kind, i.days) for i in ordered] == [
        ("next_step", -3), ("claim", -1), ("renewal", -1), ("claim", 0), ("next_step", 0),
        ("deposit", 2)]


@given(st.lists(st.tuples(st.sampled_from(PRIORITY), st.integers(-40, 10)), max_size=20))
def test_order_is_by_day_then_priority(specs):
    ordered = sorted((item(k, d) for k, d in specs), key=urgency)
    for a, b in zip(ordered, ordered[1:], strict=False):
        assert a.due < b.due or (a.due == b.due and PRIORITY.index(a.kind)
                                 <= PRIORITY.index(b.kind))


@pytest.mark.parametrize(("days", "shown"), [(0, True), (-1, True), (1, False)])
def test_a_next_step_is_shown_from_its_day(db, days, shown):
    cid = customer(db)
    followups.add_followup(db, cid, "next_step", (TODAY + timedelta(days=days)).isoformat(),
                           "面谈", NOW)
    assert bool(pending(db, TODAY, Config())) is shown


@pytest.mark.parametrize(("days", "shown"), [
    (LEAD_DAYS["deposit"], True), (LEAD_DAYS["deposit"] + 1, False),
    (-followups.STALE_DAYS, True), (-followups.STALE_DAYS - 1, False)])
def test_a_deposit_is_shown_from_its_lead_days_before(db, days, shown):
    cid = customer(db)
    deposits.add_deposit(db, cid, "50k_200k", (TODAY + timedelta(days=days)).isoformat(), "",
                         NOW)
    found = pending(db, TODAY, Config())
    assert bool(found) is shown
    if shown:
        assert found[0].kind == "deposit" and found[0].days == days


def test_renewal_and_cooling_off_of_a_linked_policy(db):
    oid, _ = outlet_with_staff(db)
    cid = customer(db, outlet=oid)
    issued = date(2025, 11, 30)  # renews 2026-11-30: in 3 days
    sell(db, cid, oid, "P1", issued=issued)
    kinds = {(i.kind, i.due) for i in pending(db, TODAY, Config())}
    assert ("renewal", date(2026, 11, 30)) in kinds
    # a policy sold today: cooling-off ends in 15 days, shown from 3 days before
    sell(db, cid, oid, "P2", issued=TODAY)
    end = TODAY + timedelta(days=Config().deliveries.cooling_off_days)
    assert not any(i.kind == "cooling_off" for i in pending(db, TODAY, Config()))
    day = end - timedelta(days=LEAD_DAYS["cooling_off"])
    assert any(i.kind == "cooling_off" for i in pending(db, day, Config()))
    assert not any(i.kind == "cooling_off" for i in pending(db, day - timedelta(days=1),
                                                          Config()))
    assert any(i.kind == "cooling_off" for i in pending(db, end, Config()))
    assert not any(i.kind == "cooling_off" for i in pending(db, end + timedelta(days=1),
                                                          Config()))


def test_one_form_closes_the_item_logs_a_contact_and_sets_the_next_step(db):
    cid = customer(db)
    deposit = deposits.add_deposit(db, cid, "over_1m", (TODAY + timedelta(days=2)).isoformat(),
                                   "", NOW)
    ref = f"deposit:{deposit}"
    next_id = log_conversation(db, ref, Conversation(
        note="到期后转年金", next_what="带方案面谈",
        next_due=(TODAY + timedelta(days=1)).isoformat(), stage="intention"), TODAY, NOW, NOW)
    refs = [i.ref for i in pending(db, TODAY + timedelta(days=1), Config())]
    assert ref not in refs and f"followup:{next_id}" in refs
    assert records.get_customer(db, cid).stage == "intention"
    assert [c.kind for c in contacts.contacts_on(db, TODAY)] == ["customer"]


@pytest.mark.parametrize("talk", [
    Conversation(note="x", next_what="面谈", next_due=""),
    Conversation(note="x", next_what="", next_due=TODAY.isoformat()),
    Conversation(note="x", next_what="面谈", next_due=(TODAY - timedelta(days=1)).isoformat()),
    Conversation(note="x", stage="prospect")])
def test_a_refused_part_writes_nothing(db, talk):
    cid = customer(db, stage="sold")
    fid = followups.add_followup(db, cid, "claim", TODAY.isoformat(), "理赔", NOW)
    with pytest.raises(ValidationError):
        log_conversation(db, f"followup:{fid}", talk, TODAY, NOW, NOW)
    assert [i.ref for i in pending(db, TODAY, Config())] == [f"followup:{fid}"]
    assert contacts.contacts_on(db, TODAY) == []


def test_the_next_step_may_be_today(db):
    cid = customer(db)
    fid = followups.add_followup(db, cid, "next_step", TODAY.isoformat(), "面谈", NOW)
    new = log_conversation(db, f"followup:{fid}", Conversation(
        note="ok", next_what="再约", next_due=TODAY.isoformat()), TODAY, NOW, NOW)
    assert [i.ref for i in pending(db, TODAY, Config())] == [f"followup:{new}"]
