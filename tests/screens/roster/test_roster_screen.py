"""Pilot tests of the outlet roster: filter, add through the form, validation, edit, visits."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from tests.conftest import (
    NOW,
    TODAY,
    keys_at_once,
    open_roster,
    run_from_palette,
    wait_loaded,
)
from workbench.app import WorkbenchApp
from workbench.demo.build import populate
from workbench.roster import outlets, visits
from workbench.screens.common.form import FormScreen


def demo_app(db, db_path, config):
    populate(db, config, TODAY)
    return WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")


async def test_filter_by_pinyin_initials(db, db_path, config):
    app = demo_app(db, db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_roster(app, pilot)
        table = app.screen.query_one("#roster", DataTable)
        assert table.row_count == 15
        await pilot.press("slash", *"jsyh")
        await wait_loaded(pilot)
        names = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert names and all("建设银行" in n for n in names)


async def test_keys_typed_in_one_burst_after_the_filter_key_land_in_the_filter(db, db_path,
                                                                              config):
    """A terminal that lags (or a fast typist) delivers "/jsyh" in one read: the keys
    after "/" are the filter's text, never the roster's keys (s sorts, h shows the
    inactive outlets); after Enter they are the roster's again."""
    app = demo_app(db, db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_roster(app, pilot)
        screen = app.screen
        keys_at_once(app, "slash", *"jsyh", "enter", "s")
        await wait_loaded(pilot)
        assert screen.query_one("#filter", Input).value == "jsyh"
        assert (screen.sort, screen.include_inactive) == ("code", False)  # s: sorted
        assert screen.query_one("#roster", DataTable).has_focus


async def test_add_outlet_through_form_with_validation_error(db, db_path, config):
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_roster(app, pilot)
        await pilot.press("a")
        await wait_loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        # Save with no code: the form stays open and names the field.
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "required" in str(app.screen.query_one("#e-code").render())
        app.screen.query_one("#f-code", Input).value = "CCB-9"
        app.screen.query_one("#f-name", Input).value = "建设银行测试支行"
        app.screen.query_one("#f-traffic_daily", Input).value = "-5"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "at least 0" in str(app.screen.query_one("#e-traffic_daily").render())
        app.screen.query_one("#f-traffic_daily", Input).value = "300"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert not isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#roster", DataTable).row_count == 1
    assert outlets.outlet_by_code(db, "CCB-9").traffic_daily == 300


async def test_edit_from_roster_and_restart_keeps_it(db, db_path, config):
    draft = outlets.OutletDraft(code="C1", name="旧名称")
    oid = outlets.add_outlet(db, draft, ["A", "B", "C", "D"], NOW)
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_roster(app, pilot)
        await pilot.press("e")
        await wait_loaded(pilot)
        app.screen.query_one("#f-name", Input).value = "新名称"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert app.screen.query_one("#roster", DataTable).get_row_at(0)[1].plain == "新名称"
    # A new app on the same file: the edit is there.
    again = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with again.run_test(size=(120, 40)) as pilot:
        await open_roster(again, pilot)
        assert again.screen.query_one("#roster", DataTable).get_row_at(0)[1].plain == "新名称"
    assert outlets.get_outlet(db, oid).name == "新名称"


async def test_check_in_and_out_from_roster(db, db_path, config):
    oid = outlets.add_outlet(db, outlets.OutletDraft(code="C1", name="网点"), ["C"], NOW)
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_roster(app, pilot)
        await pilot.press("i")
        await wait_loaded(pilot)
        app.screen.query_one("#f-time", Input).value = "09:00"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert visits.open_visit(db).outlet_id == oid
        await pilot.press("c")
        await wait_loaded(pilot)
        # A check-out before the check-in is refused in the form.
        app.screen.query_one("#f-time", Input).value = "08:00"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "before the check-in" in str(app.screen.query_one("#e-time").render())
        app.screen.query_one("#f-time", Input).value = "10:30"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert not isinstance(app.screen, FormScreen)
    visit = visits.visits_for(db, oid)[0]
    assert visit.hours == 1.5


async def test_deactivate_hides_and_show_inactive_reveals(db, db_path, config):
    outlets.add_outlet(db, outlets.OutletDraft(code="C1", name="网点"), ["C"], NOW)
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_roster(app, pilot)
        table = app.screen.query_one("#roster", DataTable)
        await pilot.press("x")
        await wait_loaded(pilot)
        assert table.row_count == 0
        await pilot.press("h")
        await wait_loaded(pilot)
        assert table.row_count == 1 and "inactive" in str(table.get_row_at(0)[1])


async def test_card_shows_every_field_and_adds_staff(db, db_path, config):
    app = demo_app(db, db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_roster(app, pilot)
        await pilot.press("enter")
        await wait_loaded(pilot)
        from workbench.screens.roster.card import OutletCardScreen

        assert isinstance(app.screen, OutletCardScreen)
        figures = str(app.screen.query_one("#card-figures").render())
        for label in ("Time deposits", "Time : demand", "Daily foot traffic",
                      "Targets (from policies)"):
            assert label in figures
        staff = app.screen.query_one("#staff", DataTable)
        before = staff.row_count
        await pilot.press("n")
        await wait_loaded(pilot)
        app.screen.query_one("#f-name", Input).value = "赵敏"
        app.screen.query_one("#f-birthday", Input).value = "1992-13-01"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert "not a real date" in str(app.screen.query_one("#e-birthday").render())
        app.screen.query_one("#f-birthday", Input).value = "1992-12-01"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert staff.row_count == before + 1


async def test_palette_jumps_to_outlet_by_pinyin_initials(db, db_path, config):
    app = demo_app(db, db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_roster(app, pilot)
        await run_from_palette(pilot, "jtyh")
        from workbench.screens.roster.card import OutletCardScreen

        assert isinstance(app.screen, OutletCardScreen)
        assert "交通银行" in str(app.screen.query_one("#card-main").render())


async def test_keymap_from_config_rebinds_a_key(db, db_path):
    from workbench.core.config import Config

    config = Config(keymap={"roster_add": "n"})
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_roster(app, pilot)
        await pilot.press("a")
        await wait_loaded(pilot)
        assert not isinstance(app.screen, FormScreen)
        await pilot.press("n")
        await wait_loaded(pilot)
        assert isinstance(app.screen, FormScreen)


async def test_a_locked_database_keeps_the_form_open(db, db_path, config, monkeypatch):
    import sqlite3

    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_roster(app, pilot)
        await pilot.press("a")
        await wait_loaded(pilot)
        app.screen.query_one("#f-code", Input).value = "C1"
        app.screen.query_one("#f-name", Input).value = "网点"

        def locked(*args, **kwargs):
            raise sqlite3.OperationalError("database is locked")

        monkeypatch.setattr(outlets, "add_outlet", locked)
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "busy" in str(app.screen.query_one("#e-_form").render())
        assert app.screen.query_one("#f-name", Input).value == "网点"


async def test_filter_finds_initials_with_the_city_skipped(db, db_path, config):
    app = demo_app(db, db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_roster(app, pilot)
        table = app.screen.query_one("#roster", DataTable)
        await pilot.press("slash", *"jtyhdx")
        await wait_loaded(pilot)
        names = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert names and all(n.startswith("交通银行北京大兴") for n in names)


async def test_palette_finds_jtyhdx_and_checks_in_without_an_ime(db, db_path, config):
    app = demo_app(db, db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_roster(app, pilot)
        await run_from_palette(pilot, "jtyhdx")
        from workbench.screens.roster.card import OutletCardScreen

        assert isinstance(app.screen, OutletCardScreen)
        assert "交通银行北京大兴" in str(app.screen.query_one("#card-main").render())
        await pilot.press("escape")
        await wait_loaded(pilot)
        for typed in ("qd jtyhdx", "checkin jtyhdx"):
            await run_from_palette(pilot, typed)
            await wait_loaded(pilot)
            assert isinstance(app.screen, FormScreen)
            assert "交通银行北京大兴" in app.screen.form_title
            await pilot.press("escape")
            await wait_loaded(pilot)
