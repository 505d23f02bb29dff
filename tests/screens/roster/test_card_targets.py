"""The card's targets: set in the form, then completion follows a newly logged policy."""

from __future__ import annotations

from textual.widgets import Input, Select

from tests.conftest import NOW, TODAY, open_roster, wait_loaded
from workbench.app import WorkbenchApp
from workbench.roster import outlets
from workbench.screens.common.form import FormScreen
from workbench.screens.roster.card import OutletCardScreen


async def test_set_a_target_then_a_new_policy_moves_the_card(db, db_path, config):
    outlets.add_outlet(db, outlets.OutletDraft(code="ICBC-102", name="工行北京朝阳支行"),
                       ["A", "B", "C", "D"], NOW)
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_roster(app, pilot)
        await pilot.press("enter")
        await wait_loaded(pilot)
        card = app.screen
        assert isinstance(card, OutletCardScreen)
        await pilot.press("r")
        await wait_loaded(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#f-target_premium", Input).value = "-1"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert app.screen is form  # refused under its field, nothing written
        assert "at least 0" in str(form.query_one("#e-target_premium").render())
        form.query_one("#f-target_premium", Input).value = "5"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert app.screen is card
        figures = str(card.query_one("#card-figures").render())
        assert "0/5 (10k) 0%" in figures

        await pilot.press("4")  # the self screen: log a 20,000 policy at the outlet
        await wait_loaded(pilot)
        await pilot.press("n")
        await wait_loaded(pilot)
        form = app.screen
        form.query_one("#f-policy_no", Input).value = "P-CARD-1"
        form.query_one("#f-policy_outlet", Select).value = form.query_one(
            "#f-policy_outlet", Select)._options[-1][1]
        form.query_one("#f-policy_product", Input).value = "鑫享年金"
        form.query_one("#f-policy_premium", Input).value = "20000"
        form.query_one("#f-policy_term", Input).value = "10"
        form.query_one("#f-policy_customer", Input).value = "李四"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        await pilot.press("escape")  # the offer to register the original: not yet
        await wait_loaded(pilot)
        await pilot.press("2")
        await wait_loaded(pilot)
        assert app.screen is card
        figures = str(card.query_one("#card-figures").render())
        assert "2/5 (10k) 40%" in figures
