"""Spreadsheet cells (``core.cells``): formula-looking text is quoted, numbers stay numbers.

The rule (OWASP, CSV injection): text starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return gets a leading single quote, unless it is a plain number.
"""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core.cells import TRIGGERS, csv_text, is_number_text, safe_cell, safe_row, xlsx_row

texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=30)
risky = st.builds(lambda first, rest: first + rest, st.sampled_from(TRIGGERS), texts)


@pytest.mark.parametrize(("raw", "safe"), [
    ("=1+2", "'=1+2"), ("+1+2", "'+1+2"), ("-1+2", "'-1+2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
    ("=", "'="), ("-", "'-"), ("+", "'+"), ("- 3", "'- 3"), ("-1e5", "'-1e5"), ("-٣", "'-٣"),
    ("-12.50", "-12.50"), ("+3", "+3"), ("-1,234", "-1,234"), ("-5%", "-5%"), ("-0.5", "-0.5"),
    ("a=1", "a=1"), (" =1", " =1"), ("建设银行", "建设银行"), ("", ""), ("'=1", "'=1"),
    ("-1,23", "'-1,23"), ("-1.", "'-1."),
])
def test_each_trigger_and_each_number_form(raw, safe):
    assert safe_cell(raw) == safe


@pytest.mark.parametrize("value", [None, 0, -3, 2.5, -0.25])
def test_non_text_cells_pass_unchanged(value):
    assert safe_cell(value) == value


@given(texts)
def test_a_safe_cell_never_starts_a_formula(text):
    cell = safe_cell(text)
    assert not cell.startswith(TRIGGERS) or is_number_text(cell)
    # Nothing is lost: the user's text is all there, after at most one added quote.
    assert cell in (text, "'" + text)


@given(risky)
def test_risky_text_is_quoted_unless_a_number(text):
    assert safe_cell(text) == (text if is_number_text(text) else "'" + text)


@given(st.decimals(allow_nan=False, allow_infinity=False, places=2,
                   min_value=-10**9, max_value=10**9))
def test_genuine_numbers_stay_numbers(number):
    for text in (f"{number}", f"{number:,}", f"{number:+}", f"{number}%"):
        assert safe_cell(text) == text


@given(st.lists(st.lists(texts, min_size=1, max_size=4), min_size=1, max_size=5))
def test_csv_reads_back_as_the_safe_cells(rows):
    back = list(csv.reader(io.StringIO(csv_text(rows), newline="")))
    assert back == [[str(c) for c in safe_row(r)] for r in rows]


@settings(deadline=None)  # the first Workbook() imports openpyxl
@given(texts)
def test_xlsx_never_stores_a_formula(text):
    from openpyxl import Workbook

    sheet = Workbook().active
    sheet.append(xlsx_row([text, -1.5]))  # and never fails on a control character
    assert sheet["A1"].data_type != "f"
    shown = sheet["A1"].value or ""
    assert not shown.startswith(TRIGGERS) or is_number_text(shown)
    assert sheet["B1"].data_type == "n"


def test_a_control_character_cannot_hide_a_formula_from_xlsx():
    assert xlsx_row(["\x01=1+2", "\x1f-3"]) == ["'=1+2", "-3"]
