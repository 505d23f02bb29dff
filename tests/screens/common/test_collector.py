"""The full garbage collection waits for a pause: never while keys come in, due after a
moment of quiet, forced after a long busy stretch; the process gets its settings back."""

from __future__ import annotations

import gc
import weakref

import pytest

from tests.conftest import TODAY, wait_ready
from workbench.app import WorkbenchApp
from workbench.demo.build import populate
from workbench.screens.common import collector as collector_module
from workbench.screens.common.collector import (
    BUSY_GAP,
    BUSY_LIMIT,
    DUE_AFTER,
    HARD_LIMIT,
    NEVER,
    IdleCollector,
)


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


def between_keys(c: IdleCollector) -> None:
    c.last_input -= BUSY_GAP


def test_start_freezes_and_keeps_automatic_collections_young(collector):
    assert gc.get_freeze_count() > 0
    assert gc.get_threshold()[2] == NEVER


def test_the_deep_collection_waits_for_a_quiet_moment(collector):
    gc.collect()
    young_collections(DUE_AFTER)
    collector.touched()
    assert not collector.tick()  # a key was just pressed: its work is not held up
    between_keys(collector)
    assert collector.tick()  # a gap between keys: only what is not frozen
    assert (collector.full_runs, collector.busy_runs) == (0, 1)
    young_collections(DUE_AFTER)
    quiet(collector)
    assert collector.tick()
    assert (collector.full_runs, collector.busy_runs) == (1, 1)
    assert gc.get_count()[2] == 0


def test_nothing_runs_before_it_is_due(collector):
    gc.collect()
    young_collections(min(DUE_AFTER, BUSY_LIMIT) - 1)
    quiet(collector)
    assert not collector.tick()
    collector.touched()
    assert not collector.tick()


class Node:
    """An object in a reference cycle: only the collector frees it."""

    def __init__(self) -> None:
        self.me = self


def test_a_pause_collects_garbage_among_frozen_objects_too(collector):
    node = Node()
    gone = weakref.ref(node)
    gc.freeze()  # alive when frozen (a widget since removed), garbage now
    del node
    young_collections(BUSY_LIMIT)
    collector.touched()
    between_keys(collector)
    assert collector.tick() and collector.busy_runs == 1
    assert gone() is not None  # a busy collection walks only what is not frozen
    young_collections(DUE_AFTER)
    quiet(collector)
    assert collector.tick() and collector.full_runs == 1
    assert gone() is None


def test_a_busy_collection_frees_what_was_made_since_and_freezes_the_rest(collector):
    frozen_before = gc.get_freeze_count()
    node = Node()
    gone = weakref.ref(node)
    del node
    kept = Node()
    young_collections(BUSY_LIMIT)
    collector.touched()
    between_keys(collector)
    assert collector.tick()
    assert gone() is None and gc.get_freeze_count() > frozen_before
    assert kept.me is kept


def test_keys_without_a_gap_hold_the_busy_collection_off_only_so_long(collector):
    gc.collect()
    young_collections(BUSY_LIMIT)
    collector.touched()
    assert not collector.tick()
    young_collections(HARD_LIMIT - BUSY_LIMIT)  # still no gap: it runs all the same
    collector.touched()
    assert collector.tick() and collector.busy_runs == 1


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
