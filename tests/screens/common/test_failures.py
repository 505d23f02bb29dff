"""Issue 14 in the app: no traceback reaches the user.

A lock held past the busy timeout (a real one: another connection holds the write
lock) says "the file is busy" under the form, which stays open with what was typed, and
nothing is written; a key action that hits it is a notification and the app carries
on; a 23-digit number is an error under its field; a bug stops the app with one line,
exit code 1 and a masked crash log, never a traceback with customer data.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import timedelta

import pytest
from textual.widgets import Input

from tests.conftest import NOW, TODAY, open_roster, wait_loaded, wait_ready, wait_until
from tests.register_helpers import outlet, staff
from workbench.app import WorkbenchApp
from workbench.core import db as dbmod
from workbench.register import deliveries as reg
from workbench.roster import outlets
from workbench.screens.common.form import FormScreen
from workbench.screens.register.sign_off import SignOffScreen
from workbench.screens.roster.roster import OutletsScreen


@pytest.fixture
def short_timeout(monkeypatch):
    """A busy timeout of 0.2 s instead of 8 s, so that a held lock outlasts it quickly."""
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 200)


@contextmanager
def write_lock(db_path):
    """Another program holding the file's write lock (as a second instance would)."""
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def app_for(db_path, config, language="en"):
    return WorkbenchApp(db_path=db_path, config=config, today=TODAY, language=language)


def shown(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


@pytest.mark.parametrize(("language", "needle"), [("en", "busy"), ("zh", "文件正忙")])
async def test_a_lock_past_the_busy_timeout_keeps_the_form_open(
        db, db_path, config, short_timeout, language, needle):
    app = app_for(db_path, config, language)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_roster(app, pilot)
        await pilot.press("a")
        await wait_loaded(pilot)
        app.screen.query_one("#f-code", Input).value = "C1"
        app.screen.query_one("#f-name", Input).value = "网点"
        with write_lock(db_path):
            await pilot.press("ctrl+s")
            await wait_loaded(pilot)
            assert isinstance(app.screen, FormScreen)
            assert needle in shown(app.screen, "#e-_form")
            assert app.screen.query_one("#f-name", Input).value == "网点"
        assert outlets.outlet_by_code(db, "C1") is None
        await pilot.press("ctrl+s")  # the lock is gone: the same form saves
        await wait_loaded(pilot)
        assert not isinstance(app.screen, FormScreen)
    assert app.return_code in (0, None) and app.error is None
    assert outlets.outlet_by_code(db, "C1").name == "网点"


async def test_a_lock_past_the_busy_timeout_keeps_the_sign_off_open(
        db, db_path, config, short_timeout):
    o = outlet(db, "CCB-101", "中国建设银行朝阳支行", NOW - timedelta(days=1))
    staff(db, o, "王芳", NOW - timedelta(days=1))
    reg.add_delivery(db, config, outlet_id=o, kind="poster", quantity=4,
                     now=NOW - timedelta(days=1))
    app = app_for(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("g", *"jsyh", "enter", "w", "f", "enter")
        await wait_loaded(pilot)
        assert isinstance(app.screen, SignOffScreen) and app.screen.staff_id is not None
        with write_lock(db_path):
            await pilot.press("enter")  # Enter in the page field signs (a handler, no key)
            await wait_loaded(pilot)
            assert isinstance(app.screen, SignOffScreen)
            assert "busy" in shown(app.screen, "#so-error")
            assert app.screen.query_one("#so-signer", Input).value == "王芳"
        assert db.execute("SELECT count(*) FROM signoffs").fetchone()[0] == 0
        await pilot.press("enter")
        await wait_loaded(pilot)
        assert not isinstance(app.screen, SignOffScreen)
    assert db.execute("SELECT count(*) FROM signoffs").fetchone()[0] == 1


async def test_a_key_action_under_a_lock_is_a_notification(db, db_path, config, short_timeout):
    outlet(db, "C1", "网点", NOW)
    app = app_for(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_roster(app, pilot)
        with write_lock(db_path):
            await pilot.press("x")  # deactivate: one write, straight from the key
            await wait_until(pilot, lambda: any("busy" in str(n.message)
                                                for n in app._notifications),
                             "the busy notification")
        assert isinstance(app.screen, OutletsScreen) and app.is_running
    assert outlets.outlet_by_code(db, "C1").active
    assert app.error is None


async def test_a_23_digit_number_is_an_error_under_its_field(db, db_path, config):
    app = app_for(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_roster(app, pilot)
        await pilot.press("a")
        await wait_loaded(pilot)
        screen = app.screen
        screen.query_one("#f-code", Input).value = "C9"
        screen.query_one("#f-name", Input).value = "网点"
        for name in ("deposits_time", "plan_year", "customers_total", "traffic_daily", "enquiries"):
            screen.query_one(f"#f-{name}", Input).value = "9" * 23
            await pilot.press("ctrl+s")
            await wait_loaded(pilot)
            assert app.screen is screen
            assert "at most" in shown(screen, f"#e-{name}"), name
            screen.query_one(f"#f-{name}", Input).value = ""
    assert outlets.outlet_by_code(db, "C9") is None


async def test_a_bug_stops_the_app_with_one_line_and_a_masked_log(
        db, db_path, config, tmp_path, monkeypatch):
    logs = tmp_path / "logs"
    monkeypatch.setenv("WORKBENCH_LOG_DIR", str(logs))
    outlet(db, "C1", "网点", NOW)

    def bug(*args, **kwargs):
        customer = "王小明"
        raise RuntimeError(f"boom for {customer} 13812345678")

    monkeypatch.setattr(outlets, "set_outlet_active", bug)
    app = app_for(db_path, config)
    with pytest.raises(RuntimeError):  # the test harness still sees the bug
        async with app.run_test(size=(120, 40)) as pilot:
            await open_roster(app, pilot)
            await pilot.press("x")
            await pilot.pause()
    assert app.return_code == 1
    log = logs / "workbench.log"
    assert app.error and "\n" not in app.error and str(log) in app.error
    text = log.read_text("utf-8")
    assert "RuntimeError" in text and "王小明" not in text and "13812345678" not in text
    assert log.stat().st_mode & 0o777 == 0o600


def test_the_cli_exits_1_with_the_apps_line(monkeypatch, capsys):
    """An app that stopped on a bug: one line on stderr, exit code 1 (it was 0)."""
    from workbench import app as app_module
    from workbench import cli

    class Crashed:
        def __init__(self, **kwargs):
            self.error = "Unexpected error; the failed action wrote nothing."
            self.return_code = 1

        def run(self):
            return None

    monkeypatch.setattr(app_module, "WorkbenchApp", Crashed)
    monkeypatch.setattr(dbmod, "check_target", lambda path: None)
    assert cli.main(["--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert err == "workbench: Unexpected error; the failed action wrote nothing.\n"
