"""Domain tests of grade goals: thresholds, periods, working days, pace, projection and
the issuing rate."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.assessment_helpers import GOALS, draft
from tests.conftest import NOW, TODAY
from workbench.assessment import grades, policies
from workbench.core.errors import ValidationError
from workbench.roster import outlets

# The source material's table: grade -> (maintain, promote), in 10,000 CNY.
SOURCE_TABLE = {
    1: (56, 70), 2: (49, 61), 3: (42.5, 53), 4: (37, 46), 5: (32, 40), 6: (28, 35),
    7: (24.5, 30.5), 8: (21, 26.5), 9: (18.5, 23), 10: (16, 20), 11: (12, 17.5),
    12: (12, 15), 13: (10.5, 13),
}


@pytest.mark.parametrize("grade", range(1, 14))
def test_default_thresholds_are_the_source_table(grade):
    assert grades.thresholds(grade, GOALS) == SOURCE_TABLE[grade]


def test_grade_10_with_17_3_kept_and_2_7_short_of_promotion():
    period = grades.period_of(TODAY, "quarter")
    status = grades.grade_status(10, 17.3, period, TODAY, GOALS)
    assert status.kept and not status.promoted
    assert status.maintain == 16 and status.promote == 20
    assert status.need_maintain == 0
    assert status.need_promote == pytest.approx(2.7)


@pytest.mark.parametrize("bad", [0, 14, -1, "abc", "", "10.5"])
def test_grade_outside_the_table_refused(bad):
    with pytest.raises(ValidationError) as err:
        grades.thresholds(bad, GOALS)
    assert "not in the table" in str(err.value)


@pytest.mark.parametrize("day, kind, start, end", [
    (date(2026, 11, 27), "quarter", date(2026, 10, 1), date(2026, 12, 31)),
    (date(2026, 3, 31), "quarter", date(2026, 1, 1), date(2026, 3, 31)),
    (date(2026, 4, 1), "quarter", date(2026, 4, 1), date(2026, 6, 30)),
    (date(2026, 6, 30), "quarter", date(2026, 4, 1), date(2026, 6, 30)),
    (date(2026, 9, 30), "quarter", date(2026, 7, 1), date(2026, 9, 30)),
    (date(2028, 2, 29), "quarter", date(2028, 1, 1), date(2028, 3, 31)),
    (date(2026, 11, 27), "half", date(2026, 7, 1), date(2026, 12, 31)),
    (date(2028, 2, 29), "half", date(2028, 1, 1), date(2028, 6, 30)),
    (date(2026, 11, 27), "year", date(2026, 1, 1), date(2026, 12, 31)),
])
def test_period_boundaries(day, kind, start, end):
    assert grades.period_of(day, kind) == grades.Period(kind, start, end)


def test_leap_year_quarter_has_one_more_day_and_working_day():
    q2027 = grades.period_of(date(2027, 2, 1), "quarter")
    q2028 = grades.period_of(date(2028, 2, 1), "quarter")
    assert (q2027.end - q2027.start).days + 1 == 90
    assert (q2028.end - q2028.start).days + 1 == 91
    # 2028-02-29 is a Tuesday: one more working day than 2027's first quarter.
    every = [1, 2, 3, 4, 5, 6, 7]
    assert grades.working_days(q2028.start, q2028.end, every) == 91
    assert grades.working_days(date(2028, 2, 28), date(2028, 3, 1), [1, 2, 3, 4, 5]) == 3


@given(st.dates(date(2000, 1, 1), date(2100, 1, 1)), st.integers(0, 60),
       st.sets(st.integers(1, 7), min_size=1))
@settings(max_examples=60)
def test_working_days_matches_counting_one_by_one(start, length, days):
    from datetime import timedelta

    end = start + timedelta(days=length)
    slow = sum(1 for i in range(length + 1)
               if (start + timedelta(days=i)).isoweekday() in days)
    assert grades.working_days(start, end, sorted(days)) == slow


def test_pace_and_projection():
    period = grades.period_of(TODAY, "quarter")
    status = grades.grade_status(10, 12.0, period, TODAY, GOALS)
    # Q4 2026 has 66 weekdays; Oct 1 - Nov 27 has 42; Nov 27 - Dec 31 has 25.
    assert status.working_days_total == 66
    assert status.working_days_elapsed == 42
    assert status.working_days_left == 25
    assert status.need_maintain == pytest.approx(4.0)
    assert status.pace_maintain == pytest.approx(4.0 / 25)
    assert status.pace_promote == pytest.approx(8.0 / 25)
    assert status.projection == pytest.approx(12.0 / 42 * 66)
    assert status.projected_outcome == "maintain"


def test_pace_after_the_period_and_on_its_first_day():
    period = grades.period_of(TODAY, "quarter")
    after = grades.grade_status(10, 10.0, period, date(2027, 1, 5), GOALS)
    assert after.working_days_left == 0 and after.pace_promote is None
    assert after.projection == pytest.approx(10.0)
    first = grades.grade_status(10, 0.0, period, date(2026, 10, 1), GOALS)
    assert first.working_days_left == 66 and first.projection == 0


def test_period_status_and_issuing_rate(db, outlet):
    other = outlets.add_outlet(db, outlets.OutletDraft(code="ICBC-2", name="工行海淀支行"),
                               ["C"], NOW)
    policies.log_policy(db, draft(premium="173000"), GOALS, TODAY, NOW)  # 10 years: 17.3 std
    policies.log_policy(db, draft(policy_no="OLD-1", issue_date="2026-09-30"), GOALS, TODAY, NOW)
    status = grades.current_status(db, 10, TODAY, GOALS)
    assert status.achieved == pytest.approx(17.3)
    assert status.kept and status.need_promote == pytest.approx(2.7)
    rate = grades.issuing_rate(db, status.period, TODAY, 0.6)
    assert (rate.active, rate.issued, rate.rate) == (2, 1, 0.5)
    assert not rate.on_target
    assert [z[0] for z in rate.zero_outlets] == [other]
    series = grades.cumulative_by_day(db, status.period, TODAY, GOALS.unit)
    assert series[0] == (date(2026, 10, 1), 0.0)
    assert series[-1] == (TODAY, pytest.approx(17.3))


def test_half_year_period_from_config(db, outlet):
    half = replace(GOALS, period="half")
    policies.log_policy(db, draft(policy_no="OLD-1", issue_date="2026-09-30"), half, TODAY, NOW)
    assert grades.current_status(db, 10, TODAY, half).achieved == pytest.approx(5.0)
