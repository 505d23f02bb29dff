"""The first morning, from inside the app: a GB18030 outlet list with one bad row."""

from __future__ import annotations

from textual.widgets import Static

from tests.conftest import TODAY, wait_loaded, wait_ready, wait_until
from workbench.app import WorkbenchApp
from workbench.screens.onboarding.import_outlets import ImportOutletsScreen
from workbench.screens.plan.plan import PlanScreen

LIST = ("网点代码,名称,银行,网点等级\n"
        "CCB-101,中国建设银行北京朝阳支行,中国建设银行,A\n"
        "ICBC-102,中国工商银行北京海淀支行,中国工商银行,Z\n"  # no tier Z: the bad row
        "ABC-103,中国农业银行北京昌平支行,中国农业银行,B\n")


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_a_gb18030_list_imports_its_good_rows_lists_the_bad_and_the_plan_fills(
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
        await wait_until(pilot, lambda: "导入完成" in text(app, "#import-status"),
                         "the import to finish: " + text(app, "#import-status"))
        assert "新增 2 条" in text(app, "#import-status")
        assert text(app, "#import-errors").startswith("第 3 行,网点等级:")  # the CLI's line
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
        await wait_until(pilot, lambda: "导入完成" in text(app, "#import-status"),
                         "the import to finish")
        await pilot.press("escape")
        await wait_loaded(pilot)
        assert any(s.key == "visits" and s.items for s in app.screen.sections)
    written = config_mod.load(saved)
    assert (written.manager.name, written.manager.grade, written.goals.period) == (
        "李娜", config.manager.grade, config.goals.period)
