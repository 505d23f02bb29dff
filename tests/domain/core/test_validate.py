"""Hypothesis over the shared validators: they return a clean value or a ValidationError."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.core import validate as v
from workbench.core.errors import ValidationError
from workbench.roster import outlets

anything = st.one_of(st.text(), st.integers(), st.floats(allow_nan=True), st.none(),
                     st.booleans())


def outcome(fn, *args, **kw):
    try:
        return fn(*args, **kw)
    except ValidationError as error:
        assert str(error)
        return error


@given(anything)
def test_number_is_non_negative_finite_or_refused(value):
    result = outcome(v.number, "target", value)
    if not isinstance(result, ValidationError) and result is not None:
        assert result >= 0 and result == result and abs(result) != float("inf")


@given(anything)
def test_integer_is_whole_or_refused(value):
    result = outcome(v.integer, "enquiries", value)
    if isinstance(result, int):
        assert result >= 0


@given(st.text())
def test_name_is_one_trimmed_line_of_bounded_length(value):
    result = outcome(v.name, "name", value)
    if isinstance(result, str):
        assert result == result.strip() and "\n" not in result and 0 < len(result) <= v.MAX_NAME


@given(st.dates(min_value=v.FIRST_DAY, max_value=v.LAST_DAY))
def test_every_real_date_parses_in_iso_and_excel_form(day):
    assert v.iso_date("birthday", day.isoformat()) == day
    assert v.iso_date("birthday", f"{day.year}/{day.month}/{day.day}") == day


@given(st.integers(1, 9999), st.integers(0, 20), st.integers(0, 40))
def test_impossible_dates_are_refused(year, month, day):
    text = f"{year:04d}-{month:02d}-{day:02d}"
    try:
        expected = date(year, month, day)
    except ValueError:
        expected = None
    result = outcome(v.iso_date, "birthday", text)
    in_range = expected is not None and v.FIRST_DAY <= expected <= v.LAST_DAY
    assert result == expected if in_range else isinstance(result, ValidationError)


@given(st.text(max_size=30))
def test_phone_accepts_only_phone_shapes(value):
    result = outcome(v.phone, "phone", value)
    if isinstance(result, str):
        assert sum(c.isdigit() for c in result) >= 5


@given(st.fixed_dictionaries({
    "code": st.text(max_size=40), "name": st.text(max_size=120), "tier": st.text(max_size=2),
    "phone": st.text(max_size=25), "target": st.text(max_size=10),
    "traffic_daily": st.text(max_size=10),
}))
def test_clean_outlet_never_crashes(values):
    result = outcome(outlets.clean_outlet, outlets.OutletDraft(**values), ["A", "B", "C", "D"])
    if isinstance(result, dict):
        assert result["name"] and result["code"]


def test_moment_is_a_time_on_the_day_or_a_whole_date_and_time():
    from datetime import date, datetime

    day = date(2026, 11, 27)
    assert v.moment("signed_at", " 9:05 ", day) == datetime(2026, 11, 27, 9, 5)
    assert v.moment("signed_at", "2026-11-26T17:40", day) == datetime(2026, 11, 26, 17, 40)
    for bad in ("", "25:00", "9.05", "2026-11-31 10:00", "yesterday"):
        with pytest.raises(ValidationError) as err:
            v.moment("handed_at", bad, day)
        assert err.value.field == "handed_at"


# --- ranges: every number, date, week and id is bounded (issue 14: 23-digit numbers,
# --today 9999-12-31, --week 9999-W52, --id 99999999999999999999 crashed) ---------------

def test_numbers_stop_exactly_at_the_bound():
    assert v.number("target", str(v.MAX_NUMBER)) == v.MAX_NUMBER
    assert v.integer("enquiries", f"{v.MAX_NUMBER:,}") == v.MAX_NUMBER
    for bad in (v.MAX_NUMBER + 0.01, str(v.MAX_NUMBER + 1), "9" * 23, "1e22"):
        with pytest.raises(ValidationError) as err:
            v.number("target", bad)
        assert err.value.key == "error.too_large"
        with pytest.raises(ValidationError):
            v.integer("enquiries", bad)


@given(st.one_of(st.text(), st.integers(), st.floats()))
def test_a_number_that_passes_fits_the_range(value):
    result = outcome(v.number, "target", value)
    if isinstance(result, float):
        assert 0 <= result <= v.MAX_NUMBER


@pytest.mark.parametrize(("text", "ok"), [
    ("1900-01-01", True), ("1899-12-31", False), ("2099-12-31", True), ("2100-01-01", False),
    ("9999-12-31", False), ("0001-01-01", False),
])
def test_dates_stop_exactly_at_the_range(text, ok):
    result = outcome(v.iso_date, "birthday", text)
    assert (result == date.fromisoformat(text)) if ok else result.key == "error.date_range"
    result = outcome(v.moment, "signed_at", text + " 10:00", date(2026, 11, 27))
    assert not isinstance(result, ValidationError) if ok else result.key == "error.date_range"


@pytest.mark.parametrize(("text", "monday"), [
    ("2026-W48", date(2026, 11, 23)), ("2026w48", date(2026, 11, 23)),
    ("1900-W01", date(1900, 1, 1)), ("2099-W52", date(2099, 12, 21)),
    ("2026-W60", "error.no_such_week"), ("2025-W53", "error.no_such_week"),
    ("2020-W53", date(2020, 12, 28)), ("1899-W52", "error.date_range"),
    ("2099-W53", "error.date_range"), ("9999-W52", "error.date_range"),
    ("2026-48", "error.bad_week"), ("", "error.bad_week"), ("W48", "error.bad_week"),
])
def test_weeks_parse_and_stop_at_the_range(text, monday):
    result = outcome(v.iso_week, "week", text)
    assert result == monday if isinstance(monday, date) else result.key == monday


@pytest.mark.parametrize(("text", "ok"), [
    ("1", True), (str(v.MAX_ID), True), (str(v.MAX_ID + 1), False), ("0", False),
    ("-1", False), ("99999999999999999999", False), ("1.0", False), ("١٢", False), ("", False),
])
def test_record_ids_stop_at_sqlite_integer(text, ok):
    result = outcome(v.record_id, "handover", text)
    assert result == int(text) if ok else result.key == "error.bad_id"


@pytest.mark.parametrize("column", ["traffic_daily", "customers_total", "deposits_time",
                                    "plan_year"])
def test_outlet_numbers_take_the_validators_range(column):
    """A row typed or imported: up to MAX_NUMBER stored exactly, one more refused (a
    19-digit count used to pass and be stored rounded)."""
    tiers = ["A", "B", "C", "D"]
    row = outlets.clean_outlet(outlets.OutletDraft(code="C1", name="n",
                                                   **{column: str(v.MAX_NUMBER)}), tiers)
    assert row[column] == v.MAX_NUMBER
    for bad in (str(v.MAX_NUMBER + 1), "9223372036854775000", "9" * 23):
        result = outcome(outlets.clean_outlet,
                         outlets.OutletDraft(code="C1", name="n", **{column: bad}), tiers)
        assert isinstance(result, ValidationError) and result.field == column
