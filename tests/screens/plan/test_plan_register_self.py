"""The plan's parts that come from the register and the self-assessment: documents due,
the morning score prompt and the five ones."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input

from tests.conftest import NOW, TODAY, wait_loaded, wait_ready
from tests.register_helpers import outlet, staff
from workbench.app import WorkbenchApp
from workbench.assessment import journal
from workbench.core.config import Config
from workbench.demo.build import populate
from workbench.plan import agenda as plan
from workbench.plan import view
from workbench.register import applications
from workbench.register import deliveries as reg
from workbench.screens.common.form import FormScreen
from workbench.screens.plan.plan import PlanScreen
from workbench.screens.register.sign_off import SignOffScreen


def register_day(db, config):
    o = outlet(db, "CCB-101", "中国建设银行朝阳支行", NOW - timedelta(days=2))
    staff(db, o, "王芳", NOW - timedelta(days=2))
    policy = reg.add_delivery(db, config, outlet_id=o, kind="original_policy",
                              policy_no="P2026001", customer="张三丰",
                              now=NOW - timedelta(days=2))
    reg.add_delivery(db, config, outlet_id=o, kind="poster", quantity=4,
                     now=NOW - timedelta(days=1))
    reg.add_delivery(db, config, outlet_id=o, kind="brochure", quantity=20,
                     now=NOW - timedelta(days=1))
    form = applications.collect(db, outlet_id=o, serial="A2026000001", applicant="李四",
                                product="鑫享年金", premium="12000",
                                collected_at=NOW - timedelta(days=1), now=NOW)
    return o, policy, form


def test_documents_on_the_agenda(db, config):
    o, policy, form = register_day(db, config)
    docs = plan.build_agenda(db, TODAY, config).documents
    assert [(d.kind, d.ref, d.count, d.days) for d in docs] == [
        ("policy", policy, 1, 2), ("awaiting", o, 2, 1), ("review", form, 1, 1)]
    assert docs[0].who == "张**"  # customers masked
    text = view.plain_text(plan.build_agenda(db, TODAY, config))
    assert "P2026001" in text and "张三丰" not in text and "2 lines" in text


def test_demo_documents_cover_every_kind_of_work(db, config):
    populate(db, config, TODAY)
    kinds = {d.kind for d in plan.build_agenda(db, TODAY, config).documents}
    assert {"policy", "awaiting", "stock", "callback", "review", "handover"} <= kinds


def test_morning_score_prompt_only_while_unrated(db):
    config = Config()
    first = plan.build_agenda(db, TODAY, config)
    assert first.mood is None and view.sections(first)[0].key == "morning"
    journal.rate_mood(db, TODAY, "82", "", TODAY)
    rated = plan.build_agenda(db, TODAY, config)
    assert rated.mood == 82 and "morning" not in [s.key for s in view.sections(rated)]


def test_five_ones_follow_todays_ticks(db):
    config = Config()
    names = journal.habit_names(config)
    journal.tick_habit(db, TODAY, names[1], TODAY)
    journal.tick_habit(db, TODAY - timedelta(days=1), names[0], TODAY)
    habits = plan.build_agenda(db, TODAY, config).habits
    assert [(h.name, h.done) for h in habits] == [(n, n == names[1]) for n in names]


def app_on(db_path, config):
    return WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")


async def test_tick_a_five_ones_item_with_enter(db, db_path, config):
    app = app_on(db_path, config)
    habit = journal.habit_names(config)[2]
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        app.screen.select(f"habit:{habit}")
        await pilot.press("enter")
        await wait_loaded(pilot)
        assert journal.ticks_on(db, TODAY) == {habit}
        assert app.screen.selected_id() == f"habit:{habit}"
        await pilot.press("enter")  # and untick
        await wait_loaded(pilot)
        assert journal.ticks_on(db, TODAY) == set()


async def test_morning_score_with_one_key(db, db_path, config):
    app = app_on(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        assert app.screen.selected_id() == "mood"
        await pilot.press("m")
        await wait_loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        app.screen.query_one("#f-mood_score", Input).value = "85"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert isinstance(app.screen, PlanScreen)
        assert app.screen.agenda.mood == 85
        assert "mood" not in [o.id for o in app.screen.query_one("#agenda").options]
    assert journal.mood_on(db, TODAY).score == 85


async def test_enter_on_documents_opens_the_register_forms(db, db_path, config):
    o, policy, form = register_day(db, config)
    app = app_on(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        app.screen.select(f"doc:policy:{policy}")
        await pilot.press("enter")
        await wait_loaded(pilot)
        assert isinstance(app.screen, SignOffScreen)
        await pilot.press("escape")
        await wait_loaded(pilot)
        assert isinstance(app.screen, PlanScreen)
        app.screen.select(f"doc:review:{form}")
        await pilot.press("enter")
        await wait_loaded(pilot)
        assert isinstance(app.screen, FormScreen)


def test_long_document_lists_are_capped_with_a_more_line():
    from workbench.plan.documents import DOC_LIMIT, DocItem, capped

    items = [DocItem("receipt", i, 1, "A", "甲", f"P{i}", "", 1, i) for i in range(DOC_LIMIT + 5)]
    items.append(DocItem("review", 99, 1, "A", "甲", "T1", "", 1, 2))
    out = capped(items)
    receipts = [d for d in out if d.kind == "receipt"]
    assert len(receipts) == DOC_LIMIT
    assert receipts[0].days == DOC_LIMIT + 4  # the most overdue first
    more = [d for d in out if d.kind == "more"]
    assert [(m.what, m.count) for m in more] == [("receipt", 5)]
    assert [d.kind for d in out][-1] == "review"  # short lists are kept whole


async def test_enter_on_a_more_line_opens_the_whole_list(db, db_path, config, monkeypatch):
    from workbench.plan import documents as plan_documents

    monkeypatch.setattr(plan_documents, "DOC_LIMIT", 1)
    populate(db, config, TODAY)  # three original policies wait to go to the counter
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        more = [d for d in screen.agenda.documents if d.kind == "more" and d.what == "policy"]
        assert more and more[0].count >= 2
        screen.select("doc:more:0:policy")
        await pilot.press("enter")
        await wait_loaded(pilot)
        assert app.current_mode == "deliveries"
