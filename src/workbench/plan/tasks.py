"""The manager's own tasks (任务): due dates typed the way people say them, recurrence.

A due date may be typed as an ISO date, a weekday name (周五, 星期五, fri, friday: the
next such day, today included), ``today``/``tomorrow``/今天/明天/后天, or ``+3d``.
Recurrence uses dateutil's rrule: every weekday, weekly on chosen days, monthly on a
day (clamped to the month's end: "the 31st" is 30 April and 28/29 February), or "N days
after completion". Completing a recurring task creates the next one; undoing the
completion removes that next one again if it was not touched.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, rrule

from workbench.core import validate as v
from workbench.core.clock import stamp
from workbench.core.errors import ValidationError
from workbench.core.migrations import Migrations
from workbench.roster import outlets

if TYPE_CHECKING:
    from sqlite_utils import Database

migrations = Migrations("workbench.tasks")

MAX_TITLE = 200
MAX_AHEAD_DAYS = 3660
REPEATS = ("", "weekdays", "weekly", "monthly", "after")

_WEEKDAY_NAMES: dict[str, int] = {}
for _i, _names in enumerate((
    ("mon", "monday", "一"), ("tue", "tues", "tuesday", "二"), ("wed", "wednesday", "三"),
    ("thu", "thur", "thurs", "thursday", "四"), ("fri", "friday", "五"),
    ("sat", "saturday", "六"), ("sun", "sunday", "日", "天"),
)):
    for _n in _names:
        if len(_n) == 1:  # Chinese numeral: 周一, 星期一, 礼拜一
            for _prefix in ("周", "星期", "礼拜"):
                _WEEKDAY_NAMES[_prefix + _n] = _i
        else:
            _WEEKDAY_NAMES[_n] = _i
_WEEKDAY_NAMES.pop("周天", None)  # not said; 星期天 and 礼拜天 are
_RELATIVE = {"today": 0, "tod": 0, "今天": 0, "今日": 0, "tomorrow": 1, "tom": 1,
             "明天": 1, "明日": 1, "后天": 2}
_PLUS = re.compile(r"\+\s*(\d{1,6})\s*(d|day|days|天|w|wk|week|weeks|周)?")


@migrations()
def m001_tasks(db: Database) -> None:
    db.execute(f"""
        CREATE TABLE tasks (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND {MAX_TITLE}),
            due TEXT NOT NULL CHECK (date(due) = due),
            outlet_id INTEGER REFERENCES outlets(id),
            rule TEXT,
            prev_id INTEGER REFERENCES tasks(id),
            done_on TEXT CHECK (done_on IS NULL OR date(done_on) = done_on),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT""")
    db.execute("CREATE INDEX tasks_open ON tasks(done_on, due)")
    db.execute("CREATE INDEX tasks_prev ON tasks(prev_id)")
    db.execute("CREATE INDEX tasks_outlet ON tasks(outlet_id, due)")


@dataclass(frozen=True)
class Task:
    id: int
    title: str
    due: date
    outlet_id: int | None
    outlet_name: str | None
    rule: str | None
    done_on: date | None
    days_late: int  # against the working day; 0 when due today or later, or done

    @property
    def done(self) -> bool:
        return self.done_on is not None


@dataclass(frozen=True)
class Completion:
    task_id: int
    next_id: int | None
    next_due: date | None


# --- due dates ---------------------------------------------------------------------


def weekday_of(word: str) -> int | None:
    """0 (Monday) .. 6 for a weekday name in Chinese or English; None if it is not one."""
    return _WEEKDAY_NAMES.get(word.strip().lower())


def parse_due(text: str, today: date) -> date:
    """The date meant by ``text`` (see the module doc). Raises ValidationError("task_due")."""
    s = (text or "").strip().lower()
    if not s:
        raise ValidationError("task_due", "error.required")
    if s in _RELATIVE:
        return today + timedelta(days=_RELATIVE[s])
    day = weekday_of(s)
    if day is not None:
        return today + timedelta(days=(day - today.weekday()) % 7)
    plus = _PLUS.fullmatch(s)
    if plus:
        n = int(plus[1]) * (7 if plus[2] in ("w", "wk", "week", "weeks", "周") else 1)
        if n > MAX_AHEAD_DAYS:
            raise ValidationError("task_due", "task.too_far", days=MAX_AHEAD_DAYS)
        try:
            return today + timedelta(days=n)
        except OverflowError:
            raise ValidationError("task_due", "task.too_far", days=MAX_AHEAD_DAYS) from None
    try:
        found = v.iso_date("task_due", s, required=True)
    except ValidationError as exc:
        if exc.key in ("error.no_such_date", "error.date_range"):
            raise
        raise ValidationError("task_due", "task.bad_due", value=s[:20]) from None
    assert found is not None
    return found


# --- recurrence --------------------------------------------------------------------


def parse_repeat(kind: str, detail: str, due: date) -> str | None:
    """The stored rule for a repeat choice and its detail; None for a one-off task.

    ``weekdays``; ``weekly:0,2`` (Monday, Wednesday); ``monthly:31``; ``after:7``.
    """
    kind = v.choice("task_repeat", (kind or "").strip(), REPEATS)
    detail = (detail or "").strip()
    if kind == "":
        return None
    if kind == "weekdays":
        return "weekdays"
    if kind == "weekly":
        words = [w for w in re.split(r"[\s,，、;；/]+", detail) if w]
        if not words:
            return f"weekly:{due.weekday()}"
        days = set()
        for word in words:
            day = weekday_of(word)
            if day is None:
                raise ValidationError("task_repeat_detail", "task.bad_weekday", value=word[:12])
            days.add(day)
        return "weekly:" + ",".join(str(d) for d in sorted(days))
    if kind == "monthly":
        day = v.integer("task_repeat_detail", detail or due.day, minimum=1, maximum=31)
        return f"monthly:{day}"
    n = v.integer("task_repeat_detail", detail, required=True, minimum=1, maximum=366)
    return f"after:{n}"


def _rrule(rule: str, start: date) -> rrule:
    dt = datetime.combine(start, time())
    if rule == "weekdays":
        return rrule(DAILY, dtstart=dt, byweekday=(0, 1, 2, 3, 4))
    kind, _, arg = rule.partition(":")
    if kind == "weekly":
        return rrule(WEEKLY, dtstart=dt, byweekday=[int(x) for x in arg.split(",")])
    if kind == "monthly":
        day = int(arg)
        if day <= 28:
            return rrule(MONTHLY, dtstart=dt, bymonthday=day)
        # The last of 28..day that the month has: the 31st falls back to the 30th/28th.
        return rrule(MONTHLY, dtstart=dt, bymonthday=tuple(range(28, day + 1)), bysetpos=-1)
    raise ValueError(rule)


def recurrence(rule: str | None, start: date) -> rrule | None:
    """The dateutil rule of a stored repeat, starting on ``start``; None for a one-off
    task and for "N days after completion" (no calendar can say when that will be)."""
    if rule is None or rule.startswith("after:"):
        return None
    return _rrule(rule, start)


def _after(rule: str, day: date, inclusive: bool) -> date | None:
    try:
        found = _rrule(rule, day).after(datetime.combine(day, time()), inc=inclusive)
    except (OverflowError, ValueError):
        return None
    return found.date() if found else None


def first_due(rule: str | None, due: date) -> date | None:
    """The first date on or after ``due`` that the rule allows (``due`` for one-offs)."""
    if rule is None or rule.startswith("after:"):
        return due
    return _after(rule, due, inclusive=True)


def next_due(rule: str, due: date, done_on: date) -> date | None:
    """The due date of the task that follows one due ``due`` and completed ``done_on``.

    Calendar rules give the first date strictly after both (a task finished late does
    not spawn one already overdue); "after:N" counts N days from completion. None when
    no such date exists (past the calendar's end).
    """
    if rule.startswith("after:"):
        try:
            return done_on + timedelta(days=int(rule[6:]))
        except OverflowError:
            return None
    return _after(rule, max(due, done_on), inclusive=False)


# --- storage -----------------------------------------------------------------------


def clean_title(value: object) -> str:
    title = v.text("task_title", value, required=True, max_len=MAX_TITLE)
    assert title is not None
    if "\n" in title:
        raise ValidationError("task_title", "error.one_line")
    return title


def add_task(db: Database, title: str, due_text: str, today: date, now: datetime, *,
             outlet_id: int | None = None, repeat: str = "", repeat_detail: str = "") -> int:
    """Validate everything, then write one task. Returns its id."""
    clean = clean_title(title)
    due = parse_due(due_text, today)
    rule = parse_repeat(repeat, repeat_detail, due)
    first = first_due(rule, due)
    if first is None:
        raise ValidationError("task_repeat", "task.no_next")
    if outlet_id is not None:
        outlets.chosen_outlet(db, outlet_id)
    with db.atomic():
        return db.table("tasks").insert({
            "title": clean, "due": first.isoformat(), "outlet_id": outlet_id, "rule": rule,
            "prev_id": None, "done_on": None, "created_at": stamp(now),
            "updated_at": stamp(now),
        }).last_pk


_COLS = ("t.id, t.title, t.due, t.outlet_id, o.name, t.rule, t.done_on "
         "FROM tasks t LEFT JOIN outlets o ON o.id = t.outlet_id")


def _task(r: tuple, today: date) -> Task:
    due = date.fromisoformat(r[2])
    done = date.fromisoformat(r[6]) if r[6] else None
    late = 0 if done else max(0, (today - due).days)
    return Task(id=r[0], title=r[1], due=due, outlet_id=r[3], outlet_name=r[4], rule=r[5],
                done_on=done, days_late=late)


def get_task(db: Database, task_id: int, today: date) -> Task:
    r = db.execute(f"SELECT {_COLS} WHERE t.id = ?", [task_id]).fetchone()
    if r is None:
        raise ValidationError("", "task.no_such_task")
    return _task(r, today)


def tasks_for_day(db: Database, today: date) -> list[Task]:
    """Open tasks due today or earlier (most late first), then those completed today."""
    open_rows = db.execute(
        f"SELECT {_COLS} WHERE t.done_on IS NULL AND t.due <= ? ORDER BY t.due, t.id",
        [today.isoformat()]).fetchall()
    done_rows = db.execute(
        f"SELECT {_COLS} WHERE t.done_on = ? ORDER BY t.id", [today.isoformat()]).fetchall()
    return [_task(r, today) for r in open_rows + done_rows]


def upcoming(db: Database, today: date, days: int = 7) -> list[Task]:
    """Open tasks due after today, within ``days``."""
    rows = db.execute(
        f"SELECT {_COLS} WHERE t.done_on IS NULL AND t.due > ? AND t.due <= ? "
        "ORDER BY t.due, t.id",
        [today.isoformat(), (today + timedelta(days=days)).isoformat()]).fetchall()
    return [_task(r, today) for r in rows]


def open_tasks_until(db: Database, last: date, today: date) -> list[Task]:
    """Every open task due on or before ``last`` (the late ones too), earliest first."""
    rows = db.execute(f"SELECT {_COLS} WHERE t.done_on IS NULL AND t.due <= ? "
                      "ORDER BY t.due, t.id", [last.isoformat()]).fetchall()
    return [_task(r, today) for r in rows]


def series_roots(db: Database, task_ids: list[int]) -> dict[int, int]:
    """The first task of each task's series (itself for a one-off): what stays the same
    while a repeating task is done and followed by the next one."""
    rows = db.execute("""
        WITH RECURSIVE up(start, id, prev) AS (
            SELECT id, id, prev_id FROM tasks
            WHERE id IN (SELECT value FROM json_each(?))
            UNION ALL
            SELECT up.start, t.id, t.prev_id FROM up JOIN tasks t ON t.id = up.prev)
        SELECT start, id FROM up WHERE prev IS NULL""", [json.dumps(task_ids)]).fetchall()
    return {start: root for start, root in rows}


def complete_task(db: Database, task_id: int, today: date, now: datetime) -> Completion:
    """Mark a task done on ``today``; a recurring one gets its successor in the same write."""
    task = get_task(db, task_id, today)
    if task.done:
        raise ValidationError("", "task.already_done")
    following = next_due(task.rule, task.due, today) if task.rule else None
    with db.atomic():
        db.table("tasks").update(task_id, {"done_on": today.isoformat(),
                                           "updated_at": stamp(now)})
        next_id = None
        if following is not None:
            next_id = db.table("tasks").insert({
                "title": task.title, "due": following.isoformat(),
                "outlet_id": task.outlet_id, "rule": task.rule, "prev_id": task_id,
                "done_on": None, "created_at": stamp(now), "updated_at": stamp(now),
            }).last_pk
    return Completion(task_id, next_id, following)


def undo_task(db: Database, task_id: int, today: date, now: datetime) -> None:
    """Reopen a completed task; its untouched successor (if recurring) is withdrawn."""
    task = get_task(db, task_id, today)
    if not task.done:
        raise ValidationError("", "task.not_done")
    successor = db.execute(
        "SELECT id, done_on, created_at, updated_at FROM tasks WHERE prev_id = ?",
        [task_id]).fetchone()
    if successor is not None and successor[1] is not None:
        raise ValidationError("", "task.successor_done")
    with db.atomic():
        if successor is not None and successor[2] == successor[3]:
            db.execute("DELETE FROM tasks WHERE id = ?", [successor[0]])
        elif successor is not None:
            # The successor was edited or snoozed: keep it, but it no longer follows this.
            db.execute("UPDATE tasks SET prev_id = NULL WHERE id = ?", [successor[0]])
        db.table("tasks").update(task_id, {"done_on": None, "updated_at": stamp(now)})


def snooze_task(db: Database, task_id: int, today: date, now: datetime) -> date:
    """Move an open task to tomorrow. Returns the new due date."""
    task = get_task(db, task_id, today)
    if task.done:
        raise ValidationError("", "task.already_done")
    tomorrow = today + timedelta(days=1)
    with db.atomic():
        db.table("tasks").update(task_id, {"due": tomorrow.isoformat(),
                                           "updated_at": stamp(now)})
    return tomorrow
