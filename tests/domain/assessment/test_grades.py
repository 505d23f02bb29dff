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


@pytest.mark.parametrize("typed, grade", [(1, 1), ("13", 13), (" 13 ", 13), ("１３", 13)])
def test_the_highest_and_lowest_grade_are_accepted(typed, grade):
    assert grades.check_grade(typed) == grade


@pytest.mark.parametrize("bad", [0, "0", 14, "14", "²", "1e1", "+3"])
def test_a_grade_just_outside_the_range_or_not_whole_is_refused(bad):
    with pytest.raises(ValidationError) as err:
        grades.check_grade(bad)
    assert err.value.field == "grade" and "(1–13)" in str(err.value)


@given(st.one_of(st.integers(-100, 100), st.text(max_size=4)))
def test_check_grade_refuses_or_returns_a_grade_never_crashes(value):
    try:
        assert grades.check_grade(value) in range(1, 14)
    except ValidationError:
        pass


# Q1 2026 has 64 working days and this Friday is the 32nd (today counts), so the pace
# projection doubles what was achieved and every figure below is exact in binary floats.
HALF_WAY = date(2026, 2, 13)


def at_half_way(achieved: float) -> grades.GradeStatus:
    return grades.grade_status(10, achieved, grades.period_of(HALF_WAY, "quarter"), HALF_WAY,
                               GOALS)


def test_half_way_day_of_the_first_quarter():
    status = at_half_way(0.0)
    assert (status.maintain, status.promote) == (16.0, 20.0)
    assert (status.working_days_total, status.working_days_elapsed,
            status.working_days_left) == (64, 32, 33)


@pytest.mark.parametrize("achieved, projection, outcome", [
    (10.0, 20.0, "promote"),  # projected exactly onto the promote line: promotes
    (10.0 - 1 / 32, 20.0 - 1 / 16, "maintain"),
    (8.0, 16.0, "maintain"),  # exactly onto the maintain line: keeps the grade
    (8.0 - 1 / 32, 16.0 - 1 / 16, "below"),
])
def test_a_projection_exactly_on_a_line_reaches_it(achieved, projection, outcome):
    status = at_half_way(achieved)
    assert status.projection == projection
    assert status.projected_outcome == outcome


@pytest.mark.parametrize("achieved, kept, promoted", [
    (16.0 - 1 / 64, False, False),
    (16.0, True, False),  # exactly the maintain line: kept
    (20.0 - 1 / 64, True, False),
    (20.0, True, True),  # exactly the promote line: promoted
])
def test_reaching_a_line_exactly_counts(achieved, kept, promoted):
    status = at_half_way(achieved)
    assert (status.kept, status.promoted) == (kept, promoted)


@pytest.mark.parametrize("achieved, need_maintain, need_promote", [
    (15.5, 0.5, 4.5),
    (16.0, 0.0, 4.0),  # the maintain line reached: nothing more needed for it
    (19.5, 0.0, 0.5),
    (20.0, 0.0, 0.0),  # the promote line reached
    (21.0, 0.0, 0.0),  # beyond it: still nothing, never a negative need
])
def test_still_needed_is_zero_from_the_line_on(achieved, need_maintain, need_promote):
    status = at_half_way(achieved)
    assert (status.need_maintain, status.need_promote) == (need_maintain, need_promote)
    # The pace spreads what is needed over the 33 working days left, today included.
    assert status.pace_maintain == need_maintain / 33
    assert status.pace_promote == need_promote / 33


def test_the_periods_first_and_last_day_and_the_days_around_them():
    q1 = grades.period_of(HALF_WAY, "quarter")  # 2026-01-01 (Thu) .. 2026-03-31 (Tue)
    before = grades.grade_status(10, 3.0, q1, date(2025, 12, 31), GOALS)
    assert (before.working_days_elapsed, before.working_days_left) == (0, 64)
    assert before.projection == 3.0  # no day elapsed: what was achieved
    first = grades.grade_status(10, 3.0, q1, date(2026, 1, 1), GOALS)
    assert (first.working_days_elapsed, first.working_days_left) == (1, 64)
    assert first.projection == 3.0 * 64
    last = grades.grade_status(10, 12.0, q1, date(2026, 3, 31), GOALS)
    assert (last.working_days_elapsed, last.working_days_left) == (64, 1)
    assert last.pace_maintain == 4.0 and last.projection == 12.0
    after = grades.grade_status(10, 12.0, q1, date(2026, 4, 1), GOALS)
    assert (after.working_days_elapsed, after.working_days_left) == (64, 0)
    assert after.pace_maintain is None and after.pace_promote is None


@pytest.mark.parametrize("issued, on_target", [(1, False), (2, True), (3, True)])
def test_issuing_rate_exactly_on_target_counts(issued, on_target):
    rate = grades.IssuingRate(active=4, issued=issued, target=0.5, zero_outlets=[])
    assert rate.rate == issued / 4 and rate.on_target is on_target


def test_issuing_rate_without_active_outlets_is_zero():
    assert grades.IssuingRate(active=0, issued=0, target=0.0, zero_outlets=[]).rate == 0.0
