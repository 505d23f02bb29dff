"""The campaign list on the demo at 80x24 in Chinese (its one snapshot)."""

from __future__ import annotations

from tests.conftest import TODAY, copy_database, wait_loaded, wait_ready
from workbench.app import WorkbenchApp
from workbench.screens.targets.campaigns import CampaignsScreen


def test_campaigns_zh_80x24(snap_compare, demo_template, tmp_path, config):
    path = tmp_path / "demo.db"
    copy_database(demo_template, path)
    app = WorkbenchApp(db_path=path, config=config, today=TODAY, language="zh")

    async def open_list(pilot):
        await wait_ready(app, pilot)
        app.push_screen(CampaignsScreen())
        await wait_loaded(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_list)
