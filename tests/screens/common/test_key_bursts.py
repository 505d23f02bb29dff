"""Keys read together land as they were typed, in the real forms.

A fast typist, a paste or a barcode scanner delivers several keys in one terminal read
(``keys_at_once``): all of them are queued before the first is handled. Each key must
still act in its turn: a letter goes into the field focused when its turn comes, after
the Backspace, arrow or Tab before it has acted, and keys typed while a form opens go
to its first field.
"""

from __future__ import annotations

from datetime import date

from textual.widgets import Input

from tests.conftest import TODAY, keys_at_once, open_roster, wait_ready, wait_until
from workbench.app import WorkbenchApp
from workbench.plan import tasks
from workbench.register import deliveries
from workbench.roster import outlets
from workbench.screens.common.form import FormScreen


def app_on(db_path, config) -> WorkbenchApp:
    return WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")


async def test_a_burst_that_opens_the_task_form_fills_it_key_by_key(db, db_path, config):
    """``a`` opens the form; the keys read with it are its title (corrected with
    Backspace and an arrow), then Tab, the due date, and ctrl+s saves."""
    app = app_on(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        plan = app.screen
        keys_at_once(app, "a", *"task1", "backspace", "2", "x", "left", "y", "tab",
                     *"明天", "ctrl+s")
        await wait_until(pilot, lambda: app.screen is plan, "the task form to save and close")
    assert [(x.title, x.due) for x in tasks.upcoming(db, TODAY)] == [
        ("task2yx", date(2026, 11, 28))]


async def test_a_burst_in_an_open_form_edits_as_typed(db, db_path, config):
    app = app_on(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, FormScreen), "the task form")
        form = app.screen
        keys_at_once(app, *"abc", "backspace", "d", "x", "left", "y", "right", "z",
                     "tab", *"mon")
        await wait_until(pilot, lambda: form.focused is form.query_one("#f-task_due"),
                         "Tab to reach the due date")
        assert form.query_one("#f-task_title", Input).value == "abdyxz"
        assert form.query_one("#f-task_due", Input).value == "mon"


async def quantities_typed(demo_copy, db_path, config, *keys: str) -> list[int]:
    """The quantities of the lines saved when ``keys`` arrive in one read as a delivery
    form (posters: counted, no serials) opens over the plan."""
    from workbench.screens.register.forms import log_delivery_form

    outlet_id = outlets.all_active_outlets(demo_copy)[0][0]
    before = {line.id for line in deliveries.register(demo_copy, limit=10_000)}
    app = app_on(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        plan = app.screen
        log_delivery_form(app, outlet_id, {"kind": "poster"})
        keys_at_once(app, *keys, "escape")
        await wait_until(pilot, lambda: app.screen is plan,
                         "the lines to save and the next line's form to close")
    return sorted(line.quantity for line in deliveries.register(demo_copy, limit=10_000)
                  if line.id not in before)


async def test_a_corrected_quantity_saves_as_corrected(demo_copy, db_path, config):
    """``50⌫2`` typed as the delivery form opens is 52, never 50."""
    assert await quantities_typed(demo_copy, db_path, config,
                                  *"50", "backspace", "2", "ctrl+s") == [52]


async def test_lines_scanned_with_enter_are_each_saved(demo_copy, db_path, config):
    """A scanner ends each code with Enter: the form saves and opens the next line's
    form before the next code is typed, so ``50⏎30⏎7⏎`` is three lines."""
    assert await quantities_typed(demo_copy, db_path, config,
                                  *"50", "enter", *"30", "enter", "7", "enter") == [7, 30, 50]


async def test_a_burst_that_opens_the_outlet_form_fills_code_then_name(db, db_path, config):
    app = app_on(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_roster(app, pilot)
        roster = app.screen
        keys_at_once(app, "a", *"CCB-9", "tab", *"建设银行测试支行", "ctrl+s")
        await wait_until(pilot, lambda: app.screen is roster, "the outlet form to save")
    saved = outlets.outlet_by_code(db, "CCB-9")
    assert saved is not None and saved.name == "建设银行测试支行"


async def test_q_read_with_the_key_that_opens_the_roster_quits(db, db_path, config):
    """``2`` then ``q`` at once: the roster opens with its list focused (the filter takes
    keys only after ``/``), so ``q`` is the quit key, not the filter's first letter."""
    app = app_on(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        keys_at_once(app, "2", "q")
        await wait_until(pilot, lambda: app.return_code is not None, "q to quit the app")
