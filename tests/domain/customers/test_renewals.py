"""Renewal dates from the issue day, term and frequency: month ends, leap years."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.customers.renewals import renewal_dates, renewals_between


def test_annual_ten_years_nine_renewals():
    days = renewal_dates(date(2025, 3, 15), 10, "annual")
    assert len(days) == 9
    assert days[0] == date(2026, 3, 15) and days[-1] == date(2034, 3, 15)


def test_single_premium_and_one_year_annual_have_none():
    assert renewal_dates(date(2025, 3, 15), 10, "single") == []
    assert renewal_dates(date(2025, 3, 15), 1, "annual") == []


def test_monthly_from_a_month_end_does_not_drift():
    days = renewal_dates(date(2026, 1, 31), 1, "monthly")
    assert len(days) == 11
    assert days[:3] == [date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]


def test_monthly_in_a_leap_year():
    assert renewal_dates(date(2028, 1, 31), 1, "monthly")[0] == date(2028, 2, 29)


def test_leap_day_annual():
    days = renewal_dates(date(2024, 2, 29), 5, "annual")
    assert days == [date(2025, 2, 28), date(2026, 2, 28), date(2027, 2, 28),
                    date(2028, 2, 29)]


def test_semiannual():
    days = renewal_dates(date(2026, 8, 31), 2, "semiannual")
    assert days == [date(2027, 2, 28), date(2027, 8, 31), date(2028, 2, 29)]


@pytest.mark.parametrize(("first", "last", "count"), [
    (date(2026, 3, 15), date(2026, 3, 15), 1), (date(2026, 3, 16), date(2027, 3, 14), 0),
    (date(2026, 3, 14), date(2027, 3, 15), 2)])
def test_between_is_inclusive(first, last, count):
    assert len(renewals_between(date(2025, 3, 15), 10, "annual", first, last)) == count


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
       st.integers(1, 30), st.sampled_from(["annual", "semiannual", "monthly"]))
def test_counts_and_days(issued, term, frequency):
    step = {"annual": 12, "semiannual": 6, "monthly": 1}[frequency]
    days = renewal_dates(issued, term, frequency)
    assert len(days) == term * 12 // step - 1
    assert all(a < b for a, b in zip([issued, *days], days, strict=False))
    for d in days:
        # the issue day's day of month, or the month's last day when it has fewer
        assert d.day == issued.day or (d.day < issued.day
                                       and (d + timedelta(days=1)).day == 1)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31)),
       st.integers(1, 30), st.sampled_from(["annual", "semiannual", "monthly", "single"]),
       st.dates(min_value=date(1999, 1, 1), max_value=date(2095, 12, 31)),
       st.integers(0, 800))
def test_the_window_is_the_full_list_cut(issued, term, frequency, first, days):
    last = first + timedelta(days=days)
    assert renewals_between(issued, term, frequency, first, last) == [
        d for d in renewal_dates(issued, term, frequency) if first <= d <= last]
