"""Cutting text to a width in terminal cells (core.i18n ``cut``, ``cut_middle``,
``columns(width=)``): rows of the plan fit a narrow screen by giving up the middle of
the widest column, so the days at the end stay whole."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from workbench.core.i18n import MIN_CUT, columns, cut, cut_middle, holds_figure, kept_ends

texts = st.text(st.sampled_from("中国农业银行北京昌平分理处支abcXYZ-12 "), max_size=30)


@given(texts, st.integers(2, 40))
def test_a_cut_text_fits_and_keeps_its_ends(text, width):
    for cutter in (cut, cut_middle):
        got = cutter(text, width)
        assert cell_len(got) <= width
        if cell_len(text) <= width:
            assert got == text
        else:
            assert "…" in got
            assert got.startswith(got.split("…")[0]) and text.startswith(got.split("…")[0])
    if cell_len(text) > width:
        assert text.endswith(cut_middle(text, width).split("…")[-1])


def test_a_branch_and_a_sub_branch_stay_apart_when_cut():
    branch, sub_branch = "中国农业银行北京昌平支行", "中国农业银行北京昌平分理处"
    assert cut_middle(branch, 20) != cut_middle(sub_branch, 20)
    assert cut_middle("中国农业银行北京昌平分理处", 20) == "中国农业…昌平分理处"
    assert cut("中国农业银行", 7) == "中国农…"


ROWS = [["正本待登记", "中国农业银行北京昌平分理处", "P202600016", "已等 4 天"],
        ["待签收", "交通银行北京西城支行", "投保单、海报", "已等 1 天"]]


def test_rows_fit_the_width_by_the_widest_column():
    natural = columns(ROWS)
    wide = max(cell_len(line) for line in natural)
    assert columns(ROWS, width=wide) == natural  # exactly fitting: nothing cut
    narrow = columns(ROWS, width=wide - 1)
    assert all(cell_len(line) <= wide - 1 for line in narrow)
    assert all(line.endswith(row[-1]) for line, row in zip(narrow, ROWS, strict=True))
    assert "…" in narrow[0] and narrow[0] != natural[0]


def test_columns_are_cut_widest_first_never_below_their_minimum():
    lines = columns(ROWS, width=10)  # far too narrow: every name down to its minimum
    assert all(line.endswith(row[-1]) for line, row in zip(lines, ROWS, strict=True))
    # The policy number is a code: whole, its column as wide as it.
    assert cell_len(lines[0]) == 2 * (MIN_CUT + 2) + cell_len("P202600016  ") + cell_len(
        ROWS[0][-1])
    assert "P202600016" in lines[0]
    assert "中…处" in lines[0]  # a Chinese name keeps its end
    label = columns([["Original to register", "x", "z"]], width=16)[0]
    assert label.startswith("Original ") and "…" in label  # English keeps its start


def test_prose_in_one_column_is_left_whole():
    prose = [["今天还没有早晨打分:给今天的情绪、精力、态度和感受打个分(100 分制)"]]
    assert columns(prose, width=20) == [prose[0][0]]


@given(texts, st.integers(1, 40))
def test_a_middle_cut_name_keeps_its_start_and_its_end(text, width):
    got = cut_middle(text, width)
    if cell_len(text) <= width:
        assert got == text
        return
    head, tail = kept_ends(text, width, middle=True)
    assert got == text[:head] + "…" + (text[len(text) - tail:] if tail else "")
    if width >= 5 and len(text) >= 4:  # room for a character on each side of …
        assert head > 0 and tail > 0


figures = st.from_regex(r"¥?[0-9][0-9,]{0,9}|20[0-9]{2}-[01][0-9]-[0-3][0-9]|[A-Z]{1,5}-[0-9]{1,4}"
                        r"|P20[0-9]{8}|[0-9]{1,3}%", fullmatch=True)
names = st.text(st.sampled_from("中国建设银行北京朝阳丰台支行分理处abc "), min_size=1, max_size=20)


@given(st.lists(st.lists(st.one_of(figures, names), min_size=3, max_size=3), min_size=1,
                max_size=5), st.integers(1, 80))
def test_a_figure_is_never_cut_at_any_width(rows, width):
    lines = columns(rows, width=width)
    for line, row in zip(lines, rows, strict=True):
        for cell in row:
            if holds_figure(cell):
                assert cell in line, (cell, line)


def test_a_premium_stays_whole_where_a_name_gives_way():
    rows = [["保单", "中国建设银行北京丰台分理处", "¥100,000"], ["保单", "工行三年期", "¥3,000"]]
    line = columns(rows, width=24)[0]
    assert "¥100,000" in line and "…" in line and line.endswith("¥100,000")
    amounts = [["建行", "¥100,000", "待签收"]]
    assert "¥100,000" in columns(amounts, width=10)[0]  # wider than asked: never ¥10…


def test_a_name_with_a_number_in_it_gives_way_and_the_row_fits():
    """金融街27号支行 is a name, not a figure: cut in its middle, the state kept whole."""
    rows = [["BJ-101", "中国工商银行北京金融街27号支行营业室", "逾期 18 天"],
            ["BJ-102", "中国工商银行北京西单支行", "今天到期"]]
    lines = columns(rows, width=40)
    assert all(cell_len(line) <= 40 for line in lines), lines
    assert lines[0].endswith("逾期 18 天") and "…" in lines[0] and "BJ-101" in lines[0]


@pytest.mark.parametrize("cell", ["逾期 18 天", "¥100,000", "2026-11-02", "P20260110039",
                                  "签到 1 次,驻点 0.8 小时", "建议送 80", "18 days overdue"])
def test_figures_and_phrases_with_a_figure_are_figures(cell):
    assert holds_figure(cell)


@pytest.mark.parametrize("cell", ["金融街27号支行", "中国建设银行北京丰台分理处", "第3营业部"])
def test_names_are_not_figures_though_they_hold_a_digit(cell):
    assert not holds_figure(cell)
