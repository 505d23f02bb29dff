"""Outlets are never ambiguous in the register's views, and a voided line shows why
(issue #15): two outlets whose names share a 10-character prefix read differently at
80 columns as at 120, and the void reason stands beside the status."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.geometry import Region
from textual.widgets import DataTable

from tests.conftest import NOW, wait_loaded
from workbench.register import deliveries as reg
from workbench.register import stock, voids
from workbench.roster import outlets

BRANCH = "中国农业银行北京昌平支行"
SUB_BRANCH = "中国农业银行北京昌平分理处"  # the same first 10 characters


def rendered(table: DataTable) -> list[str]:
    """The table's lines as the terminal shows them (header first)."""
    region = Region(0, 0, table.size.width, table.size.height)
    return [strip.text.rstrip() for strip in table.render_lines(region)]


@pytest.fixture
def alike(db, config) -> list[int]:
    at = NOW - timedelta(days=1)
    ids = []
    for code, name in (("ABC-107", BRANCH), ("ABC-115", SUB_BRANCH)):
        o = outlets.add_outlet(db, outlets.OutletDraft(code=code, name=name),
                               list(config.visits.cadence_days), at)
        ids.append(reg.add_delivery(db, config, outlet_id=o, kind="poster", quantity=4,
                                    now=at))
        stock.record_count(db, config, outlet_id=o, kind="poster", quantity=30,
                           counted_at=at, now=at)
    return ids


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("view", ["r", "k"])
async def test_outlets_sharing_a_long_prefix_read_differently(alike, register_app, size, view):
    async with register_app(size, "3", view) as (app, _pilot):
        table = app.screen.table
        lines = [line for line in rendered(table)[1:] if line.strip()]
        assert len(lines) == 2
        assert lines[0] != lines[1]
        assert {"ABC-107", "ABC-115"} == {code for line in lines for code in line.split()
                                          if code.startswith("ABC-")}
        # Every column on screen: no sideways scrolling to reach the last one.
        assert table.virtual_size.width <= table.size.width


async def test_a_wide_terminal_shows_the_whole_name(alike, register_app):
    async with register_app((200, 40)) as (app, _pilot):
        text = "\n".join(rendered(app.screen.table))
        assert BRANCH in text and SUB_BRANCH in text and "…" not in text


async def test_the_void_reason_shows_in_the_register(alike, db, register_app):
    voids.void_line(db, alike[0], "送错网点 [b]x[/b]", NOW)
    async with register_app((160, 40)) as (app, _pilot):
        text = "\n".join(rendered(app.screen.table))
        assert "送错网点 [b]x[/b]" in text  # as typed: markup is not drawn


async def test_the_sign_off_at_80x24_has_one_scrollbar_at_most(demo_copy, register_app):
    """Issue #15: the sign-off box and its staff list both showed a scrollbar."""
    async with register_app((80, 24), "g") as (app, pilot):
        await pilot.press("enter")
        await wait_loaded(pilot)
        await pilot.pause()
        screen = app.screen
        bars = [w for w in screen.walk_children()
                if getattr(w, "show_vertical_scrollbar", False) and w.region.height]
        assert len(bars) <= 1, bars
        assert screen.query_one("#so-title").region.y >= 0
