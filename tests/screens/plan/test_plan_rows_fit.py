"""The plan at 80 columns (issue #15): a row too wide gives up the middle of its outlet's
name, so how long a paper has waited (已等 4 天) is never cut; wider, nothing is cut."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.widgets import OptionList

from tests.conftest import TODAY, wait_loaded, wait_ready
from workbench.app import WorkbenchApp
from workbench.demo.build import populate


def rows(app) -> list[str]:
    agenda = app.screen.query_one("#agenda", OptionList)
    return [str(agenda.get_option_at_index(i).prompt) for i in range(agenda.option_count)]


@pytest.mark.parametrize(("size", "cut"), [((80, 24), True), ((160, 40), False)])
async def test_document_rows_keep_their_days_whole(db, db_path, config, size, cut):
    populate(db, config, TODAY)
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh")
    async with app.run_test(size=size) as pilot:
        await wait_ready(app, pilot)
        await wait_loaded(pilot)
        await pilot.pause()
        agenda = app.screen.query_one("#agenda", OptionList)
        room = agenda.size.width - agenda.styles.scrollbar_size_vertical - 2
        waiting = [row for row in rows(app) if "已等" in row]
        assert waiting
        for row in waiting:
            assert row.rstrip().endswith("天"), row
            assert cell_len(row) <= room
        assert any("…" in row for row in waiting) is cut
