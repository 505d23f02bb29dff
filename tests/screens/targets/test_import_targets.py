"""The target sheet imported from the palette: a bad sheet is refused under the field
(nothing written), a good one fills the card's targets."""

from __future__ import annotations

from textual.widgets import Input

from tests.conftest import NOW, TODAY, run_from_palette, wait_loaded, wait_ready
from workbench.app import WorkbenchApp
from workbench.roster import outlets
from workbench.screens.common.form import FormScreen
from workbench.targets import targets


async def test_import_the_target_sheet_from_the_palette(db, db_path, config, tmp_path):
    oid = outlets.add_outlet(db, outlets.OutletDraft(code="ICBC-102", name="工行北京朝阳支行"),
                             ["A", "B", "C", "D"], NOW)
    bad = tmp_path / "bad.csv"
    bad.write_bytes("网点代码,期间,开始,保费任务\nICBC-999,月,2026-11,5\n".encode("gb18030"))
    good = tmp_path / "good.csv"
    good.write_bytes("网点代码,期间,开始,保费任务\nICBC-102,月,2026-11,5\n".encode("gb18030"))
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await run_from_palette(pilot, "import targets")
        await wait_loaded(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#f-target_file", Input).value = str(bad)
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert app.screen is form
        assert "ICBC-999" in str(form.query_one("#e-target_file").render())
        assert targets.outlet_targets(db, oid) == []
        form.query_one("#f-target_file", Input).value = str(good)
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert not isinstance(app.screen, FormScreen)
    [target] = targets.outlet_targets(db, oid)
    assert target.premium == 50000 and target.source == "import"
