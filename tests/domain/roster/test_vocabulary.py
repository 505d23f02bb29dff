"""The branch vocabulary's parsers: every accepted form of a date or an amount reads back
as what was written; anything else is a clear error naming the value (hypothesis)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.core import validate as v
from workbench.core.errors import ValidationError
from workbench.roster.vocabulary import (
    EXCEL_EPOCH,
    FIRST_SERIAL_READ,
    amount_yuan,
    bank_of,
    header_unit,
    sheet_date,
)

days = st.dates(min_value=date(1900, 3, 1), max_value=v.LAST_DAY)


def forms(d: date) -> list[str]:
    return [d.isoformat(), f"{d.year}/{d.month}/{d.day}", f"{d.year}.{d.month}.{d.day}",
            f"{d.year}年{d.month}月{d.day}日", f"{d.year}年{d.month:02d}月{d.day:02d}日",
            f"{d:%Y%m%d}", f"{d.year}/{d.month:02d}/{d.day:02d}", f" {d.isoformat()} 00:00:00",
            f"{d.year}/{d.month}/{d.day} 10:30", f"{d.year}年{d.month}月{d.day}日 9:05"
            ] + ([str((d - EXCEL_EPOCH).days), f"{(d - EXCEL_EPOCH).days}.0"]
                 if (d - EXCEL_EPOCH).days >= FIRST_SERIAL_READ else [])


@given(days)
def test_every_form_of_a_day_reads_back_as_that_day(day):
    for written in forms(day):
        assert sheet_date("d", written) == day, written


@given(st.text(max_size=12).filter(lambda s: s.strip() and not s.strip().isdigit()))
def test_garbage_is_not_a_date_and_says_so(text):
    try:
        got = sheet_date("d", text)
    except ValidationError as exc:
        assert exc.field == "d" and exc.key in ("import.bad_date", "error.no_such_date",
                                                "error.date_range")
    else:  # only text that is one of the forms reads as a day
        assert got is None or any(text.strip().replace(" ", "") == f.strip().replace(" ", "")
                                  for f in forms(got)) or "年" in text


@pytest.mark.parametrize("text", ["2026-02-30", "2026年2月30日", "20260230"])
def test_a_day_that_does_not_exist_is_named(text):
    with pytest.raises(ValidationError) as err:
        sheet_date("d", text)
    assert err.value.key == "error.no_such_date"


def test_an_empty_cell_is_no_day_unless_one_is_required():
    assert sheet_date("d", "  ") is None
    with pytest.raises(ValidationError):
        sheet_date("d", "", required=True)
    assert sheet_date("d", str((v.LAST_DAY - EXCEL_EPOCH).days)) == v.LAST_DAY
    assert sheet_date("d", "46364") == date(2026, 12, 8)


@pytest.mark.parametrize("text", ["1990", "30", "61", "１２３", "9999"])
def test_a_short_number_is_not_read_as_a_day(text):
    """A year alone (a birthday written 1990) or a count is no Excel serial: a serial of
    a day a list holds has five digits (1927 on); 1990 read as a serial was 1905-06-12."""
    with pytest.raises(ValidationError) as err:
        sheet_date("d", text)
    assert err.value.key == "import.bad_date"


def test_a_day_written_with_its_time_is_that_day_and_quoted_as_written():
    assert sheet_date("d", "2026/12/8 10:30") == date(2026, 12, 8)
    assert sheet_date("d", "2026-12-08T10:30:00") == date(2026, 12, 8)
    with pytest.raises(ValidationError) as err:
        sheet_date("d", "2026/12/81 10:30")
    assert err.value.params["value"] == "2026/12/81 10:30"


cents = st.integers(min_value=0, max_value=10**12)


@given(cents)
def test_every_form_of_an_amount_reads_back_in_yuan(fen):
    yuan = fen / 100
    whole = f"{fen // 100:,}.{fen % 100:02d}"
    for written, unit in [(f"{yuan:.2f}", None), (whole, "元"), (f"¥{whole}", None),
                          (f"￥{whole}元", "万元"), (f"{whole} 元", None)]:
        got = amount_yuan("a", written, unit)
        assert got is not None and abs(got - yuan) < 0.005, written
    wan = fen / 1_000_000  # the same count of hundredths of 万元
    assert abs(amount_yuan("a", f"{wan:.6f}万", None) - fen / 100) < 0.01
    assert abs(amount_yuan("a", f"{wan:.6f}", "万元") - fen / 100) < 0.01


@given(st.text(min_size=1, max_size=10).filter(
    lambda s: not s.strip().replace(",", "").replace(".", "", 1).isdigit() and s.strip()))
def test_an_amount_that_is_not_one_says_so(text):
    try:
        got = amount_yuan("a", text)
    except ValidationError as exc:
        assert exc.key in ("import.bad_amount", "error.too_large", "error.not_number")
    else:
        assert got is None or got >= 0


@pytest.mark.parametrize(("header", "unit"), [
    ("到期金额(万元)", "万元"), ("到期金额（万元）", "万元"), ("金额(元)", "元"),
    ("金额（元）", "元"),
    ("金额/万元", "万元"), ("存款金额", None), ("金额 万", "万元"),
])
def test_the_unit_in_a_header(header, unit):
    assert header_unit(header) == unit


@pytest.mark.parametrize(("name", "bank"), [
    ("建设银行合肥芜湖路支行", "中国建设银行"), ("中国建设银行北京朝阳支行", "中国建设银行"),
    ("建行合肥三孝口分理处", "中国建设银行"), ("中国银行合肥分行营业部", "中国银行"),
    ("工行合肥马鞍山路分理处", "中国工商银行"), ("邮储银行合肥蜀山支行", "中国邮政储蓄银行"),
    ("合肥芜湖路支行", None), ("", None),
])
def test_the_bank_an_outlet_name_begins_with(name, bank):
    assert bank_of(name) == bank


@pytest.mark.parametrize("text", ["1,2,3", "12,34", "1,0000", ",500"])
def test_commas_only_group_thousands(text):
    """1,2,3 is no amount (it was read as 123): a comma groups three digits or is refused."""
    with pytest.raises(ValidationError) as err:
        amount_yuan("a", text)
    assert err.value.key == "import.bad_amount"


def test_thousands_grouped_by_commas_read_whole():
    assert amount_yuan("a", "1,234,567.50") == 1234567.5
    assert amount_yuan("a", "¥50,000") == 50000
