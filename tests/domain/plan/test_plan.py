"""The agenda rules, one test each, at fixed dates (month ends, 29 February, a year end)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest

from tests.conftest import NOW, TODAY
from workbench.core.config import Config, PlanConfig
from workbench.core.errors import ValidationError
from workbench.plan import agenda as plan
from workbench.plan import contacts, tasks, view
from workbench.roster import outlets
from workbench.roster import staff as roster_staff
from workbench.roster import visits as roster_visits

TIERS = ["A", "B", "C", "D"]


def outlet(db, code: str, tier: str = "C") -> int:
    return outlets.add_outlet(db, outlets.OutletDraft(code=code, name=f"网点{code}", tier=tier),
                              TIERS, NOW)


def person(db, outlet_id: int, name: str, birthday: str = "") -> int:
    return roster_staff.add_staff(db, outlet_id,
                                  roster_staff.StaffDraft(name=name, birthday=birthday),
                                  ["teller"], NOW)


def visit(db, outlet_id: int, day: date, start: str, end: str, note: str = "驻点") -> int:
    return roster_visits.record_visit(db, outlet_id,
                                      datetime.combine(day, time.fromisoformat(start)),
                                      datetime.combine(day, time.fromisoformat(end)),
                                      "stationed", note)


def agenda(db, today: date = TODAY, **rules) -> plan.Agenda:
    config = Config()
    if rules:
        config = replace(config, plan=replace(PlanConfig(), **rules))
    return plan.build_agenda(db, today, config)


# --- the three must-dos ------------------------------------------------------------


def test_must_dos_follow_todays_records(db):
    oid = outlet(db, "C1")
    sid = person(db, oid, "李柜员")
    first = agenda(db)
    assert [(m.key, m.done, m.count) for m in first.must_dos] == [
        ("stationed", False, 0), ("staff", False, 0), ("customers", False, 0)]
    visit(db, oid, TODAY, "09:00", "11:30")
    contacts.log_contact(db, "staff", NOW, staff_id=sid, note="沟通计划")
    contacts.log_contact(db, "customer", NOW, customer="王先生", outlet_id=oid)
    contacts.log_contact(db, "customer", NOW - timedelta(days=1), customer="昨天的客户")
    stationed, staff, customers = agenda(db).must_dos
    assert stationed.done and stationed.count == 1 and stationed.hours == 2.5
    assert staff.done and staff.count == 1
    assert customers.done and customers.count == 1


def test_a_check_in_that_does_not_count_leaves_stationed_open(db):
    oid = outlet(db, "C1")
    visit(db, oid, TODAY, "09:00", "09:20")
    stationed = agenda(db).must_dos[0]
    assert stationed.count == 1 and not stationed.done


# --- visits due --------------------------------------------------------------------


def test_visits_due_from_last_completed_visit_most_overdue_first(db):
    a = outlet(db, "A1", "A")  # 7 days: last 2026-11-10 -> due 11-17, 10 days overdue
    b = outlet(db, "B1", "B")  # 14 days: last 11-13 -> due today
    c = outlet(db, "C1", "C")  # 30 days: last 11-20 -> not due
    never = outlet(db, "D1", "D")  # never visited: due today
    visit(db, a, date(2026, 11, 10), "09:00", "10:30")
    visit(db, b, date(2026, 11, 13), "09:00", "10:30")
    visit(db, c, date(2026, 11, 20), "09:00", "10:30")
    # An open check-in is not a completed visit.
    roster_visits.check_in(db, a, datetime(2026, 11, 26, 9), "stationed")
    due = agenda(db).visits_due
    assert [(d.outlet_id, d.days_overdue) for d in due] == [(a, 10), (b, 0), (never, 0)]
    assert due[2].last_visit is None


def test_visits_due_across_a_year_end(db):
    a = outlet(db, "A1", "A")
    visit(db, a, date(2026, 12, 28), "09:00", "10:30")
    assert agenda(db, date(2027, 1, 3)).visits_due == ()
    due = agenda(db, date(2027, 1, 5)).visits_due
    assert due[0].due == date(2027, 1, 4) and due[0].days_overdue == 1


def test_inactive_outlets_are_never_due(db):
    oid = outlet(db, "C1")
    outlets.set_outlet_active(db, oid, False, NOW)
    assert agenda(db).visits_due == ()


# --- birthdays ---------------------------------------------------------------------


def test_birthdays_today_and_within_the_lookahead(db):
    oid = outlet(db, "C1")
    today = person(db, oid, "今天", "1990-11-27")
    week = person(db, oid, "一周后", "1985-12-04")
    person(db, oid, "八天后", "1985-12-05")
    person(db, oid, "昨天", "1990-11-26")
    found = agenda(db).birthdays
    assert [(b.staff_id, b.days_until) for b in found] == [(today, 0), (week, 7)]
    assert found[1].on == date(2026, 12, 4)


def test_birthdays_over_a_year_end(db):
    oid = outlet(db, "C1")
    new_year = person(db, oid, "元旦", "1992-01-01")
    found = agenda(db, date(2026, 12, 28)).birthdays
    assert [(b.staff_id, b.on, b.days_until) for b in found] == [(new_year, date(2027, 1, 1), 4)]


def test_leap_day_birthday_is_kept_on_28_february_in_other_years(db):
    oid = outlet(db, "C1")
    leap = person(db, oid, "闰日", "1996-02-29")
    common = agenda(db, date(2027, 2, 28), birthday_days=0).birthdays
    assert [(b.staff_id, b.on) for b in common] == [(leap, date(2027, 2, 28))]
    in_leap = agenda(db, date(2028, 2, 28), birthday_days=1).birthdays
    assert [(b.on, b.days_until) for b in in_leap] == [(date(2028, 2, 29), 1)]
    assert plan.next_birthday(date(1996, 2, 29), date(2027, 3, 1)) == date(2028, 2, 29)


def test_birthday_at_a_month_end(db):
    oid = outlet(db, "C1")
    person(db, oid, "月底", "1990-11-30")
    found = agenda(db, birthday_days=3).birthdays
    assert [(b.on, b.days_until) for b in found] == [(date(2026, 11, 30), 3)]


def test_inactive_staff_have_no_birthday_reminder(db):
    oid = outlet(db, "C1")
    sid = person(db, oid, "离职", "1990-11-27")
    roster_staff.set_staff_active(db, sid, False, NOW)
    assert agenda(db).birthdays == ()


# --- outlets without staff contact ---------------------------------------------------


def test_outlets_without_a_recent_staff_contact(db):
    fresh, stale, never, empty = (outlet(db, c) for c in ("C1", "C2", "C3", "C4"))
    s1, s2 = person(db, fresh, "甲"), person(db, stale, "乙")
    person(db, never, "丙")
    contacts.log_contact(db, "staff", NOW - timedelta(days=13), staff_id=s1)
    contacts.log_contact(db, "staff", NOW - timedelta(days=20), staff_id=s2)
    # A customer conversation is not a staff contact.
    contacts.log_contact(db, "customer", NOW, customer="客户", outlet_id=stale)
    flagged = agenda(db, staff_contact_days=14).neglected
    assert [(n.outlet_id, n.days) for n in flagged] == [(never, None), (stale, 20)]
    assert empty not in [n.outlet_id for n in flagged]  # no staff: nobody to contact
    assert [n.outlet_id for n in agenda(db, staff_contact_days=13).neglected] == [
        never, stale, fresh]


def test_a_contact_logged_after_today_does_not_count_for_a_back_filled_day(db):
    oid = outlet(db, "C1")
    sid = person(db, oid, "甲")
    contacts.log_contact(db, "staff", NOW + timedelta(days=3), staff_id=sid)
    assert [n.days for n in agenda(db).neglected] == [None]


# --- own tasks ---------------------------------------------------------------------


def test_tasks_on_the_agenda_carry_over_with_days_late(db):
    late = tasks.add_task(db, "late", "2026-11-30", date(2026, 11, 1), NOW)
    tasks.add_task(db, "future", "2026-12-05", date(2026, 11, 1), NOW)
    items = agenda(db, date(2026, 12, 2)).tasks
    assert [(x.id, x.days_late) for x in items] == [(late, 2)]


# --- the activity-rule audit ---------------------------------------------------------


def test_audit_says_why_a_check_in_does_not_count(db):
    ids = [outlet(db, f"C{i}") for i in range(5)]
    early = visit(db, ids[0], TODAY, "07:30", "09:00")
    short = visit(db, ids[1], TODAY, "09:10", "09:50")
    silent = visit(db, ids[2], TODAY, "10:00", "11:00", note="")
    ok = visit(db, ids[3], TODAY, "14:00", "15:00")
    late = visit(db, ids[4], TODAY, "19:30", "20:30")
    audit = {a.visit_id: a for a in agenda(db).audit}
    assert audit[early].reasons == ("plan.rule.hours",)
    assert audit[short].reasons == ("plan.rule.short",)
    assert audit[silent].reasons == ("plan.rule.no_note",)
    assert audit[ok].counts and audit[ok].reasons == ()
    assert audit[late].reasons == ("plan.rule.hours",)


def test_audit_counts_at_most_two_outlets_per_half_day(db):
    a, b, c = (outlet(db, f"C{i}") for i in range(3))
    first = visit(db, a, TODAY, "08:00", "09:00")
    second = visit(db, b, TODAY, "09:10", "10:10")
    again = visit(db, a, TODAY, "10:15", "11:15")  # same outlet: takes no new place
    third = visit(db, c, TODAY, "11:00", "12:00")
    afternoon = visit(db, c, TODAY, "13:00", "14:00")
    audit = {x.visit_id: x for x in agenda(db).audit}
    assert audit[first].counts and audit[second].counts and audit[again].counts
    assert audit[third].reasons == ("plan.rule.morning_full",)
    assert audit[afternoon].counts
    relaxed = {x.visit_id: x for x in agenda(db, max_outlets_per_half_day=3).audit}
    assert relaxed[third].counts


def test_an_invalid_check_in_uses_no_place_in_the_half_day(db):
    a, b, c = (outlet(db, f"C{i}") for i in range(3))
    visit(db, a, TODAY, "08:00", "08:30")  # too short: does not take a place
    second = visit(db, b, TODAY, "09:00", "10:00")
    third = visit(db, c, TODAY, "10:00", "11:00")
    audit = {x.visit_id: x for x in agenda(db).audit}
    assert audit[second].counts and audit[third].counts


def test_open_check_in_does_not_count_yet(db):
    oid = outlet(db, "C1")
    vid = roster_visits.check_in(db, oid, datetime.combine(TODAY, time(9)), "stationed", "驻点")
    result = agenda(db)
    assert result.audit[0].visit_id == vid and result.audit[0].reasons == ("plan.rule.open",)
    assert result.open_visit.id == vid and result.open_visit_outlet == "网点C1"


def test_audit_rules_come_from_config(db):
    oid = outlet(db, "C1")
    vid = visit(db, oid, TODAY, "07:00", "07:40")
    strict = {x.visit_id: x for x in agenda(db).audit}
    assert not strict[vid].counts
    loose = {x.visit_id: x for x in agenda(db, work_start="06:30", min_visit_minutes=30).audit}
    assert loose[vid].counts


def test_check_out_before_check_in_is_refused_and_writes_nothing(db):
    oid = outlet(db, "C1")
    vid = roster_visits.check_in(db, oid, datetime.combine(TODAY, time(10)), "stationed")
    with pytest.raises(ValidationError) as exc:
        roster_visits.check_out(db, vid, datetime.combine(TODAY, time(9, 30)))
    assert "10:00" in str(exc.value)
    assert roster_visits.open_visit(db).id == vid


# --- contacts ----------------------------------------------------------------------


def test_contacts_mask_customers_and_validate(db):
    oid = outlet(db, "C1")
    sid = person(db, oid, "李柜员")
    contacts.log_contact(db, "customer", NOW, customer="王建国", note="年金险")
    contacts.log_contact(db, "staff", NOW, staff_id=str(sid))
    logged = contacts.contacts_on(db, TODAY)
    assert [(c.kind, c.who, c.outlet_id) for c in logged] == [
        ("customer", "王**", None), ("staff", "李柜员", oid)]
    for kwargs, field in (({"staff_id": None}, "staff"), ({"staff_id": 999}, "staff"),
                          ({"staff_id": sid, "note": "x" * 5000}, "contact_note")):
        with pytest.raises(ValidationError) as exc:
            contacts.log_contact(db, "staff", NOW, **kwargs)
        assert exc.value.field == field
    with pytest.raises(ValidationError) as exc:
        contacts.log_contact(db, "customer", NOW, customer="")
    assert exc.value.field == "contact_customer"
    with pytest.raises(ValidationError):
        contacts.log_contact(db, "boss", NOW)
    assert len(contacts.contacts_on(db, TODAY)) == 2


def test_contact_queries_use_indexes(db):
    for sql in ("SELECT id FROM contacts WHERE at >= '2026-11-27' AND at < '2026-11-28'",
                "SELECT outlet_id, max(at) FROM contacts WHERE kind = 'staff' "
                "AND at < '2026-11-28' GROUP BY outlet_id"):
        detail = str(db.execute("EXPLAIN QUERY PLAN " + sql).fetchall())
        assert "contacts_at" in detail or "contacts_outlet" in detail


# --- the text form -----------------------------------------------------------------


def test_plain_text_has_every_section_and_aligns_cjk(db):
    a = outlet(db, "A1", "A")
    person(db, a, "生日", "1990-11-28")
    tasks.add_task(db, "写周报", "today", TODAY, NOW)
    text = view.plain_text(agenda(db))
    for needle in ("The three must-dos", "Visits due (1)", "My tasks (1)", "写周报",
                   "Relationships", "Birthday", "Check-in audit", "No check-ins yet"):
        assert needle in text
    assert "Add a task" not in text


def test_my_tasks_counts_the_rows_it_shows(db):
    tasks.add_task(db, "今天的", "today", TODAY, NOW)
    tasks.add_task(db, "以后的", "+2d", TODAY, NOW)
    section = view.tasks_section(agenda(db))
    shown = [i for i in section.items if i.id != "task:add"]
    assert len(shown) == 2 and "(2)" in section.title


def test_a_document_from_today_waits_today_not_zero_days():
    from workbench.core import i18n

    i18n.set_language("zh")
    try:
        assert view.waiting_text(0) == "今天" and view.waiting_text(1) == "已等 1 天"
    finally:
        i18n.set_language("en")


def test_every_dynamic_plan_key_exists():
    from workbench.core import i18n

    catalogue = i18n.catalogue()
    keys = [f"plan.must.{k}" for k in plan.MUST_DOS]
    keys += [f"plan.must.{k}_detail" for k in plan.MUST_DOS]
    keys += [f"plan.rule.{r}" for r in ("open", "hours", "short", "no_note", "morning_full",
                                        "afternoon_full")]
    keys += [f"task.repeat.{r}" for r in tasks.REPEATS if r]
    keys += [f"contact.kind.{k}" for k in contacts.KINDS]
    keys += [f"field.{f}" for f in ("task_title", "task_due", "task_repeat",
                                     "task_repeat_detail", "contact_kind", "contact_customer",
                                     "contact_note", "staff", "outlet", "time")]
    assert [k for k in keys if k not in catalogue] == []


def test_the_open_visit_lookup_uses_an_index(db):
    detail = str(db.execute("EXPLAIN QUERY PLAN SELECT id FROM visits WHERE ended_at IS NULL "
                            "ORDER BY started_at DESC LIMIT 1").fetchall())
    assert "visits_open" in detail


def test_birthday_window_of_a_year_or_more_keeps_everyone(db):
    oid = outlet(db, "C1")
    person(db, oid, "甲", "1990-11-26")
    assert [b.days_until for b in agenda(db, birthday_days=365).birthdays] == [364]


@pytest.mark.parametrize("text,key", [
    ("[plan]\nwork_start = '8am'", "plan.work_start"),
    ("[plan]\nwork_start = '25:00'", "plan.work_start"),
    ("[plan]\nwork_start = '18:00'\nwork_end = '08:00'", "plan.work_end"),
    ("[plan]\nmidday = '12'", "plan.midday"),
    ("[plan]\nmin_visit_minutes = -1", "plan.min_visit_minutes"),
    ("[plan]\nmax_outlets_per_half_day = 0", "plan.max_outlets_per_half_day"),
    ("[plan]\nstaff_contact_days = 0", "plan.staff_contact_days"),
    ("[plan]\nbirthday_days = 400", "plan.birthday_days"),
    ("[plan]\nbirthday_days = 'week'", "plan.birthday_days"),
    ("[plan]\nbirthdays = 7", "plan.birthdays"),
])
def test_bad_plan_config_names_the_key(tmp_path, text, key):
    from workbench.core import config as cfg

    path = tmp_path / "config.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(cfg.ConfigError) as exc:
        cfg.load(path)
    assert key in str(exc.value)


def test_the_birthday_lookup_uses_an_index(db):
    detail = str(db.execute(
        "EXPLAIN QUERY PLAN SELECT s.id FROM staff s JOIN outlets o ON o.id = s.outlet_id "
        "WHERE s.active = 1 AND o.active = 1 AND s.birthday IS NOT NULL "
        "AND substr(s.birthday, 6, 5) IN ('11-27', '11-28')").fetchall())
    assert "staff_birthday_md" in detail
