"""Full pinyin and the kinds' initials in the app (issue #15): the policy's outlet by
``jiaotongyinhang…daxing``, a delivery's kind by ``xczl``, the roster by ``zhongguo``."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Select

from tests.conftest import TODAY, wait_loaded, wait_ready, wait_until
from tests.screens.common.test_search_select import pick
from workbench.app import WorkbenchApp
from workbench.demo.build import populate
from workbench.roster import outlets
from workbench.screens.common.form import FormScreen


async def test_the_policy_outlet_is_found_by_full_pinyin(db, db_path, config):
    populate(db, config, TODAY)
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh")
    daxing = next(oid for oid, _, name, _ in outlets.all_active_outlets(db)
                  if name == "交通银行北京大兴支行")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("4", "n")
        await wait_loaded(pilot)
        select = app.screen.query_one("#f-policy_outlet", Select)
        await pick(pilot, select, "jiaotongdaxing")
        assert select.value == str(daxing)


@pytest.mark.parametrize(("typed", "kind"), [("xczl", "brochure"), ("haibao", "poster"),
                                             ("hzd", "summary_sheet")])
async def test_the_delivery_kind_is_found_by_its_pinyin(db, db_path, config, typed, kind):
    from workbench.screens.register.forms import delivery_fields

    populate(db, config, TODAY)
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        app.push_screen(FormScreen("t", delivery_fields(app), {}, lambda v: None))
        await wait_loaded(pilot)
        select = app.screen.query_one("#f-kind", Select)
        await pick(pilot, select, typed)
        assert select.value == kind


async def test_the_roster_filter_takes_full_pinyin(db, db_path, config):
    populate(db, config, TODAY)
    banks = {name for _, _, name, _ in outlets.all_active_outlets(db)}
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("2")
        await wait_loaded(pilot)
        table = app.screen.query_one("#roster", DataTable)
        await pilot.press("slash", *"jiaotongyinhang")
        wanted = sum(name.startswith("交通银行") for name in banks)
        await wait_until(pilot, lambda: table.row_count == wanted, "交通银行's outlets only")
        assert 0 < wanted < len(banks)
