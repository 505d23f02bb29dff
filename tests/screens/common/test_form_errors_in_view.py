"""Issue 14, part 7: every form shows its error next to the field and in view.

The sign-off's error line was drawn below the screen at every size from 110x32 to
250x100, so Enter seemed to do nothing. Each form of the app is opened here through its
real opener on the demo data, at 80x24 and at 120x40; then the error of each of its
fields (and the form's general line) is shown, and must be on screen and not covered:
``get_widget_at`` on its first cell finds the error widget itself.
"""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest
from textual.widgets import Input

from tests.conftest import NOW, TODAY, wait_loaded, wait_ready, wait_until
from workbench.app import WorkbenchApp
from workbench.core.errors import ValidationError
from workbench.register import originals, receipts
from workbench.roster import visits
from workbench.screens.common.form import FormScreen
from workbench.screens.register.sign_off import SignOffScreen
from workbench.storage import open_db

SIZES = [(80, 24), (120, 40)]


@pytest.fixture
def demo(tmp_path, demo_template, config):
    """A copy of the demo file, an open visit (for the check-out form) and the ids the
    openers need."""
    path = tmp_path / "wb.db"
    shutil.copy(demo_template, path)
    db = open_db(path)
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    outlet_id = one("SELECT id FROM outlets WHERE active = 1 ORDER BY id LIMIT 1")
    if visits.open_visit(db) is None:
        visits.check_in(db, outlet_id, NOW - timedelta(minutes=30), "delivery")
    due = [(item, "receipt") for item in receipts.receipts_due(db, TODAY, config)]
    due += [(item, "callback") for item in receipts.callbacks_due(db, TODAY, config)]
    registrable = None
    for (policy_id,) in db.execute("SELECT id FROM policies ORDER BY id").fetchall():
        try:
            originals.registrable(db, policy_id)
        except ValidationError:
            continue
        registrable = policy_id
        break
    facts = {
        "outlet": outlet_id,
        "open_line": one("SELECT delivery_id FROM open_lines ORDER BY delivery_id LIMIT 1"),
        "due": due[0],
        "collected": one("SELECT id FROM applications WHERE status = 'collected' LIMIT 1"),
        "passed_outlet": one("SELECT outlet_id FROM applications WHERE status = 'passed' "
                             "LIMIT 1"),
        "policy": one("SELECT id FROM policies ORDER BY id LIMIT 1"),
        "registrable": registrable,
        "staffed_outlet": one("SELECT outlet_id FROM staff WHERE active = 1 LIMIT 1"),
        "customer": one("SELECT id FROM customers ORDER BY id LIMIT 1"),
    }
    db.close()
    assert all(v is not None for v in facts.values()), facts
    return path, facts


async def _mode(app, pilot, mode: str):
    app.switch_mode(mode)
    await wait_loaded(pilot)
    return app.screen


async def _card(app, pilot, outlet_id: int):
    app.open_outlet(outlet_id)
    await wait_loaded(pilot)
    return app.screen


def _opener(name: str):
    """How each form is opened, the way a key or the palette opens it."""
    from workbench.screens.assessment import forms as self_forms
    from workbench.screens.fieldwork import forms as fieldwork_forms
    from workbench.screens.plan import forms as plan_forms
    from workbench.screens.register import forms as reg_forms
    from workbench.screens.register.originals import open_register_policy
    from workbench.screens.roster import visit_actions
    from workbench.screens.roster.roster import edit_outlet
    from workbench.screens.roster.targets import set_target
    from workbench.screens.targets.campaigns import open_campaign_form
    from workbench.screens.targets.import_targets import open_target_import
    from workbench.screens.targets.settings import open_settings

    async def run(app, pilot, f):
        if name == "outlet_add":
            (await _mode(app, pilot, "outlets")).action_add()
        elif name == "outlet_edit":
            edit_outlet(await _mode(app, pilot, "outlets"), f["outlet"])
        elif name == "staff_add":
            (await _card(app, pilot, f["staff_outlet"])).action_add_staff()
        elif name == "staff_edit":
            (await _card(app, pilot, f["staffed_outlet"])).action_edit_staff()
        elif name == "check_in":
            visit_actions.check_in(await _mode(app, pilot, "outlets"), f["outlet"])
        elif name == "check_out":
            visit_actions.check_out(await _mode(app, pilot, "outlets"))
        elif name == "register_dates":
            (await _mode(app, pilot, "deliveries")).action_dates()
        else:
            simple = {
                "delivery": lambda: reg_forms.log_delivery_form(app, f["outlet"]),
                "void_line": lambda: reg_forms.void_form(app, f["open_line"]),
                "policy_event": lambda: reg_forms.policy_event_form(app, *f["due"]),
                "stock_count": lambda: reg_forms.stock_count_form(app, f["outlet"]),
                "collect": lambda: reg_forms.collect_form(app, f["outlet"]),
                "review": lambda: reg_forms.review_form(app, f["collected"]),
                "handover": lambda: reg_forms.handover_form(app, f["passed_outlet"]),
                "register_original": lambda: open_register_policy(app, f["registrable"]),
                "mood": lambda: self_forms.open_mood_form(app),
                "setback": lambda: self_forms.open_setback_form(app),
                "five_q": lambda: self_forms.open_five_q_form(app),
                "policy": lambda: self_forms.open_policy_form(app),
                "void_policy": lambda: self_forms.open_void_form(app, f["policy"]),
                "goal": lambda: self_forms.open_goal_form(app, None),
                "grade": lambda: self_forms.open_grade_form(app, 10),
                "task": lambda: plan_forms.add_task(app),
                "contact": lambda: plan_forms.log_contact(app),
                "training": lambda: fieldwork_forms.record_training(app, f["staffed_outlet"]),
                "displays": lambda: fieldwork_forms.check_displays(app, f["outlet"]),
                # targets, campaigns and the profile (screens/roster/targets, screens/targets)
                "target": lambda: set_target(app.screen, f["outlet"], "x"),
                "campaign": lambda: open_campaign_form(app),
                "settings": lambda: open_settings(app),
                "import_targets": lambda: open_target_import(app),
                **_customer_openers(app, f),
            }
            simple[name]()
    return run


def _customer_openers(app, f) -> dict:
    """The customers' forms (#19)."""
    from workbench.screens.customers import forms as customer_forms

    return {
        "customer_add": lambda: customer_forms.add_customer(app, prospect=True),
        "customer_edit": lambda: customer_forms.edit_customer(app, f["customer"]),
        "customer_talk": lambda: customer_forms.talk(app, f"customer:{f['customer']}"),
        "customer_deposit": lambda: customer_forms.add_deposit(app, f["customer"]),
        "customer_case": lambda: customer_forms.add_case(app, f["customer"]),
        "customer_erase": lambda: customer_forms.erase(app, f["customer"]),
    }


FORMS = ["outlet_add", "outlet_edit", "staff_add", "staff_edit", "check_in", "check_out",
         "register_dates", "delivery", "void_line", "policy_event", "stock_count", "collect",
         "review", "handover", "register_original", "mood", "setback", "five_q", "policy",
         "void_policy", "goal", "grade", "task", "contact"]
FORMS += ["training", "displays"]
FORMS += ["target", "campaign", "settings", "import_targets"]
FORMS += ["customer_add", "customer_edit", "customer_talk", "customer_deposit",
          "customer_case", "customer_erase"]


def assert_in_view(app, widget, what: str) -> None:
    region = widget.region
    assert region.height >= 1 and region.width >= 1, f"{what}: not laid out ({region})"
    assert app.screen.region.contains_region(region), f"{what}: {region} is off the screen"
    found, _ = app.screen.get_widget_at(region.x, region.y)
    assert found is widget, f"{what}: covered or scrolled away (found {found})"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("form", FORMS)
async def test_every_error_of_every_form_is_in_view(demo, config, form, size):
    path, facts = demo
    facts = {**facts, "staff_outlet": facts["outlet"]}
    app = WorkbenchApp(db_path=path, config=config, today=TODAY, language="en",
                       daily_backup=False)
    async with app.run_test(size=size) as pilot:
        await wait_ready(app, pilot)
        await _opener(form)(app, pilot, facts)
        await wait_until(pilot, lambda: isinstance(app.screen, FormScreen), f"the {form} form")
        screen = app.screen
        names = [f.name for f in screen.fields] + ["_form"]
        # The longest message any validator gives, so wrapping is part of the test.
        message = ValidationError("", "error.too_long", length=10_000, max=2000)
        for name in names:
            screen.show_error(ValidationError(name, message.key, **message.params)
                              if name != "_form" else str(message))
            line = screen.query_one(f"#e-{name}")
            await wait_until(pilot, lambda line=line: str(line.render()),
                             f"the error under {name}")
            await pilot.pause()  # the scroll into view runs after the refresh
            assert_in_view(app, line, f"{form}.{name} at {size}")


@pytest.mark.parametrize("size", [(80, 24), (110, 32), (120, 40), (250, 100)],
                         ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_sign_off_error_is_in_view_after_enter(db, db_path, config, size):
    """The failure named in the issue: a typed time in the future, Enter: the reason is
    on screen (it was drawn below it), next to the time field, which has the focus."""
    from tests.register_helpers import outlet, staff
    from workbench.register import deliveries as reg

    o = outlet(db, "CCB-101", "中国建设银行朝阳支行", NOW - timedelta(days=1))
    staff(db, o, "王芳", NOW - timedelta(days=1))
    for n in range(12):  # a long list of lines awaiting signature
        reg.add_delivery(db, config, outlet_id=o, kind="poster", quantity=n + 1,
                         now=NOW - timedelta(days=1))
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=size) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("g", *"jsyh", "enter", "w", "f", "enter")
        await wait_loaded(pilot)
        screen = app.screen
        assert isinstance(screen, SignOffScreen) and screen.staff_id is not None
        screen.query_one("#so-time", Input).value = "bad"
        screen.query_one("#so-time", Input).focus()
        await pilot.press("enter")
        await wait_loaded(pilot)
        error = screen.query_one("#so-error")
        await wait_until(pilot, lambda: "not a time" in str(error.render()), "the error")
        await pilot.pause()
        assert_in_view(app, error, f"sign-off error at {size}")
        assert_in_view(app, screen.query_one("#so-time"), f"the time field at {size}")
        # No signer: the signer field gets the focus, the error line stays in view.
        screen.staff_id = None
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "who signs" in str(error.render()), "the signer error")
        await pilot.pause()
        assert_in_view(app, error, f"sign-off signer error at {size}")
    assert db.execute("SELECT count(*) FROM signoffs").fetchone()[0] == 0
