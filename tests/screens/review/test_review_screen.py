"""Pilot tests of the week screen: move between weeks, type a summary, export."""

from __future__ import annotations

from contextlib import asynccontextmanager

from textual.widgets import Static, TextArea

from tests.conftest import TODAY, keys_at_once, wait_loaded, wait_ready
from workbench.app import WorkbenchApp
from workbench.demo.build import populate
from workbench.review import week as review


def title(app) -> str:
    return str(app.screen.query_one("#week-title", Static).render())


@asynccontextmanager
async def week_open(db, db_path, config):
    """The demo's file open on the week (in English, 120x40), loaded."""
    populate(db, config, TODAY)
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("w")
        await wait_loaded(pilot)
        yield app, pilot


async def test_move_between_weeks_and_summary_survives_restart(db, db_path, config):
    async with week_open(db, db_path, config) as (app, pilot):
        assert "2026-W48" in title(app)
        await pilot.press("left")
        await wait_loaded(pilot)
        assert "2026-W47" in title(app)
        await pilot.press("tab")  # into the summary
        await wait_loaded(pilot)
        assert app.screen.query_one("#summary", TextArea).has_focus
        await pilot.press(*"Good week", "left", "left")  # arrows move the text cursor here
        await wait_loaded(pilot)
        assert "2026-W47" in title(app)
        await pilot.press("escape", "m")  # Esc leaves the text; m is a key again, not text
        await wait_loaded(pilot)
        assert app.screen.query_one("#figures").has_focus
    again = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with again.run_test(size=(120, 40)) as pilot:
        await wait_ready(again, pilot)
        await pilot.press("w", "left")
        await wait_loaded(pilot)
        assert again.screen.query_one("#summary", TextArea).text == "Good week"
    assert review.summary_for(db, review.parse_week("2026-W47")) == "Good week"


async def test_export_from_the_screen_asks_before_replacing(db, db_path, config):
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("w", "m")
        await wait_loaded(pilot)
        path = db_path.parent / "reports" / "weekly-2026-W48.md"
        assert path.exists()
        path.write_text("old")
        await pilot.press("m")
        await wait_loaded(pilot)
        await pilot.press("n")
        await wait_loaded(pilot)
        assert path.read_text() == "old"
        await pilot.press("m")
        await wait_loaded(pilot)
        await pilot.press("y")
        await wait_loaded(pilot)
        assert "2026-W48" in path.read_text()


async def test_at_80_columns_the_footer_shows_the_week_keys_up_to_the_excel_export(
        db, db_path, config):
    """Issue #15: the footer was cut before `l 导出 Excel`."""
    from workbench.screens.common.footer import Footer

    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("w")
        await wait_loaded(pilot)
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        keys = {getattr(w, "key", None): w for w in footer.walk_children()
                if not w.has_class("-command-palette")}
        palette = next(w for w in footer.walk_children() if w.has_class("-command-palette"))
        for key in ("left", "t", "m", "v", "l"):
            region = keys[key].region
            assert region.width and region.right <= palette.region.x, key


async def test_text_typed_in_one_burst_after_tab_lands_in_the_summary(db, db_path, config):
    """Tab and the words after it read at once (a lagging terminal): the words are the
    summary's, not the week's keys (m exports, t goes to this week)."""
    async with week_open(db, db_path, config) as (app, pilot):
        area = app.screen.query_one("#summary", TextArea)
        before = area.text
        keys_at_once(app, "tab", *"met")
        await wait_loaded(pilot)
        await pilot.pause()
        assert area.has_focus and area.text.replace(before, "", 1) == "met"
        assert len(app.screen_stack) == 1  # no export asked about
