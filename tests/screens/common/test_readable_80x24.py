"""Everything readable at 80x24 (issue #29): the outlet card reachable to its last part,
the week's "last week" and "change" columns on screen, an amount never cut, and outlet
names that share their start (中国建设银行…) told apart by their end."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from textual.widgets import DataTable

from tests.conftest import (
    TODAY,
    copy_database,
    open_roster,
    screen_lines,
    wait_loaded,
    wait_ready,
)
from workbench.app import WorkbenchApp
from workbench.assessment import policies
from workbench.core.config import Config
from workbench.core.i18n import t
from workbench.customers import links, records
from workbench.roster import outlets


def on_demo(tmp_path, demo_template, config, language: str = "zh") -> WorkbenchApp:
    path = tmp_path / "wb.db"
    copy_database(demo_template, path)
    return WorkbenchApp(db_path=path, config=config, today=TODAY, language=language)


async def test_every_part_of_the_outlet_card_is_reachable(tmp_path, demo_template, config):
    app = on_demo(tmp_path, demo_template, config)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_roster(app, pilot)
        await pilot.press("enter")
        await wait_loaded(pilot)
        seen = screen_lines(app)
        for _part in range(3):  # each part in turn, scrolled to its end
            await pilot.press("tab")
            for _ in range(4):
                await pilot.press("pagedown")
                await pilot.pause()
                seen += screen_lines(app)
        text = "\n".join(seen)
        for key in ("field.traffic_daily", "field.traffic_monthly", "field.customers_total",
                    "field.plan_year", "card.last_trained", "card.referrals", "card.staff",
                    "card.visits", "field.updated_at"):
            assert t(key) in text, key
        # A figure reads on one line with its label (not wrapped under it).
        assert any(t("card.next_visit") in line and "2026-11-09" in line for line in seen)
        assert "tab" in seen[-1]  # the footer names the key that reaches the other parts


@pytest.mark.parametrize("language", ["zh", "en"])
async def test_the_week_shows_last_week_and_the_change(tmp_path, demo_template, config,
                                                       language):
    app = on_demo(tmp_path, demo_template, config, language)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("5")
        await wait_loaded(pilot)
        table = app.screen.query_one("#figures", DataTable)
        header = screen_lines(app)[table.region.y]
        assert t("review.col.last_week") in header and t("review.col.change") in header
        assert table.virtual_size.width <= table.size.width  # nothing off to the side
        visits = next(line for line in screen_lines(app)
                      if t("review.fig.visits_made") in line)
        assert visits.split()[-3:] == ["6", "7", "−1"]  # this week, last week, change


async def test_a_premium_on_the_customer_card_is_whole(db, db_path, config: Config):
    at = datetime(2026, 11, 20, 10, 0)
    outlet = outlets.add_outlet(db, outlets.OutletDraft(
        code="CCB-113", name="中国建设银行北京丰台分理处"), ["A", "B", "C", "D"], at)
    customer = records.add_customer(db, records.CustomerDraft(
        name="李四", phone="13800000000", outlet=str(outlet), stage="sold",
        consent="1"), at)
    pid = policies.log_policy(db, policies.PolicyDraft(
        policy_no="P202600099", outlet=str(outlet), product="福寿安康终身寿险(分红型)尊享版",
        premium="100000", term_years="10", issue_date=date(2026, 11, 20).isoformat(),
        customer_name="李四", customer_phone="13800000000"), config.goals, TODAY, at)
    links.link_policy(db, pid, customer, "annual", at)
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("6")
        await wait_loaded(pilot)
        await pilot.press("enter")
        await wait_loaded(pilot)
        text = "\n".join(screen_lines(app))
        assert "¥100,000" in text
        assert "P202600099" in text and "2026-11-20" in text


async def test_outlets_of_one_bank_read_apart_in_the_roster(tmp_path, demo_template, config):
    app = on_demo(tmp_path, demo_template, config)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_roster(app, pilot)
        await pilot.press("slash", *"jsyh", "enter")
        await wait_loaded(pilot)
        table = app.screen.query_one("#roster", DataTable)
        names = {}
        for line in screen_lines(app)[table.region.y + 1:table.region.bottom]:
            if line.strip().startswith("CCB-"):
                code, name = line.split()[:2]
                names[code] = name
        assert len(names) == 4, names
        assert len(set(names.values())) == 4, names  # each reads as its own outlet
        assert names["CCB-113"].endswith("分理处") and names["CCB-105"].endswith("支行")
        assert all(name.startswith("中国建设") for name in names.values()), names
