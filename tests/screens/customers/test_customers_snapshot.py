"""The customers screen at 80x24 in Chinese, on the demo (pytest-textual-snapshot)."""

from __future__ import annotations

from tests.conftest import TODAY, copy_database, wait_loaded, wait_ready
from workbench.app import WorkbenchApp


def test_customers_zh_80x24(snap_compare, demo_template, tmp_path, config):
    path = tmp_path / "demo.db"
    copy_database(demo_template, path)
    app = WorkbenchApp(db_path=path, config=config, today=TODAY, language="zh",
                       daily_backup=False)

    async def open_customers(pilot):
        await wait_ready(app, pilot)
        await pilot.press("6")
        await wait_loaded(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_customers)
