"""Targets and their progress: periods, the boundaries of each period, voided policies."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.assessment_helpers import GOALS, draft
from tests.conftest import NOW
from workbench.assessment import policies
from workbench.core.errors import ValidationError
from workbench.targets import periods, progress, targets

LATE = datetime(2027, 6, 1, 9, 0)  # every policy below is in the past


def sell(db, no: str, day: str, premium: str = "10000", outlet: str = "CCB-1",
         term: str = "10") -> int:
    return policies.log_policy(db, draft(policy_no=no, issue_date=day, premium=premium,
                                         outlet=outlet, term_years=term),
                               GOALS, LATE.date(), LATE)


def set_target(db, outlet: int, period: str, starts: str, premium="", standard="") -> None:
    targets.set_target(db, targets.TargetDraft(outlet=outlet, period=period, starts=starts,
                                               premium=premium, standard_premium=standard), NOW)


@pytest.mark.parametrize("day, kind, start, end", [
    (date(2026, 2, 28), "month", date(2026, 2, 1), date(2026, 2, 28)),
    (date(2028, 2, 29), "month", date(2028, 2, 1), date(2028, 2, 29)),
    (date(2026, 12, 31), "month", date(2026, 12, 1), date(2026, 12, 31)),
    (date(2026, 3, 31), "quarter", date(2026, 1, 1), date(2026, 3, 31)),
    (date(2026, 4, 1), "quarter", date(2026, 4, 1), date(2026, 6, 30)),
    (date(2026, 12, 31), "year", date(2026, 1, 1), date(2026, 12, 31)),
])
def test_period_for(day, kind, start, end):
    p = periods.period_for(day, kind)
    assert (p.start, p.end) == (start, end)


@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2098, 12, 31)),
       st.sampled_from(periods.PERIODS))
def test_every_day_lies_in_its_period_and_the_next_day_after_the_end_does_not(day, kind):
    p = periods.period_for(day, kind)
    assert p.start <= day <= p.end
    assert periods.period_for(p.end, kind) == p
    assert periods.period_for(date.fromordinal(p.end.toordinal() + 1), kind).start > p.end


@pytest.mark.parametrize("typed, kind, start", [
    ("2026-11", "month", date(2026, 11, 1)), ("2026-11-17", "month", date(2026, 11, 1)),
    ("2026-Q4", "quarter", date(2026, 10, 1)), ("2026q1", "quarter", date(2026, 1, 1)),
    ("2026", "year", date(2026, 1, 1)), ("2026-08-31", "quarter", date(2026, 7, 1)),
])
def test_a_period_typed_short_or_as_a_day(typed, kind, start):
    assert periods.check_start(typed, kind).start == start


@pytest.mark.parametrize("bad", ["2026-13", "2026-Q5", "", "next month", "2026-02-30"])
def test_a_bad_period_is_refused(bad):
    with pytest.raises(ValidationError) as err:
        periods.check_start(bad, "month")
    assert err.value.field == "target_starts"


@pytest.mark.parametrize("typed, kind", [("月", "month"), ("季度", "quarter"), ("年", "year"),
                                         ("Quarter", "quarter")])
def test_period_kinds_as_a_company_sheet_writes_them(typed, kind):
    assert periods.check_period(typed) == kind


def test_a_target_is_stored_in_yuan_and_replaced_when_typed_again(db, two):
    set_target(db, two[0], "month", "2026-11", premium="5", standard="0.5")
    set_target(db, two[0], "month", "2026-11-30", premium="6")
    [t] = targets.outlet_targets(db, two[0])
    assert (t.premium, t.standard_premium, t.period.start) == (60000, None, date(2026, 11, 1))


def test_both_amounts_empty_clears_the_period(db, two):
    set_target(db, two[0], "year", "2026", premium="100")
    set_target(db, two[0], "year", "2026")
    assert targets.outlet_targets(db, two[0]) == []


@pytest.mark.parametrize("premium, ok", [("-0.01", False), ("0", True),
                                         ("100000000", True), ("100000000.01", False),
                                         ("abc", False)])
def test_amount_bounds(db, two, premium, ok):
    if ok:
        set_target(db, two[0], "month", "2026-11", premium=premium)
    else:
        with pytest.raises(ValidationError) as err:
            set_target(db, two[0], "month", "2026-11", premium=premium)
        assert err.value.field == "target_premium"
        assert targets.outlet_targets(db, two[0]) == []


def test_unknown_outlet_refused(db, two):
    with pytest.raises(ValidationError) as err:
        set_target(db, 999, "month", "2026-11", premium="1")
    assert err.value.field == "target_outlet"


def test_a_policy_on_the_last_day_counts_for_month_quarter_and_year(db, two):
    for kind, starts in (("month", "2026-12"), ("quarter", "2026-Q4"), ("year", "2026")):
        set_target(db, two[0], kind, starts, premium="10")
    sell(db, "P1", "2026-12-31", premium="50000")
    sell(db, "P2", "2027-01-01", premium="7000")  # the next day: the next month, quarter, year
    sell(db, "P3", "2026-11-30", premium="3000")  # last day of the month before
    month, quarter, year = progress.outlet_progress(db, two[0], date(2026, 12, 31))
    assert month.premium == 50000 and month.share == pytest.approx(0.5)
    assert quarter.premium == 53000
    assert year.premium == 53000 and year.policies == 2
    nxt = progress.outlet_progress(db, two[0], date(2027, 1, 1))
    assert [p.premium for p in nxt] == [7000, 7000, 7000]
    assert not any(p.has_target for p in nxt)


def test_the_first_day_of_a_quarter_counts_and_the_day_before_does_not(db, two):
    set_target(db, two[0], "quarter", "2026-Q2", premium="1")
    sell(db, "P1", "2026-03-31")
    sell(db, "P2", "2026-04-01")
    _, q, _ = progress.outlet_progress(db, two[0], date(2026, 6, 30))
    assert q.premium == 10000 and q.share == pytest.approx(1.0)


def test_a_voided_policy_stops_counting(db, two):
    set_target(db, two[0], "month", "2026-11", premium="1")
    pid = sell(db, "P1", "2026-11-20")
    policies.void_policy(db, pid, "typo", LATE)
    month = progress.outlet_progress(db, two[0], date(2026, 11, 20))[0]
    assert month.premium == 0 and month.share == 0


def test_standard_premium_progress_when_only_that_target_is_set(db, two):
    set_target(db, two[0], "month", "2026-11", standard="1")
    sell(db, "P1", "2026-11-20", premium="20000", term="5")  # factor 0.5: 10,000 standard
    month = progress.outlet_progress(db, two[0], date(2026, 11, 20))[0]
    assert month.standard_premium == 10000 and month.share == pytest.approx(1.0)


def test_policies_of_another_outlet_do_not_count(db, two):
    set_target(db, two[0], "month", "2026-11", premium="1")
    sell(db, "P1", "2026-11-20", outlet="ICBC-2")
    assert progress.outlet_progress(db, two[0], date(2026, 11, 20))[0].premium == 0
    assert progress.outlet_progress(db, two[1], date(2026, 11, 20))[0].premium == 10000


def test_totals_add_targets_of_outlets_with_one_and_every_policy(db, two):
    set_target(db, two[0], "year", "2026", premium="10")
    sell(db, "P1", "2026-11-20")
    sell(db, "P2", "2026-11-21", outlet="ICBC-2")
    year = progress.total_progress(db, date(2026, 11, 27))[2]
    assert year.target_premium == 100000 and year.premium == 20000
    assert year.share == pytest.approx(0.2)


def test_the_share_is_of_premium_when_a_premium_target_is_set(db, two):
    set_target(db, two[0], "month", "2026-11", premium="4", standard="1")
    sell(db, "P1", "2026-11-20", premium="20000", term="5")  # 10,000 standard
    month = progress.outlet_progress(db, two[0], date(2026, 11, 20))[0]
    assert month.share == pytest.approx(0.5)  # 20,000 of 40,000, not 10,000 of 10,000


def test_progress_on_a_past_day_counts_the_policies_to_that_day(db, two):
    set_target(db, two[0], "month", "2026-11", premium="4")
    sell(db, "P1", "2026-11-20")
    sell(db, "P2", "2026-11-21")
    assert progress.outlet_progress(db, two[0], date(2026, 11, 20))[0].premium == 10000
    assert progress.total_progress(db, date(2026, 11, 19))[0].premium == 0
