"""Registering an original policy from the keyboard: ``r`` on the self screen, the offer
right after logging a policy, and Enter on the plan's "original to register" item."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.widgets import DataTable, Input, Select

from tests.conftest import NOW, TODAY, wait_loaded, wait_ready
from workbench.app import WorkbenchApp
from workbench.assessment import policies
from workbench.register import deliveries
from workbench.roster import outlets
from workbench.screens.assessment.assessment import AssessmentScreen
from workbench.screens.common.form import FormScreen
from workbench.screens.plan.plan import PlanScreen


def sold(db, config, number: str, days_ago: int) -> int:
    draft = policies.PolicyDraft(policy_no=number, outlet="CCB-1", product="鑫享年金",
                                 premium="50000", term_years="10",
                                 issue_date=(TODAY - timedelta(days=days_ago)).isoformat(),
                                 customer_name="张三丰", customer_phone="13812345678")
    return policies.log_policy(db, draft, config.goals, TODAY, NOW - timedelta(days=days_ago))


def setup(db, config) -> tuple[int, int, int]:
    outlet = outlets.add_outlet(db, outlets.OutletDraft(code="CCB-1", name="建行朝阳支行"),
                                ["A", "B", "C", "D"], NOW - timedelta(days=30))
    return outlet, sold(db, config, "P2026001", 1), sold(db, config, "P2026002", 3)


def app_on(db_path, config) -> WorkbenchApp:
    return WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def policy_lines(db) -> list[tuple]:
    return db.execute("SELECT outlet_id, kind, policy_no, customer FROM deliveries "
                      "ORDER BY id").fetchall()


async def test_r_registers_the_selected_policy_then_refuses_twice(db, db_path, config):
    outlet, newest, _ = setup(db, config)
    app = app_on(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("4")
        await wait_loaded(pilot)
        assert isinstance(app.screen, AssessmentScreen)
        shown = app.screen.active_bindings["r"].binding  # in the footer
        assert shown.description == "Register original" and shown.show
        await pilot.press("r")  # the first press shows the policies tab
        await wait_loaded(pilot)
        table = app.screen.query_one("#self-policies", DataTable)
        assert table.has_focus and table.get_row_at(0)[1] == "P2026001"
        await pilot.press("r")
        await wait_loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "P2026001" in app.screen.form_title and "张**" in app.screen.form_title
        await pilot.press("enter")  # arrived now: the prefilled time is right
        await wait_loaded(pilot)
        assert isinstance(app.screen, AssessmentScreen)
        assert table.get_row_at(0)[9] == "registered"
        assert any("Original of policy P2026001 registered" in m for m in messages(app))
        await pilot.press("r")  # the same policy again: a message, no form
        await wait_loaded(pilot)
        assert isinstance(app.screen, AssessmentScreen)
        assert any("already registered" in m for m in messages(app))
    assert policy_lines(db) == [(outlet, "original_policy", "P2026001", "张三丰")]
    assert policies.get_policy(db, newest).document_status == "registered"
    assert policies.count_awaiting_documents(db) == 1


async def test_logging_a_policy_offers_to_register_it(db, db_path, config):
    outlet, _, _ = setup(db, config)
    app = app_on(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("4")
        await wait_loaded(pilot)
        for number, key in (("P-NOW", "enter"), ("P-LATER", "escape")):
            await pilot.press("n")
            await wait_loaded(pilot)
            form = app.screen
            form.query_one("#f-policy_no", Input).value = number
            form.query_one("#f-policy_outlet", Select).value = str(outlet)
            for name, value in (("product", "鑫享年金"), ("premium", "20000"), ("term", "5"),
                                ("customer", "李四")):
                form.query_one(f"#f-policy_{name}", Input).value = value
            await pilot.press("ctrl+s")
            await wait_loaded(pilot)
            offer = app.screen
            assert isinstance(offer, FormScreen) and offer is not form
            assert offer.form_title.startswith("Has the original arrived?")
            await pilot.press(key)
            await wait_loaded(pilot)
            assert isinstance(app.screen, AssessmentScreen)
    assert [r[2] for r in policy_lines(db)] == ["P-NOW"]
    status = dict(db.execute("SELECT policy_no, document_status FROM policies").fetchall())
    assert status["P-NOW"] == "registered" and status["P-LATER"] == "awaiting"


async def test_enter_on_the_plans_unregistered_item_registers_it(db, db_path, config):
    outlet, newest, oldest = setup(db, config)
    app = app_on(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        assert isinstance(app.screen, PlanScreen)
        ids = [o.id for o in app.screen.query_one("#agenda").options]
        assert ids.index(f"doc:unregistered:{oldest}") < ids.index(f"doc:unregistered:{newest}")
        app.screen.select(f"doc:unregistered:{oldest}")
        await pilot.press("enter")
        await wait_loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        app.screen.query_one("#f-delivered_at", Input).value = "tomorrow"
        await pilot.press("enter")  # a bad time: the message shows, nothing is written
        await wait_loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "is not a time" in str(app.screen.query_one("#e-delivered_at").render())
        assert policy_lines(db) == []
        app.screen.query_one("#f-delivered_at", Input).value = "2026-11-26 17:05"
        await pilot.press("enter")
        await wait_loaded(pilot)
        assert isinstance(app.screen, PlanScreen)
        ids = [o.id for o in app.screen.query_one("#agenda").options]
        line = deliveries.policy_line(db, "P2026002")
        assert f"doc:unregistered:{oldest}" not in ids and f"doc:policy:{line}" in ids
    assert deliveries.get_line(db, line).delivered_at == datetime(2026, 11, 26, 17, 5)
    assert policies.get_policy(db, oldest).document_status == "registered"
