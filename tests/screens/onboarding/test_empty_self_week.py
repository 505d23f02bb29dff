"""The self and week screens on an empty file say what to do next (issue #15), and stop
once something is recorded: a habit ticked, a policy, a morning score."""

from __future__ import annotations

import pytest

from tests.conftest import TODAY, wait_loaded, wait_ready
from tests.screens.onboarding.test_empty_states import hint
from workbench.app import WorkbenchApp
from workbench.assessment import journal
from workbench.review import week as review


@pytest.mark.parametrize(("language", "self_words", "week_words"), [
    ("zh", ("按 m", "按 t 打卡", "按 n"), ("按 tab 写本周总结",)),
    ("en", ("press m", "press t", "press n"), ("press tab",)),
])
async def test_an_empty_file_says_what_to_do_on_self_and_week(db, db_path, config, language,
                                                              self_words, week_words):
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language=language)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("4")
        await wait_loaded(pilot)
        assert all(words in hint(app) for words in self_words)
        await pilot.press("5")
        await wait_loaded(pilot)
        assert all(words in hint(app) for words in week_words)


async def test_one_habit_ticked_ends_the_self_hint_and_the_weeks(db, db_path, config):
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("4")
        await wait_loaded(pilot)
        assert hint(app)
        await pilot.press("t")  # the first habit, ticked for today
        await wait_loaded(pilot)
        assert hint(app) is None
        await pilot.press("5")
        await wait_loaded(pilot)
        assert hint(app) is None


async def test_a_week_with_nothing_is_blank_and_one_score_is_not(db, config):
    week = review.week_of(TODAY, config.review.first_weekday)
    assert review.compute_week(db, week, config, today=TODAY).is_blank
    assert journal.nothing_recorded(db)
    journal.rate_mood(db, TODAY, 80, "", TODAY)
    assert not journal.nothing_recorded(db)
    assert not review.compute_week(db, week, config, today=TODAY).is_blank
    # the week before stays blank: a blank week is about that week
    assert review.compute_week(db, week.shift(-1), config, today=TODAY).is_blank


def test_a_summary_alone_makes_a_week_not_blank(db, config):
    week = review.week_of(TODAY, config.review.first_weekday)
    blank = review.compute_week(db, week, config, today=TODAY)
    assert not review.WeekReview(week, blank.figures, "写了总结").is_blank
    assert review.WeekReview(week, blank.figures, "  \n").is_blank
    assert not review.WeekReview(week, blank.figures, "", (("x", ("a",)),)).is_blank
