"""The search tests' one set-up: the app in Chinese at 120x40 on a copy of the demo, and
the two long selects they type into (the policy's outlet, a delivery's kind)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import pytest
from textual.widgets import Select

from tests.conftest import TODAY, wait_loaded, wait_ready, wait_until
from workbench.app import WorkbenchApp
from workbench.screens.common.form import FormScreen

Opened = Callable[[], AbstractAsyncContextManager[tuple[WorkbenchApp, object]]]



@pytest.fixture
def demo_app(demo_copy, db_path, config) -> Opened:
    """``async with demo_app() as (app, pilot)``: the app in Chinese at 120x40 on the
    demo, once ready."""

    @asynccontextmanager
    async def opened() -> AsyncIterator[tuple[WorkbenchApp, object]]:
        app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh")
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_ready(app, pilot)
            yield app, pilot

    return opened


async def policy_outlet_select(app, pilot) -> Select:
    """The new policy's form (self screen, ``n``) and its outlet select."""
    await pilot.press("4", "n")
    await wait_loaded(pilot)
    return app.screen.query_one("#f-policy_outlet", Select)


async def delivery_kind_select(app, pilot) -> Select:
    """A delivery's form and its kind select."""
    from workbench.screens.register.forms import delivery_fields

    app.push_screen(FormScreen("t", delivery_fields(app), {}, lambda v: None))
    await wait_loaded(pilot)
    return app.screen.query_one("#f-kind", Select)


async def pick(pilot, select, typed: str) -> None:
    """Type ``typed`` into ``select``, then take the search picker's first hit."""
    from workbench.screens.common.search_select import ChoicePicker

    select.focus()
    await pilot.pause()
    await pilot.press(*typed)
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ChoicePicker),
                     "the search picker to open")
    await pilot.pause()
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, FormScreen),
                     "the form to come back")
