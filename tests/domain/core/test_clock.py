"""The working day's clock: a day back-filled (``--today`` before the real date) has every
one of its times in the past; the real today has the wall clock."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from hypothesis import given
from hypothesis import strategies as st

from workbench.core.clock import working_now
from workbench.roster.visits import VisitRules

WALL = datetime(2026, 12, 8, 0, 56, 12)  # just after midnight: yesterday is back-filled


def test_a_check_in_at_two_on_yesterday_is_not_after_the_clock():
    yesterday = WALL.date() - timedelta(days=1)
    rules = VisitRules(now=working_now(yesterday, WALL))
    rules.not_after_clock("time", datetime.combine(yesterday, time(14, 0)))  # no error


@given(days_back=st.integers(1, 400), at=st.times())
def test_every_time_of_a_past_day_is_before_its_clock(days_back, at):
    day = WALL.date() - timedelta(days=days_back)
    now = working_now(day, WALL)
    assert now.date() == day
    assert datetime.combine(day, at).replace(second=0, microsecond=0) <= now


@given(wall=st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1)))
def test_today_reads_the_wall_clock_to_the_second(wall):
    assert working_now(wall.date(), wall) == wall.replace(microsecond=0)


def test_a_day_ahead_keeps_the_wall_clocks_time():
    ahead = WALL.date() + timedelta(days=1)
    assert working_now(ahead, WALL) == datetime.combine(ahead, time(0, 56, 12))
