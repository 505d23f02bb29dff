"""Own tasks: the due-date parser, recurrence (hypothesis), done/undo/snooze, bad input."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import NOW, TODAY
from workbench.core.errors import ValidationError
from workbench.plan import tasks
from workbench.roster import outlets

DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
WEEKDAY_WORDS = [(w, d) for d, words in enumerate((
    ("周一", "星期一", "mon", "Monday"), ("周二", "星期二", "tue", "TUESDAY"),
    ("周三", "星期三", "wed", "wednesday"), ("周四", "礼拜四", "thu", "thursday"),
    ("周五", "星期五", "fri", "Friday"), ("周六", "星期六", "sat", "saturday"),
    ("周日", "星期天", "sun", "sunday"),
)) for w in words]


def count(db) -> int:
    return db.execute("SELECT count(*) FROM tasks").fetchone()[0]


# --- the due-date parser -------------------------------------------------------------


@given(DAYS, DAYS)
def test_iso_dates_parse_to_themselves(day, today):
    assert tasks.parse_due(day.isoformat(), today) == day


@given(st.sampled_from(WEEKDAY_WORDS), DAYS)
def test_weekday_names_give_the_next_such_day_today_included(pair, today):
    word, weekday = pair
    due = tasks.parse_due(word, today)
    assert due.weekday() == weekday
    assert 0 <= (due - today).days <= 6


@given(st.integers(min_value=0, max_value=tasks.MAX_AHEAD_DAYS), DAYS)
def test_plus_days(n, today):
    assert tasks.parse_due(f"+{n}d", today) == today + timedelta(days=n)
    assert tasks.parse_due(f"+{n}", today) == today + timedelta(days=n)


@given(st.text(max_size=30), DAYS)
def test_any_text_is_a_date_or_a_validation_error(text, today):
    try:
        due = tasks.parse_due(text, today)
    except ValidationError as exc:
        assert exc.field == "task_due"
    else:
        assert isinstance(due, date)


@pytest.mark.parametrize("text,expected", [
    ("today", TODAY), ("今天", TODAY), ("Tomorrow", TODAY + timedelta(days=1)),
    ("明天", TODAY + timedelta(days=1)), ("后天", TODAY + timedelta(days=2)),
    ("+2w", TODAY + timedelta(days=14)), ("+3天", TODAY + timedelta(days=3)),
    ("周五", TODAY), ("mon", date(2026, 11, 30)), ("2027/1/5", date(2027, 1, 5)),
])
def test_due_examples(text, expected):
    assert tasks.parse_due(text, TODAY) == expected


@pytest.mark.parametrize("text,key", [
    ("next someday", "task.bad_due"), ("2026-02-30", "error.no_such_date"),
    ("", "error.required"), ("+99999d", "task.too_far"), ("周八", "task.bad_due"),
])
def test_bad_due_dates_are_named(text, key):
    with pytest.raises(ValidationError) as exc:
        tasks.parse_due(text, TODAY)
    assert exc.value.key == key and exc.value.field == "task_due"


def test_plus_days_past_the_calendar_end_is_refused():
    with pytest.raises(ValidationError):
        tasks.parse_due("+5d", date(9999, 12, 30))


# --- recurrence ----------------------------------------------------------------------


@given(st.integers(min_value=1, max_value=31), DAYS)
def test_monthly_next_is_the_day_clamped_to_the_month_end(day, due):
    rule = f"monthly:{day}"
    first = tasks.first_due(rule, due)
    assert first >= due and first.day == min(day, calendar.monthrange(first.year,
                                                                       first.month)[1])
    following = tasks.next_due(rule, first, first)
    assert following > first
    assert following.day == min(day, calendar.monthrange(following.year, following.month)[1])
    months = (following.year - first.year) * 12 + following.month - first.month
    assert months == 1


@given(st.sets(st.integers(min_value=0, max_value=6), min_size=1), DAYS, DAYS)
def test_weekly_next_is_a_chosen_day_within_a_week(days, due, done):
    rule = "weekly:" + ",".join(str(d) for d in sorted(days))
    following = tasks.next_due(rule, due, done)
    assert following.weekday() in days
    assert 1 <= (following - max(due, done)).days <= 7


@given(DAYS, DAYS)
def test_weekdays_skip_the_weekend(due, done):
    following = tasks.next_due("weekdays", due, done)
    assert following.weekday() < 5
    assert 1 <= (following - max(due, done)).days <= 3


@given(st.integers(min_value=1, max_value=366), DAYS, DAYS)
def test_after_completion_counts_from_the_completion_day(n, due, done):
    assert tasks.next_due(f"after:{n}", due, done) == done + timedelta(days=n)


def test_monthly_31st_through_february_in_a_leap_year():
    assert tasks.next_due("monthly:31", date(2028, 1, 31), date(2028, 1, 31)) == date(2028, 2,
                                                                                      29)
    assert tasks.next_due("monthly:31", date(2028, 2, 29), date(2028, 2, 29)) == date(2028, 3,
                                                                                      31)
    assert tasks.next_due("monthly:30", date(2027, 1, 30), date(2027, 1, 30)) == date(2027, 2,
                                                                                      28)


def test_weekly_over_a_year_end():
    # Friday 2026-12-25 -> Friday 2027-01-01
    assert tasks.next_due("weekly:4", date(2026, 12, 25), date(2026, 12, 25)) == date(2027, 1, 1)


@pytest.mark.parametrize("kind,detail,rule", [
    ("", "", None), ("weekdays", "", "weekdays"), ("weekly", "周一 周四", "weekly:0,3"),
    ("weekly", "fri, mon", "weekly:0,4"), ("weekly", "", "weekly:4"),
    ("monthly", "31", "monthly:31"), ("monthly", "", "monthly:27"), ("after", "14", "after:14"),
])
def test_repeat_choices(kind, detail, rule):
    assert tasks.parse_repeat(kind, detail, TODAY) == rule


@pytest.mark.parametrize("kind,detail,field", [
    ("weekly", "周八", "task_repeat_detail"), ("monthly", "32", "task_repeat_detail"),
    ("monthly", "0", "task_repeat_detail"), ("after", "", "task_repeat_detail"),
    ("after", "-3", "task_repeat_detail"), ("yearly", "", "task_repeat"),
])
def test_bad_repeats_are_named(kind, detail, field):
    with pytest.raises(ValidationError) as exc:
        tasks.parse_repeat(kind, detail, TODAY)
    assert exc.value.field == field


# --- storage -------------------------------------------------------------------------


@pytest.mark.parametrize("title,due,repeat,detail,field", [
    ("x" * 10_000, "today", "", "", "task_title"),
    ("", "today", "", "", "task_title"),
    ("two\nlines", "today", "", "", "task_title"),
    ("ok", "someday", "", "", "task_due"),
    ("ok", "today", "weekly", "funday", "task_repeat_detail"),
    # Past the last day the app works with (validate.LAST_DAY): refused as typed.
    ("ok", "9999-12-31", "weekly", "mon", "task_due"),
])
def test_bad_input_writes_nothing(db, title, due, repeat, detail, field):
    with pytest.raises(ValidationError) as exc:
        tasks.add_task(db, title, due, TODAY, NOW, repeat=repeat, repeat_detail=detail)
    assert exc.value.field == field
    assert str(exc.value)  # a translated message, not a bare key
    assert count(db) == 0


def test_unknown_outlet_is_refused(db):
    with pytest.raises(ValidationError):
        tasks.add_task(db, "t", "today", TODAY, NOW, outlet_id=999)
    assert count(db) == 0


def test_late_tasks_carry_over_with_days_late(db):
    late = tasks.add_task(db, "late", "2026-11-20", TODAY, NOW)
    today = tasks.add_task(db, "today", "today", TODAY, NOW)
    tasks.add_task(db, "later", "+2d", TODAY, NOW)
    listed = tasks.tasks_for_day(db, TODAY)
    assert [(x.id, x.days_late) for x in listed] == [(late, 7), (today, 0)]
    assert [x.title for x in tasks.upcoming(db, TODAY)] == ["later"]


def test_recurring_first_date_follows_the_rule(db):
    tid = tasks.add_task(db, "report", "today", TODAY, NOW, repeat="weekly", repeat_detail="mon")
    assert tasks.get_task(db, tid, TODAY).due == date(2026, 11, 30)


def test_complete_recurring_creates_next_and_undo_withdraws_it(db):
    tid = tasks.add_task(db, "周报", "today", TODAY, NOW, repeat="weekly", repeat_detail="周五")
    done = tasks.complete_task(db, tid, TODAY, NOW)
    assert done.next_due == date(2026, 12, 4)
    following = tasks.get_task(db, done.next_id, TODAY)
    assert following.title == "周报" and following.rule == "weekly:4" and not following.done
    listed = tasks.tasks_for_day(db, TODAY)
    assert [(x.id, x.done) for x in listed] == [(tid, True)]
    tasks.undo_task(db, tid, TODAY, NOW)
    assert count(db) == 1 and not tasks.get_task(db, tid, TODAY).done


def test_after_completion_counts_from_the_day_done_late(db):
    tid = tasks.add_task(db, "posters", "2026-11-20", TODAY, NOW, repeat="after",
                         repeat_detail="14")
    done = tasks.complete_task(db, tid, TODAY, NOW)
    assert done.next_due == TODAY + timedelta(days=14)


def test_done_twice_and_undo_open_are_refused(db):
    tid = tasks.add_task(db, "t", "today", TODAY, NOW)
    with pytest.raises(ValidationError):
        tasks.undo_task(db, tid, TODAY, NOW)
    tasks.complete_task(db, tid, TODAY, NOW)
    with pytest.raises(ValidationError):
        tasks.complete_task(db, tid, TODAY, NOW)
    with pytest.raises(ValidationError):
        tasks.snooze_task(db, tid, TODAY, NOW)


def test_snooze_moves_to_tomorrow(db):
    tid = tasks.add_task(db, "t", "2026-11-25", TODAY, NOW)
    assert tasks.snooze_task(db, tid, TODAY, NOW) == date(2026, 11, 28)
    assert tasks.tasks_for_day(db, TODAY) == []


def test_task_with_outlet_shows_its_name(db):
    oid = outlets.add_outlet(db, outlets.OutletDraft(code="C1", name="网点甲"), ["C"], NOW)
    tid = tasks.add_task(db, "t", "today", TODAY, NOW, outlet_id=oid)
    assert tasks.get_task(db, tid, TODAY).outlet_name == "网点甲"


def test_open_task_queries_use_an_index(db):
    plan = db.execute("EXPLAIN QUERY PLAN SELECT id FROM tasks WHERE done_on IS NULL "
                      "AND due <= ?", ["2026-11-27"]).fetchall()
    assert any("tasks_open" in str(row) for row in plan)
