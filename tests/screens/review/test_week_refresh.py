"""The week screen keeps its figures current while the summary is being written."""

from __future__ import annotations

from textual.widgets import TextArea

from tests.conftest import TODAY, wait_loaded, wait_ready
from workbench.app import WorkbenchApp
from workbench.assessment import journal
from workbench.screens.common.changes import announce


async def test_a_write_elsewhere_redraws_the_figures_but_leaves_the_summary_cursor(
        db, db_path, config):
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("w")
        await wait_loaded(pilot)
        week = app.screen
        area = week.query_one("#summary", TextArea)
        await pilot.press("tab", *"Busy", "left")
        await wait_loaded(pilot)
        assert area.text == "Busy" and area.cursor_location == (0, 3)
        stamp = week.shown_stamp
        journal.rate_mood(app.db, TODAY, "75", "", TODAY)  # e.g. from the palette
        announce(app, "moods")
        await wait_loaded(pilot)
        assert week.shown_stamp != stamp  # the figures were drawn again...
        assert area.text == "Busy" and area.cursor_location == (0, 3)  # ...the text kept
        assert area.has_focus
