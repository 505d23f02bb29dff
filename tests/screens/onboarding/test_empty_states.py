"""A first morning (no outlets): each screen says what to do next, and stops once there
is an outlet."""

from __future__ import annotations

from datetime import datetime

from textual.widgets import Static

from tests.conftest import TODAY, wait_loaded, wait_ready
from workbench.app import WorkbenchApp
from workbench.roster import outlets
from workbench.screens.common.changes import announce


def hint(app) -> str | None:
    """The empty state's line on the current screen, when it shows."""
    found = app.screen.query("#empty-hint")
    if not found or not found.first().display:
        return None
    return str(found.first(Static).render())


async def test_each_screen_says_what_to_do_next_until_there_is_an_outlet(db, db_path, config):
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        assert "还没有网点" in hint(app) and "workbench import outlets" in hint(app)
        await pilot.press("2")
        await wait_loaded(pilot)
        assert "按 a 新增一个网点" in hint(app) and "按 u 一次导入" in hint(app)
        await pilot.press("3")
        await wait_loaded(pilot)
        assert "单证无处可送" in hint(app)
        # One outlet (added as the form would), announced: every hint goes.
        outlets.add_outlet(db, outlets.OutletDraft(code="CCB-1", name="建设银行朝阳支行",
                                                   bank="建设银行", tier="A"),
                           list(config.visits.cadence_days), datetime(2026, 11, 27, 9))
        announce(app, "outlets")
        await wait_loaded(pilot)
        assert hint(app) is None
        for key in ("1", "2"):
            await pilot.press(key)
            await wait_loaded(pilot)
            assert hint(app) is None, key


async def test_a_filter_that_matches_nothing_is_not_an_empty_roster(db, db_path, config):
    outlets.add_outlet(db, outlets.OutletDraft(code="CCB-1", name="建设银行朝阳支行",
                                               bank="建设银行", tier="A"),
                       list(config.visits.cadence_days), datetime(2026, 11, 27, 9))
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        assert hint(app) is None
        await pilot.press("2")
        await wait_loaded(pilot)
        assert hint(app) is None
