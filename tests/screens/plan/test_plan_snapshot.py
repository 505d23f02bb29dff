"""Snapshot of the plan (今日) on demo data at 2026-11-27, 120x40, in Chinese.

Regenerate after an intended visual change with ``pytest --snapshot-update`` and review
the SVG in the ``__snapshots__`` folder beside this file.
"""

from __future__ import annotations

from tests.conftest import TODAY, wait_ready
from workbench.app import WorkbenchApp
from workbench.demo.build import populate


def test_plan_zh(snap_compare, db, db_path, config):
    populate(db, config, TODAY)
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh")

    async def ready(pilot):
        await wait_ready(app, pilot)

    assert snap_compare(app, terminal_size=(120, 40), run_before=ready)
