"""Full pinyin and the kinds' initials in the app (issue #15): the policy's outlet by
``jiaotongyinhang…daxing``, a delivery's kind by ``xczl``, the roster by ``zhongguo``."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from tests.conftest import wait_loaded, wait_until
from tests.screens.common.conftest import delivery_kind_select, pick, policy_outlet_select
from workbench.roster import outlets


async def test_the_policy_outlet_is_found_by_full_pinyin(demo_copy, demo_app):
    daxing = next(oid for oid, _, name, _ in outlets.all_active_outlets(demo_copy)
                  if name == "交通银行北京大兴支行")
    async with demo_app() as (app, pilot):
        select = await policy_outlet_select(app, pilot)
        await pick(pilot, select, "jiaotongdaxing")
        assert select.value == str(daxing)


@pytest.mark.parametrize(("typed", "kind"), [("xczl", "brochure"), ("haibao", "poster"),
                                             ("hzd", "summary_sheet")])
async def test_the_delivery_kind_is_found_by_its_pinyin(demo_app, typed, kind):
    async with demo_app() as (app, pilot):
        select = await delivery_kind_select(app, pilot)
        await pick(pilot, select, typed)
        assert select.value == kind


async def test_the_roster_filter_takes_full_pinyin(demo_copy, demo_app):
    banks = {name for _, _, name, _ in outlets.all_active_outlets(demo_copy)}
    async with demo_app() as (app, pilot):
        await pilot.press("2")
        await wait_loaded(pilot)
        table = app.screen.query_one("#roster", DataTable)
        await pilot.press("slash", *"jiaotongyinhang")
        wanted = sum(name.startswith("交通银行") for name in banks)
        await wait_until(pilot, lambda: table.row_count == wanted, "交通银行's outlets only")
        assert 0 < wanted < len(banks)
