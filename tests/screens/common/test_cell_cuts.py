"""What a table cell may give up (screens.common.cell_cuts) and what a fitted table may
narrow (tables.fit_widths): a figure, a date or a code is never cut at any width; a name
cut in its middle keeps its start and its end."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from workbench.screens.common.cell_cuts import Shortened, least_width, name_cell, outlet_cell
from workbench.screens.common.tables import fit_widths

names = st.text(st.sampled_from("中国建设银行北京朝阳丰台支行分理处abc "), min_size=1, max_size=20)
figures = st.from_regex(r"¥[1-9][0-9]{0,2}(,[0-9]{3}){0,3}|P20[0-9]{8}|[A-Z]{2,5}-[0-9]{3}",
                        fullmatch=True)


@given(figures, names, figures, st.integers(1, 60))
def test_the_whole_parts_of_a_cell_are_never_cut(before, name, after, width):
    cell = Shortened.around(before + " ", name, " " + after)
    drawn = cell.fitted(width).plain
    assert drawn.startswith(before + " ") and drawn.endswith(" " + after)
    assert cell_len(drawn) <= max(width, cell.least)


@given(names, st.integers(5, 40))
def test_a_name_cut_in_its_middle_keeps_its_start_and_end(name, width):
    drawn = name_cell(name).fitted(width).plain
    if cell_len(name) <= width:
        assert drawn == name
        return
    head, _, tail = drawn.partition("…")
    assert name.startswith(head) and name.endswith(tail) and cell_len(drawn) <= width
    if len(name) >= 4:
        assert head and tail


def test_four_outlets_of_one_bank_read_apart():
    names = ["中国建设银行北京朝阳支行", "中国建设银行北京丰台支行", "中国建设银行北京海淀分理处",
             "中国建设银行北京丰台分理处"]
    drawn = {outlet_cell("CCB-1", name).fitted(25).plain for name in names}
    assert len(drawn) == 4 and "CCB-1 中国建设银…台分理处" in drawn


columns = st.dictionaries(st.sampled_from("abcdefgh"), st.integers(1, 30), min_size=1)


@given(columns, st.data(), st.integers(0, 200))
def test_a_column_of_figures_is_never_narrowed(natural, data, room):
    keys = list(natural)
    flexible = {key: data.draw(st.integers(0, 20)) for key in keys
                if data.draw(st.booleans())}
    least = {key: data.draw(st.integers(0, natural[key])) for key in flexible}
    optional = data.draw(st.lists(st.sampled_from(keys), unique=True))
    widths, hidden = fit_widths(natural, least, flexible, room, optional)
    for key in keys:
        if key in hidden:
            assert key not in flexible and widths[key] == 0
        elif key not in flexible:
            assert widths[key] == natural[key]  # a figure, a date, a code: whole
        else:
            assert least[key] <= widths[key] <= max(natural[key], least[key])


def test_a_plain_cell_cannot_give_way():
    assert least_width("¥100,000") == cell_len("¥100,000")
    assert least_width(outlet_cell("BOCOM-104", "交通银行北京西城支行")) == len("BOCOM-104 …")
