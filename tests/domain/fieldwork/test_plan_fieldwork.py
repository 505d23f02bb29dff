"""The field work in today's plan: route suggestions read from the agenda, the route,
untrained staff and stale displays as lines, the call rate under the audit."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from tests.conftest import NOW, TODAY
from workbench.core.config import Config
from workbench.fieldwork import displays, route, trainings
from workbench.plan.agenda import build_agenda
from workbench.plan.route import route_suggestions
from workbench.plan.view import plain_text, sections
from workbench.roster import outlets, staff, visits
from workbench.roster.outlets import OutletDraft
from workbench.roster.staff import StaffDraft


def add(db, code: str) -> int:
    return outlets.add_outlet(db, OutletDraft(code=code, name=f"网点{code}", tier="C"),
                              ["C"], NOW)


def test_suggestions_come_from_the_plan_with_every_reason_once(db):
    a, b = add(db, "A"), add(db, "B")
    teller = staff.add_staff(db, b, StaffDraft(name="张丽", role="teller"), ["teller"], NOW)
    at = lambda h: datetime.combine(TODAY - timedelta(days=1), time(h))  # noqa: E731
    visits.record_visit(db, b, at(9), at(10), "stationed")  # B not due
    trainings.record_training(db, b, trainings.TrainingDraft(
        topic="sales_talk", held_on=(TODAY - timedelta(days=40)).isoformat(), minutes="20",
        attendees=(teller,)), TODAY, NOW)
    got = {s.outlet_id: s.reasons for s in route_suggestions(build_agenda(db, TODAY, Config()))}
    assert got == {a: ("route.reason.due",), b: ("route.reason.training",)}


def test_the_plan_shows_the_route_the_audit_and_the_stale_displays(db):
    a, b = add(db, "A"), add(db, "B")
    route.set_route(db, TODAY, [b, a], TODAY)
    visits.record_visit(db, a, datetime.combine(TODAY, time(9)),
                        datetime.combine(TODAY, time(10)), "stationed", "驻点")
    displays.record_check(db, b, {"poster": True, "display_board": True},
                          TODAY - timedelta(days=30), TODAY, NOW)
    agenda = build_agenda(db, TODAY, Config())
    by_key = {s.key: s for s in sections(agenda)}
    keys = [s.key for s in sections(agenda)]
    assert keys.index("route") == keys.index("must") + 1
    assert keys.index("displays") == keys.index("relations") + 1
    assert [i.id for i in by_key["route"].items] == [f"route:{b}", f"route:{a}", "route:plan"]
    assert by_key["route"].title == "Today's route (visited 1/2)"
    assert [i.cells for i in by_key["displays"].items] == [
        ("Poster, Display board", "B", "网点B", "not seen for 30 days")]
    text = plain_text(agenda)
    assert "Route vs visits: 2 planned, 1 visited, call rate 50%" in text


def test_no_route_offers_to_plan_one_and_an_empty_file_shows_none(db):
    add(db, "A")
    agenda = build_agenda(db, TODAY, Config())
    [section] = [s for s in sections(agenda) if s.key == "route"]
    assert [i.id for i in section.items] == ["route:plan"]
    assert "call rate" not in plain_text(agenda)
    db.execute("DELETE FROM outlets")
    assert "route" not in [s.key for s in sections(build_agenda(db, TODAY, Config()))]


def test_every_item_of_the_demo_plan_has_its_own_id(tmp_path):
    from workbench.demo.build import populate
    from workbench.storage import open_db

    db = open_db(tmp_path / "demo.db")
    try:
        populate(db, Config(), TODAY)
        ids = [i.id for s in sections(build_agenda(db, TODAY, Config()), whole=True)
               for i in s.items
               if i.id is not None]
        assert len(ids) == len(set(ids))
        assert any(i.startswith("display:") for i in ids)
        assert any(i.count(":") == 2 and i.startswith("train:") for i in ids)
    finally:
        db.close()


def test_the_audit_shows_an_early_check_in_counted_from_the_start_and_a_short_visit(db):
    a, b = add(db, "A"), add(db, "B")
    at = lambda h, m=0: datetime.combine(TODAY, time(h, m))  # noqa: E731
    rules = visits.VisitRules(now=at(18))
    vid = visits.check_in(db, a, at(7, 30), "training", "早会", rules=rules)
    visits.check_out(db, vid, at(9, 30), rules=rules)
    visits.record_visit(db, b, at(10), at(10, 10), "delivery", "送单", rules=rules)
    [audit] = [s for s in sections(build_agenda(db, TODAY, Config())) if s.key == "audit"]
    early, short = (" ".join(i.cells) for i in audit.items)
    assert "08:00–09:30" in early and "(checked in 07:30, counted from 08:00)" in early
    assert "counts" in early and "too short" not in early
    assert "(too short to clear the visit due)" in short
