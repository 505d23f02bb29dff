"""The first morning, from inside the app: a GB18030 outlet list with one bad row is
refused whole with the command line's error lines (nothing written); its valid rows go
in only when asked, as a second step. The staff list imports from the roster (``U``)."""

from __future__ import annotations

from textual.widgets import Static

from tests.conftest import NOW, TODAY, wait_loaded, wait_ready, wait_until
from workbench.app import WorkbenchApp
from workbench.screens.onboarding.import_outlets import ImportOutletsScreen
from workbench.screens.plan.plan import PlanScreen

LIST = ("网点代码,名称,银行,网点等级\n"
        "CCB-101,中国建设银行北京朝阳支行,中国建设银行,A\n"
        "ICBC-102,中国工商银行北京海淀支行,中国工商银行,Z\n"  # no tier Z: the bad row
        "ABC-103,中国农业银行北京昌平支行,中国农业银行,B\n")


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_a_list_with_a_bad_row_writes_nothing_then_its_valid_rows_when_asked(
        db, db_path, config, tmp_path):
    source = tmp_path / "网点清单.csv"
    source.write_bytes(LIST.encode("gb18030"))
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("2")
        await wait_loaded(pilot)
        await pilot.press("u")
        await wait_until(pilot, lambda: isinstance(app.screen, ImportOutletsScreen),
                         "the import screen")
        await pilot.press(*str(tmp_path / "网点"))
        await wait_until(pilot, lambda: app.screen.query_one("#import-path")._suggestion
                         .endswith("网点清单.csv"), "the path's completion")
        await pilot.press("tab")
        assert app.screen.query_one("#import-path").value == str(source)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "未导入任何数据" in text(app, "#import-status"),
                         "the refusal: " + text(app, "#import-status"))
        assert text(app, "#import-errors").startswith("第 3 行,网点等级:")  # the CLI's line
        assert db.execute("SELECT count(*) FROM outlets").fetchone()[0] == 0
        await pilot.click("#import-valid")
        await wait_until(pilot, lambda: "导入完成" in text(app, "#import-status"),
                         "the valid rows: " + text(app, "#import-status"))
        assert "新增 2 条" in text(app, "#import-status")
        await pilot.press("escape")
        await pilot.press("1")
        await wait_loaded(pilot)
        assert isinstance(app.screen, PlanScreen)
        ids = {i for i, _ in [line for s in app.screen.sections for line in s.lines()]}
        assert any(i and i.startswith("visit:") for i in ids)  # the outlets' visits are due
        assert not app.screen.query("#empty-hint") or not app.screen.query_one(
            "#empty-hint").display
    codes = [r[0] for r in db.execute("SELECT code FROM outlets ORDER BY code")]
    assert codes == ["ABC-103", "CCB-101"]


async def test_the_whole_first_run_name_grade_period_then_the_list(db, db_path, config,
                                                                    tmp_path):
    from workbench.core import config as config_mod
    from workbench.screens.common.form import FormScreen

    source = tmp_path / "outlets.csv"
    source.write_bytes(LIST.encode("gb18030"))
    saved = tmp_path / "conf" / "config.toml"
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh",
                       config_path=saved)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FormScreen), "the guide's form")
        await pilot.press("ctrl+s")  # no name: refused, nothing saved
        await pilot.pause()
        assert isinstance(app.screen, FormScreen) and not saved.exists()
        await pilot.press(*"李娜")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ImportOutletsScreen),
                         "the guide's second step")
        assert "李娜" in app.sub_title  # the header names the manager at once
        await pilot.press(*str(source), "enter")
        await wait_until(pilot, lambda: "未导入任何数据" in text(app, "#import-status"),
                         "the refusal of the bad row")
        await pilot.click("#import-valid")
        await wait_until(pilot, lambda: "导入完成" in text(app, "#import-status"),
                         "the import to finish")
        await pilot.press("escape")
        await wait_loaded(pilot)
        assert any(s.key == "visits" and s.items for s in app.screen.sections)
    written = config_mod.load(saved)
    assert (written.manager.name, written.manager.grade, written.goals.period) == (
        "李娜", config.manager.grade, config.goals.period)


async def test_the_branch_staff_list_imports_from_the_roster_all_or_nothing(
        db, db_path, config, tmp_path):
    """``U`` on the roster: the staff list as a branch keeps it, with the same lines as
    ``workbench import staff`` for a bad file, and the roles shown as written."""
    from pathlib import Path

    from workbench.roster.importer import import_rows
    from workbench.roster.sheets import read_rows
    from workbench.screens.roster.import_staff import ImportStaffScreen

    branch = Path(__file__).resolve().parents[2] / "fixtures" / "branch"
    import_rows(db, "outlets", read_rows(branch / "outlets.csv"), config, skip_invalid=False,
                now=NOW)
    bad = tmp_path / "人员.csv"
    bad.write_bytes("网点代码,姓名,岗位\n34010101,马丽,综合柜员\n99999999,牛犇,柜员\n"
                    .encode("gb18030"))
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("2")
        await wait_loaded(pilot)
        await pilot.press("U")
        await wait_until(pilot, lambda: isinstance(app.screen, ImportStaffScreen),
                         "the staff import screen")
        app.screen.query_one("#import-path").value = str(bad)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "未导入任何数据" in text(app, "#import-status"),
                         "the refusal: " + text(app, "#import-status"))
        assert text(app, "#import-errors") == (
            "第 3 行,网点代码:没有网点“99999999”(按代码或名称找),请先导入网点")  # the CLI's line
        assert db.execute("SELECT count(*) FROM staff").fetchone()[0] == 0
        app.screen.query_one("#import-path").value = str(branch / "staff.csv")
        app.screen.query_one("#import-path").focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: "导入完成" in text(app, "#import-status"),
                         "the staff list: " + text(app, "#import-status"))
        assert "新增 40 条" in text(app, "#import-status")
        assert not app.screen.query_one("#import-valid").display
    roles = dict(db.execute("SELECT name, coalesce(title, role) FROM staff").fetchall())
    assert (roles["黄明"], roles["王静"]) == ("综合柜员", "网点主任")
