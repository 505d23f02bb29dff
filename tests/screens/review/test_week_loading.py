"""The week's figures load in a worker: what is typed meanwhile is neither lost nor
written into another week."""

from __future__ import annotations

from textual.widgets import Static, TextArea

from tests.conftest import TODAY, Gate, wait_loaded, wait_ready
from workbench.app import WorkbenchApp
from workbench.assessment import journal
from workbench.review import week as review
from workbench.screens.common.changes import announce


async def test_typing_during_a_load_keeps_the_text(db, db_path, config, monkeypatch):
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("w")
        await wait_loaded(pilot)
        week = app.screen
        area = week.query_one("#summary", TextArea)
        await pilot.press("tab", *"Busy")
        await wait_loaded(pilot)
        # The next load has read the figures, then stands still before the summary.
        gate = Gate(monkeypatch, review, "summary_for")
        try:
            journal.rate_mood(app.db, TODAY, "75", "", TODAY)
            announce(app, "moods")
            await pilot.pause()
            assert gate.waiting.wait(10)
            await pilot.press("!")  # saved now, after the load's snapshot began
            await pilot.pause()
            gate.open.set()
            await wait_loaded(pilot)
            assert area.text == "Busy!" and area.cursor_location == (0, 5)
            assert review.summary_for(db, week.week) == "Busy!"
        finally:
            gate.open.set()


async def test_text_typed_before_another_week_lands_stays_with_the_week_on_screen(
        db, db_path, config, monkeypatch):
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("w")
        await wait_loaded(pilot)
        week = app.screen
        this_week = week.week
        gate = Gate(monkeypatch, review, "compute_week")
        try:
            await pilot.press("left")  # the week before: held
            assert gate.waiting.wait(10)
            await pilot.press("tab", *"Note")  # the screen still shows this week
            await pilot.pause()
            title = str(week.query_one("#week-title", Static).render())
            assert this_week.label in title
            gate.open.set()
            await wait_loaded(pilot)
        finally:
            gate.open.set()
        assert review.summary_for(db, this_week) == "Note"
        assert review.summary_for(db, this_week.shift(-1)) == ""
        assert week.query_one("#summary", TextArea).text == ""  # the week before's own
        assert this_week.shift(-1).label in str(week.query_one("#week-title", Static).render())
