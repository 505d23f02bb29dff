"""Domain tests of moods, setbacks, 5Q and habits (streaks, strength, skip days)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import TODAY
from workbench.assessment import journal as a
from workbench.core.errors import ValidationError


def count(db, table: str) -> int:
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_mood_today_then_corrected_same_day(db):
    a.rate_mood(db, TODAY, "72", "精力不错", TODAY)
    a.rate_mood(db, TODAY, 80, "", TODAY)
    mood = a.mood_on(db, TODAY)
    assert mood == a.Mood(TODAY, 80, None)
    assert count(db, "moods") == 1


def test_mood_other_day_refused_unless_today_is_that_day(db):
    yesterday = TODAY - timedelta(days=1)
    with pytest.raises(ValidationError) as err:
        a.rate_mood(db, yesterday, 70, "", TODAY)
    assert "--today 2026-11-26" in str(err.value)
    assert a.mood_on(db, yesterday) is None
    # Back-filling: the app runs with --today set to yesterday.
    a.rate_mood(db, yesterday, 70, "", yesterday)
    assert a.mood_on(db, yesterday).score == 70


@pytest.mark.parametrize("bad", ["101", "-1", "abc", "", "7.5", 101, -1])
def test_bad_mood_scores_write_nothing(db, bad):
    with pytest.raises(ValidationError) as err:
        a.rate_mood(db, TODAY, bad, "", TODAY)
    assert err.value.field == "mood_score"
    assert count(db, "moods") == 0


@given(st.integers(-1000, 1000), st.booleans())
def test_whole_scores_accepted_only_from_0_to_100(value, as_text):
    raw = str(value) if as_text else value
    if 0 <= value <= 100:
        assert a.self_rating("mood_score", raw) == value
    else:
        with pytest.raises(ValidationError):
            a.self_rating("mood_score", raw)


@given(st.one_of(
    st.text(alphabet=st.characters(categories=["L", "P", "Zs"]), min_size=1, max_size=8),
    st.floats(0.01, 99.99).filter(lambda x: x != int(x)),
))
def test_text_and_fractions_never_pass_as_scores(value):
    with pytest.raises(ValidationError):
        a.self_rating("mood_score", value)


def test_setbacks_and_future_day(db):
    a.log_setback(db, TODAY.isoformat(), "客户临时退保", "重新讲解犹豫期条款", "65", TODAY)
    with pytest.raises(ValidationError):
        a.log_setback(db, (TODAY + timedelta(days=1)).isoformat(), "x", "", 50, TODAY)
    with pytest.raises(ValidationError):
        a.log_setback(db, TODAY.isoformat(), "", "", 50, TODAY)
    assert [s.rating for s in a.setbacks(db)] == [65]


def test_five_q_one_per_week(db):
    scores = {"iq": 7, "eq": 8, "aq": 6, "fq": "5", "hq": 9}
    a.rate_five_q(db, TODAY, scores, "", TODAY)
    a.rate_five_q(db, TODAY - timedelta(days=2), {**scores, "iq": 8}, "ok", TODAY)
    history = a.five_q_history(db)
    assert len(history) == 1 and history[0].week == date(2026, 11, 23)
    assert history[0].iq == 8 and history[0].average == pytest.approx(7.2)
    with pytest.raises(ValidationError) as err:
        a.rate_five_q(db, TODAY, {**scores, "hq": 11}, "", TODAY)
    assert err.value.field == "five_q_hq"


def test_habit_ticks_and_future_tick_refused(db, config):
    assert a.habit_names(config) == ["one_hour", "one_book", "one_problem", "one_why",
                                     "one_summary"]
    a.tick_habit(db, TODAY, "one_book", TODAY)
    a.tick_habit(db, TODAY, "one_book", TODAY)
    assert a.ticks_on(db, TODAY) == {"one_book"}
    with pytest.raises(ValidationError) as err:
        a.tick_habit(db, TODAY + timedelta(days=1), "one_book", TODAY)
    assert "has not come yet" in str(err.value)
    assert a.ticks_on(db, TODAY + timedelta(days=1)) == set()
    a.untick_habit(db, TODAY, "one_book", TODAY)
    assert a.ticks_on(db, TODAY) == set()


def days_back(*offsets: int) -> set[date]:
    return {TODAY - timedelta(days=n) for n in offsets}


def test_streaks_count_back_from_yesterday_when_today_is_open():
    stats = a.stats_for("h", days_back(1, 2, 3, 5, 6, 7, 8, 9), set(), TODAY)
    assert stats.current_streak == 3 and stats.best_streak == 5
    assert not stats.done_today
    done_today = a.stats_for("h", days_back(0, 1, 2), set(), TODAY)
    assert done_today.current_streak == 3 and done_today.done_today


def test_skip_days_do_not_break_streaks():
    done = days_back(0, 1, 4, 5)
    assert a.stats_for("h", done, set(), TODAY).current_streak == 2
    skips = days_back(2, 3)
    assert a.stats_for("h", done, skips, TODAY).current_streak == 4


def test_strength_forgives_a_single_miss():
    every_day = days_back(*range(60))
    strong = a.stats_for("h", every_day, set(), TODAY).strength
    one_miss = a.stats_for("h", every_day - days_back(5), set(), TODAY)
    assert one_miss.current_streak == 5
    assert strong > 0.9
    assert strong - one_miss.strength < 0.05  # a miss costs a few points, not everything
    skipped = a.stats_for("h", every_day - days_back(5), days_back(5), TODAY).strength
    assert skipped > one_miss.strength
    never_again = a.stats_for("h", days_back(*range(30, 60)), set(), TODAY).strength
    assert never_again < 0.35


def test_habit_stats_from_the_database(db, config):
    for n in range(4):
        a.tick_habit(db, TODAY - timedelta(days=n), "one_hour", TODAY)
    a.set_skip_day(db, TODAY - timedelta(days=4), True, TODAY)
    a.tick_habit(db, TODAY - timedelta(days=5), "one_hour", TODAY)
    stats = {s.habit: s for s in a.habit_stats(db, a.habit_names(config), TODAY)}
    assert stats["one_hour"].current_streak == 5
    assert stats["one_book"].current_streak == 0 and stats["one_book"].strength == 0
    assert a.is_skip_day(db, TODAY - timedelta(days=4))
    a.set_skip_day(db, TODAY - timedelta(days=4), False, TODAY)
    assert not a.is_skip_day(db, TODAY - timedelta(days=4))


def test_per_day_queries_use_indexes(db):
    plan = " ".join(r[3] for r in db.execute(
        "EXPLAIN QUERY PLAN SELECT habit FROM habits WHERE day = ? AND kind = 'done'",
        ["2026-11-27"]).fetchall())
    assert "USING" in plan and "SCAN" not in plan


@pytest.mark.parametrize("score", [0, 100, "0", "100"])
def test_mood_scores_at_both_ends_are_stored(db, score):
    assert a.rate_mood(db, TODAY, score, "", TODAY).score == int(score)
    assert a.mood_on(db, TODAY).score == int(score)


@pytest.mark.parametrize("rating, ok", [(-1, False), (0, True), (100, True), (101, False)])
def test_setback_ratings_from_0_to_100(db, rating, ok):
    if ok:
        a.log_setback(db, TODAY, "客户临时退保", "", rating, TODAY)
        assert [s.rating for s in a.setbacks(db)] == [rating]
    else:
        with pytest.raises(ValidationError) as err:
            a.log_setback(db, TODAY, "客户临时退保", "", rating, TODAY)
        assert err.value.field == "setback_rating" and count(db, "setbacks") == 0


@pytest.mark.parametrize("score, ok", [(0, False), (1, True), (10, True), (11, False)])
def test_five_q_scores_from_1_to_10(db, score, ok):
    scores = {q: 5 for q in a.QUOTIENTS} | {"aq": score}
    if ok:
        assert a.rate_five_q(db, TODAY, scores, "", TODAY).aq == score
    else:
        with pytest.raises(ValidationError) as err:
            a.rate_five_q(db, TODAY, scores, "", TODAY)
        assert err.value.field == "five_q_aq" and count(db, "five_q") == 0


def test_strength_weight_halves_in_13_days():
    assert a.STRENGTH_DECAY ** 13 == pytest.approx(0.5)


def test_strength_one_step_per_day_done_missed_skipped_or_still_open():
    gain, keep = 1 - a.STRENGTH_DECAY, a.STRENGTH_DECAY
    # done yesterday; today, not ticked yet, is no miss
    assert a.stats_for("h", days_back(1), set(), TODAY).strength == pytest.approx(gain)
    # done today too
    assert a.stats_for("h", days_back(0, 1), set(), TODAY).strength == pytest.approx(
        gain * keep + gain)
    # a missed day costs one decay step; a skip day costs nothing
    assert a.stats_for("h", days_back(2), set(), TODAY).strength == pytest.approx(gain * keep)
    assert a.stats_for("h", days_back(2), days_back(1), TODAY).strength == pytest.approx(gain)


def test_streak_a_skip_keeps_it_a_miss_ends_it_today_open_does_neither():
    assert a.stats_for("h", days_back(1, 2), set(), TODAY).current_streak == 2
    assert a.stats_for("h", days_back(1, 3), days_back(2), TODAY).current_streak == 2
    missed = a.stats_for("h", days_back(1, 3), set(), TODAY)
    assert (missed.current_streak, missed.best_streak) == (1, 1)


def test_done_in_the_last_30_days_counts_today_and_29_days_back():
    stats = a.stats_for("h", days_back(0, 29, 30), set(), TODAY)
    assert stats.done_last_30 == 2


def test_habit_history_reaches_back_730_days_including_today(db):
    a.tick_habit(db, TODAY - timedelta(days=a.HISTORY_DAYS - 1), "one_hour", TODAY)
    a.tick_habit(db, TODAY - timedelta(days=a.HISTORY_DAYS), "one_hour", TODAY)
    (stats,) = a.habit_stats(db, ["one_hour"], TODAY)
    assert a.HISTORY_DAYS == 730
    assert stats.best_streak == 1  # the tick 730 days back is outside the window


@given(st.sets(st.integers(0, 90), max_size=60), st.sets(st.integers(0, 90), max_size=20))
def test_streaks_and_strength_stay_in_range(done, skips):
    stats = a.stats_for("h", days_back(*done), days_back(*skips), TODAY)
    assert 0.0 <= stats.strength < 1.0
    assert 0 <= stats.current_streak <= stats.best_streak <= len(done)
    assert stats.done_last_30 == sum(1 for n in done if n < 30)
