"""Widgets and screens are born with the classes Textual would add as they mount, so
opening a screen styles each widget once: the footer's keys (as compact as the footer),
the screen's size class (-short/-tall) and plain inputs (-valid)."""

from __future__ import annotations

from collections import Counter

import pytest
from textual.dom import DOMNode
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from tests.conftest import TODAY, copy_database, open_roster, wait_loaded
from workbench.app import WorkbenchApp
from workbench.screens.common.form import FormScreen
from workbench.screens.roster.card import OutletCardScreen


@pytest.fixture
def restyled(monkeypatch) -> Counter:
    """How often each kind of node asked to be styled again (a class changed)."""
    counts: Counter = Counter()
    real = DOMNode.update_node_styles

    def counted(node, *args, **kwargs):
        counts[type(node)] += 1
        return real(node, *args, **kwargs)

    monkeypatch.setattr(DOMNode, "update_node_styles", counted)
    return counts


@pytest.fixture
def app(demo_template, db_path, config) -> WorkbenchApp:
    copy_database(demo_template, db_path)
    return WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh")


def restyled_kinds(counts: Counter, kind: type) -> int:
    return sum(n for node_type, n in counts.items() if issubclass(node_type, kind))


@pytest.mark.parametrize("size, size_class", [((120, 40), "-tall"), ((80, 24), "-short")])
async def test_opening_a_card_and_a_form_restyles_no_key_input_or_screen_class(
        app, restyled, size, size_class):
    async with app.run_test(size=size) as pilot:
        await open_roster(app, pilot)
        restyled.clear()
        await pilot.press("enter")
        await wait_loaded(pilot)
        assert isinstance(app.screen, OutletCardScreen) and app.screen.has_class(size_class)
        await pilot.press("e")
        await wait_loaded(pilot)
        assert isinstance(app.screen, FormScreen) and app.screen.has_class(size_class)
        assert app.screen.query(Input).first().has_class("-valid")
        assert restyled_kinds(restyled, FooterKey) == 0
        assert restyled_kinds(restyled, Input) <= 1  # the focused one: focus is a style
        # Textual restyles a screen once as it resumes; the size class adds no second time.
        assert restyled_kinds(restyled, OutletCardScreen) == 1
        assert restyled_kinds(restyled, FormScreen) == 1


async def test_a_resize_still_moves_the_size_class(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_roster(app, pilot)
        assert app.screen.has_class("-tall")
        await pilot.resize_terminal(80, 24)
        await wait_loaded(pilot)
        assert app.screen.has_class("-short") and not app.screen.has_class("-tall")


async def switch_round(pilot, keys: str = "234561") -> None:
    for key in keys:
        await pilot.press(key)
        await wait_loaded(pilot)


async def test_a_mode_switched_back_to_is_not_restyled_when_nothing_changed(app, restyled):
    from workbench.screens.common.data_screen import DataScreen

    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        for _ in range(3):  # every widget kind mounted once: the style sheet is settled
            await switch_round(pilot)
        restyled.clear()
        await switch_round(pilot)
        assert restyled_kinds(restyled, DataScreen) == 0


async def test_a_theme_or_size_changed_out_of_view_restyles_on_return(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_loaded(pilot)
        await switch_round(pilot)
        await switch_round(pilot)
        dark = app.screen.styles.background
        await switch_round(pilot, "2")
        app.theme = "textual-light"
        await pilot.resize_terminal(80, 24)
        await wait_loaded(pilot)
        await switch_round(pilot, "1")
        assert app.screen.styles.background != dark  # the plan took the new theme
        assert app.screen.has_class("-short") and not app.screen.has_class("-tall")
