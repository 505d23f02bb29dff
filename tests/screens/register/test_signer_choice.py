"""The signer list cannot mislead: 谢涛 (副主任) and 许涛 (柜员) are both ``xt``; Enter on
``xt`` never records either of them until one is chosen with ↑↓."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import OptionList, Static

from tests.conftest import NOW, TODAY, wait_loaded, wait_ready
from tests.register_helpers import outlet, staff
from workbench.app import WorkbenchApp
from workbench.register import chain
from workbench.register import deliveries as reg
from workbench.roster import visits as roster_visits
from workbench.screens.register.sign_off import SignOffScreen


def two_xt(db, config, *, signed_before: str | None = None):
    at = NOW - timedelta(days=2)
    o = outlet(db, "BOCOM-108", "交通银行北京大兴支行", at)
    ids = {"谢涛": staff(db, o, "谢涛", at, role="deputy"),
           "许涛": staff(db, o, "许涛", at, role="teller")}
    if signed_before:
        first = reg.add_delivery(db, config, outlet_id=o, kind="poster", quantity=1, now=at)
        chain.sign_off(db, outlet_id=o, delivery_ids=[first], staff_id=ids[signed_before],
                       now=at)
    line = reg.add_delivery(db, config, outlet_id=o, kind="poster", quantity=4,
                            now=NOW - timedelta(days=1))
    roster_visits.check_in(db, o, NOW.replace(hour=0, minute=1), "delivery")
    return o, ids, line


async def open_sign_off(app, pilot):
    await wait_ready(app, pilot)
    await pilot.press("g")
    await wait_loaded(pilot)
    assert isinstance(app.screen, SignOffScreen)


def listed(screen) -> list[str]:
    options = screen.query_one("#so-staff", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_xt_enter_enter_asks_and_signs_for_nobody(db, db_path, config):
    _, _, line = two_xt(db, config)
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_sign_off(app, pilot)
        await pilot.press("x", "t")
        await wait_loaded(pilot)
        shown = listed(app.screen)
        assert len(shown) == 2
        assert any("谢涛" in s and "副主任" in s for s in shown)  # the role beside the name
        assert any("许涛" in s and "柜员" in s for s in shown)
        for _ in range(3):
            await pilot.press("enter")
            await wait_loaded(pilot)
        assert isinstance(app.screen, SignOffScreen)
        said = str(app.screen.query_one("#so-error", Static).render())
        assert "2 人都匹配" in said and "↑↓" in said
    assert reg.get_line(db, line).status != "signed"
    assert chain.signoffs(db) == []


async def test_a_deliberate_choice_with_the_arrows_signs_for_that_person(db, db_path, config):
    _, ids, line = two_xt(db, config)
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_sign_off(app, pilot)
        await pilot.press("x", "t", "enter")  # asks
        await wait_loaded(pilot)
        second = listed(app.screen)[1]
        await pilot.press("down", "down", "enter")  # the second person, on purpose
        await wait_loaded(pilot)
        await pilot.press("enter")  # sign
        await wait_loaded(pilot)
        assert not isinstance(app.screen, SignOffScreen)
    chosen = "谢涛" if "谢涛" in second else "许涛"
    assert reg.get_line(db, line).signer == chosen
    assert chain.signoffs(db)[0].staff_id == ids[chosen]


async def test_who_signed_here_last_is_listed_first(db, db_path, config):
    two_xt(db, config, signed_before="许涛")
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_sign_off(app, pilot)
        await pilot.press("x", "t")
        await wait_loaded(pilot)
        assert "许涛" in listed(app.screen)[0]


async def test_one_match_still_signs_with_enter_enter(db, db_path, config):
    _, ids, line = two_xt(db, config)
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_sign_off(app, pilot)
        await pilot.press(*"谢涛", "enter", "enter")
        await wait_loaded(pilot)
        assert not isinstance(app.screen, SignOffScreen)
    assert reg.get_line(db, line).signer == "谢涛"


def test_ranked_signers_by_recent_sign_offs_then_name(db, config):
    o, ids, line = two_xt(db, config, signed_before="许涛")
    assert [s.name for s in chain.ranked_signers(db, o)][0] == "许涛"
    chain.sign_off(db, outlet_id=o, delivery_ids=[line], staff_id=ids["谢涛"], now=NOW)
    assert [s.name for s in chain.ranked_signers(db, o)] == ["谢涛", "许涛"]
