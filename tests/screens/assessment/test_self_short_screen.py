"""The self screen on a short terminal (issue #15): the grade and mood cards give way to
three lines and one, so every tab's table is in view at 80x24 and PageUp / PageDown /
End / Home move in it; a tall terminal keeps the cards."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from tests.conftest import TODAY, wait_loaded, wait_ready
from workbench.app import WorkbenchApp
from workbench.demo.build import populate
from workbench.screens.assessment.assessment import TABS
from workbench.screens.common.tables import FitTable


def text_of(app: WorkbenchApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


@pytest.fixture
def app(db, db_path, config) -> WorkbenchApp:
    populate(db, config, TODAY)
    return WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh")


async def test_at_80x24_the_tabs_and_their_tables_keep_the_screen(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("4")
        await wait_loaded(pilot)
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#self-top").region.height == 0
        grade = text_of(app, "#self-brief-grade")
        assert "12.55 万元" in grade and "维持 16" in grade and "晋升 20" in grade
        assert "早晨打分" in text_of(app, "#self-brief-mood")
        brief = screen.query_one("#self-brief-mood").region
        assert brief.bottom <= 6  # header + four lines
        for n, tab in enumerate(TABS):
            table = screen.query_one(f"#self-{tab}", FitTable)
            await pilot.pause()
            assert table.region.y > brief.y
            assert table.region.bottom <= 23  # above the footer
            assert table.region.height >= 8, tab
            if n < len(TABS) - 1:
                await pilot.press("right_square_bracket")
                await wait_loaded(pilot)


async def test_page_keys_move_in_the_policies_table_at_80x24(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("4", "right_square_bracket")
        await wait_loaded(pilot)
        await pilot.pause()
        table = app.focused
        assert isinstance(table, FitTable) and table.id == "self-policies"
        assert table.row_count > table.size.height  # more than a page
        await pilot.press("pagedown")
        assert table.cursor_row > 0
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("pageup")
        assert table.cursor_row < table.row_count - 1
        await pilot.press("home")
        assert table.cursor_row == 0


async def test_a_tall_terminal_keeps_the_cards(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("4")
        await wait_loaded(pilot)
        await pilot.pause()
        assert app.screen.query_one("#self-top").region.height > 8
        assert app.screen.query_one("#self-brief-grade").region.height == 0
