"""DataChanged: table names from the schema, and who redraws on an announcement."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from tests.conftest import NOW, TODAY, open_roster, wait_loaded
from workbench.app import WorkbenchApp
from workbench.assessment import journal
from workbench.demo.build import populate
from workbench.roster import outlets
from workbench.roster import staff as roster_staff
from workbench.screens.common.changes import TABLES, DataChanged, announce
from workbench.screens.roster.card import OutletCardScreen
from workbench.screens.roster.roster import OutletsScreen

# Not announced: SQLite's and sqlite-utils' own, and open_lines and open_policies, which
# triggers keep from the register's tables (a write names those).
NOT_ANNOUNCED = {"_sqlite_migrations", "open_lines", "open_policies"}


def test_the_names_are_the_schemas_tables(db):
    assert TABLES == set(db.table_names()) - NOT_ANNOUNCED


@pytest.mark.parametrize("tables", [{"mood"}, {"moods", "outlet"}, set()])
def test_a_name_that_is_no_table_is_refused_where_it_is_written(tables):
    with pytest.raises(ValueError):
        DataChanged(tables)


@pytest.fixture
def reloads(monkeypatch) -> list[OutletsScreen]:
    """The roster screens redrawn from the database, one entry per redraw."""
    calls: list[OutletsScreen] = []
    real = OutletsScreen.reload
    monkeypatch.setattr(OutletsScreen, "reload", lambda self: calls.append(self) or real(self))
    return calls


@pytest.fixture
def app(db, db_path, config) -> WorkbenchApp:
    populate(db, config, TODAY)
    return WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")


async def test_a_screen_in_view_redraws_only_for_its_own_tables(app, reloads):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_roster(app, pilot)
        roster = app.screen
        before = len(reloads)
        journal.rate_mood(app.db, TODAY, "70", "", TODAY)
        announce(app, "moods")
        await wait_loaded(pilot)
        assert len(reloads) == before  # the roster shows no moods
        outlet_id = roster.selected_id()
        outlets.set_outlet_active(app.db, outlet_id, False, NOW)
        announce(app, "outlets")
        await wait_loaded(pilot)
        assert len(reloads) == before + 1
        assert str(outlet_id) not in roster.query_one("#roster", DataTable).rows
        announce(app, "outlets")  # told twice, nothing new in the file: drawn once
        await wait_loaded(pilot)
        assert len(reloads) == before + 1


async def test_under_a_card_the_roster_waits_until_it_is_shown(app, reloads, config):
    async with app.run_test(size=(120, 40)) as pilot:
        await open_roster(app, pilot)
        roster = app.screen
        await pilot.press("enter")
        await wait_loaded(pilot)
        card = app.screen
        assert isinstance(card, OutletCardScreen)
        staff = card.query_one("#staff", DataTable)
        count = staff.row_count
        before = len(reloads)
        draft = roster_staff.StaffDraft(name="赵敏", role="teller")
        roster_staff.add_staff(app.db, card.outlet_id, draft, list(config.staff.roles), NOW)
        announce(app, "staff")
        await wait_loaded(pilot)
        assert staff.row_count == count + 1  # the card, in view, at once
        assert roster.unshown and len(reloads) == before  # the roster under it: later
        await pilot.press("escape")
        await wait_loaded(pilot)
        assert app.screen is roster and not roster.unshown
        assert len(reloads) == before + 1
