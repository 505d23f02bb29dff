"""The roster redraws only when data changed, and sizes its columns with the rows."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import DataTable

from tests.conftest import NOW, TODAY, open_roster, wait_loaded
from workbench.app import WorkbenchApp
from workbench.demo.build import populate
from workbench.roster import outlets
from workbench.screens.roster.card import OutletCardScreen


async def test_back_from_a_card_reloads_only_after_a_change(db, db_path, config, monkeypatch):
    populate(db, config, TODAY)
    calls = []
    real = outlets.roster
    monkeypatch.setattr(outlets, "roster", lambda *a, **k: calls.append(1) or real(*a, **k))
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_roster(app, pilot)
        loaded = len(calls)
        await pilot.press("enter")
        await wait_loaded(pilot)
        assert isinstance(app.screen, OutletCardScreen)
        await pilot.press("escape")
        await wait_loaded(pilot)
        assert len(calls) == loaded  # nothing changed: the rows on screen stay
        outlet_id = app.screen.selected_id()
        outlets.set_outlet_active(app.db, outlet_id, False, NOW)
        await pilot.press("enter")
        await wait_loaded(pilot)
        await pilot.press("escape")
        await wait_loaded(pilot)
        assert len(calls) == loaded + 1
        assert str(outlet_id) not in app.screen.query_one("#roster", DataTable).rows


async def test_columns_fit_the_rows_before_the_table_measures_them(db, db_path, config):
    populate(db, config, TODAY)
    long_code = "CCB-1234567890"
    outlets.add_outlet(db, outlets.OutletDraft(code=long_code, name="建设银行长代码支行"),
                       list(config.visits.cadence_days), NOW)
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_roster(app, pilot)
        screen = app.screen
        table = screen.query_one("#roster", DataTable)
        table.columns[table.ordered_columns[0].key].width = 1
        screen._fill()  # synchronously: no idle has run yet
        assert table.ordered_columns[0].width >= cell_len(long_code)
