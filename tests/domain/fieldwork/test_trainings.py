"""Training, 早会 and event records: each rule at its boundary, and what the plan, the
card and the week read from them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.conftest import NOW, TODAY
from workbench.core.errors import ValidationError
from workbench.fieldwork import trainings as tr
from workbench.fieldwork.trainings import TrainingDraft
from workbench.roster import outlets, staff
from workbench.roster.outlets import OutletDraft
from workbench.roster.staff import StaffDraft


def add(db, code: str) -> int:
    return outlets.add_outlet(db, OutletDraft(code=code, name=f"网点{code}", tier="C"),
                              ["C"], NOW)


def person(db, outlet_id: int, name: str) -> int:
    return staff.add_staff(db, outlet_id, StaffDraft(name=name, role="teller"), ["teller"], NOW)


def draft(**kw) -> TrainingDraft:
    base = {"kind": "morning_meeting", "topic": "sales_talk", "held_on": TODAY.isoformat(),
            "minutes": "30"}
    return TrainingDraft(**{**base, **kw})


def count(db) -> int:
    return db.execute("SELECT count(*) FROM trainings").fetchone()[0]


def test_a_morning_meeting_with_three_tellers_is_stored_and_listed(db):
    a = add(db, "A")
    ids = tuple(person(db, a, n) for n in ("张丽", "李娜", "王芳"))
    tid = tr.record_training(db, a, draft(attendees=ids, materials="新产品彩页",
                                          follow_up=(TODAY + timedelta(days=7)).isoformat()),
                             TODAY, NOW)
    [got] = tr.trainings_for(db, a)
    assert got.id == tid and got.kind == "morning_meeting" and got.minutes == 30
    assert sorted(got.attendees) == sorted(["张丽", "李娜", "王芳"])
    assert got.follow_up == TODAY + timedelta(days=7) and got.materials == "新产品彩页"
    assert tr.last_trained(db, a, TODAY) == TODAY


@pytest.mark.parametrize(("change", "field", "key"), [
    ({"kind": "nap"}, "training_kind", "error.bad_choice"),
    ({"topic": ""}, "topic", "error.required"),
    ({"held_on": (TODAY + timedelta(days=1)).isoformat()}, "held_on", "error.training_in_future"),
    ({"held_on": ""}, "held_on", "error.required"),
    ({"minutes": "0"}, "minutes", "error.too_small"),
    ({"minutes": str(tr.MAX_MINUTES + 1)}, "minutes", "error.too_large"),
    ({"minutes": "1.5"}, "minutes", "error.not_integer"),
    ({"follow_up": (TODAY - timedelta(days=1)).isoformat()}, "follow_up",
     "error.follow_up_before"),
])
def test_bad_input_names_its_field_and_writes_nothing(db, change, field, key):
    a = add(db, "A")
    with pytest.raises(ValidationError) as raised:
        tr.record_training(db, a, draft(**change), TODAY, NOW)
    assert (raised.value.field, raised.value.key) == (field, key)
    assert count(db) == 0


def test_the_boundaries_that_are_taken(db):
    a = add(db, "A")
    tr.record_training(db, a, draft(minutes="1", follow_up=TODAY.isoformat()), TODAY, NOW)
    tr.record_training(db, a, draft(minutes=str(tr.MAX_MINUTES)), TODAY, NOW)
    assert count(db) == 2


def test_attendees_must_be_active_staff_of_that_outlet(db):
    a, b = add(db, "A"), add(db, "B")
    here, there, gone = person(db, a, "张丽"), person(db, b, "李娜"), person(db, a, "王芳")
    staff.set_staff_active(db, gone, False, NOW)
    for wrong in ((here, there), (gone,), (999,)):
        with pytest.raises(ValidationError, match="active staff of 网点A"):
            tr.record_training(db, a, draft(attendees=wrong), TODAY, NOW)
    with pytest.raises(ValidationError) as raised:
        tr.record_training(db, a, draft(attendees="1,x"), TODAY, NOW)
    assert raised.value.field == "attendees"
    assert count(db) == 0
    tr.record_training(db, a, draft(attendees=f"{here},{here}"), TODAY, NOW)
    assert db.execute("SELECT count(*) FROM training_attendees").fetchone()[0] == 1


def test_staff_untrained_for_the_configured_days_are_listed_per_outlet(db):
    a, b, c = add(db, "A"), add(db, "B"), add(db, "C")
    a1, a2 = person(db, a, "张丽"), person(db, a, "李娜")
    b1 = person(db, b, "王芳")
    person(db, c, "赵敏")  # never trained
    at = lambda days: (TODAY - timedelta(days=days)).isoformat()  # noqa: E731
    tr.record_training(db, a, draft(held_on=at(29), attendees=(a1,)), TODAY, NOW)
    tr.record_training(db, a, draft(held_on=at(30), attendees=(a2,)), TODAY, NOW)
    tr.record_training(db, b, draft(held_on=at(10), attendees=(b1,)), TODAY, NOW)
    # An event for customers trains nobody.
    tr.record_training(db, b, draft(kind="product_seminar", held_on=at(1), attendees=(b1,)),
                       TODAY, NOW)
    got = {u.code: u for u in tr.untrained(db, TODAY, 30)}
    assert set(got) == {"A", "C"}
    assert (got["A"].staff, got["A"].days) == (1, 30)  # 30 days: due; 29: not yet
    assert (got["C"].staff, got["C"].days) == (1, None)
    assert [u.code for u in tr.untrained(db, TODAY, 31)] == ["C"]
    assert tr.last_trained(db, b, TODAY) == TODAY - timedelta(days=10)


def test_a_follow_up_is_due_until_a_later_record_follows_it(db):
    a = add(db, "A")
    first = tr.record_training(db, a, draft(held_on=(TODAY - timedelta(days=8)).isoformat(),
                                            follow_up=(TODAY - timedelta(days=1)).isoformat()),
                               TODAY, NOW)
    assert [f[0] for f in tr.follow_ups_due(db, TODAY)] == [first]
    assert tr.follow_ups_due(db, TODAY - timedelta(days=2)) == []
    tr.record_training(db, a, draft(), TODAY, NOW)
    assert tr.follow_ups_due(db, TODAY) == []


def test_the_week_counts_sessions_kinds_attendance_and_minutes(db):
    a = add(db, "A")
    t1, t2 = person(db, a, "张丽"), person(db, a, "李娜")
    monday = date(2026, 11, 23)
    tr.record_training(db, a, draft(held_on="2026-11-22", attendees=(t1,)), TODAY, NOW)
    tr.record_training(db, a, draft(held_on="2026-11-23", attendees=(t1, t2)), TODAY, NOW)
    tr.record_training(db, a, draft(kind="training", held_on="2026-11-27", minutes="90",
                                    attendees=(t1,)), TODAY, NOW)
    tr.record_training(db, a, draft(kind="community", held_on="2026-11-25", minutes="60",
                                    attendees=(t2,)), TODAY, NOW)
    week = tr.week_figures(db, monday, monday + timedelta(days=6))
    assert week == tr.TrainingWeek(sessions=3, morning_meetings=1, trainings=1, events=1,
                                   attendances=4, staff_trained=2, minutes=180)


def test_a_record_held_on_the_follow_up_day_follows_it(db):
    a = add(db, "A")
    tr.record_training(db, a, draft(held_on=(TODAY - timedelta(days=7)).isoformat(),
                                    follow_up=TODAY.isoformat()), TODAY, NOW)
    assert len(tr.follow_ups_due(db, TODAY)) == 1
    tr.record_training(db, a, draft(), TODAY, NOW)  # held on the follow-up day itself
    assert tr.follow_ups_due(db, TODAY) == []
