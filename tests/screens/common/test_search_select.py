"""Long selects are searched by typing, through the one matcher: the policy's outlet by
``jtyhdx``, a delivery's kind by its id or English name, no 8× Down and no IME."""

from __future__ import annotations

from textual.widgets import Select

from tests.conftest import TODAY, wait_loaded, wait_ready, wait_until
from workbench.app import WorkbenchApp
from workbench.demo.build import populate
from workbench.roster import outlets
from workbench.screens.common.form import FormScreen
from workbench.screens.common.search_select import ChoicePicker, SearchSelect


async def pick(pilot, select, typed: str) -> None:
    select.focus()
    await pilot.pause()
    await pilot.press(*typed)
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ChoicePicker),
                     "the search picker to open")
    await pilot.pause()
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, FormScreen),
                     "the form to come back")


async def test_the_policy_outlet_is_found_by_jtyhdx(db, db_path, config):
    populate(db, config, TODAY)
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh")
    daxing = next(oid for oid, _, name, _ in outlets.all_active_outlets(db)
                  if name == "交通银行北京大兴支行")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("4", "n")
        await wait_loaded(pilot)
        select = app.screen.query_one("#f-policy_outlet", Select)
        assert isinstance(select, SearchSelect)
        await pick(pilot, select, "jtyhdx")
        assert select.value == str(daxing)


async def test_the_delivery_kind_is_found_by_its_english_name(db, db_path, config):
    from workbench.screens.register.forms import delivery_fields

    populate(db, config, TODAY)
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        app.push_screen(FormScreen("t", delivery_fields(app), {}, lambda v: None))
        await wait_loaded(pilot)
        select = app.screen.query_one("#f-kind", Select)
        assert isinstance(select, SearchSelect)
        assert select.prompt.startswith("请选择")
        await pick(pilot, select, "poster")
        assert select.value == "poster"
