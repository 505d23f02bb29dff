"""Shared fixtures: a fresh database per test, a fixed working day, English messages."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from time import monotonic
from typing import Any

import pytest
from textual.worker import WorkerCancelled

from workbench.core import i18n
from workbench.core.config import Config
from workbench.storage import open_db

TODAY = date(2026, 11, 27)  # a Friday
NOW = datetime(2026, 11, 27, 9, 30)


def pytest_addoption(parser):
    parser.addoption("--slow", action="store_true", help="run the long crash-injection loops")


@pytest.fixture(scope="session", autouse=True)
def session_state(tmp_path_factory):
    """Witness files of session-wide databases (the demo template) go to a scratch folder,
    never to the user's own state dir."""
    import os

    saved = os.environ.get("XDG_STATE_HOME")
    os.environ["XDG_STATE_HOME"] = str(tmp_path_factory.mktemp("state"))
    yield
    if saved is None:
        os.environ.pop("XDG_STATE_HOME", None)
    else:
        os.environ["XDG_STATE_HOME"] = saved


@pytest.fixture(autouse=True)
def state_dir(tmp_path_factory, monkeypatch):
    """Each test's witnesses in a folder of its own (``register.witness.folder``)."""
    folder = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("XDG_STATE_HOME", str(folder))
    return folder


def copy_database(source, target) -> None:
    """Copy a test database and the witness saved beside it (``keep_witness``), as a
    user's witness stays with their file."""
    import shutil

    from workbench.register import witness

    shutil.copy(source, target)
    saved = Path(source).with_suffix(".witness")
    if saved.exists():
        database = open_db(target, migrate=False)
        try:
            here = witness.path_for(database)
        finally:
            database.close()
        here.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(saved, here)


def keep_witness(database, path) -> None:
    """Save ``database``'s witness beside ``path`` for ``copy_database``."""
    import shutil

    from workbench.register import witness

    here = witness.path_for(database)
    if here is not None and here.exists():
        shutil.copy(here, Path(path).with_suffix(".witness"))


@pytest.fixture(autouse=True)
def working_clock(monkeypatch):
    """The app's clock reads 20:00 on its working day, whatever the hour of the run.

    Forms refuse a time later than the clock (a check-in, a sign-off), so a test typing
    09:00 failed when the suite ran before nine in the morning. Tests that need another
    hour set ``app.now`` themselves (the layout snapshots).
    """
    from workbench.app import WorkbenchApp

    monkeypatch.setattr(WorkbenchApp, "now",
                        lambda self: datetime.combine(self.today, time(20, 0)))


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture(autouse=True)
def collector_as_found():
    """An app takes over the collector once warmed up and gives it back on exit; a test
    that fails before its app exits must not leave the next one with a frozen heap."""
    threshold = gc.get_threshold()
    yield
    gc.set_threshold(*threshold)
    gc.unfreeze()


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
    keep_witness(database, path)
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


async def wait_until(pilot, condition: Callable[[], bool], what: str,
                     timeout: float = 10.0) -> None:
    """Let the app settle (its workers done, its messages handled) until ``condition()``
    holds; fail naming ``what`` if it still does not after ``timeout`` seconds.

    The timeout only stops a hang: a passing test never waits for it.
    """
    deadline = monotonic() + timeout
    while True:
        # Not the cancelled ones: a screen's overtaken load is cancelled (its thread may
        # still be running, or held by a test's Gate) and waiting on it raises.
        running = [w for w in pilot.app.workers if not w.is_cancelled]
        try:
            if running:
                await pilot.app.workers.wait_for_complete(running)
        except WorkerCancelled:
            continue  # overtaken while waited on: wait for what is left
        await pilot.pause()
        if condition():
            return
        if monotonic() > deadline:
            pytest.fail(f"waited {timeout:g} s for {what}", pytrace=False)


async def wait_ready(app, pilot) -> None:
    """Wait until the app's worker has opened the database and screens have their data
    (and the day's backup, copied beside the first loads, is made)."""
    await wait_until(pilot, lambda: app.db is not None and not app.loads_pending()
                     and app.backup_done, "the database to open and the screens to load")


async def wait_loaded(pilot) -> None:
    """Wait until every load the screens asked for is on screen (after a key or a write)."""
    await wait_until(pilot, lambda: not pilot.app.loads_pending(), "the screens' data to load")


def keys_at_once(app, *keys: str) -> None:
    """Queue ``keys`` as one read from the terminal (a lagging one, a fast typist): all
    of them reach the app before it handles the first. A key is its name (``slash``,
    ``enter``, ``backspace``, ``left``) or one character, sent with the character a
    terminal sends for it (none for the arrows)."""
    from textual import events

    names = {"slash": "/", "enter": "\r", "tab": "\t", "backspace": "\x7f",
             "escape": "\x1b", "space": " ", "ctrl+s": "\x13"}
    for key in keys:
        event = events.Key(key, names.get(key, key if len(key) == 1 else None))
        event.set_sender(app)
        app._driver.send_message(event)


def screen_lines(app) -> list[str]:
    """The terminal's lines as the user sees them (what the compositor draws)."""
    return [strip.text.rstrip() for strip in app.screen._compositor.render_strips()]


async def run_from_palette(pilot, typed: str) -> None:
    """Open the command palette, type ``typed``, wait for its search to highlight a hit
    (the providers answer in a worker), and run that hit with Enter."""
    from textual.command import CommandList, CommandPalette

    def found() -> bool:
        screen = pilot.app.screen
        return (isinstance(screen, CommandPalette)
                and screen.query_one(CommandList).highlighted is not None)

    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*typed)
    await wait_until(pilot, found, f"the command palette to list a hit for {typed!r}")
    await pilot.press("enter")
    await pilot.pause()


async def open_roster(app, pilot) -> None:
    """Wait for the database, then leave the plan (the default screen) for the roster."""
    await wait_ready(app, pilot)
    await pilot.press("2")
    await wait_loaded(pilot)


class Gate:
    """Holds a domain function, on the worker thread that calls it, until ``open`` is set.

    ``holds(*args, **kwargs)`` picks the calls to hold (all by default). Tests use it to
    stand a screen's load still, with no sleeps: ``waiting`` is set when a call is held;
    ``timed_out`` says something waited for a held load instead of moving on.
    """

    def __init__(self, monkeypatch, owner: Any, name: str,
                 holds: Callable[..., bool] = lambda *a, **k: True) -> None:
        self.open = threading.Event()
        self.waiting = threading.Event()
        self.timed_out = False
        real = getattr(owner, name)

        def held(*args, **kwargs):
            if holds(*args, **kwargs) and not self.open.is_set():
                self.waiting.set()
                if not self.open.wait(10):
                    self.timed_out = True
                    raise TimeoutError("the test never opened the gate")
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, held)


@pytest.fixture
def demo_copy(demo_template, db_path):
    """The test's file (``db_path``) holding a copy of the session's demo, open: what
    ``populate`` would write, without building it again."""
    copy_database(demo_template, db_path)
    database = open_db(db_path)
    yield database
    database.close()
