"""The customers in the plan, on the outlet card's figures and in the week."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import NOW, TODAY
from tests.domain.customers.helpers import customer, outlet_with_staff, sell
from workbench.core import i18n
from workbench.core.config import Config
from workbench.customers import deposits, followups, referrals
from workbench.plan import agenda, view
from workbench.review.week import compute_week, week_of


def test_the_plan_section_most_urgent_first_names_masked(db):
    oid, _ = outlet_with_staff(db)
    a = customer(db, "欧阳娜娜", oid, phone="13800000001")
    b = customer(db, "司马光", oid, phone="13800000002")
    followups.add_followup(db, a, "next_step", TODAY.isoformat(), "面谈", NOW)
    followups.add_followup(db, b, "claim", (TODAY - timedelta(days=1)).isoformat(), "理赔", NOW)
    deposits.add_deposit(db, b, "over_1m", (TODAY + timedelta(days=3)).isoformat(), "", NOW)
    plan = agenda.build_agenda(db, TODAY, Config())
    assert [i.kind for i in plan.customers] == ["claim", "next_step", "deposit"]
    section = next(s for s in view.sections(plan) if s.key == "customers")
    assert [i for i, _ in section.lines()][-1] == "cust:add"
    i18n.set_language("zh")
    text = view.plain_text(plan)
    assert "客户跟进(3)" in text and "欧***" in text and "司*" in text
    assert "欧阳娜娜" not in text and "司马光" not in text and "记一位准客户" not in text


def test_the_week_credits_the_teller(db):
    oid, (teller, _) = outlet_with_staff(db)
    sell(db, customer(db, "王秀英", oid, teller), oid, "P1", premium=20000)
    review = compute_week(db, week_of(TODAY), Config(), today=TODAY)
    figures = {f.key: f.value for f in review.figures if f.section == "customers"}
    assert figures == {"customers_added": 1, "followups_done": 0, "referred_converted": 1,
                       "referred_premium": 20000}
    [(title, items)] = [(t, i) for t, i in review.lists if "referral" in t.lower()]
    assert items == ("甲: referred 1, converted 1, premium ¥20,000",)


def test_the_outlet_card_figures(db):
    oid, (a, b) = outlet_with_staff(db)
    sell(db, customer(db, "客一", oid, a), oid, "P1", premium=20000)
    customer(db, "客二", oid, b)
    found = referrals.for_outlet(db, oid)
    assert (found.total.referred, found.total.converted, found.total.premium) == (2, 1, 20000)
    assert [r.name for r in found.key] == ["甲"]


def test_the_reminder_lists_follow_ups_due_and_late_not_coming(db):
    from workbench.reminders.digest import build_digest

    oid, _ = outlet_with_staff(db)
    a = customer(db, "欧阳娜娜", oid, phone="13800000001")
    followups.add_followup(db, a, "claim", (TODAY - timedelta(days=2)).isoformat(), "理赔", NOW)
    followups.add_followup(db, a, "next_step", TODAY.isoformat(), "面谈", NOW)
    deposits.add_deposit(db, a, "over_1m", (TODAY + timedelta(days=1)).isoformat(), "", NOW)
    digest = build_digest(db, TODAY, Config(), "morning")
    found = [(r.kind, r.late) for r in digest.items if r.kind == "customer"]
    assert found == [("customer", 2), ("customer", 0)]
    assert all("欧阳娜娜" not in " ".join(r.cells) for r in digest.items)
