"""A screen out of view redraws what a write changed while the user reads, so the
switch back to it draws the new data once (not the old, then the new)."""

from __future__ import annotations

from time import monotonic

from tests.conftest import TODAY, wait_loaded, wait_ready, wait_until
from workbench.app import WorkbenchApp
from workbench.screens.common.data_screen import DataScreen
from workbench.screens.plan.plan import PlanScreen


async def test_the_plan_catches_up_out_of_view_and_the_switch_back_loads_nothing(
        db, db_path, config, monkeypatch):
    monkeypatch.setattr(DataScreen, "IDLE_CATCH_UP_SECONDS", 0.05)
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        plan = app.screen
        assert isinstance(plan, PlanScreen)
        assert not any(h.done for h in plan.agenda.habits)
        await pilot.press("4")
        await wait_loaded(pilot)
        await pilot.press("t")  # a habit ticked on the self screen
        await wait_until(pilot, lambda: not app.catch_ups_pending() and not app.loads_pending()
                         and any(h.done for h in plan.agenda.habits),
                         "the plan, out of view, to show the tick")
        asked = plan.requested
        await pilot.press("1")
        await wait_loaded(pilot)
        assert app.screen is plan and plan.requested == asked  # nothing read on the way back


async def test_keys_coming_in_put_the_catch_up_off(db, db_path, config, monkeypatch):
    monkeypatch.setattr(DataScreen, "IDLE_CATCH_UP_SECONDS", 0.05)
    looked: list[bool] = []
    real = DataScreen._catch_up_if_idle

    def look(screen):
        looked.append(True)
        real(screen)

    monkeypatch.setattr(DataScreen, "_catch_up_if_idle", look)
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        plan = app.screen
        await pilot.press("4")
        await wait_loaded(pilot)
        plan.expect_changes(frozenset({"habits"}))
        asked = plan.requested
        app.collector.last_input = monotonic() + 60  # a key "now" (and for a minute)
        looked.clear()
        plan.catch_up_when_idle(0)
        await wait_until(pilot, lambda: looked, "the timer to look")
        assert plan.requested == asked and plan.unshown  # put off until a pause
        assert plan.catch_up_pending
        app.collector.last_input = monotonic() - 60
        plan.catch_up_when_idle(0)
        await wait_until(pilot, lambda: not plan.unshown and not plan.catch_up_pending,
                         "the catch-up in the pause")
