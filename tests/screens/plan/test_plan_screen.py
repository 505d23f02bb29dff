"""Pilot tests of the plan (今日): the default screen, keyboard reach, actions on Enter."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, OptionList

from tests.conftest import NOW, TODAY, run_from_palette, wait_loaded, wait_ready
from workbench.app import WorkbenchApp
from workbench.cli import main
from workbench.demo.build import populate
from workbench.plan import contacts, tasks
from workbench.roster import outlets, staff, visits
from workbench.screens.common.form import FormScreen
from workbench.screens.plan.plan import PlanScreen


def app_on(db_path, config, language="en"):
    return WorkbenchApp(db_path=db_path, config=config, today=TODAY, language=language)


def following_id(db, task_id: int) -> int:
    return db.execute("SELECT id FROM tasks WHERE prev_id = ?", [task_id]).fetchone()[0]


def highlighted(app) -> str | None:
    return app.screen.selected_id()


def option_ids(app) -> list[str]:
    agenda = app.screen.query_one("#agenda", OptionList)
    return [agenda.get_option_at_index(i).id or "" for i in range(agenda.option_count)]


async def test_plan_is_the_default_screen_and_keys_switch_modes(db, db_path, config):
    app = app_on(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("2")
        await wait_loaded(pilot)
        assert not isinstance(app.screen, PlanScreen)
        await pilot.press("p")
        await wait_loaded(pilot)
        assert isinstance(app.screen, PlanScreen)


async def test_tab_reaches_every_section(db, db_path, config):
    populate(db, config, TODAY)
    app = app_on(db_path, config)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        seen = [highlighted(app).split(":")[0]]
        for _ in range(12):
            await pilot.press("tab")
            seen.append(highlighted(app).split(":")[0])
        # The field work's sections (today's route, the displays, the route against the
        # visits: its missed stops are route items too) and the customers' follow-ups.
        assert seen == ["mood", "must", "route", "visit", "cust", "doc", "task", "bday",
                        "display", "habit", "audit", "route", "mood"]
        await pilot.press("shift+tab")
        assert highlighted(app).endswith(":missed")


async def test_check_in_from_the_agenda(db, db_path, config):
    oid = outlets.add_outlet(db, outlets.OutletDraft(code="C1", name="网点甲"), ["C"], NOW)
    app = app_on(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("tab", "tab", "tab")  # past the route section's "plan the route"
        assert highlighted(app) == f"visit:{oid}"
        await pilot.press("enter")
        await wait_loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        app.screen.query_one("#f-time", Input).value = "09:15"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert isinstance(app.screen, PlanScreen)
        visit = visits.open_visit(db)
        assert visit is not None and visit.outlet_id == oid
        assert visit.started_at.isoformat() == "2026-11-27T09:15:00"
        assert f"audit:{visit.id}" in option_ids(app)
        # Enter on the same outlet now checks out; a time before the check-in is refused.
        app.screen.select(f"visit:{oid}")
        await pilot.press("enter")
        await wait_loaded(pilot)
        app.screen.query_one("#f-time", Input).value = "08:00"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "09:15" in str(app.screen.query_one("#e-time").render())
        assert visits.open_visit(db) is not None


async def test_complete_a_recurring_task_and_see_the_next_one(db, db_path, config):
    tid = tasks.add_task(db, "周报", "today", TODAY, NOW, repeat="weekly", repeat_detail="fri")
    app = app_on(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        app.screen.select(f"task:{tid}")
        await pilot.press("enter")
        await wait_loaded(pilot)
        assert tasks.get_task(db, tid, TODAY).done
        following = tasks.tasks_for_day(db, date(2026, 12, 4))
        assert [(x.title, x.due, x.done) for x in following] == [("周报", date(2026, 12, 4),
                                                                 False)]
        assert any("Next one: 2026-12-04" in str(n.message) for n in app._notifications)
        # The next one shows on the plan, under the coming week.
        next_id = following_id(db, tid)
        agenda = app.screen.query_one("#agenda", OptionList)
        line = str(agenda.get_option_at_index(agenda.get_option_index(f"task:{next_id}")).prompt)
        assert "周报" in line and "12-04" in line
        # Undo with x: done again removed, and the next one withdrawn.
        app.screen.select(f"task:{tid}")
        await pilot.press("x")
        await wait_loaded(pilot)
        assert not tasks.get_task(db, tid, TODAY).done
        assert tasks.tasks_for_day(db, date(2026, 12, 4)) == [tasks.get_task(db, tid, date(
            2026, 12, 4))]


async def test_add_task_with_bad_input_then_good(db, db_path, config):
    app = app_on(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("a")
        await wait_loaded(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#f-task_title", Input).value = "x" * 10_000
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert "too long" in str(form.query_one("#e-task_title").render())
        form.query_one("#f-task_title", Input).value = "回访客户"
        form.query_one("#f-task_due", Input).value = "someday"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert "not a date" in str(form.query_one("#e-task_due").render())
        assert db.execute("SELECT count(*) FROM tasks").fetchone()[0] == 0
        form.query_one("#f-task_due", Input).value = "mon"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert isinstance(app.screen, PlanScreen)
    listed = tasks.upcoming(db, TODAY)
    assert [(x.title, x.due) for x in listed] == [("回访客户", date(2026, 11, 30))]


async def test_snooze_moves_a_task_off_today(db, db_path, config):
    tid = tasks.add_task(db, "t", "today", TODAY, NOW)
    app = app_on(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        app.screen.select(f"task:{tid}")
        await pilot.press("z")
        await wait_loaded(pilot)
        assert [x.id for x in app.screen.agenda.tasks] == []
        assert [x.id for x in app.screen.agenda.upcoming] == [tid]
    assert tasks.get_task(db, tid, TODAY).due == date(2026, 11, 28)


async def test_birthday_enter_logs_a_staff_contact_and_must_do_ticks(db, db_path, config):
    oid = outlets.add_outlet(db, outlets.OutletDraft(code="C1", name="网点甲"), ["C"], NOW)
    sid = staff.add_staff(db, oid, staff.StaffDraft(name="李柜员", birthday="1990-11-27"),
                            ["teller"], NOW)
    app = app_on(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        app.screen.select(f"bday:{sid}")
        await pilot.press("enter")
        await wait_loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        app.screen.query_one("#f-time", Input).value = "10:00"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert isinstance(app.screen, PlanScreen)
        assert app.screen.agenda.must_dos[1].done
        assert f"neglect:{oid}" not in option_ids(app)
    logged = contacts.contacts_on(db, TODAY)
    assert [(c.kind, c.who) for c in logged] == [("staff", "李柜员")]


async def test_customer_contact_needs_a_name(db, db_path, config):
    app = app_on(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        app.screen.select("must:customers")
        await pilot.press("enter")
        await wait_loaded(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert "required" in str(form.query_one("#e-contact_customer").render())
        form.query_one("#f-contact_customer", Input).value = "王先生"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert isinstance(app.screen, PlanScreen)
        assert app.screen.agenda.must_dos[2].done


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
async def test_readable_small_and_large(db, db_path, config, size):
    populate(db, config, TODAY)
    app = app_on(db_path, config, "zh")
    async with app.run_test(size=size) as pilot:
        await wait_ready(app, pilot)
        agenda = app.screen.query_one("#agenda", OptionList)
        assert agenda.region.height >= size[1] - 4  # the list gets the screen
        assert agenda.region.width == size[0]
        prompts = [str(agenda.get_option_at_index(i).prompt)
                   for i in range(agenda.option_count)]
        assert any("扎满点" in p for p in prompts)
        # Every item can be reached with the cursor, even below the fold.
        await pilot.press("end")
        assert highlighted(app).endswith(":missed")  # the route's missed stops come last


def test_today_command_prints_the_plan(db, db_path, config, capsys):
    populate(db, config, TODAY)
    db.close()
    assert main(["today", "--db", str(db_path), "--today", "2026-11-27", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("今日计划 2026-11-27 星期五")
    for needle in ("每日必做三件事", "到期拜访", "给渠道经理发周报", "已拖 2 天", "生日",
                   "不计入:不足 60 分钟"):
        assert needle in out


def test_today_command_without_a_database_is_one_line(tmp_path, capsys):
    assert main(["today", "--db", str(tmp_path / "none.db"), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No database" in err


async def test_palette_opens_the_task_form_from_another_screen(db, db_path, config):
    app = app_on(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("2")
        await wait_loaded(pilot)
        await run_from_palette(pilot, "task")
        assert isinstance(app.screen, FormScreen)
        assert app.screen.form_title == "Add a task"


async def test_titles_show_as_typed(db, db_path, config):
    tid = tasks.add_task(db, "[bold]看[/] 海报 [x]", "today", TODAY, NOW)
    app = app_on(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        agenda = app.screen.query_one("#agenda", OptionList)
        prompt = agenda.get_option_at_index(agenda.get_option_index(f"task:{tid}")).prompt
        assert "[bold]看[/] 海报 [x]" in str(prompt)


async def test_plan_keys_can_be_rebound(db, db_path):
    from workbench.core.config import Config

    config = Config(keymap={"plan_add_task": "n"})
    app = app_on(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("n")
        await wait_loaded(pilot)
        assert isinstance(app.screen, FormScreen)


async def test_contact_form_offers_the_staff_of_the_outlet_checked_in_at(db, db_path, config):
    here = outlets.add_outlet(db, outlets.OutletDraft(code="C1", name="网点甲"), ["C"], NOW)
    there = outlets.add_outlet(db, outlets.OutletDraft(code="C2", name="网点乙"), ["C"], NOW)
    mine = staff.add_staff(db, here, staff.StaffDraft(name="甲员工"), ["teller"], NOW)
    staff.add_staff(db, there, staff.StaffDraft(name="乙员工"), ["teller"], NOW)
    visits.check_in(db, here, NOW, "stationed")
    app = app_on(db_path, config)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("l")
        await wait_loaded(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        from textual.widgets import Select

        picker = form.query_one("#f-staff", Select)
        assert [value for _, value in picker._options if value != Select.NULL] == [str(mine)]
        assert picker.value == str(mine)


async def test_document_rows_stay_one_line_after_a_reload_at_80_columns(db, db_path, config):
    """Each item is one row, cut at the end, on the first load and after a reload: the
    Rich Text's no_wrap is lost when OptionList turns it into Content (issue #15)."""
    populate(db, config, TODAY)
    app = app_on(db_path, config, language="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        agenda = app.screen.query_one("#agenda", OptionList)
        for _ in range(2):
            options = [agenda.get_option_at_index(i) for i in range(agenda.option_count)]
            assert len(options) > 20
            # One line per option plus one per divider (a None between sections).
            dividers = sum(1 for option in options if option._divider)
            assert agenda.virtual_size.height == len(options) + dividers
            app.screen.refresh_data()
            await wait_loaded(pilot)
            await pilot.pause()


async def test_a_reload_that_changes_no_line_leaves_the_list_as_drawn(db, db_path, config):
    from workbench.screens.common.changes import announce

    populate(db, config, TODAY)
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        plan = app.screen
        agenda = plan.query_one("#agenda", OptionList)
        before = list(agenda.options)
        db.execute("UPDATE outlets SET notes = 'x' WHERE id = (SELECT MIN(id) FROM outlets)")
        announce(app, "outlets")  # the plan reloads; none of its lines shows notes
        await wait_loaded(pilot)
        assert list(agenda.options) == before and all(
            a is b for a, b in zip(agenda.options, before, strict=True))
        tasks.add_task(db, "Call the branch head", TODAY.isoformat(), TODAY, NOW)
        announce(app, "tasks")  # a new line: drawn
        await wait_loaded(pilot)
        assert any("Call the branch head" in str(o.prompt) for o in agenda.options)


async def test_a_long_section_opens_in_place_and_cuts_again(db, db_path, config):
    from tests.register_helpers import outlet
    from workbench.plan.view import SECTION_ROWS

    for n in range(SECTION_ROWS + 4):
        outlet(db, f"CCB-{n:03d}", f"建行{n}", NOW)
    app = app_on(db_path, config)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        visit_rows = [i for i in option_ids(app) if i.startswith("visit:")]
        assert len(visit_rows) == SECTION_ROWS and "more:visits" in option_ids(app)
        app.screen.select("more:visits")
        await pilot.press("enter")
        every = [i for i in option_ids(app) if i.startswith("visit:")]
        assert len(every) == SECTION_ROWS + 4 and every[:SECTION_ROWS] == visit_rows
        # The eye lands on the first row the cut had left out.
        assert highlighted(app) == every[SECTION_ROWS]
        # A reload keeps the section whole until the user cuts it again.
        app.screen.refresh_data()
        await wait_loaded(pilot)
        assert "fewer:visits" in option_ids(app)
        app.screen.select("fewer:visits")
        await pilot.press("enter")
        assert len([i for i in option_ids(app) if i.startswith("visit:")]) == SECTION_ROWS
        assert highlighted(app) == "more:visits"
