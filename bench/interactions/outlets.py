"""Roster and resource-card interactions: open a card, go back, filter, sort, page, save."""

from __future__ import annotations

from workbench.screens.common.form import FormScreen

from . import Interaction, press, settle


def _roster(app):
    from workbench.screens.roster.roster import OutletsScreen

    return app.screen if isinstance(app.screen, OutletsScreen) else None


def _card_filled(app) -> bool:
    from textual.widgets import DataTable

    from workbench.screens.roster.card import OutletCardScreen

    screen = app.screen
    return (isinstance(screen, OutletCardScreen) and screen.is_mounted
            and screen.query_one("#staff", DataTable).row_count > 0)


async def rest_on_row(pilot):
    """The cursor rests on the row a moment (a person reads it before Enter): the
    roster reads that card ahead."""
    import asyncio

    from workbench.core.db import data_stamp

    app = pilot.app
    roster = _roster(app)
    outlet_id = roster.selected_id()
    deadline = asyncio.get_running_loop().time() + 10

    def current() -> bool:
        ahead = roster.card_ahead.get(outlet_id)
        return ahead is not None and ahead.stamp == data_stamp(app.db)

    while not current():
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError("the card was never read ahead")
        await asyncio.sleep(0.01)
    await settle(pilot)


async def open_card(pilot):
    await press(pilot, "enter")
    await settle(pilot, lambda: _card_filled(pilot.app))


async def back_from_card(pilot):
    await press(pilot, "escape")
    await settle(pilot, lambda: _roster(pilot.app) is not None)


async def _filter_start(pilot):
    await press(pilot, "slash")
    await settle(pilot)


def _typed(text: str):
    async def act(pilot):
        await press(pilot, text[-1])
        await settle(pilot, lambda: _roster(pilot.app).query_text == text)

    async def prepare(pilot):
        await _filter_start(pilot)
        for ch in text[:-1]:
            await press(pilot, ch)
        await settle(pilot, lambda: _roster(pilot.app).query_text == text[:-1])

    return prepare, act


async def _filter_clear(pilot):
    from textual.widgets import DataTable, Input

    screen = _roster(pilot.app)
    screen.query_one("#filter", Input).value = ""
    await settle(pilot, lambda: screen.query_text == "")
    screen.query_one(DataTable).focus()
    await settle(pilot)


async def sort(pilot):
    before = _roster(pilot.app).sort
    await press(pilot, "s")
    await settle(pilot, lambda: _roster(pilot.app).sort != before)


async def unsort(pilot):
    screen = _roster(pilot.app)
    screen.sort = "due"
    screen.reload()
    await settle(pilot)


async def next_page(pilot):
    from workbench.screens.roster.roster import PAGE_SIZE

    last = (len(_roster(pilot.app).rows) - 1) // PAGE_SIZE
    await press(pilot, "right_square_bracket")
    await settle(pilot, lambda: _roster(pilot.app).page == min(1, last))


async def first_page(pilot):
    await press(pilot, "left_square_bracket")
    await settle(pilot, lambda: _roster(pilot.app).page == 0)


async def open_edit_form(pilot):
    from textual.widgets import Input

    await press(pilot, "e")
    await settle(pilot, lambda: isinstance(pilot.app.screen, FormScreen))
    notes = pilot.app.screen.query_one("#f-address", Input)
    notes.value = f"北京市朝阳区{len(notes.value) % 7 + 1}号"
    await settle(pilot)


async def save_form(pilot):
    await press(pilot, "ctrl+s")
    await settle(pilot, lambda: not isinstance(pilot.app.screen, FormScreen))


async def open_card_staff_form(pilot):
    from textual.widgets import Input

    await open_card(pilot)
    await press(pilot, "n")
    await settle(pilot, lambda: isinstance(pilot.app.screen, FormScreen))
    pilot.app.screen.query_one("#f-name", Input).value = "测试员工"
    await settle(pilot)


prepare_j, type_j = _typed("j")
prepare_jsyh, type_jsyh = _typed("jsyh")

ACTIONS = [
    Interaction("open an outlet card (enter)", open_card, prepare=rest_on_row,
                undo=back_from_card, twin=True),
    Interaction("back to the roster (escape, roster reloads)", back_from_card,
                prepare=open_card, twin=True),
    Interaction("filter the roster: first key ('j')", type_j, prepare=prepare_j,
                undo=_filter_clear, refill=True),
    Interaction("filter the roster: fourth key ('jsyh')", type_jsyh, prepare=prepare_jsyh,
                undo=_filter_clear, refill=True),
    Interaction("sort the roster (s)", sort, undo=unsort, refill=True),
    Interaction("next roster page (])", next_page, undo=first_page, refill=True),
    Interaction("save the outlet form (ctrl+s, roster reloads)", save_form,
                prepare=open_edit_form, twin=True),
    Interaction("save a new staff member (card, ctrl+s)", save_form,
                prepare=open_card_staff_form, twin=True),
]
