"""Shared fixtures: a fresh database per test, a fixed working day, English messages."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from workbench.core import i18n
from workbench.core.config import Config
from workbench.storage import open_db

TODAY = date(2026, 11, 27)  # a Friday
NOW = datetime(2026, 11, 27, 9, 30)


def pytest_addoption(parser):
    parser.addoption("--slow", action="store_true", help="run the long crash-injection loops")


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def config() -> Config:
    return Config()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """The demo database at TODAY, built once per run (building it takes a second);
    tests copy it rather than change it."""
    from workbench.demo.build import populate

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    database = open_db(path)
    populate(database, Config(), TODAY)
    database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return path


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "wb.db"


@pytest.fixture
def db(db_path):
    database = open_db(db_path)
    yield database
    database.close()


async def wait_ready(app, pilot) -> None:
    """Wait until the app's worker has opened the database and screens have their data."""
    for _ in range(500):
        if app.db is not None:
            break
        await pilot.pause(0.01)
    assert app.db is not None, "database never opened"
    await pilot.pause()


async def open_roster(app, pilot) -> None:
    """Wait for the database, then leave the plan (the default screen) for the roster."""
    await wait_ready(app, pilot)
    await pilot.press("2")
    await pilot.pause()
