"""``workbench calendar``'s .ics parsed back with icalendar: events, days, alarms, RRULE,
UIDs stable across exports and distinct across items, customers masked."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from itertools import islice

import icalendar  # noqa: E402 - the `test` extra installs the `calendar` one
import pytest
from dateutil.rrule import rrulestr

from tests.conftest import TODAY
from tests.domain.reminders import day
from workbench.core.errors import WorkbenchError
from workbench.plan import tasks
from workbench.reminders import ics

NOW = datetime(2026, 11, 27, 7, 0)


@pytest.fixture
def fixture_day(db, config):
    return day.build(db, config)


def export(db, config, days=30, today=TODAY):
    data = ics.render(ics.entries(db, today, config, days), config, NOW)
    return icalendar.Calendar.from_ical(data), data


def domain(db) -> str:
    return ics.uid_domain(db)


def events(cal):
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def on(event) -> date:
    return event.decoded("dtstart")


def test_every_item_is_an_all_day_event_on_its_day(db, config, fixture_day):
    cal, _ = export(db, config)
    found = events(cal)
    made = fixture_day
    assert not cal.walk("VTODO")
    assert on(found[f"visit-{made['visit']}@{domain(db)}"]) == TODAY  # 3 days overdue
    assert str(found[f"visit-{made['visit']}@{domain(db)}"]["description"]) == (
        "3 d overdue (was due 2026-11-24)\nTier A, last visit 2026-11-17")
    never = [e for e in found.values() if str(e["uid"]).startswith("visit-")
             and str(e["uid"]) != f"visit-{made['visit']}@{domain(db)}"]
    assert len(never) == 3 and all(str(e["description"]) == "Tier C, never visited"
                                   for e in never)
    assert on(found[f"receipt-{made['eve']}@{domain(db)}"]) == TODAY + timedelta(days=1)
    assert on(found[f"callback-{made['old']}@{domain(db)}"]) == TODAY
    assert on(found[f"cooling-{made['old']}@{domain(db)}"]) == TODAY
    assert on(found[f"cooling-{made['new']}@{domain(db)}"]) == TODAY + timedelta(days=3)
    assert on(found[f"cooling-{made['eve']}@{domain(db)}"]) == TODAY + timedelta(days=6)
    stock_uid = f"stock-{made['visit']}-application_form@{domain(db)}"
    assert on(found[stock_uid]) == TODAY + timedelta(days=5)
    assert on(found[f"task-{made['late']}@{domain(db)}"]) == TODAY
    assert on(found[f"task-{made['later']}@{domain(db)}"]) == TODAY + timedelta(days=7)
    # 4 outlets' visits (V-A and the 3 policies' never-visited outlets), 3 receipts,
    # 3 callbacks, 3 cooling-off ends, 1 stock run-out, 3 tasks.
    assert len(found) == 4 + 3 + 3 + 3 + 1 + 3
    for event in found.values():
        assert isinstance(on(event), date) and not isinstance(on(event), datetime)
        assert event.decoded("dtend") == on(event) + timedelta(days=1)


def test_the_window_ends_on_its_last_day(db, config, fixture_day):
    later = f"task-{fixture_day['later']}@{domain(db)}"  # due in 7 days
    assert later not in events(export(db, config, days=7)[0])
    assert later in events(export(db, config, days=8)[0])
    one_day = events(export(db, config, days=1)[0])
    assert all(on(e) == TODAY for e in one_day.values())
    assert f"receipt-{fixture_day['eve']}@{domain(db)}" not in one_day  # due tomorrow
    assert sum(uid.startswith("visit-") for uid in one_day) == 4  # due today, or overdue
    two_days = events(export(db, config, days=2)[0])
    assert {f"receipt-{fixture_day['eve']}@{domain(db)}",
            f"callback-{fixture_day['eve']}@{domain(db)}"} <= set(two_days)
    stock = f"stock-{fixture_day['visit']}-application_form@{domain(db)}"  # out in 5 days
    assert stock not in events(export(db, config, days=5)[0])
    assert stock in events(export(db, config, days=6)[0])


def test_each_event_has_an_alarm_at_the_configured_time(db, config, fixture_day):
    cal, _ = export(db, config)
    for event in cal.walk("VEVENT"):
        [alarm] = event.walk("VALARM")
        assert alarm["action"] == "DISPLAY"
        assert alarm.decoded("trigger") == timedelta(hours=8, minutes=30)
    later = replace(config, calendar=replace(config.calendar, alarm="07:05"))
    cal, _ = export(db, later)
    assert {a.decoded("trigger") for a in cal.walk("VALARM")} == {timedelta(hours=7,
                                                                            minutes=5)}


def test_a_repeating_task_carries_its_rule(db, config, fixture_day):
    found = events(export(db, config)[0])
    weekly = found[f"task-{fixture_day['weekly']}@{domain(db)}"]
    assert weekly["rrule"].to_ical() == b"FREQ=WEEKLY;BYDAY=FR"
    assert on(weekly) == TODAY  # a Friday: on the rule
    assert "rrule" not in found[f"task-{fixture_day['later']}@{domain(db)}"]


@pytest.mark.parametrize(("rule", "start", "expected"), [
    ("weekdays", date(2026, 11, 27), "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR"),
    ("weekly:0,2", date(2026, 11, 30), "FREQ=WEEKLY;BYDAY=MO,WE"),
    ("monthly:15", date(2026, 12, 15), "FREQ=MONTHLY;BYMONTHDAY=15"),
    ("monthly:31", date(2026, 11, 30), "FREQ=MONTHLY;BYSETPOS=-1;BYMONTHDAY=28,29,30,31"),
    ("after:7", date(2026, 11, 27), None),
    (None, date(2026, 11, 27), None),
])
def test_rrule_from_the_tasks_own_rule(rule, start, expected):
    assert ics.rrule_text(rule, start) == expected
    if expected:  # what a calendar reads back repeats on the days the task's rule does
        written = icalendar.vRecur.from_ical(expected).to_ical().decode()
        start_at = datetime.combine(start, datetime.min.time())
        read = rrulestr(written, dtstart=start_at)
        own = tasks.recurrence(rule, start)
        assert list(islice(read, 24)) == list(islice(own, 24))


def test_a_late_repeating_task_starts_on_a_day_of_its_rule(db, config):
    # Due on a Monday, weekly on Mondays, three days late on Thursday.
    monday = date(2026, 11, 23)
    made = tasks.add_task(db, "monday call", monday.isoformat(), monday, NOW,
                          repeat="weekly", repeat_detail="mon")
    event = events(export(db, config, today=monday + timedelta(days=3))[0])[
        f"task-{made}@{domain(db)}"]
    assert on(event) == date(2026, 11, 30)
    assert "3 d overdue" in str(event["description"])


def test_uids_stay_across_exports_and_differ_across_items(db, config, fixture_day):
    first = events(export(db, config)[0])
    second = events(export(db, config)[0])
    assert set(first) == set(second)
    assert len(first) == len(list(export(db, config)[0].walk("VEVENT")))  # all distinct
    # Done, the weekly task is followed by the next one: the same series, the same UID,
    # moved to next Friday.
    tasks.complete_task(db, fixture_day["weekly"], TODAY, NOW)
    third = events(export(db, config)[0])
    uid = f"task-{fixture_day['weekly']}@{domain(db)}"
    assert on(third[uid]) == TODAY + timedelta(days=7)
    assert set(third) == set(first)


def test_no_customer_name_in_the_file(db, config, fixture_day):
    _, data = export(db, config)
    text = icalendar.Calendar.from_ical(data).to_ical().decode("utf-8")
    for name in day.CUSTOMERS:
        assert name not in text and name not in data.decode("utf-8")
    assert "张**" in text


def test_the_configured_zone_is_in_the_file(db, config, fixture_day):
    cal, _ = export(db, config)
    assert [str(z["tzid"]) for z in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    assert str(cal["x-wr-timezone"]) == "Asia/Shanghai"
    berlin = replace(config, calendar=replace(config.calendar, timezone="Europe/Berlin"))
    cal, _ = export(db, berlin)
    assert [str(z["tzid"]) for z in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]


def test_an_earlier_export_is_replaced_another_file_is_not(tmp_path, db, config, fixture_day):
    _, data = export(db, config)
    target = tmp_path / "week.ics"
    ics.write_calendar(target, data)
    ics.write_calendar(target, data)  # its own export: replaced
    other = tmp_path / "notes.ics"
    other.write_text("BEGIN:VCALENDAR\nPRODID:-//Someone else//\n", "utf-8")
    with pytest.raises(WorkbenchError) as info:
        ics.write_calendar(other, data)
    assert info.value.key == "calendar.not_ours"
    assert other.read_text("utf-8").startswith("BEGIN:VCALENDAR\nPRODID:-//Someone")
    ics.write_calendar(other, data, force=True)
    assert ics.is_ours(other)


def test_two_databases_never_share_a_uid(tmp_path, config):
    from workbench.storage import open_db

    uids = []
    for name in ("a.db", "b.db"):
        other = open_db(tmp_path / name)
        day.build(other, config)
        uids.append({e.uid for e in ics.entries(other, TODAY, config)})
        assert all(u.endswith(f"@{ics.uid_domain(other)}") for u in uids[-1])
        other.close()
    assert uids[0] and uids[1] and not uids[0] & uids[1]
