"""A mood rated from the command palette reaches every screen that shows it."""

from __future__ import annotations

from textual.widgets import Static

from tests.conftest import TODAY, run_from_palette, wait_loaded, wait_ready
from workbench.app import WorkbenchApp
from workbench.assessment import journal
from workbench.screens.assessment.assessment import AssessmentScreen
from workbench.screens.common.form import FormScreen
from workbench.screens.plan.plan import PlanScreen


def mood_card(screen: AssessmentScreen) -> str:
    return str(screen.query_one("#self-mood", Static).render())


async def test_a_mood_from_the_palette_updates_the_self_screen_and_the_morning_prompt(
        db, db_path, config):
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("4")
        await wait_loaded(pilot)
        self_screen = app.screen
        assert isinstance(self_screen, AssessmentScreen)
        assert "Not rated yet" in mood_card(self_screen)
        await pilot.press("1")
        await wait_loaded(pilot)
        plan = app.screen
        assert isinstance(plan, PlanScreen)
        assert "morning" in [s.key for s in plan.sections]
        await run_from_palette(pilot, "mood")
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"80", "enter")
        await wait_loaded(pilot)
        assert journal.mood_on(app.db, TODAY).score == 80
        # The plan, in view, drops its morning prompt at once and shows the score...
        assert app.screen is plan
        assert "morning" not in [s.key for s in plan.sections]
        assert "morning score 80" in str(plan.query_one("#plan-status", Static).render())
        # ...the self screen, out of view, catches up when shown.
        assert self_screen.unshown == {"moods"}
        await pilot.press("4")
        await wait_loaded(pilot)
        assert app.screen is self_screen and not self_screen.unshown
        assert "Today 80" in mood_card(self_screen)


async def test_a_form_saved_over_the_self_screen_redraws_only_what_it_changed(
        db, db_path, config, monkeypatch):
    redrawn: list[frozenset[str]] = []
    real = AssessmentScreen.redraw
    monkeypatch.setattr(AssessmentScreen, "redraw",
                        lambda self, parts: redrawn.append(frozenset(parts)) or real(self, parts))
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("4")
        await wait_loaded(pilot)
        self_screen = app.screen
        redrawn.clear()
        await pilot.press("m")  # the form closes and uncovers the screen, which resumes
        await wait_loaded(pilot)
        await pilot.press(*"80", "enter")
        await wait_loaded(pilot)
        assert app.screen is self_screen and "Today 80" in mood_card(self_screen)
        assert redrawn == [frozenset({"mood"})]  # not the policies, not the grade
