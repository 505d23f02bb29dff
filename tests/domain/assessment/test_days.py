"""The one rule for the day a self-assessment record carries: today is fine, tomorrow
is refused, for every kind of record that has a day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.assessment_helpers import GOALS, draft
from tests.conftest import NOW, TODAY
from workbench.assessment import career, days, journal, policies
from workbench.core.errors import ValidationError

TOMORROW = TODAY + timedelta(days=1)


def test_today_has_come_tomorrow_has_not():
    assert days.not_after_today("x", TODAY, TODAY) == TODAY
    assert days.day_so_far("x", TODAY.isoformat(), TODAY) == TODAY
    with pytest.raises(ValidationError) as err:
        days.not_after_today("x", TOMORROW, TODAY)
    assert (err.value.field, str(err.value)) == ("x", "2026-11-28 has not come yet")
    with pytest.raises(ValidationError):
        days.day_so_far("x", TOMORROW.isoformat(), TODAY)


RECORDS = {
    "mood_day": lambda db, day: journal.rate_mood(db, day, 70, "", TODAY),
    "setback_day": lambda db, day: journal.log_setback(db, day, "x", "", 50, TODAY),
    "habit_day": lambda db, day: journal.tick_habit(db, day, "one_hour", TODAY),
    "policy_issue_date": lambda db, day: policies.log_policy(
        db, draft(issue_date=day.isoformat()), GOALS, TODAY, NOW),
    "goal_reviewed_on": lambda db, day: career.add_career_goal(
        db, "short", "career", "x", "", day.isoformat(), NOW),
}


@pytest.mark.parametrize("field", sorted(RECORDS))
def test_every_record_may_carry_today_but_not_tomorrow(db, outlet, field):
    RECORDS[field](db, TODAY)
    with pytest.raises(ValidationError) as err:
        RECORDS[field](db, TOMORROW)
    assert err.value.field == field and "has not come yet" in str(err.value)


def test_the_five_q_week_has_come_once_its_monday_has(db):
    sunday, next_monday = date(2026, 11, 29), date(2026, 11, 30)
    scores = dict.fromkeys(journal.QUOTIENTS, 5)
    assert journal.rate_five_q(db, sunday, scores, "", TODAY).week == date(2026, 11, 23)
    with pytest.raises(ValidationError) as err:
        journal.rate_five_q(db, next_monday, scores, "", TODAY)
    assert err.value.field == "five_q_week" and "2026-11-30 has not come yet" in str(err.value)


def test_skip_days_may_be_planned_ahead(db):
    journal.set_skip_day(db, TOMORROW, True, TODAY)
    assert journal.is_skip_day(db, TOMORROW)
