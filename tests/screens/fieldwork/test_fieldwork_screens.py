"""The field work in the app: a 早会 with three tellers recorded from the card and
counted; today's route planned in the morning and compared with the visits in the
evening; the new forms and the route screen at 80x24 in Chinese (snapshots)."""

from __future__ import annotations

from datetime import datetime, time

from textual.widgets import Input, SelectionList

from tests.conftest import NOW, TODAY, copy_database, wait_loaded, wait_ready, wait_until
from workbench.app import WorkbenchApp
from workbench.fieldwork import route, trainings
from workbench.roster import staff, visits
from workbench.roster.staff import StaffDraft
from workbench.screens.common.form import FormScreen
from workbench.screens.fieldwork.route import RouteScreen
from workbench.storage import open_db


def demo_copy(demo_template, tmp_path):
    path = tmp_path / "wb.db"
    copy_database(demo_template, path)
    return path


def first_outlet(path) -> int:
    db = open_db(path)
    try:
        return db.execute("SELECT id FROM outlets WHERE active = 1 ORDER BY id").fetchone()[0]
    finally:
        db.close()


async def test_a_morning_meeting_with_three_tellers_is_recorded_and_counted(
        demo_template, tmp_path, config):
    path = demo_copy(demo_template, tmp_path)
    outlet_id = first_outlet(path)
    db = open_db(path)
    tellers = [staff.add_staff(db, outlet_id, StaffDraft(name=n, role="teller"),
                               ["teller"], NOW) for n in ("柜员甲", "柜员乙", "柜员丙")]
    db.close()
    app = WorkbenchApp(db_path=path, config=config, today=TODAY, language="en",
                       daily_backup=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        app.open_outlet(outlet_id)
        await wait_loaded(pilot)
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, FormScreen), "the training form")
        people = app.screen.query_one("#f-attendees", SelectionList)
        people.focus()
        await pilot.pause()
        values = [people.get_option_at_index(i).value for i in range(people.option_count)]
        for index in sorted(values.index(str(s)) for s in tellers):
            while people.highlighted != index:
                await pilot.press("down")
            await pilot.press("space")
        # A topic of the manager's own, typed beside the list.
        app.screen.query_one("#f-topic_other", Input).value = "理赔案例"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, FormScreen), "the save")
        await wait_loaded(pilot)
        card = app.screen.query_one("#card-figures")
        assert "Last trained" in str(card.render()) and "today" in str(card.render())
    db = open_db(path)
    try:
        [last] = trainings.trainings_for(db, outlet_id, limit=1)
        assert last.kind == "morning_meeting" and last.held_on == TODAY
        assert last.topic == "理赔案例"
        assert sorted(last.attendees) == ["柜员丙", "柜员乙", "柜员甲"]
        week = trainings.week_figures(db, TODAY, TODAY)
        assert week.morning_meetings >= 1 and week.staff_trained >= 3
    finally:
        db.close()


async def test_the_route_planned_in_the_morning_is_audited_in_the_evening(
        demo_template, tmp_path, config):
    path = demo_copy(demo_template, tmp_path)
    db = open_db(path)
    route.set_route(db, TODAY, [], TODAY)  # the demo's own route gone: plan from nothing
    db.close()
    app = WorkbenchApp(db_path=path, config=config, today=TODAY, language="en",
                       daily_backup=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, RouteScreen), "the route screen")
        screen = app.screen
        suggested = [s.outlet_id for s in screen.suggestions]
        assert len(suggested) >= 2
        # The first two suggestions onto the route, then the second moved up.
        for _ in range(2):
            box = screen.query_one("#route-list")
            target = box.get_option_index(f"sug:{suggested[len(screen.stops)]}")
            while box.highlighted != target:
                await pilot.press("down")
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("K")
        await pilot.pause()
        assert [oid for oid, _, _ in screen.stops] == [suggested[1], suggested[0]]
        await pilot.press("escape")
        await wait_loaded(pilot)
        plan = app.screen
        ids = [o.id for o in plan.query_one("#agenda").options]
        assert ids.index(f"route:{suggested[1]}") < ids.index(f"route:{suggested[0]}")
        # The evening: one of the two visited.
        db = open_db(path)
        rules = visits.VisitRules(now=datetime.combine(TODAY, time(18)))
        visits.record_visit(db, suggested[0], datetime.combine(TODAY, time(14)),
                            datetime.combine(TODAY, time(15, 30)), "stationed", "驻点",
                            rules=rules)
        db.close()
        plan.reload()
        await wait_loaded(pilot)
        titles = [str(o.prompt) for o in plan.query_one("#agenda").options if o.disabled]
        assert "Route vs visits: 2 planned, 1 visited, call rate 50%" in titles


def _snapshot_app(demo_template, tmp_path, config):
    path = demo_copy(demo_template, tmp_path)
    return path, WorkbenchApp(db_path=path, config=config, today=TODAY, language="zh",
                              daily_backup=False)


def test_training_form_zh(snap_compare, demo_template, tmp_path, config):
    path, app = _snapshot_app(demo_template, tmp_path, config)
    outlet_id = first_outlet(path)

    async def opened(pilot):
        from workbench.screens.fieldwork import forms

        await wait_ready(app, pilot)
        forms.record_training(app, outlet_id)
        await wait_until(pilot, lambda: isinstance(app.screen, FormScreen), "the form")

    assert snap_compare(app, terminal_size=(80, 24), run_before=opened)


def test_display_check_form_zh(snap_compare, demo_template, tmp_path, config):
    path, app = _snapshot_app(demo_template, tmp_path, config)
    outlet_id = first_outlet(path)

    async def opened(pilot):
        from workbench.screens.fieldwork import forms

        await wait_ready(app, pilot)
        forms.check_displays(app, outlet_id)
        await wait_until(pilot, lambda: isinstance(app.screen, FormScreen), "the form")

    assert snap_compare(app, terminal_size=(80, 24), run_before=opened)


def test_route_screen_zh(snap_compare, demo_template, tmp_path, config):
    _, app = _snapshot_app(demo_template, tmp_path, config)

    async def opened(pilot):
        await wait_ready(app, pilot)
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, RouteScreen), "the route")

    assert snap_compare(app, terminal_size=(80, 24), run_before=opened)


async def test_the_palette_finds_the_route_and_a_training_by_pinyin(demo_template, tmp_path,
                                                                    config):
    from tests.conftest import run_from_palette

    path = demo_copy(demo_template, tmp_path)
    app = WorkbenchApp(db_path=path, config=config, today=TODAY, language="zh",
                       daily_backup=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await run_from_palette(pilot, "luxian")
        await wait_until(pilot, lambda: isinstance(app.screen, RouteScreen), "the route")
        await pilot.press("escape")
        await wait_loaded(pilot)
        await run_from_palette(pilot, "zaohui hdzh")
        await wait_until(pilot, lambda: isinstance(app.screen, FormScreen), "the form")
        assert "海淀支行" in app.screen.form_title
