"""The campaign list from the palette: add one through the form, see its progress."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from tests.conftest import NOW, TODAY, run_from_palette, wait_loaded, wait_ready
from workbench.app import WorkbenchApp
from workbench.roster import outlets
from workbench.screens.common.form import FormScreen
from workbench.screens.targets.campaigns import CampaignsScreen


async def test_add_a_campaign_from_the_list(db, db_path, config):
    outlets.add_outlet(db, outlets.OutletDraft(code="ICBC-102", name="工行北京朝阳支行"),
                       ["A", "B", "C", "D"], NOW)
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await run_from_palette(pilot, "campaigns")
        await wait_loaded(pilot)
        assert isinstance(app.screen, CampaignsScreen)
        await pilot.press("n")
        await wait_loaded(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#f-campaign_name", Input).value = "岁末冲刺"
        form.query_one("#f-campaign_ends", Input).value = "2026-11-01"  # before the start
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert "before the start" in str(form.query_one("#e-campaign_ends").render())
        form.query_one("#f-campaign_ends", Input).value = "2026-12-31"
        form.query_one("#f-campaign_outlets", Input).value = "ICBC-102"
        form.query_one("#f-campaign_target", Input).value = "30"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert isinstance(app.screen, CampaignsScreen)
        row = app.screen.query_one(DataTable).get_row_at(0)
        assert str(row[0]) == "岁末冲刺" and str(row[4]) == "0/30" and str(row[5]) == "0%"
