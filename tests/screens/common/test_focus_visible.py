"""The focused table or list shows its cursor in the theme's accent colour, bold, in the
dark and the light theme; without the focus the cursor is not so marked (issue #15)."""

from __future__ import annotations

import pytest
from rich.color import Color
from textual.widgets import DataTable, Input, OptionList

from tests.conftest import TODAY, open_roster, wait_ready
from workbench.app import WorkbenchApp
from workbench.demo.build import populate


def is_accent(app, color: Color | None) -> bool:
    """``color`` is the theme's accent (give or take the rounding of blending)."""
    wanted = Color.parse(app.current_theme.accent).triplet
    return color is not None and all(abs(a - b) <= 3 for a, b in
                                     zip(color.triplet, wanted, strict=True))


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_the_focused_cursor_is_marked_in_both_themes(db, db_path, config, theme):
    populate(db, config, TODAY)
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        app.theme = theme
        await pilot.pause()
        agenda = app.screen.query_one("#agenda", OptionList)
        assert agenda.has_focus
        style = agenda.get_component_rich_style("option-list--option-highlighted")
        assert is_accent(app, style.bgcolor) and style.bold
        await open_roster(app, pilot)
        table = app.screen.query_one("#roster", DataTable)
        assert table.has_focus
        focused = table.get_component_rich_style("datatable--cursor")
        assert is_accent(app, focused.bgcolor) and focused.bold
        app.screen.query_one("#filter", Input).focus()
        await pilot.pause()
        blurred = table.get_component_rich_style("datatable--cursor")
        assert not is_accent(app, blurred.bgcolor) and not blurred.bold
