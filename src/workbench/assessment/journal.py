"""Self-assessment (自评): the morning mood score, setbacks (AQ), the weekly 5Q and habits.

All SQL for ``moods``, ``setbacks``, ``five_q`` and ``habits`` lives here (their tables
are created by ``assessment.schema``). Functions take explicit ``today``: the mood of a
day can only be written on that day (run the app with ``--today`` to back-fill), and no
habit can be ticked for a day that has not come yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from workbench.assessment.days import day_so_far, not_after_today
from workbench.core import validate as v
from workbench.core.clock import stamp
from workbench.core.config import Config
from workbench.core.errors import ValidationError

if TYPE_CHECKING:
    from sqlite_utils import Database

QUOTIENTS = ("iq", "eq", "aq", "fq", "hq")
JOURNAL_TABLES = ("moods", "setbacks", "five_q", "habits")
ALL_HABITS = "*"  # a skip row for every habit (leave, holidays)
# Loop Habit Tracker's daily multiplier: a day's weight halves in about 13 days, so one
# miss costs a few points, never the whole score.
STRENGTH_DECAY = 0.5 ** (1 / 13)
HISTORY_DAYS = 730  # streaks and strength look back two years at most


# --- dataclasses -------------------------------------------------------------------


@dataclass(frozen=True)
class Mood:
    day: date
    score: int
    note: str | None


@dataclass(frozen=True)
class Setback:
    id: int
    day: date
    what: str
    response: str | None
    rating: int


@dataclass(frozen=True)
class FiveQ:
    week: date  # the Monday of the week
    iq: int
    eq: int
    aq: int
    fq: int
    hq: int
    note: str | None

    @property
    def average(self) -> float:
        return sum(getattr(self, q) for q in QUOTIENTS) / len(QUOTIENTS)


@dataclass(frozen=True)
class HabitStats:
    habit: str
    done_today: bool
    skipped_today: bool
    current_streak: int
    best_streak: int
    strength: float  # 0..1, forgiving (exponential moving average)
    done_last_30: int


def self_rating(field: str, value: Any, low: int = 0, high: int = 100) -> int:
    """A whole-number self-rating between ``low`` and ``high`` (text, 101, -1 refused)."""
    found = v.integer(field, value, required=True, minimum=low, maximum=high)
    assert found is not None
    return found


# --- mood (EQ) ----------------------------------------------------------------------


def mood_on(db: Database, day: date) -> Mood | None:
    r = db.execute("SELECT day, score, note FROM moods WHERE day = ?",
                   [day.isoformat()]).fetchone()
    return Mood(date.fromisoformat(r[0]), r[1], r[2]) if r else None


def rate_mood(db: Database, day: date, score: Any, note: Any, today: date) -> Mood:
    """Write (or correct) the morning score of ``day``; only ``today`` can be written.

    Earlier days are back-filled by running the app with ``--today`` set to that day.
    """
    day = day_so_far("mood_day", day, today)
    if day != today:
        raise ValidationError("mood_day", "self.error.mood_not_today", day=day.isoformat(),
                              today=today.isoformat())
    value = self_rating("mood_score", score)
    text = v.text("mood_note", note, max_len=500)
    with db.atomic():
        db.execute(
            "INSERT INTO moods (day, score, note, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(day) DO UPDATE SET score = excluded.score, note = excluded.note, "
            "updated_at = excluded.updated_at",
            [day.isoformat(), value, text, stamp(today)])
    return Mood(day, value, text)


def moods_between(db: Database, start: date, end: date) -> list[Mood]:
    """Rated days from ``start`` to ``end`` inclusive, oldest first."""
    return [Mood(date.fromisoformat(r[0]), r[1], r[2]) for r in db.execute(
        "SELECT day, score, note FROM moods WHERE day >= ? AND day <= ? ORDER BY day",
        [start.isoformat(), end.isoformat()]).fetchall()]


def mood_average(moods: list[Mood]) -> float | None:
    return sum(m.score for m in moods) / len(moods) if moods else None


# --- setbacks (AQ) -------------------------------------------------------------------


def log_setback(db: Database, day: Any, what: Any, response: Any, rating: Any,
                today: date) -> int:
    when = day_so_far("setback_day", day, today)
    row = {
        "day": when.isoformat(),
        "what": v.text("setback_what", what, required=True, max_len=1000),
        "response": v.text("setback_response", response, max_len=1000),
        "rating": self_rating("setback_rating", rating),
        "created_at": stamp(today),
    }
    with db.atomic():
        return db.table("setbacks").insert(row).last_pk


def setbacks(db: Database, limit: int = 200) -> list[Setback]:
    return [Setback(r[0], date.fromisoformat(r[1]), r[2], r[3], r[4]) for r in db.execute(
        "SELECT id, day, what, response, rating FROM setbacks ORDER BY day DESC, id DESC "
        "LIMIT ?", [limit]).fetchall()]


# --- weekly 5Q ------------------------------------------------------------------------


def week_of(day: date) -> date:
    """The Monday that starts ``day``'s week."""
    return day - timedelta(days=day.weekday())


def rate_five_q(db: Database, week_day: date, values: dict[str, Any], note: Any,
                today: date) -> FiveQ:
    """Write the 5Q self-review (1-10 each) of the week holding ``week_day``."""
    week = not_after_today(
        "five_q_week", week_of(v.iso_date("five_q_week", week_day, required=True)), today)
    scores = {q: self_rating(f"five_q_{q}", values.get(q), 1, 10) for q in QUOTIENTS}
    text = v.text("five_q_note", note, max_len=1000)
    with db.atomic():
        db.execute(
            "INSERT INTO five_q (week, iq, eq, aq, fq, hq, note, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(week) DO UPDATE SET "
            "iq = excluded.iq, eq = excluded.eq, aq = excluded.aq, fq = excluded.fq, "
            "hq = excluded.hq, note = excluded.note, updated_at = excluded.updated_at",
            [week.isoformat(), *scores.values(), text, stamp(today)])
    return FiveQ(week, **scores, note=text)


def five_q_history(db: Database, limit: int = 26) -> list[FiveQ]:
    """The latest weekly reviews, newest first."""
    return [FiveQ(date.fromisoformat(r[0]), *r[1:6], note=r[6]) for r in db.execute(
        "SELECT week, iq, eq, aq, fq, hq, note FROM five_q ORDER BY week DESC LIMIT ?",
        [limit]).fetchall()]


# --- habits ---------------------------------------------------------------------------


def habit_names(config: Config) -> list[str]:
    """The configured habit ids, in display order (the five ones by default)."""
    return list(config.assessment.habits)


def _habit(habit: Any) -> str:
    name = v.text("habit", habit, required=True, max_len=40)
    assert name is not None
    if name == ALL_HABITS:
        raise ValidationError("habit", "self.error.bad_habit", habit=name)
    return name


def tick_habit(db: Database, day: date, habit: str, today: date) -> None:
    """Mark ``habit`` done on ``day`` (today or earlier; a skip that day gives way)."""
    when = day_so_far("habit_day", day, today)
    name = _habit(habit)
    with db.atomic():
        db.execute("INSERT INTO habits (day, habit, kind) VALUES (?, ?, 'done') "
                   "ON CONFLICT(day, habit) DO UPDATE SET kind = 'done'",
                   [when.isoformat(), name])


def untick_habit(db: Database, day: date, habit: str, today: date) -> None:
    when = day_so_far("habit_day", day, today)
    name = _habit(habit)
    with db.atomic():
        db.execute("DELETE FROM habits WHERE day = ? AND habit = ? AND kind = 'done'",
                   [when.isoformat(), name])


def ticks_on(db: Database, day: date) -> set[str]:
    """The habits marked done on ``day``."""
    return {r[0] for r in db.execute(
        "SELECT habit FROM habits WHERE day = ? AND kind = 'done'", [day.isoformat()])}


def set_skip_day(db: Database, day: date, skip: bool, today: date) -> None:
    """Mark ``day`` a skip day (leave, holiday) for every habit, or clear the mark.

    A skip day neither breaks nor extends a streak. Skips may be planned ahead.
    """
    when = v.iso_date("habit_day", day, required=True)
    with db.atomic():
        if skip:
            db.execute("INSERT OR IGNORE INTO habits (day, habit, kind) VALUES (?, ?, 'skip')",
                       [when.isoformat(), ALL_HABITS])
        else:
            db.execute("DELETE FROM habits WHERE day = ? AND habit = ? AND kind = 'skip'",
                       [when.isoformat(), ALL_HABITS])


def is_skip_day(db: Database, day: date) -> bool:
    return db.execute("SELECT 1 FROM habits WHERE day = ? AND habit = ? AND kind = 'skip'",
                      [day.isoformat(), ALL_HABITS]).fetchone() is not None


def habit_stats(db: Database, habits: list[str], today: date) -> list[HabitStats]:
    """Streaks and strength of each habit over the last ``HISTORY_DAYS`` up to ``today``.

    The window keeps the screen fast on years of ticks; a day's weight in the strength
    is negligible after a year (0.95^365), so only streaks longer than the window are cut.
    """
    skips: set[date] = set()
    done: dict[str, set[date]] = {h: set() for h in habits}
    parse = date.fromisoformat
    since = today - timedelta(days=HISTORY_DAYS - 1)
    for day, habit, kind in db.execute(
            "SELECT day, habit, kind FROM habits WHERE day >= ? AND day <= ?",
            [since.isoformat(), today.isoformat()]):
        if kind == "skip":
            skips.add(parse(day))
        elif habit in done:
            done[habit].add(parse(day))
    return [stats_for(h, done[h], skips, today) for h in habits]


def stats_for(habit: str, done: set[date], skips: set[date], today: date) -> HabitStats:
    """Pure computation: streaks and strength of one habit from its done and skip days.

    Today counts when done, but an unticked today is not a miss yet (the day is not
    over). Skip days keep both the streak and the strength as they were.
    """
    if not done:
        return HabitStats(habit, False, today in skips, 0, 0, 0.0, 0)
    # Day ordinals: integer arithmetic keeps years of history cheap to walk.
    done_n = {d.toordinal() for d in done}
    skip_n = {d.toordinal() for d in skips}
    last = today.toordinal()
    best = run = 0
    strength = 0.0
    keep, gain = STRENGTH_DECAY, 1 - STRENGTH_DECAY
    for n in range(min(done_n), last + 1):
        if n in done_n:
            run += 1
            if run > best:
                best = run
            strength = strength * keep + gain
        elif n not in skip_n and n != last:
            run = 0
            strength *= keep
    return HabitStats(
        habit=habit, done_today=last in done_n, skipped_today=last in skip_n,
        current_streak=run, best_streak=best, strength=strength,
        done_last_30=sum(1 for n in done_n if last - n < 30),
    )


def nothing_recorded(db: Database) -> bool:
    """No morning score, setback, 5Q or habit tick was ever written (a first morning)."""
    return not any(db.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]
                   for table in JOURNAL_TABLES)
