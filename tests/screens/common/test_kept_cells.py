"""Kept cells: a table that reuses drawn cells draws, line for line, what DataTable
draws, whatever rows it was shown before and in whatever order; a click lands on the
row under the pointer."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widgets import DataTable

from workbench.screens.common.kept_cells import KeptCellsTable
from workbench.screens.common.tables import cut_end, put_in_order, replace_rows

COLUMNS = ("code", "name", "due")


class TwinTables(App):
    CSS = """
    DataTable { height: 10; width: 40; }
    .alarm DataTable > .datatable--cursor { background: red; }
    """
    AUTO_FOCUS = None  # neither focused: both drawn in the same state

    def compose(self) -> ComposeResult:
        yield KeptCellsTable(id="kept", cursor_type="row", zebra_stripes=True)
        yield DataTable(id="plain", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        for table in self.query(DataTable):
            table.add_columns(*COLUMNS)


def drawn(table: DataTable) -> list[list]:
    width, height = table.size
    return [list(strip) for strip in table.render_lines(Region(0, 0, width, height))]


def row_cells(key: str, due: int):
    colour = "b red" if due < 0 else "b yellow" if due == 0 else "green"
    return (key, cut_end(f"支行{key}"), f"[{colour}]{due}[/]")


pages = st.lists(st.tuples(st.sampled_from("abcdefghijkl"), st.integers(-2, 2)),
                 unique_by=lambda row: row[0], max_size=12)
moves = st.lists(st.tuples(st.sampled_from(["fill", "reorder", "cursor", "theme"]), pages,
                           st.integers(0, 11)), min_size=1, max_size=6)


def examples(strategy, count: int) -> list:
    """Hypothesis examples drawn up front: the test awaits the app between steps."""
    found = []

    @settings(max_examples=count, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def collect(value):
        found.append(value)

    collect()
    return found


async def test_kept_cells_draw_what_datatable_draws_after_any_fill_and_reorder():
    app = TwinTables()
    async with app.run_test(size=(100, 30)) as pilot:
        kept, plain = app.query_one("#kept", DataTable), app.query_one("#plain", DataTable)
        for steps in examples(moves, 40):
            for what, page, at in steps:
                for table in (kept, plain):
                    if what == "fill":
                        replace_rows(table, [(key, row_cells(key, due)) for key, due in page])
                    elif what == "reorder" and table.row_count:
                        keys = [row.key.value for row in table.ordered_rows]
                        put_in_order(table, keys[at % len(keys):] + keys[:at % len(keys)])
                    elif what == "cursor" and table.row_count:
                        table.move_cursor(row=at % table.row_count)
                if what == "theme":
                    app.theme = "textual-light" if app.theme != "textual-light" else "nord"
                await pilot.pause()
                assert drawn(kept) == drawn(plain), steps
        assert kept.kept_cells.hits  # cells were reused, and compared when they were


async def test_a_click_after_a_reorder_selects_the_row_under_the_pointer():
    app = TwinTables()
    async with app.run_test(size=(100, 30)) as pilot:
        kept = app.query_one("#kept", KeptCellsTable)
        replace_rows(kept, [(key, row_cells(key, 1)) for key in "abcdef"])
        await pilot.pause()
        # "e" moves from row 4 to row 2 (a row of the same stripe): its drawn cells are
        # reused there, and must say row 2 to a click.
        put_in_order(kept, list("bcedfa"))
        await pilot.pause()
        assert {segment.style.meta["row"] for segment in drawn(kept)[3]} == {2}
        await pilot.click("#kept", offset=(2, 3))
        await pilot.pause()
        assert kept.coordinate_to_cell_key(kept.cursor_coordinate).row_key.value == "e"


async def test_a_restyle_that_changes_only_the_cursor_colour_draws_it_again():
    app = TwinTables()
    async with app.run_test(size=(100, 30)) as pilot:
        kept, plain = app.query_one("#kept", DataTable), app.query_one("#plain", DataTable)
        for table in (kept, plain):
            replace_rows(table, [(key, row_cells(key, 1)) for key in "abc"])
        await pilot.pause()
        app.screen.add_class("alarm")  # the table's own style and state are unchanged
        await pilot.pause()
        assert drawn(kept) == drawn(plain)


async def frames_over_focus_changes(table_class) -> tuple[list, list[int]]:
    """What a table draws as it gains and loses the focus (a filter typed above it) and
    its cursor moves; and the cells it drew afresh at each step."""
    from textual.widgets import Input

    class Filtered(App):
        def compose(self) -> ComposeResult:
            yield Input(id="filter")
            yield table_class(id="rows", cursor_type="row", zebra_stripes=True)

    app = Filtered()
    frames, misses = [], []
    async with app.run_test(size=(60, 20)) as pilot:
        table = app.query_one("#rows", DataTable)
        table.add_columns(*COLUMNS)
        replace_rows(table, [(key, row_cells(key, 0)) for key in "abcdef"])
        for step, target in enumerate(("#rows", "#filter", "#rows", "#filter", "#rows")):
            app.query_one(target).focus()
            await pilot.pause()
            before = getattr(table, "kept_cells", None) and table.kept_cells.misses
            frames.append(drawn(table))
            table.move_cursor(row=step % 2)  # a row drawn with the cursor in this state
            await pilot.pause()
            frames.append(drawn(table))
            if before is not None:
                misses.append(table.kept_cells.misses - before)
    return frames, misses


async def test_rows_drawn_while_focused_and_not_are_kept_apart_and_stay_right():
    """Each focus state's drawn rows are kept (not drawn afresh at each change) and are
    what DataTable draws (the cursor's colours follow the focus)."""
    from workbench.screens.common.tables import FitTable

    kept, misses = await frames_over_focus_changes(KeptCellsTable)
    plain, _ = await frames_over_focus_changes(DataTable)
    assert kept == plain
    assert misses[2:] == [0, 0, 0]  # both states seen: the cursor's moves reuse cells
    assert issubclass(FitTable, KeptCellsTable)
