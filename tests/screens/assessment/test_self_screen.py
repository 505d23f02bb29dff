"""Pilot tests of the self-assessment screen: rate the mood, log a policy, tick a habit."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Select, Static

from tests.conftest import TODAY, wait_loaded, wait_ready
from workbench.app import WorkbenchApp
from workbench.assessment import grades, journal, policies
from workbench.demo.build import populate
from workbench.screens.assessment.assessment import AssessmentScreen
from workbench.screens.common.form import FormScreen


def make_app(db, db_path, config, demo=True):
    if demo:
        populate(db, config, TODAY)
    return WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")


async def open_self(app, pilot):
    await wait_ready(app, pilot)
    await pilot.press("4")
    await wait_loaded(pilot)
    assert isinstance(app.screen, AssessmentScreen)


async def test_rate_the_mood_with_a_bad_then_a_good_score(db, db_path, config):
    app = make_app(db, db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_self(app, pilot)
        await pilot.press("m")
        await wait_loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"101", "enter")
        await wait_loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "at most 100" in str(app.screen.query_one("#e-mood_score").render())
        assert journal.mood_on(db, TODAY) is None
        app.screen.query_one("#f-mood_score", Input).value = "88"
        app.screen.query_one("#f-mood_note", Input).value = "精力充沛"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert isinstance(app.screen, AssessmentScreen)
        assert "Today 88" in str(app.screen.query_one("#self-mood", Static).render())
    assert journal.mood_on(db, TODAY) == journal.Mood(TODAY, 88, "精力充沛")


async def test_mood_form_can_be_opened_by_the_plan(db, db_path, config):
    from workbench.screens.assessment.assessment import open_mood_form

    app = make_app(db, db_path, config, demo=False)
    results = []
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        open_mood_form(app, results.append)
        await wait_loaded(pilot)
        await pilot.press(*"70", "enter")
        await wait_loaded(pilot)
    assert results == [journal.Mood(TODAY, 70, None)]


async def test_log_a_policy_then_a_duplicate(db, db_path, config):
    app = make_app(db, db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_self(app, pilot)
        before = grades.current_status(db, 10, TODAY, config.goals).achieved
        await pilot.press("n")
        await wait_loaded(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#f-policy_no", Input).value = "P-NEW-1"
        outlet_select = form.query_one("#f-policy_outlet", Select)
        outlet_id = outlet_select._options[-1][1]
        outlet_select.value = outlet_id
        form.query_one("#f-policy_product", Input).value = "鑫享年金"
        form.query_one("#f-policy_premium", Input).value = "-5"
        form.query_one("#f-policy_term", Input).value = "10"
        form.query_one("#f-policy_customer", Input).value = "李四"
        form.query_one("#f-policy_phone", Input).value = "13912345678"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "more than 0" in str(form.query_one("#e-policy_premium").render())
        form.query_one("#f-policy_premium", Input).value = "20000"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert isinstance(app.screen, FormScreen)  # the offer to register the original
        await pilot.press("escape")  # not arrived yet
        await wait_loaded(pilot)
        assert isinstance(app.screen, AssessmentScreen)
        table = app.screen.query_one("#self-policies", DataTable)
        assert any(table.get_row_at(i)[1] == "P-NEW-1" for i in range(table.row_count))
        row = next(table.get_row_at(i) for i in range(table.row_count)
                   if table.get_row_at(i)[1] == "P-NEW-1")
        assert row[7] == "李*" and row[8] == "139****5678"
        after = grades.current_status(db, 10, TODAY, config.goals).achieved
        assert after - before == 2.0
        # The same number again is refused with a message; nothing is written.
        await pilot.press("n")
        await wait_loaded(pilot)
        form = app.screen
        form.query_one("#f-policy_no", Input).value = "P-NEW-1"
        form.query_one("#f-policy_outlet", Select).value = outlet_id
        for name, value in (("product", "x"), ("premium", "100"), ("term", "1"),
                            ("customer", "王五")):
            form.query_one(f"#f-policy_{name}", Input).value = value
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "already logged" in str(form.query_one("#e-policy_no").render())
    sql = "SELECT count(*) FROM policies WHERE policy_no = 'P-NEW-1'"
    assert db.execute(sql).fetchone()[0] == 1
    assert [p.policy_no for p in policies.policies_awaiting_document(db)][-1] == "P-NEW-1"


async def test_tick_a_habit_and_skip_the_day(db, db_path, config):
    app = make_app(db, db_path, config, demo=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_self(app, pilot)
        table = app.screen.query_one("#self-habits", DataTable)
        assert table.row_count == 5
        table.focus()
        await pilot.press("down", "enter")
        await wait_loaded(pilot)
        assert journal.ticks_on(db, TODAY) == {"one_book"}
        await pilot.press("t")
        await wait_loaded(pilot)
        assert journal.ticks_on(db, TODAY) == set()
        await pilot.press("k")
        await wait_loaded(pilot)
        assert journal.is_skip_day(db, TODAY)


async def test_try_another_grade_refuses_one_outside_the_table(db, db_path, config):
    app = make_app(db, db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_self(app, pilot)
        await pilot.press("g")
        await wait_loaded(pilot)
        form = app.screen
        form.query_one("#f-grade", Input).value = "14"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert "not in the table" in str(form.query_one("#e-grade").render())
        form.query_one("#f-grade", Input).value = "9"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        text = str(app.screen.query_one("#self-grade", Static).render())
        assert "Grade 9" in text and "Keep 18.5" in text


def test_snapshot_on_demo_data(db, db_path, config, snap_compare):
    app = make_app(db, db_path, config)

    async def run_before(pilot):
        await open_self(app, pilot)
        await wait_loaded(pilot)

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


async def test_void_a_policy_from_the_policies_tab(db, db_path, config):
    app = make_app(db, db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_self(app, pilot)
        await pilot.press("x")  # first press shows the policies tab
        await wait_loaded(pilot)
        table = app.screen.query_one("#self-policies", DataTable)
        count = table.row_count
        number = table.get_row_at(0)[1]
        await pilot.press("x")
        await wait_loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("enter")
        await wait_loaded(pilot)
        assert isinstance(app.screen, FormScreen)  # a reason is required
        await pilot.press(*"typo", "enter")
        await wait_loaded(pilot)
        assert isinstance(app.screen, AssessmentScreen)
        assert table.row_count == count - 1
    row = db.execute("SELECT void_reason FROM policies WHERE policy_no = ?", [number]).fetchone()
    assert row[0] == "typo"


async def test_at_80x24_the_tabs_and_their_tables_are_in_view_and_page_keys_work(
        db, db_path, config):
    """Issue #15: the grade and mood cards filled the screen, the tables were off it."""
    app = make_app(db, db_path, config)
    app.language = "zh"
    async with app.run_test(size=(80, 24)) as pilot:
        await open_self(app, pilot)
        await pilot.pause()
        screen = app.screen
        for tab in ("habits", "policies"):
            table = screen.query_one(f"#self-{tab}", DataTable)
            if tab == "policies":
                await pilot.press("right_square_bracket")
                await wait_loaded(pilot)
                await pilot.pause()
                table.focus()
                await pilot.pause()
            region = table.region
            assert region.height >= 8, tab  # the header and at least 7 rows
            assert region.bottom <= screen.size.height - 1  # above the footer
            assert table.row_count
        assert table.row_count > region.height  # the policies do not all fit: page keys
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("pageup")
        assert table.cursor_row < table.row_count - 1
        assert screen.query_one("#self-tabs").region.y < 13
