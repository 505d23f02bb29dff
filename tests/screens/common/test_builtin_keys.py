"""The help panel in Chinese for Textual's own widgets (issue #15): every key description
and tooltip of the built-in widgets a user meets has a catalogue entry, and what the
focused widget and its containers offer reads in Chinese in the zh UI."""

from __future__ import annotations

import pytest
from textual import containers
from textual.command import CommandInput, CommandPalette
from textual.screen import ModalScreen, Screen
from textual.widgets import (
    Button,
    Checkbox,
    DataTable,
    Input,
    OptionList,
    RadioButton,
    RadioSet,
    Select,
    SelectionList,
    Switch,
    TabbedContent,
    Tabs,
    TextArea,
)
from textual.widgets._select import SelectOverlay

from tests.conftest import TODAY, wait_loaded, wait_ready, wait_until
from workbench.app import WorkbenchApp
from workbench.core import i18n
from workbench.demo.build import populate
from workbench.screens.common.keys import TEXTUAL_KEYS

BUILT_INS = (Input, TextArea, Select, SelectOverlay, OptionList, SelectionList, DataTable,
             TabbedContent, Tabs, Checkbox, RadioButton, RadioSet, Switch, Button,
             containers.ScrollableContainer, containers.VerticalScroll,
             containers.HorizontalScroll, Screen, ModalScreen, CommandInput, CommandPalette)


def texts(widget_class) -> set[str]:
    bindings = widget_class._merged_bindings.key_to_bindings.values()
    return {text for group in bindings for b in group for text in (b.description, b.tooltip)
            if text}


@pytest.mark.parametrize("widget_class", BUILT_INS, ids=lambda c: c.__name__)
def test_every_built_in_key_text_has_a_chinese_entry(widget_class):
    missing = texts(widget_class) - set(TEXTUAL_KEYS)
    assert not missing, missing
    catalogue = i18n.catalogue()
    for text in texts(widget_class):
        zh, en = catalogue[TEXTUAL_KEYS[text]]
        assert not zh.isascii() and en.isascii(), text


def shown(app: WorkbenchApp) -> list[str]:
    """What the help panel lists now: the focused chain's key descriptions."""
    return [b.description for _, b, _, _ in app.screen.active_bindings.values()
            if b.description]


async def focus_and_read(app, pilot, widget) -> list[str]:
    widget.focus()
    await wait_until(pilot, lambda: app.focused is widget, f"{widget} focused")
    return shown(app)


@pytest.mark.parametrize(("keys", "widget_types"), [
    (("l",), (Input, TextArea, Select)),          # the contact form
    (("4",), (Tabs, DataTable)),                   # the self screen's tabs and tables
    (("3", "n", "enter"), (Select, Input)),        # the delivery form
])
async def test_the_focused_widgets_keys_read_in_chinese(db, db_path, config, keys,
                                                        widget_types):
    populate(db, config, TODAY)
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        for key in keys:
            await pilot.press(key)
            await wait_loaded(pilot)
        for widget_type in widget_types:
            widget = app.screen.query(widget_type).first()
            english = [text for text in await focus_and_read(app, pilot, widget)
                       if text.isascii() and any(ch.isalpha() for ch in text)]
            assert not english, (widget_type.__name__, english)
