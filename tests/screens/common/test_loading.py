"""Screens load in thread workers: the data arrives, the old data stays up meanwhile, an
overtaken load never shows, a write reaches another open screen, a failure is one line.

A slow load is a domain function that blocks on an event the test sets: no sleeps.
"""

from __future__ import annotations

import sqlite3

import pytest
from textual.widgets import DataTable, OptionList

from tests.conftest import NOW, TODAY, Gate, open_roster, wait_loaded, wait_ready
from workbench.app import WorkbenchApp
from workbench.demo.build import populate
from workbench.plan import agenda as plan_agenda
from workbench.roster import outlets
from workbench.screens.plan.plan import PlanScreen
from workbench.screens.roster.roster import OutletsScreen


@pytest.fixture
def app(db, db_path, config) -> WorkbenchApp:
    populate(db, config, TODAY)
    return WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")


def rows(screen: OutletsScreen) -> list[str]:
    table = screen.query_one("#roster", DataTable)
    return [table.coordinate_to_cell_key((i, 0)).row_key.value for i in range(table.row_count)]


async def test_the_plan_shows_its_agenda_once_the_worker_has_read_it(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        await wait_ready(app, pilot)
        assert screen.shown == screen.requested > 0 and not screen.data_pending
        ids = [o.id for o in screen.query_one("#agenda", OptionList).options if o.id]
        assert any(i.startswith("visit:") for i in ids)  # the demo's visits due are listed
        assert screen.agenda is not None and screen.sections


async def test_while_a_slow_load_runs_the_previous_rows_stay(app, monkeypatch):
    gate = Gate(monkeypatch, outlets, "roster", lambda *a, sort="due", **k: sort == "code")
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            await open_roster(app, pilot)
            screen = app.screen
            before = rows(screen)
            assert len(before) == 15
            await pilot.press("s")  # sort by code: its load waits at the gate
            assert gate.waiting.wait(10)
            await pilot.pause()
            assert screen.sort == "code" and screen.data_pending
            assert rows(screen) == before  # never an empty table meanwhile
            gate.open.set()
            await wait_loaded(pilot)
            codes = [screen.query_one("#roster", DataTable).get_row_at(i)[0]
                     for i in range(15)]
            assert codes == sorted(codes) and rows(screen) != before
            assert not gate.timed_out
        finally:
            gate.open.set()


async def test_an_overtaken_load_never_shows(app, monkeypatch):
    gate = Gate(monkeypatch, outlets, "roster", lambda *a, sort="due", **k: sort == "code")
    shown = []
    real = OutletsScreen.show
    monkeypatch.setattr(OutletsScreen, "show",
                        lambda self, data: shown.append(data) or real(self, data))
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            await open_roster(app, pilot)
            screen = app.screen
            await pilot.press("s")  # by code: held at the gate
            assert gate.waiting.wait(10)
            await pilot.press("s")  # by name: not held, finishes first
            # The held load's worker was cancelled (exclusive per screen): nothing waits
            # for its thread, which is still at the gate.
            await wait_loaded(pilot)
            assert screen.sort == "name" and gate.waiting.is_set() and not gate.open.is_set()
            by_name = rows(screen)
            count = len(shown)
            gate.open.set()  # the older load (by code) now finishes ...
            await wait_loaded(pilot)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            assert len(shown) == count  # ... and is dropped
            assert screen.sort == "name" and rows(screen) == by_name
            assert not gate.timed_out
        finally:
            gate.open.set()


async def test_a_write_on_the_roster_reaches_the_open_plan(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        plan = app.screen
        due = [v.outlet_id for v in plan.agenda.visits_due]
        assert due
        await pilot.press("2")
        await wait_loaded(pilot)
        roster = app.screen
        table = roster.query_one("#roster", DataTable)
        table.move_cursor(row=table.get_row_index(str(due[0])))
        await pilot.press("x")  # deactivate: the plan, in another mode, is told
        await wait_loaded(pilot)
        assert plan.unshown
        await pilot.press("1")
        await wait_loaded(pilot)
        assert app.screen is plan and not plan.unshown
        assert due[0] not in [v.outlet_id for v in plan.agenda.visits_due]
        ids = {o.id for o in plan.query_one("#agenda", OptionList).options}
        assert f"visit:{due[0]}" not in ids


async def test_a_write_under_a_form_updates_the_screen_in_view(app, config):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_roster(app, pilot)
        roster = app.screen
        outlet_id = int(rows(roster)[0])
        outlets.set_outlet_active(app.db, outlet_id, False, NOW)  # as a form would
        from workbench.screens.common.changes import announce

        announce(app, "outlets")
        await wait_loaded(pilot)
        assert str(outlet_id) not in rows(roster)


async def test_a_failed_load_is_one_translated_line(app, monkeypatch):
    said = []

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    async with app.run_test(size=(120, 40)) as pilot:
        monkeypatch.setattr(app, "notify", lambda text, **kw: said.append((text, kw)))
        await wait_ready(app, pilot)
        screen = app.screen
        options = screen.query_one("#agenda", OptionList).option_count
        monkeypatch.setattr(plan_agenda, "build_agenda", broken)
        screen.refresh_data()
        await wait_loaded(pilot)
        assert said == [("Could not read the data: disk I/O error", {"severity": "error"})]
        assert screen.query_one("#agenda", OptionList).option_count == options  # kept
        assert app.is_running
