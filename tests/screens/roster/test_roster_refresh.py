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


async def test_the_card_under_the_cursor_is_read_ahead_and_shown_with_the_screen(
        db, db_path, config, monkeypatch):
    """Enter on a row the cursor rested on shows the card's data at once (no second
    load); a read-ahead older than a write is not shown: the card reads again."""
    from tests.conftest import wait_until
    from workbench.screens.roster import card as card_module
    from workbench.screens.roster import card_data
    from workbench.screens.roster import roster as roster_module

    populate(db, config, TODAY)
    reads: list[int] = []
    real = card_data.card_data
    for module in (roster_module, card_module):  # the read-ahead's and the card's own
        monkeypatch.setattr(module, "card_data",
                            lambda db, app, oid: reads.append(oid) or real(db, app, oid))
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_roster(app, pilot)
        roster = app.screen
        outlet_id = roster.selected_id()
        await wait_until(pilot, lambda: outlet_id in roster.card_ahead, "the read-ahead")
        assert reads == [outlet_id]
        await pilot.press("enter")
        card = app.screen
        assert isinstance(card, OutletCardScreen)
        await wait_until(pilot, lambda: card.shown_stamp is not None, "the card's data")
        assert card.query_one("#staff", DataTable).row_count > 0
        assert not card.data_pending and reads == [outlet_id]  # not read a second time
        await pilot.press("escape")
        await wait_loaded(pilot)
        outlets.set_outlet_active(app.db, outlet_id, False, NOW)  # the read-ahead is stale
        shown: list[bool] = []
        real_show = OutletCardScreen.show
        monkeypatch.setattr(OutletCardScreen, "show", lambda self, data: shown.append(
            data.outlet.active) or real_show(self, data))
        await pilot.press("enter")
        await wait_loaded(pilot)
        assert reads[-1] == outlet_id and len(reads) >= 2
        assert shown and not any(shown)  # never the outlet as it was before the write
        from workbench.core.i18n import t

        assert t("roster.inactive") in str(app.screen.query_one("#card-main").render())


async def test_after_a_write_the_card_under_the_cursor_is_read_again_without_a_key(
        db, db_path, config):
    from tests.conftest import wait_until
    from workbench.core.db import data_stamp
    from workbench.screens.common.changes import announce

    populate(db, config, TODAY)
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_roster(app, pilot)
        roster = app.screen
        outlet_id = roster.selected_id()

        def current() -> bool:
            ahead = roster.card_ahead.get(outlet_id)
            return ahead is not None and ahead.stamp == data_stamp(app.db)

        await wait_until(pilot, current, "the read-ahead")
        other = int(roster.query_one("#roster", DataTable).coordinate_to_cell_key(
            (1, 0)).row_key.value)
        outlets.set_outlet_active(app.db, other, False, NOW)
        announce(app, "outlets")
        await wait_loaded(pilot)
        assert roster.selected_id() == outlet_id
        await wait_until(pilot, current, "the card read again after the write")


async def test_the_year_progress_is_computed_once_until_a_write(db, db_path, config,
                                                                monkeypatch):
    """Filter keys and sorts reuse the year's progress; a policy logged is counted."""
    from tests.assessment_helpers import draft
    from workbench.assessment import policies
    from workbench.screens.common.changes import announce
    from workbench.screens.roster import roster as roster_screen
    from workbench.targets import targets

    populate(db, config, TODAY)
    outlet_id = outlets.outlet_by_code(db, "CCB-101").id
    targets.set_target(db, targets.TargetDraft(outlet=outlet_id, period="year",
                                               starts="2026", premium="100"), NOW)
    computed = []
    real = roster_screen.roster_progress
    monkeypatch.setattr(roster_screen, "roster_progress",
                        lambda *a, **k: computed.append(1) or real(*a, **k))
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_roster(app, pilot)
        screen = app.screen
        table = screen.query_one("#roster", DataTable)
        assert computed == [1]
        await pilot.press("slash", "c", "c", "backspace", "backspace", "enter")
        await wait_loaded(pilot)
        await pilot.press("s", "s")
        await wait_loaded(pilot)
        assert computed == [1]
        before = table.get_cell(str(outlet_id), "achieved")
        policies.log_policy(app.db, draft(policy_no="P-NEW", outlet="CCB-101",
                                          premium="500000", issue_date="2026-11-26"),
                            config.goals, TODAY, NOW)
        announce(app, "policies")
        await wait_loaded(pilot)
        assert computed == [1, 1]
        assert table.get_cell(str(outlet_id), "achieved") != before
