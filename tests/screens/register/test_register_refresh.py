"""The register keeps up with writes made elsewhere: a sign-off on the plan, a line logged
while the next form is already open."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import DataTable

from tests.conftest import NOW, wait_loaded, wait_ready
from tests.screens.register.test_sign_off_screen import make_app, three_lines
from workbench.register import deliveries as reg
from workbench.roster import visits
from workbench.screens.common.form import FormScreen
from workbench.screens.plan.plan import PlanScreen
from workbench.screens.register.register import DeliveriesScreen


def signers(table: DataTable, ids: list[int]) -> list[str]:
    return [str(table.get_cell(str(i), "signer")) for i in ids]


@pytest.fixture
def ids(db, config) -> list[int]:
    """Yesterday's three lines awaiting signature; checked in at their outlet today."""
    o, ids = three_lines(db, config, NOW - timedelta(days=1))
    visits.check_in(db, o, NOW.replace(hour=0, minute=1), "delivery")
    return ids


async def open_register(app, pilot) -> DeliveriesScreen:
    await wait_ready(app, pilot)
    await pilot.press("3")
    await wait_loaded(pilot)
    assert isinstance(app.screen, DeliveriesScreen)
    return app.screen


async def test_a_sign_off_on_the_plan_shows_in_the_register_when_you_switch(ids, db_path,
                                                                             config):
    app = make_app(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        register = await open_register(app, pilot)
        table = register.query_one("#table-register", DataTable)
        assert signers(table, ids) == ["", "", ""]
        await pilot.press("1")
        await wait_loaded(pilot)
        assert isinstance(app.screen, PlanScreen)
        for key in ("g", "w", "f", "enter", "enter"):  # sign all for 王芳
            await pilot.press(key)
            await wait_loaded(pilot)
        assert {reg.get_line(app.db, i).status for i in ids} == {"signed"}
        # Told while out of view: marked stale, not redrawn behind the user's back.
        assert register.unshown
        assert signers(table, ids) == ["", "", ""]
        await pilot.press("3")
        await wait_loaded(pilot)
        assert app.screen is register and not register.unshown
        assert signers(table, ids) == ["王芳", "王芳", "王芳"]


async def test_the_register_under_the_next_log_form_already_lists_the_saved_line(
        ids, db_path, config):
    app = make_app(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        register = await open_register(app, pilot)
        table = register.query_one("#table-register", DataTable)
        assert table.row_count == 3
        await pilot.press("n")  # checked in: the form is for this outlet
        await wait_loaded(pilot)
        first = app.screen
        assert isinstance(first, FormScreen)
        first.query_one("#f-kind").value = "brochure"
        first.query_one("#f-quantity").value = "20"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        # The next line's form is open at once; the register under it is current.
        assert isinstance(app.screen, FormScreen) and app.screen is not first
        assert register.in_view() and not register.unshown
        assert table.row_count == 4
