"""Display staleness and the day's route (planned against visited), each rule at its
boundary."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import NOW, TODAY
from workbench.core.errors import ValidationError
from workbench.fieldwork import displays, route
from workbench.roster import outlets, visits
from workbench.roster.outlets import OutletDraft
from workbench.storage import open_db


def add(db, code: str) -> int:
    return outlets.add_outlet(db, OutletDraft(code=code, name=f"网点{code}", tier="C"),
                              ["C"], NOW)


def ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def test_stale_items_come_down_first_by_the_day_found_down_then_longest_unseen(db):
    a, b, c = add(db, "A"), add(db, "B"), add(db, "C")
    # A's poster was up longer ago than C's, but C's was found down earlier: the plan
    # shows each down item with that day, so C comes first.
    displays.record_check(db, a, {"poster": True}, ago(90), TODAY, NOW)
    displays.record_check(db, a, {"poster": False}, ago(3), TODAY, NOW)
    displays.record_check(db, c, {"poster": True}, ago(40), TODAY, NOW)
    displays.record_check(db, c, {"poster": False}, ago(20), TODAY, NOW)
    displays.record_check(db, b, {"poster": True}, ago(60), TODAY, NOW)  # up, unseen since
    assert [s.code for s in displays.stale_displays(db, TODAY, 30)] == ["C", "A", "B"]


def test_an_item_is_stale_from_the_configured_day_on_or_when_found_down(db):
    a, b = add(db, "A"), add(db, "B")
    displays.record_check(db, a, {"poster": True, "display_board": True}, ago(30), TODAY, NOW)
    displays.record_check(db, a, {"display_board": True}, ago(29), TODAY, NOW)
    displays.record_check(db, b, {"poster": True}, ago(2), TODAY, NOW)
    displays.record_check(db, b, {"poster": False}, ago(1), TODAY, NOW)
    stale = {(s.code, s.item): s for s in displays.stale_displays(db, TODAY, 30)}
    assert set(stale) == {("A", "poster"), ("B", "poster")}
    assert stale[("A", "poster")].days_since_up(TODAY) == 30
    assert not stale[("B", "poster")].up and stale[("B", "poster")].last_up == TODAY - timedelta(2)
    assert {(s.code, s.item) for s in displays.stale_displays(db, TODAY, 31)} == {("B", "poster")}
    # Put back up: no longer stale.
    displays.record_check(db, b, {"poster": True}, TODAY.isoformat(), TODAY, NOW)
    assert [s.code for s in displays.stale_displays(db, TODAY, 31)] == []
    assert [s.item for s in displays.displays_at(db, a)] == ["display_board", "poster"]


def test_a_check_is_refused_whole_for_a_future_day_or_no_item(db):
    a = add(db, "A")
    with pytest.raises(ValidationError) as raised:
        displays.record_check(db, a, {"poster": True}, (TODAY + timedelta(1)).isoformat(),
                              TODAY, NOW)
    assert raised.value.key == "error.display_in_future"
    with pytest.raises(ValidationError, match="at least one"):
        displays.record_check(db, a, {}, TODAY, TODAY, NOW)
    assert db.execute("SELECT count(*) FROM display_checks").fetchone()[0] == 0
    assert displays.record_check(db, a, {"黑板报": False}, TODAY, TODAY, NOW) == 1


def test_a_route_is_planned_in_order_and_replaced_whole(db):
    a, b, c = add(db, "A"), add(db, "B"), add(db, "C")
    route.set_route(db, TODAY, [b, a], TODAY)
    assert [(s.position, s.code) for s in route.route_for(db, TODAY)] == [(1, "B"), (2, "A")]
    route.set_route(db, TODAY, [a, c, b], TODAY)
    assert [s.code for s in route.route_for(db, TODAY)] == ["A", "C", "B"]
    route.set_route(db, TODAY + timedelta(days=1), [c], TODAY)
    assert [s.code for s in route.route_for(db, TODAY)] == ["A", "C", "B"]


@pytest.mark.parametrize(("day", "ids", "key"), [
    (-1, "ab", "error.route_past"),
    (0, "aa", "error.route_twice"),
    (0, "ax", "error.outlet_inactive"),
])
def test_a_bad_route_is_refused_and_the_old_one_stays(db, day, ids, key):
    a, b, x = add(db, "A"), add(db, "B"), add(db, "X")
    outlets.set_outlet_active(db, x, False, NOW)
    route.set_route(db, TODAY, [b], TODAY)
    by = {"a": a, "b": b, "x": x}
    with pytest.raises(ValidationError) as raised:
        route.set_route(db, TODAY + timedelta(days=day), [by[i] for i in ids], TODAY)
    assert raised.value.key == key
    assert [s.code for s in route.route_for(db, TODAY)] == ["B"]


def test_the_longest_route_is_taken_one_more_is_not(db):
    ids = [add(db, f"O{n}") for n in range(route.MAX_STOPS + 1)]
    with pytest.raises(ValidationError, match="at most"):
        route.set_route(db, TODAY, ids, TODAY)
    route.set_route(db, TODAY, ids[:-1], TODAY)
    assert len(route.route_for(db, TODAY)) == route.MAX_STOPS


def test_the_audit_compares_planned_with_visited(db):
    a, b, c, d = (add(db, x) for x in "ABCD")
    route.set_route(db, TODAY, [a, b, c], TODAY)
    at = lambda h, m=0: datetime.combine(TODAY, time(h, m))  # noqa: E731
    rules = visits.VisitRules(now=at(18))
    visits.record_visit(db, a, at(9), at(10), "stationed", rules=rules)
    visits.record_visit(db, b, at(10), at(10, 5), "delivery", rules=rules)  # too short
    visits.record_visit(db, d, at(14), at(15), "stationed", rules=rules)  # off the plan
    visits.check_in(db, c, at(16), "stationed", rules=rules)  # still open
    audit = route.route_audit(db, TODAY)
    assert [(s.code, done) for s, done in audit.stops] == [("A", True), ("B", False),
                                                          ("C", False)]
    assert audit.unplanned == ("网点D",)
    assert (audit.planned, audit.visited) == (3, 1) and audit.call_rate == pytest.approx(1 / 3)
    assert route.route_audit(db, TODAY - timedelta(days=1)).call_rate is None


@settings(max_examples=30, deadline=None)
@given(st.permutations(range(5)), st.integers(min_value=0, max_value=5))
def test_any_order_saved_is_the_order_read_back(tmp_path_factory, order, keep):
    db = open_db(tmp_path_factory.mktemp("r") / "r.db")
    try:
        ids = [add(db, f"O{n}") for n in range(5)]
        chosen = [ids[i] for i in order][:keep]
        route.set_route(db, TODAY, chosen, TODAY)
        assert [s.outlet_id for s in route.route_for(db, TODAY)] == chosen
    finally:
        db.close()


def test_the_week_reports_trainings_and_the_call_rate_over_its_days(db):
    from workbench.core.config import Config
    from workbench.fieldwork import week

    a, b = add(db, "A"), add(db, "B")
    monday = TODAY - timedelta(days=TODAY.weekday())
    rules = visits.VisitRules(now=datetime.combine(TODAY, time(18)))
    for day in (monday, TODAY):
        route.set_route(db, day, [a, b], monday)
    visits.record_visit(db, a, datetime.combine(monday, time(9)),
                        datetime.combine(monday, time(10)), "stationed", rules=rules)
    figures = {key: value for _, key, value, _ in
               week.week_figures(db, monday, monday + timedelta(days=6), Config(), TODAY)}
    assert figures["route_planned"] == 4 and figures["call_rate"] == pytest.approx(0.25)
    assert week.week_figures(db, monday - timedelta(7), monday - timedelta(1), Config(),
                             TODAY)[-1][2] is None
