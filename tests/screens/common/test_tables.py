"""replace_rows: the table ends up showing exactly the rows asked for, in their order,
and a change to a few rows touches only those (no refill)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from workbench.screens.common.tables import FitTable, PendingRows, cut_end, replace_rows


class TableApp(App):
    def compose(self) -> ComposeResult:
        yield DataTable()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("code", "status")


def shown(table: DataTable) -> list[tuple[str, tuple]]:
    return [(row.key.value, tuple(table.get_row(row.key))) for row in table.ordered_rows]


keys = st.lists(st.sampled_from("abcdefgh"), unique=True, max_size=8)
cells = st.tuples(st.sampled_from(["1", "2", "[b red]3[/]"]), st.sampled_from(["x", "y"]))
row_lists = keys.flatmap(lambda ks: st.lists(cells, min_size=len(ks), max_size=len(ks))
                         .map(lambda cs: list(zip(ks, cs, strict=True))))


async def test_the_table_shows_what_was_asked_whatever_it_showed_before():
    app = TableApp()
    async with app.run_test():
        table = app.query_one(DataTable)

        @settings(max_examples=150, deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture])
        @given(before=row_lists, after=row_lists)
        def check(before, after):
            replace_rows(table, before)
            assert shown(table) == before
            how = replace_rows(table, after)
            assert shown(table) == after
            if before == after:
                assert how == "same"

        check()


async def test_a_changed_cell_is_updated_in_place_and_new_rows_are_appended():
    app = TableApp()
    async with app.run_test():
        table = app.query_one(DataTable)
        rows = [(k, (k, "awaiting")) for k in "abc"]
        assert replace_rows(table, rows) == "updated"  # appended to an empty table
        row_b = table.rows["b"]
        rows[1] = ("b", ("b", "signed"))
        assert replace_rows(table, rows) == "updated"
        assert table.rows["b"] is row_b  # the same row, its cell updated
        assert replace_rows(table, [*rows, ("d", ("d", "awaiting"))]) == "updated"
        assert replace_rows(table, [rows[0], rows[2]]) == "updated"  # b removed
        row_c = table.rows["c"]
        assert replace_rows(table, [rows[2], rows[0]]) == "reordered"  # another order
        assert shown(table) == [rows[2], rows[0]]
        assert table.rows["c"] is row_c  # moved, not drawn afresh
        new = ("n", ("n", "awaiting"))  # a new line at the top, as the register shows it
        assert replace_rows(table, [new, rows[2], rows[0]]) == "reordered"
        assert shown(table) == [new, rows[2], rows[0]] and table.rows["c"] is row_c
        assert table.get_row_at(0) == list(new[1])  # what is drawn at each row, too


async def test_a_page_mostly_gone_is_refilled_not_removed_row_by_row():
    from workbench.screens.common.tables import REMOVALS_IN_PLACE

    app = TableApp()
    async with app.run_test():
        table = app.query_one(DataTable)
        page = [(f"k{n}", (f"k{n}", "x")) for n in range(40)]
        for gone in (REMOVALS_IN_PLACE, REMOVALS_IN_PLACE + 1):
            replace_rows(table, page)
            kept = page[gone:]
            fresh = [(f"n{n}", (f"n{n}", "y")) for n in range(gone)]
            how = replace_rows(table, kept + fresh)
            assert shown(table) == kept + fresh
            assert how == ("updated" if gone == REMOVALS_IN_PLACE else "refilled")


async def test_most_cells_changed_is_a_refill_that_keeps_the_cursor():
    from workbench.screens.common.tables import CELLS_IN_PLACE

    app = TableApp()
    async with app.run_test():
        table = app.query_one(DataTable)
        page = [(f"k{n}", (f"k{n}", "x")) for n in range(30)]
        for changed in (CELLS_IN_PLACE, CELLS_IN_PLACE + 1):
            replace_rows(table, page)
            table.move_cursor(row=20)
            after = [(k, (c[0], "y" if n < changed else c[1])) for n, (k, c) in enumerate(page)]
            how = replace_rows(table, after)
            assert shown(table) == after and table.cursor_row == 20
            assert how == ("updated" if changed == CELLS_IN_PLACE else "refilled")


def test_pending_rows_collect_what_a_fill_adds():
    pending = PendingRows()
    pending.add_row("a", "b", key="1")
    assert pending.rows == [("1", ("a", "b"))]


class FitApp(App):
    """A FitTable of a code, a name (flexible, at least 6) and a date (optional)."""

    def compose(self) -> ComposeResult:
        yield FitTable(flexible={"name": 6}, optional=("date",))

    def on_mount(self) -> None:
        table = self.query_one(FitTable)
        for key in ("code", "name", "date"):
            table.add_column(key, key=key)
        replace_rows(table, [("1", ("ICBC-102", cut_end("中国工商银行北京海淀支行"),
                                    "2026-11-27"))])


def widths(table: FitTable) -> dict[str, int]:
    return {str(c.key.value): c.width for c in table.ordered_columns}


# code 8 + name 24 + date 10, each padded by 1 on both sides, and the scrollbar's 2.
WHOLE = 8 + 24 + 10 + 6 + 2


@pytest.mark.parametrize(("width", "expected", "hidden"), [
    (WHOLE, {"code": 8, "name": 24, "date": 10}, ()),
    (WHOLE - 1, {"code": 8, "name": 23, "date": 10}, ()),
    (WHOLE - 18, {"code": 8, "name": 6, "date": 10}, ()),
    (WHOLE - 19, {"code": 8, "name": 15, "date": 0}, ("date",)),
    (10, {"code": 8, "name": 6, "date": 0}, ("date",)),
])
async def test_names_give_way_then_optional_columns_fold_codes_never_cut(width, expected,
                                                                        hidden):
    app = FitApp()
    async with app.run_test(size=(width, 5)) as pilot:
        await pilot.pause()
        table = app.query_one(FitTable)
        assert widths(table) == expected
        assert table.hidden == hidden
        line = table.render_lines(table.region.reset_offset)[1].text
        assert "ICBC-102" in line
        if width >= WHOLE - 19 and expected["name"] < 24:
            assert "…" in line and "中国" in line


async def test_a_table_shown_again_keeps_its_drawn_rows_until_its_styles_change(monkeypatch):
    """Textual restyles every widget of a screen shown again; the rows stay drawn unless
    what they were drawn with changed (a theme, the focus's colours)."""
    from textual.app import App
    from textual.screen import Screen

    from workbench.screens.common.tables import FitTable

    drawn: list[int] = []
    real = FitTable._render_cell
    monkeypatch.setattr(FitTable, "_render_cell",
                        lambda self, *a, **k: drawn.append(1) or real(self, *a, **k))

    class Rows(Screen):
        def compose(self):
            yield FitTable(id="rows", cursor_type="row")

        def on_mount(self) -> None:
            table = self.query_one(FitTable)
            table.add_columns("a", "b")
            for i in range(20):
                table.add_row(f"{i}", f"row {i}")
            table.focus()

    class Tables(App):
        MODES = {"rows": Rows, "other": Screen}

        def on_mount(self) -> None:
            self.switch_mode("rows")

    app = Tables()
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        assert drawn
        for _ in range(2):
            await app.switch_mode("other")
            await pilot.pause()
            drawn.clear()
            await app.switch_mode("rows")
            await pilot.pause()
            assert not drawn  # restyled, not redrawn
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        assert drawn  # new colours: drawn again
