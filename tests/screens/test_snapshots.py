"""Snapshots of key screens on demo data at a fixed date and size (pytest-textual-snapshot).

Regenerate after an intended visual change with ``pytest --snapshot-update`` and review
the SVGs in the ``__snapshots__`` folder beside this file.
"""

from __future__ import annotations

from tests.conftest import TODAY, open_roster, wait_ready
from workbench.app import WorkbenchApp
from workbench.demo.build import populate


def demo(db, db_path, config, language):
    populate(db, config, TODAY)
    return WorkbenchApp(db_path=db_path, config=config, today=TODAY, language=language)


def test_roster_zh(snap_compare, db, db_path, config):
    app = demo(db, db_path, config, "zh")

    async def ready(pilot):
        await open_roster(app, pilot)

    assert snap_compare(app, terminal_size=(120, 40), run_before=ready)


def test_card_en(snap_compare, db, db_path, config):
    app = demo(db, db_path, config, "en")

    async def open_card(pilot):
        await open_roster(app, pilot)
        await pilot.press("down", "enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=open_card)


def test_week_zh(snap_compare, db, db_path, config):
    app = demo(db, db_path, config, "zh")

    async def open_week(pilot):
        await wait_ready(app, pilot)
        await pilot.press("w")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=open_week)
