"""The register's screen tests share one set-up: the app on the test's file, in a
language and a terminal size, on the register's view (or another key's screen), loaded."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import pytest

from tests.conftest import TODAY, wait_loaded, wait_ready
from workbench.app import WorkbenchApp

Opened = Callable[..., AbstractAsyncContextManager[tuple[WorkbenchApp, object]]]



@pytest.fixture
def register_app(db_path, config) -> Opened:
    """``async with register_app(size, *keys, language=…) as (app, pilot)``: the app at
    ``size``, once ready, after ``keys`` (default ``3``: the register) and their load."""

    @asynccontextmanager
    async def opened(size: tuple[int, int], *keys: str,
                     language: str = "zh") -> AsyncIterator[tuple[WorkbenchApp, object]]:
        app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language=language)
        async with app.run_test(size=size) as pilot:
            await wait_ready(app, pilot)
            await pilot.press(*(keys or ("3",)))
            await wait_loaded(pilot)
            await pilot.pause()
            yield app, pilot

    return opened
