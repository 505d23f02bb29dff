"""The register's views fit 80 columns in zh and en (issue #15): no sideways scrolling,
a long serial range shown compactly, and the cursor row's values that a column cuts or
folds away read whole in the detail line under the table."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.widgets import Static

from tests.conftest import wait_until
from workbench.app import WorkbenchApp
from workbench.core import i18n
from workbench.register import deliveries as reg
from workbench.screens.common.tables import FitTable


def detail(app: WorkbenchApp) -> str:
    return str(app.screen.query_one("#deliveries-detail", Static).render())


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("view", ["r", "u", "k", "f", "e"])
async def test_every_view_fits_80_columns(demo_copy, register_app, language, view):
    async with register_app((80, 24), "3", view, language=language) as (app, _pilot):
        table = app.screen.table
        assert table.row_count
        assert table.virtual_size.width <= table.size.width
        assert table.max_scroll_x == 0
        if view == "r":
            # A voided line's reason is cut, never its status: 已作废… / voided…
            widths = {str(c.key.value): c.width for c in table.ordered_columns}
            statuses = [i18n.t(f"deliveries.status.{s}") for s in ("awaiting", "signed",
                                                                     "voided")]
            assert widths["status"] >= max(cell_len(s) for s in statuses)
            assert widths["status"] > cell_len(statuses[-1])  # room for 已作废…
        if view == "r" and language == "zh":
            # The kind is whole and a 50-form range too: folded columns made room.
            widths = {str(c.key.value): c.width for c in table.ordered_columns}
            for row in range(table.row_count):
                cells = dict(zip(widths, table.get_row_at(row), strict=True))
                assert cells["kind"].cell_len <= widths["kind"]
            assert widths["what"] >= len("50 · A2026002151-2200")


@pytest.mark.parametrize("language", ["zh", "en"])
async def test_the_cursor_row_reads_whole_in_the_detail_line(demo_copy, register_app, language):
    db = demo_copy
    async with register_app((80, 24), language=language) as (app, pilot):
        table = app.screen.query_one("#table-register", FitTable)
        keys = [row.key.value for row in table.ordered_rows]
        lines = {str(x.id): x for x in reg.register(db, reg.RegisterFilter(), limit=300)}
        for target in ("application_form", "voided"):
            row = next(i for i, key in enumerate(keys)
                       if (lines[key].status == "voided") == (target == "voided")
                       and (target == "voided" or lines[key].kind == target))
            table.move_cursor(row=row)
            line = lines[keys[row]]
            await wait_until(pilot, lambda line=line: line.outlet_name in detail(app),
                             "the outlet's whole name in the detail line")
            text = detail(app)
            if target == "voided":
                assert line.void_reason and " ".join(line.void_reason.split()) in text
            else:
                # shown short in its column ("A2026002151-2200"), whole here
                shown = str(table.get_row_at(row)[3])
                assert str(line.serials) not in shown
                assert line.serials.short() in shown
                assert str(line.serials) in text


async def test_a_row_shown_whole_leaves_the_detail_line_empty(demo_copy, register_app):
    async with register_app((200, 40)) as (app, _pilot):
        table = app.screen.table
        assert table.hidden == ()
        assert table.unseen_cells(table.cursor_row) == []
        assert detail(app) == ""


async def test_width_left_over_goes_to_the_outlets_name_first(demo_copy, register_app):
    async with register_app((120, 40)) as (app, _pilot):
        table = app.screen.query_one("#table-register", FitTable)
        widths = {str(c.key.value): c.width for c in table.ordered_columns}
        natural = table.natural_widths()
        assert widths["outlet"] < natural["outlet"]  # still cut at 120 columns ...
        narrowest = max(table.flexible["status"], table.measure()[1]["status"])
        assert widths["status"] == narrowest  # ... so no spare elsewhere
        assert widths["outlet"] >= len("BOCOM-108 ") + 2 * 8  # code and 8 characters
