"""The full garbage collection waits for a pause: never while keys come in, due after a
moment of quiet, forced after a long busy stretch; the process gets its settings back."""

from __future__ import annotations

import gc

import pytest

from tests.conftest import TODAY, wait_ready
from workbench.app import WorkbenchApp
from workbench.demo.build import populate
from workbench.screens.common import collector as collector_module
from workbench.screens.common.collector import BUSY_LIMIT, DUE_AFTER, NEVER, IdleCollector


def young_collections(n: int) -> None:
    """What CPython counts before a full collection: collections of generation 1."""
    for _ in range(n):
        gc.collect(1)


@pytest.fixture
def collector():
    c = IdleCollector()
    before = gc.get_threshold()
    c.start()
    yield c
    c.stop()
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def quiet(c: IdleCollector) -> None:
    c.last_input -= collector_module.QUIET_SECONDS


def test_start_freezes_and_keeps_automatic_collections_young(collector):
    assert gc.get_freeze_count() > 0
    assert gc.get_threshold()[2] == NEVER


def test_a_due_collection_waits_for_a_quiet_moment(collector):
    gc.collect()
    young_collections(DUE_AFTER)
    collector.touched()
    assert not collector.tick()  # a key was just pressed
    quiet(collector)
    assert collector.tick() and collector.full_runs == 1
    assert gc.get_count()[2] == 0


def test_nothing_runs_before_it_is_due(collector):
    gc.collect()
    young_collections(DUE_AFTER - 1)
    quiet(collector)
    assert not collector.tick()


def test_a_user_who_never_pauses_still_gets_memory_back(collector):
    gc.collect()
    young_collections(BUSY_LIMIT - 1)
    collector.touched()
    assert not collector.tick()
    young_collections(1)
    assert collector.tick()


def test_a_stopped_collector_does_nothing():
    c = IdleCollector()
    young_collections(DUE_AFTER)
    quiet(c)
    assert not c.tick()


async def test_the_app_hands_the_collector_over_after_warming_up_and_back_on_exit(
        db, db_path, config):
    populate(db, config, TODAY)
    before = gc.get_threshold()
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.collector.saved == before
        assert gc.get_threshold()[2] == NEVER
        await pilot.press("2")  # a key tells the collector the user is busy
        assert collector_module.monotonic() - app.collector.last_input < 5
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
