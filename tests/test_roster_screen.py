"""Pilot tests of the outlet roster: filter, add through the form, validation, edit, visits."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from workbench import outlets
from workbench.app import WorkbenchApp
from workbench.demo import populate
from workbench.screens.form import FormScreen

from .conftest import TODAY, wait_ready


def demo_app(db, db_path, config):
    populate(db, config, TODAY)
    return WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")


async def test_filter_by_pinyin_initials(db, db_path, config):
    app = demo_app(db, db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        table = app.screen.query_one("#roster", DataTable)
        assert table.row_count == 15
        await pilot.press("slash", *"jsyh")
        await pilot.pause()
        names = [table.get_row_at(i)[1] for i in range(table.row_count)]
        assert names and all("建设银行" in n for n in names)


async def test_add_outlet_through_form_with_validation_error(db, db_path, config):
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        # Save with no code: the form stays open and names the field.
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "required" in str(app.screen.query_one("#e-code").render())
        app.screen.query_one("#f-code", Input).value = "CCB-9"
        app.screen.query_one("#f-name", Input).value = "建设银行测试支行"
        app.screen.query_one("#f-traffic_daily", Input).value = "-5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "at least 0" in str(app.screen.query_one("#e-traffic_daily").render())
        app.screen.query_one("#f-traffic_daily", Input).value = "300"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#roster", DataTable).row_count == 1
    assert outlets.outlet_by_code(db, "CCB-9").traffic_daily == 300
