"""Teller referrals: referred, converted, premium per staff and outlet; the key tellers."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import NOW
from tests.domain.customers.helpers import customer, outlet_with_staff, sell
from workbench.core.errors import ValidationError
from workbench.customers import records, referrals


def test_counts_per_staff_and_outlet(db):
    oid, (a, b) = outlet_with_staff(db, "A1", ("甲", "乙"))
    other, (c,) = outlet_with_staff(db, "B2", ("丙",))
    sell(db, customer(db, "客一", oid, a), oid, "P1", premium=10000)
    sell(db, customer(db, "客二", oid, a), oid, "P2", premium=5000)
    customer(db, "客三", oid, a)
    sell(db, customer(db, "客四", oid, b), oid, "P3", premium=30000)
    customer(db, "客五", other, c)
    customer(db, "客六", oid)  # a walk-in: nobody's referral
    staff = {r.name: r for r in referrals.by_staff(db, oid)}
    assert (staff["甲"].referred, staff["甲"].converted, staff["甲"].premium) == (3, 2, 15000)
    assert (staff["乙"].referred, staff["乙"].converted, staff["乙"].premium) == (1, 1, 30000)
    outlet = referrals.by_outlet(db)
    assert (outlet[oid].referred, outlet[oid].converted, outlet[oid].premium) == (4, 3, 45000)
    assert (outlet[other].referred, outlet[other].converted) == (1, 0)
    # key tellers: most conversions first; none without a conversion
    assert [r.name for r in referrals.key_tellers(db, oid)] == ["甲", "乙"]
    assert referrals.key_tellers(db, other) == []


def test_at_most_two_key_tellers_and_premium_breaks_a_tie(db):
    oid, sids = outlet_with_staff(db, "A1", ("甲", "乙", "丙"))
    for n, (sid, premium) in enumerate(zip(sids, (1000, 3000, 2000), strict=True)):
        sell(db, customer(db, f"客{n}", oid, sid), oid, f"P{n}", premium=premium)
    assert [r.name for r in referrals.key_tellers(db, oid)] == ["乙", "丙"]


def test_a_voided_policy_does_not_count(db):
    from workbench.assessment import policies

    oid, (a,) = outlet_with_staff(db, "A1", ("甲",))
    pid = sell(db, customer(db, "客一", oid, a), oid, "P1", premium=10000)
    policies.void_policy(db, pid, "录错", NOW)
    assert referrals.by_staff(db, oid)[0].premium == 0


def test_a_week_counts_what_happened_in_it(db):
    oid, (a,) = outlet_with_staff(db, "A1", ("甲",))
    start = NOW.date() - timedelta(days=NOW.date().weekday())
    end = start + timedelta(days=6)
    earlier = NOW - timedelta(days=10)
    old = customer(db, "老客", oid, a, at=earlier)
    sell(db, old, oid, "P1", premium=7000)  # sold this week, referred before it
    customer(db, "新客", oid, a)
    week = referrals.by_staff(db, None, start, end)[0]
    assert (week.referred, week.converted, week.premium) == (1, 1, 7000)
    before = referrals.by_staff(db, None, start - timedelta(days=7), start - timedelta(days=1))
    assert [(r.referred, r.converted) for r in before] == [(1, 0)]


def test_a_referrer_works_at_the_customers_outlet(db):
    oid, (a,) = outlet_with_staff(db, "A1", ("甲",))
    other, _ = outlet_with_staff(db, "B2", ("丙",))
    with pytest.raises(ValidationError) as caught:
        customer(db, "客一", other, a)
    assert caught.value.field == "customer_referrer"
    cid = customer(db, "客二", None, a)  # no outlet given: the referrer's
    assert records.get_customer(db, cid).outlet_id == oid
