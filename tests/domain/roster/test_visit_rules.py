"""The check-in rules, each at its exact boundary: nothing after the clock, no overlap,
a time before the working day counted from its start (with the typed time kept), and a
visit shorter than the minimum kept without clearing "visit due"."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import NOW
from workbench.core.config import Config
from workbench.core.errors import ValidationError
from workbench.roster import outlets, visits
from workbench.roster.outlets import OutletDraft
from workbench.storage import open_db

DAY = date(2026, 11, 27)
CADENCE = {"C": 30}


def at(hh: int, mm: int = 0, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hh, mm))


def rules(now: datetime | None = None, minimum: int = 15) -> visits.VisitRules:
    return visits.VisitRules(now=now or at(18), work_start=time(8), min_minutes=minimum)


def add(db, code: str) -> int:
    return outlets.add_outlet(db, OutletDraft(code=code, name=f"网点{code}", tier="C"),
                              ["C"], NOW)


def count(db) -> int:
    return db.execute("SELECT count(*) FROM visits").fetchone()[0]


def test_rules_come_from_the_config():
    built = visits.visit_rules(Config(), at(9))
    assert built == visits.VisitRules(now=at(9), work_start=time(8), min_minutes=15)


def test_check_in_at_the_clock_is_taken_a_minute_later_is_not(db):
    a = add(db, "A")
    with pytest.raises(ValidationError, match="later than the clock") as raised:
        visits.check_in(db, a, at(9, 31), "stationed",
                        rules=rules(now=at(9, 30) + timedelta(seconds=59)))
    assert raised.value.field == "started_at" and count(db) == 0
    visits.check_in(db, a, at(9, 30), "stationed", rules=rules(now=at(9, 30)))
    assert count(db) == 1


def test_check_out_after_the_clock_is_refused_and_changes_nothing(db):
    a = add(db, "A")
    vid = visits.check_in(db, a, at(9), "stationed", rules=rules(now=at(9)))
    with pytest.raises(ValidationError, match="later than the clock") as raised:
        visits.check_out(db, vid, at(11, 1), "走了", rules=rules(now=at(11)))
    assert raised.value.field == "ended_at"
    assert visits.open_visit(db).id == vid and visits.open_visit(db).notes is None
    visits.check_out(db, vid, at(11), rules=rules(now=at(11)))
    assert visits.open_visit(db) is None


def test_a_back_filled_visit_may_not_end_after_the_clock(db):
    a = add(db, "A")
    with pytest.raises(ValidationError, match="later than the clock"):
        visits.record_visit(db, a, at(9), at(10, 1), "stationed", rules=rules(now=at(10)))
    visits.record_visit(db, a, at(9), at(10), "stationed", rules=rules(now=at(10)))
    assert count(db) == 1


def test_visits_at_two_outlets_may_touch_but_not_overlap(db):
    a, b = add(db, "A"), add(db, "B")
    visits.record_visit(db, a, at(9), at(10), "stationed", rules=rules())
    with pytest.raises(ValidationError, match="overlaps the visit to 网点A") as raised:
        visits.check_in(db, b, at(9, 59), "stationed", rules=rules())
    assert raised.value.field == "started_at" and count(db) == 1
    with pytest.raises(ValidationError, match="overlaps"):
        visits.record_visit(db, b, at(8, 30), at(9, 1), "stationed", rules=rules())
    with pytest.raises(ValidationError, match="overlaps"):
        visits.record_visit(db, b, at(9, 10), at(9, 20), "stationed", rules=rules())
    assert count(db) == 1
    visits.record_visit(db, b, at(8), at(9), "stationed", rules=rules())  # ends as A starts
    vid = visits.check_in(db, b, at(10), "stationed", rules=rules())  # starts as A ends
    assert count(db) == 3
    visits.check_out(db, vid, at(11), rules=rules())


def test_a_check_out_may_not_run_into_a_later_visit(db):
    a, b = add(db, "A"), add(db, "B")
    vid = visits.check_in(db, a, at(9), "stationed", rules=rules())
    # A visit typed in afterwards for the afternoon (while A is still open) is refused...
    with pytest.raises(ValidationError, match="overlaps"):
        visits.record_visit(db, b, at(14), at(15), "stationed", rules=rules())
    visits.check_out(db, vid, at(12), rules=rules())
    visits.record_visit(db, b, at(14), at(15), "stationed", rules=rules())
    assert count(db) == 2


def test_an_early_check_in_is_counted_from_the_start_of_the_day(db):
    a = add(db, "A")
    vid = visits.check_in(db, a, at(7, 30), "training", "早会", rules=rules(now=at(7, 30)))
    visit = visits.open_visit(db)
    assert visit.id == vid and visit.started_at == at(8) and visit.clipped_from == at(7, 30)
    visits.check_out(db, vid, at(9), rules=rules(now=at(9)))
    done = visits.visits_for(db, a)[0]
    assert done.hours == 1.0 and done.clears_due


def test_the_start_of_the_day_itself_is_not_clipped(db):
    a = add(db, "A")
    visits.check_in(db, a, at(8), "training", rules=rules())
    assert visits.open_visit(db).clipped_from is None
    visits.check_out(db, visits.open_visit(db).id, at(9), rules=rules())
    visits.check_in(db, add(db, "B"), at(7, 59, DAY + timedelta(days=1)), "training",
                    rules=rules(now=at(9, 0, DAY + timedelta(days=1))))
    assert visits.open_visit(db).clipped_from == at(7, 59, DAY + timedelta(days=1))


def test_leaving_before_the_day_starts_counts_nothing(db):
    a = add(db, "A")
    vid = visits.check_in(db, a, at(7), "training", rules=rules())
    with pytest.raises(ValidationError, match="before the check-in at 07:00"):
        visits.check_out(db, vid, at(6, 59), rules=rules())
    visits.check_out(db, vid, at(7, 45), rules=rules())
    done = visits.visits_for(db, a)[0]
    assert done.started_at == done.ended_at == at(8) and not done.clears_due


def test_a_visit_shorter_than_the_minimum_does_not_clear_visit_due(db):
    a, b = add(db, "A"), add(db, "B")
    visits.record_visit(db, a, at(9), at(9, 14), "delivery", rules=rules())
    visits.record_visit(db, b, at(10), at(10, 15), "delivery", rules=rules())
    rows = {r.code: r for r in outlets.roster(db, DAY, CADENCE)}
    assert rows["A"].last_visit is None and rows["A"].days_left == 0
    assert rows["B"].last_visit == DAY
    stats = visits.visit_stats(db, DAY, DAY, CADENCE)
    assert stats.visits == 2 and stats.due_visited == 1
    assert visits.coverage_by_tier(db, DAY, DAY, CADENCE) == {"C": (2, 2, 1)}


def test_a_short_check_out_does_not_clear_visit_due(db):
    a = add(db, "A")
    vid = visits.check_in(db, a, at(9), "stationed", rules=rules(minimum=30))
    visits.check_out(db, vid, at(9, 29), rules=rules(minimum=30))
    assert not visits.visits_for(db, a)[0].clears_due
    assert outlets.roster(db, DAY, CADENCE)[0].last_visit is None


minutes = st.integers(min_value=6 * 60, max_value=20 * 60)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(minutes, st.integers(min_value=0, max_value=180)), max_size=6))
def test_whatever_is_typed_the_stored_visits_never_overlap(tmp_path_factory, spans):
    """Any sequence of back-filled visits: those taken never share a minute, each starts
    no earlier than the working day, and a refused one writes nothing."""
    db = open_db(tmp_path_factory.mktemp("v") / "v.db")
    try:
        ids = [add(db, "A"), add(db, "B")]
        for n, (start, length) in enumerate(spans):
            begin = at(0) + timedelta(minutes=start)
            before = count(db)
            try:
                visits.record_visit(db, ids[n % 2], begin, begin + timedelta(minutes=length),
                                    "stationed", rules=rules(now=at(23, 59)))
            except ValidationError:
                assert count(db) == before
        stored = sorted((v.started_at, v.ended_at) for v in visits.visits_on(db, DAY))
        for (_, e1), (s2, _) in zip(stored, stored[1:], strict=False):
            assert e1 <= s2
        assert all(s >= at(8) for s, _ in stored)
    finally:
        db.close()


def test_a_short_visit_last_week_leaves_the_outlet_due_in_the_week_figures(db):
    a, b = add(db, "A"), add(db, "B")
    before = DAY - timedelta(days=7)
    visits.record_visit(db, a, at(9, 0, before), at(9, 14, before), "delivery", rules=rules())
    visits.record_visit(db, b, at(10, 0, before), at(10, 15, before), "delivery",
                        rules=rules())
    assert visits.visit_stats(db, DAY, DAY, CADENCE).outlets_due == 1
