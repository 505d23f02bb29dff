"""Pilot tests of the counter sign-off (from any screen, counting keystrokes) and of the
register mode: log, void, filters."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import DataTable, Input

from tests.conftest import NOW, TODAY, run_from_palette, wait_loaded, wait_ready
from tests.register_helpers import outlet, staff
from workbench.app import WorkbenchApp
from workbench.register import chain
from workbench.register import deliveries as reg
from workbench.roster import staff as roster_staff
from workbench.roster import visits as roster_visits
from workbench.screens.common.form import FormScreen
from workbench.screens.common.pickers import OutletPicker
from workbench.screens.register.register import DeliveriesScreen
from workbench.screens.register.sign_off import SignOffScreen


def three_lines(db, config, at):
    o = outlet(db, "CCB-101", "中国建设银行朝阳支行", at)
    outlet(db, "ICBC-102", "中国工商银行海淀支行", at)
    staff(db, o, "王芳", at)
    staff(db, o, "李强", at, role="head")
    ids = [reg.add_delivery(db, config, outlet_id=o, kind="application_form", quantity=50,
                            serials="A2026000101-0150", now=at),
           reg.add_delivery(db, config, outlet_id=o, kind="poster", quantity=4, now=at),
           reg.add_delivery(db, config, outlet_id=o, kind="original_policy",
                            policy_no="P2026001", customer="张三", now=at)]
    return o, ids


def make_app(db_path, config):
    return WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")


async def test_sign_all_in_five_keystrokes_from_the_plan(db, db_path, config):
    # Yesterday's lines; checked in at the outlet this morning.
    o, ids = three_lines(db, config, NOW - timedelta(days=1))
    roster_visits.check_in(db, o, NOW.replace(hour=0, minute=1), "delivery")
    app = make_app(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        assert app.screen.__class__.__name__ == "PlanScreen"  # the morning screen
        keys = ["g", "w", "f", "enter", "enter"]  # sign · 王芳 by initials · pick · sign
        for key in keys:
            await pilot.press(key)
            await wait_loaded(pilot)
        assert len(keys) == 5
        assert not isinstance(app.screen, SignOffScreen)
    lines = [reg.get_line(db, i) for i in ids]
    assert {(x.status, x.signer) for x in lines} == {("signed", "王芳")}
    assert len({x.signoff_id for x in lines}) == 1
    assert chain.verify_chain(db).ok


async def test_pick_outlet_by_initials_untick_one_and_add_signer(db, db_path, config):
    o, ids = three_lines(db, config, NOW - timedelta(days=1))
    app = make_app(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("3")
        await wait_loaded(pilot)
        assert isinstance(app.screen, DeliveriesScreen)
        await pilot.press("g")
        await wait_loaded(pilot)
        assert isinstance(app.screen, OutletPicker)
        await pilot.press(*"jsyh", "enter")  # 建设银行
        await wait_loaded(pilot)
        assert isinstance(app.screen, SignOffScreen) and app.screen.outlet_id == o
        screen = app.screen
        lines_box = screen.query_one("#so-lines")
        lines_box.focus()
        await pilot.press("end", "space")  # untick the policy (last line)
        signer = screen.query_one("#so-signer", Input)
        signer.focus()
        signer.value = "赵柜员"  # not on the staff list yet: added inline
        await wait_loaded(pilot)
        await pilot.press("enter")
        await wait_loaded(pilot)
        await pilot.press("enter")
        await wait_loaded(pilot)
        assert not isinstance(app.screen, SignOffScreen)
    assert [reg.get_line(db, i).status for i in ids] == ["signed", "signed", "awaiting"]
    assert reg.get_line(db, ids[0]).signer == "赵柜员"
    assert "赵柜员" in [s.name for s in roster_staff.list_staff(db, o)]


async def test_bad_time_and_missing_reason_write_nothing(db, db_path, config):
    o, ids = three_lines(db, config, NOW - timedelta(days=1))
    app = make_app(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("g", *"jsyh", "enter", "w", "f", "enter")
        await wait_loaded(pilot)
        screen = app.screen
        assert isinstance(screen, SignOffScreen) and screen.staff_id is not None
        screen.query_one("#so-time", Input).value = "23:59"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        error = str(screen.query_one("#so-error").render())
        if app.now().strftime("%H:%M") < "23:59":
            assert "future" in error
        screen.query_one("#so-time", Input).value = "00:00"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert "reason" in str(screen.query_one("#so-error").render())
        assert isinstance(app.screen, SignOffScreen)
        await pilot.press("escape")
    assert db.execute("SELECT count(*) FROM signoffs").fetchone()[0] == 0


async def test_log_three_lines_then_void_one(db, db_path, config):
    o = outlet(db, "CCB-101", "中国建设银行朝阳支行", NOW)
    roster_visits.check_in(db, o, NOW.replace(hour=0, minute=1), "delivery")
    app = make_app(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("d", "n")
        await wait_loaded(pilot)
        entries = [("poster", {"quantity": "0"}), ("poster", {"quantity": "5"}),
                   ("brochure", {"quantity": "30"}),
                   ("original_policy", {"policy_no": "P77", "customer": "钱七"})]
        for kind, values in entries:
            form = app.screen
            assert isinstance(form, FormScreen)
            form.query_one("#f-kind").value = kind
            for name, value in values.items():
                form.query_one(f"#f-{name}", Input).value = value
            await pilot.press("ctrl+s")
            await wait_loaded(pilot)
        # The zero quantity stayed on its form with a message; the form then took the rest.
        await pilot.press("escape")
        await wait_loaded(pilot)
        screen = app.screen
        assert isinstance(screen, DeliveriesScreen)
        table = screen.query_one("#table-register", DataTable)
        assert table.row_count == 3
        await pilot.press("v")  # void the newest line (the policy)
        await wait_loaded(pilot)
        await pilot.press("ctrl+s")  # no reason: refused
        await wait_loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "required" in str(app.screen.query_one("#e-reason").render())
        app.screen.query_one("#f-reason", Input).value = "客户信息有误"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        # The corrected-line form opens; escape when none is needed.
        assert isinstance(app.screen, FormScreen)
        await pilot.press("escape")
        await wait_loaded(pilot)
    lines = reg.register(db)
    assert [(x.kind, x.quantity, x.status) for x in lines] == [
        ("original_policy", 1, "voided"), ("brochure", 30, "awaiting"),
        ("poster", 5, "awaiting")]
    assert lines[0].void_reason == "客户信息有误"


async def test_register_filters(db, db_path, config):
    o, ids = three_lines(db, config, NOW - timedelta(days=1))
    app = make_app(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("d")
        await wait_loaded(pilot)
        table = app.screen.query_one("#table-register", DataTable)
        assert table.row_count == 3
        await pilot.press("K", "K")  # kind: application forms, then brochures
        await wait_loaded(pilot)
        assert app.screen.filters.kind == "brochure" and table.row_count == 0
        await pilot.press("K", "K", "K", "K", "K")  # back round to "any"
        await pilot.press("S")  # awaiting
        await wait_loaded(pilot)
        assert app.screen.filters.status == "awaiting" and table.row_count == 3
        await pilot.press("S")  # signed
        await wait_loaded(pilot)
        assert table.row_count == 0
        await pilot.press("u")
        await wait_loaded(pilot)
        assert app.screen.view == "due"


async def test_palette_offers_sign_at_outlet(db, db_path, config):
    o, ids = three_lines(db, config, NOW - timedelta(days=1))
    app = make_app(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await run_from_palette(pilot, "sign jsyh")
        assert isinstance(app.screen, SignOffScreen) and app.screen.outlet_id == o


def test_register_snapshot(snap_compare, db, db_path, config):
    from workbench.demo.build import populate

    populate(db, config, TODAY)

    async def run_before(pilot):
        app = pilot.app
        await wait_ready(app, pilot)
        await pilot.press("d")
        await wait_loaded(pilot)

    app = make_app(db_path, config)
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


async def test_mark_receipt_and_count_stock_from_the_views(db, db_path, config):
    o, ids = three_lines(db, config, NOW - timedelta(days=1))
    wf = roster_staff.list_staff(db, o)[0].id
    chain.sign_off(db, outlet_id=o, delivery_ids=ids, staff_id=wf, now=NOW - timedelta(days=1))
    roster_visits.check_in(db, o, NOW.replace(hour=0, minute=1), "delivery")
    app = make_app(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("d", "u")
        await wait_loaded(pilot)
        table = app.screen.query_one("#table-due", DataTable)
        kinds = [table.get_row_at(i)[0] for i in range(table.row_count)]
        assert sorted(kinds) == ["Callback", "Receipt"]
        table.move_cursor(row=kinds.index("Receipt"))
        await pilot.press("m")
        await wait_loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+s")  # the customer signed today
        await wait_loaded(pilot)
        assert table.row_count == 1
        await pilot.press("k", "n")  # a stock count at the outlet checked in at
        await wait_loaded(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#f-quantity", Input).value = "-3"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        form.query_one("#f-quantity", Input).value = "35"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert app.screen.query_one("#table-stock", DataTable).row_count == 1
    assert db.execute("SELECT kind, quantity FROM stock_counts").fetchall() == [
        ("application_form", 35)]
    assert db.execute("SELECT event, on_date FROM policy_events").fetchall() == [
        ("receipt", TODAY.isoformat())]


async def test_ctrl_g_signs_even_while_typing_a_filter(db, db_path, config):
    o, ids = three_lines(db, config, NOW - timedelta(days=1))
    app = make_app(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("slash", "x")  # the roster's filter has the cursor
        await pilot.press("ctrl+g")
        await wait_loaded(pilot)
        assert isinstance(app.screen, OutletPicker)
