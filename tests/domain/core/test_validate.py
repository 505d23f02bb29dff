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


@given(st.dates(min_value=date(1000, 1, 1)))
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
    assert result == expected if expected else isinstance(result, ValidationError)


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
