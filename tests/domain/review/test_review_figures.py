"""Every capability's figures in the weekly review, against a week computed by hand.

Three outlets (A, B, C), quarter Q4 2026, grade 10 (maintain 16, promote 20 in units
of 10,000 CNY). Week 48 is 2026-11-23 .. 11-29, week 47 the week before.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.conftest import NOW
from workbench.assessment import journal, policies
from workbench.plan import contacts, tasks
from workbench.register import applications, chain, deliveries, ledger
from workbench.review import reports
from workbench.review import week as review
from workbench.roster import outlets, staff, visits


def at(day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute)


@pytest.fixture
def week(db, config):
    tiers = ["A", "B", "C", "D"]
    ids = [outlets.add_outlet(db, outlets.OutletDraft(code=c, name=n, tier="B"), tiers, NOW)
           for c, n in (("A", "甲"), ("B", "乙"), ("C", "丙"))]
    a, b, _ = ids
    roles = config.staff.roles
    wang = staff.add_staff(db, a, staff.StaffDraft(name="王芳"), roles, NOW)
    # must-dos: check-ins judged by the activity rules, contacts, tasks
    visits.record_visit(db, a, at(24, 9), at(24, 11), "stationed", "驻点")  # counts
    visits.record_visit(db, a, at(25, 9), at(25, 9, 30), "stationed", "短")  # too short
    visits.record_visit(db, b, at(18, 14), at(18, 16), "stationed")  # no note
    contacts.log_contact(db, "staff", at(24), staff_id=wang, note="")
    contacts.log_contact(db, "staff", at(25), staff_id=wang, note="")
    contacts.log_contact(db, "customer", at(26), customer="李四", outlet_id=a, note="")
    contacts.log_contact(db, "staff", at(18), staff_id=wang, note="")
    t1 = tasks.add_task(db, "送海报", "2026-11-24", date(2026, 11, 16), at(16))
    tasks.add_task(db, "约主任", "2026-11-26", date(2026, 11, 16), at(16))
    t3 = tasks.add_task(db, "交周报", "2026-11-16", date(2026, 11, 16), at(16))
    tasks.complete_task(db, t1, date(2026, 11, 25), at(25))
    tasks.complete_task(db, t3, date(2026, 11, 25), at(25))
    # register: three brochure lines, two signed; one original policy signed in week 47
    lines = [deliveries.add_delivery(db, config, outlet_id=a, kind="brochure", quantity=10,
                                     delivered_at=at(24), now=at(24)) for _ in range(3)]
    chain.sign_off(db, outlet_id=a, delivery_ids=lines[:2], staff_id=wang, now=at(25))
    policy_line = deliveries.add_delivery(db, config, outlet_id=a, kind="original_policy",
                                          policy_no="PX1", customer="赵六",
                                          delivered_at=at(16, 9), now=at(16, 9))
    chain.sign_off(db, outlet_id=a, delivery_ids=[policy_line], staff_id=wang,
                   now=at(17, 9, 30))
    form = applications.collect(db, outlet_id=a, serial="T001", applicant="钱七", product="年金",
                                premium=10000, collected_at=at(24), now=at(24))
    applications.review(db, config, form, checked=list(config.deliveries.review_checklist),
                        now=at(25))
    # results: standard premium = premium x factor (10 years 1.0, 5 years 0.5, single 0.1)
    def policy(no, outlet, premium, term, day):
        draft = policies.PolicyDraft(policy_no=no, outlet=str(outlet), product="鑫享年金",
                                     premium=str(premium), term_years=str(term),
                                     issue_date=f"2026-11-{day}", customer_name="王五",
                                     customer_phone="13912345678")
        return policies.log_policy(db, draft, config.goals, date(2026, 11, day), at(day))
    policy("P1", a, 100_000, 10, 24)
    policy("P2", a, 50_000, 1, 25)
    policies.void_policy(db, policy("P3", a, 80_000, 10, 26), "录错", at(26))
    policy("P0", b, 20_000, 5, 18)
    # self: moods, habits with a skip day, a setback
    journal.rate_mood(db, date(2026, 11, 23), 80, "", date(2026, 11, 23))
    journal.rate_mood(db, date(2026, 11, 24), 60, "", date(2026, 11, 24))
    journal.rate_mood(db, date(2026, 11, 20), 90, "", date(2026, 11, 20))
    for habit in journal.habit_names(config):
        journal.tick_habit(db, date(2026, 11, 23), habit, date(2026, 11, 23))
    for habit in journal.habit_names(config)[:2]:
        journal.tick_habit(db, date(2026, 11, 24), habit, date(2026, 11, 24))
    journal.set_skip_day(db, date(2026, 11, 25), True, date(2026, 11, 25))
    journal.log_setback(db, "2026-11-26", "客户退保", "重新讲解条款", 70,
                           date(2026, 11, 26))
    return review.parse_week("2026-W48")


def test_figures_by_hand(db, config, week):
    data = review.compute_week(db, week, config, today=date(2026, 11, 29))
    got = {f.key: (f.value, f.previous) for f in data.figures}
    assert got["checkins"] == (2, 1)
    assert got["checkins_counting"] == (1, 0)
    assert got["staff_contacts"] == (2, 1)
    assert got["customer_contacts"] == (1, 0)
    assert got["tasks_done"] == (2, 0)
    assert got["tasks_carried_over"] == (1, 1)  # 48: 约主任   47: 交周报 (done only on 25th)
    assert got["lines_delivered"] == (3, 1)
    assert got["signoffs"] == (1, 1)
    assert got["lines_signed"] == (2, 1)
    assert got["awaiting_signature"] == (1, 0)
    assert got["receipts_outstanding"] == (1, 1)
    assert got["receipts_overdue"] == (1, 0)  # due 11-17 + 10 = 11-27
    assert got["callbacks_outstanding"] == (1, 1)
    assert got["callbacks_overdue"] == (1, 0)
    assert (got["forms_collected"], got["forms_reviewed"], got["forms_handed_over"]) == \
        ((1, 0), (1, 0), (0, 0))
    assert got["policies"] == (2, 1)  # the voided P3 never counts
    assert got["premium"] == (150_000, 20_000)
    assert got["standard_premium"] == (105_000, 10_000)
    assert got["period_standard_premium"] == (11.5, 1.0)
    assert got["period_vs_maintain"] == (11.5 / 16, 1.0 / 16)
    assert got["period_vs_promote"] == (11.5 / 20, 1.0 / 20)
    assert got["issuing_rate"] == (2 / 3, 1 / 3)
    assert got["outlets_broke_zero"] == (1, 1)  # 48: A   47: B
    assert got["mood_average"] == (70, 90)
    assert got["setbacks"] == (1, 0)
    assert got["habits_kept"] == (7 / 30, 0)  # 5 + 2 done of 5 habits x 6 days (one skip)


def test_current_week_stops_at_today(db, config, week):
    got = {f.key: f.value for f in
           review.compute_week(db, week, config, today=date(2026, 11, 24)).figures}
    assert got["receipts_overdue"] == 0  # not yet overdue on the 24th
    assert got["habits_kept"] == 7 / 10  # two days so far
    assert got["tasks_carried_over"] == 2  # 交周报 and 送海报, both done only on the 25th
    assert got["period_standard_premium"] == 11.0


def test_lists_mask_customers_unless_asked(db, config, week):
    masked = dict(review.compute_week(db, week, config, today=date(2026, 11, 29)).lists)
    assert any("赵*" in item for item in masked["Receipts overdue"])
    assert not any("赵六" in item for items in masked.values() for item in items)
    assert [i.split(" · ")[0] for i in masked["Policies this week"]] == ["P2", "P1"]
    assert masked["Outlets that broke zero this week"] == ("A 甲",)
    assert masked["Outlets still at zero this period"] == ("C 丙",)
    assert masked["Morning scores this week"][0].startswith("▇▅")
    full = dict(review.compute_week(db, week, config, masked=False,
                                    today=date(2026, 11, 29)).lists)
    assert any("赵六" in item for item in full["Receipts overdue"])
    assert any("王五" in item for item in full["Policies this week"])


def test_report_carries_register_head_and_lists(db, config, week):
    md = reports.build(db, week, config, "md", today=date(2026, 11, 29)).decode()
    head = ledger.head(db)
    line = f"Register head: {head.seq} links, {head.signoffs} sign-offs, hash {head.hash}"
    assert line in md and "Policies this week" in md and "王五" not in md
    assert review.register_head(db) == line.removeprefix("Register head: ")


def test_no_register_head_before_any_signoff(db):
    assert review.register_head(db) is None
