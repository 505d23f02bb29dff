"""plus_months is dateutil's relativedelta(months=n), at a fraction of the cost."""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from workbench.core.months import days_in_month, plus_months


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)),
       st.integers(min_value=-1200, max_value=1200))
def test_plus_months_is_relativedelta(day, months):
    assert plus_months(day, months) == day + relativedelta(months=months)


def test_month_ends_and_leap_days():
    assert plus_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert plus_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert plus_months(date(2028, 2, 29), 12) == date(2029, 2, 28)
    assert plus_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert plus_months(date(2026, 1, 15), -1) == date(2025, 12, 15)
    assert [days_in_month(2100, 2), days_in_month(2000, 2), days_in_month(2026, 4)] == [28, 29, 30]
