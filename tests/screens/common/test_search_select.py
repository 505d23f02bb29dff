"""Long selects are searched by typing, through the one matcher: the policy's outlet by
``jtyhdx``, a delivery's kind by its id or English name, no 8× Down and no IME."""

from __future__ import annotations

from tests.screens.common.conftest import delivery_kind_select, pick, policy_outlet_select
from workbench.roster import outlets
from workbench.screens.common.search_select import SearchSelect


async def test_the_policy_outlet_is_found_by_jtyhdx(demo_copy, demo_app):
    daxing = next(oid for oid, _, name, _ in outlets.all_active_outlets(demo_copy)
                  if name == "交通银行北京大兴支行")
    async with demo_app() as (app, pilot):
        select = await policy_outlet_select(app, pilot)
        assert isinstance(select, SearchSelect)
        await pick(pilot, select, "jtyhdx")
        assert select.value == str(daxing)


async def test_the_delivery_kind_is_found_by_its_english_name(demo_app):
    async with demo_app() as (app, pilot):
        select = await delivery_kind_select(app, pilot)
        assert isinstance(select, SearchSelect)
        assert select.prompt.startswith("请选择")
        await pick(pilot, select, "poster")
        assert select.value == "poster"
