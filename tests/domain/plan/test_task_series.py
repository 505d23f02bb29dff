"""A repeating task's series: the first task stays the series' name while each one done
is followed by the next (the calendar's UIDs hang on it)."""

from __future__ import annotations

from datetime import timedelta

from tests.conftest import NOW, TODAY
from workbench.plan import tasks


def test_each_following_task_leads_back_to_the_first(db):
    first = tasks.add_task(db, "weekly call", TODAY.isoformat(), TODAY, NOW, repeat="weekly",
                           repeat_detail="fri")
    one_off = tasks.add_task(db, "once", TODAY.isoformat(), TODAY, NOW)
    chain = [first]
    day = TODAY
    for _ in range(3):
        done = tasks.complete_task(db, chain[-1], day, NOW)
        chain.append(done.next_id)
        day += timedelta(days=7)
    assert tasks.series_roots(db, [*chain, one_off]) == {**{t: first for t in chain},
                                                         one_off: one_off}
    assert tasks.series_roots(db, []) == {}


def test_open_tasks_until_a_day_includes_that_day_and_the_late(db):
    late = tasks.add_task(db, "late", (TODAY - timedelta(days=3)).isoformat(),
                          TODAY - timedelta(days=3), NOW)
    edge = tasks.add_task(db, "edge", (TODAY + timedelta(days=5)).isoformat(), TODAY, NOW)
    tasks.add_task(db, "after", (TODAY + timedelta(days=6)).isoformat(), TODAY, NOW)
    done = tasks.add_task(db, "done", TODAY.isoformat(), TODAY, NOW)
    tasks.complete_task(db, done, TODAY, NOW)
    found = tasks.open_tasks_until(db, TODAY + timedelta(days=5), TODAY)
    assert [t.id for t in found] == [late, edge]
    assert found[0].days_late == 3


def test_recurrence_of_each_rule():
    assert tasks.recurrence(None, TODAY) is None
    assert tasks.recurrence("after:7", TODAY) is None
    weekly = tasks.recurrence("weekly:4", TODAY)  # Fridays, TODAY is one
    assert [d.date() for d in weekly[:2]] == [TODAY, TODAY + timedelta(days=7)]
