"""Served to a browser (``workbench serve``), an exported report is also handed to the
browser as a download (Textual's ``deliver_binary``); in a terminal it is not."""

from __future__ import annotations

import pytest

from tests.conftest import TODAY, wait_loaded, wait_ready
from workbench.app import WorkbenchApp


@pytest.mark.parametrize("web", [True, False])
async def test_the_xlsx_report_goes_to_the_browser_when_served(db, db_path, config,
                                                               monkeypatch, web):
    delivered = []
    monkeypatch.setattr(WorkbenchApp, "is_web", property(lambda self: web))
    monkeypatch.setattr(WorkbenchApp, "deliver_binary",
                        lambda self, path, **options: delivered.append((path, options)))
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("w", "l")
        await wait_loaded(pilot)
    path = db_path.parent / "reports" / "weekly-2026-W48.xlsx"
    assert path.exists()
    assert delivered == ([(path, {"open_method": "download"})] if web else [])
