"""Small validators shared by every domain module and importer.

Each takes the raw value (usually a string from a form or a file cell) and the field
name, and returns the clean value or raises ``ValidationError`` with a translated
message. Empty optional values come back as ``None``.

Every number, date, week and record id the app takes in (forms, imports, command-line
options, config keys) is range-checked here, so a value that passes can never overflow
later (a date arithmetic past year 9999, an SQLite INTEGER past 2**63).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any, Literal, overload

from workbench.core.errors import ValidationError
from workbench.core.i18n import t

MAX_NAME = 80
MAX_TEXT = 2000
# Far above any amount or count a manager records, and below 2**53: every whole number
# and every amount to the cent up to it is stored exactly (a float has 15-16 digits).
MAX_NUMBER = 1_000_000_000_000
# Dates the app works with: birthdays from 1900, plans and records up to 2099. Date
# arithmetic (a week on, a cadence due) never leaves Python's date range from these.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2099, 12, 31)
# Days in any configured period or repeat: at most a (leap) year.
MAX_DAYS = 366
# The largest rowid SQLite stores (a signed 64-bit INTEGER).
MAX_ID = 2**63 - 1
_PHONE = re.compile(r"^\+?[0-9][0-9 ()\-]{3,22}[0-9](\s*(ext|转|x)\s*[0-9]{1,6})?$", re.I)
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-.]{0,31}$")
# Control characters (except tab/newline in long text) never belong in a record.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def text(field: str, value: Any, *, required: bool = False, max_len: int = MAX_TEXT) -> str | None:
    s = _text(value)
    if not s:
        if required:
            raise ValidationError(field, "error.required")
        return None
    if _CONTROL.search(s):
        raise ValidationError(field, "error.control_chars")
    if len(s) > max_len:
        raise ValidationError(field, "error.too_long", max=max_len, length=len(s))
    return s


def name(field: str, value: Any, *, required: bool = True) -> str | None:
    s = text(field, value, required=required, max_len=MAX_NAME)
    if s is not None and "\n" in s:
        raise ValidationError(field, "error.one_line")
    return s


def code(field: str, value: Any) -> str:
    s = _text(value)
    if not s:
        raise ValidationError(field, "error.required")
    if not _CODE.match(s):
        raise ValidationError(field, "error.bad_code")
    return s


def number(field: str, value: Any, *, required: bool = False, minimum: float = 0,
           maximum: float = MAX_NUMBER) -> float | None:
    """A finite number in ``minimum .. maximum`` (thousands separators allowed)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        n = float(value)
    else:
        s = _text(value).replace(",", "").replace("，", "")
        if not s:
            if required:
                raise ValidationError(field, "error.required")
            return None
        try:
            n = float(s)
        except ValueError:
            raise ValidationError(field, "error.not_number", value=s[:20]) from None
    if n != n or n in (float("inf"), float("-inf")):
        raise ValidationError(field, "error.not_number", value=str(value)[:20])
    if n < minimum:
        raise ValidationError(field, "error.too_small", minimum=_fmt(minimum))
    if n > maximum:
        raise ValidationError(field, "error.too_large", maximum=_fmt(maximum))
    return n


def integer(field: str, value: Any, *, required: bool = False, minimum: int = 0,
            maximum: int = MAX_NUMBER) -> int | None:
    """A whole number in ``minimum .. maximum``."""
    n = number(field, value, required=required, minimum=minimum, maximum=maximum)
    if n is None:
        return None
    if n != int(n):
        raise ValidationError(field, "error.not_integer")
    return int(n)


def phone(field: str, value: Any) -> str | None:
    s = _text(value)
    if not s:
        return None
    if not _PHONE.match(s):
        raise ValidationError(field, "error.bad_phone")
    return s


# With required=True the answer is always a date (an empty value raises), so callers need
# no None check.
@overload
def iso_date(field: str, value: Any, *, required: Literal[True]) -> date: ...


@overload
def iso_date(field: str, value: Any, *, required: bool = False) -> date | None: ...


def iso_date(field: str, value: Any, *, required: bool = False) -> date | None:
    """A real calendar date written YYYY-MM-DD (also accepts 2026/3/5 as Excel writes it)."""
    if isinstance(value, datetime):
        return day_in_range(field, value.date())
    if isinstance(value, date):
        return day_in_range(field, value)
    s = _text(value)
    if not s:
        if required:
            raise ValidationError(field, "error.required")
        return None
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", s)
    if not m:
        raise ValidationError(field, "error.bad_date", value=s[:20])
    try:
        found = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise ValidationError(field, "error.no_such_date", value=s[:20]) from None
    return day_in_range(field, found)


def day_in_range(field: str, day: date) -> date:
    """``day`` if it lies in ``FIRST_DAY .. LAST_DAY``."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValidationError(field, "error.date_range", value=day.isoformat(),
                              first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat())
    return day


def iso_week(field: str, value: Any) -> date:
    """An ISO week written ``2026-W48`` (or ``2026W48``): the Monday it starts on."""
    s = _text(value)
    m = re.fullmatch(r"(\d{4})-?[Ww](\d{1,2})", s)
    if not m:
        raise ValidationError(field, "error.bad_week", value=s[:20])
    try:
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
    except ValueError:
        raise ValidationError(field, "error.no_such_week", value=s[:20]) from None
    # Its last day too: a report adds days to the start and must stay in range.
    if not FIRST_DAY <= monday <= LAST_DAY - timedelta(days=6):
        raise ValidationError(field, "error.date_range", value=s[:20],
                              first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat())
    return monday


def record_id(field: str, value: Any) -> int:
    """A record number as typed (a hand-over, a line): a whole number 1 .. ``MAX_ID``."""
    s = _text(value)
    if not s.isascii() or not s.isdigit():
        raise ValidationError(field, "error.bad_id", value=s[:24])
    n = int(s)  # not through float: a 19-digit id must not round to its neighbour
    if not 1 <= n <= MAX_ID:
        raise ValidationError(field, "error.bad_id", value=s[:24])
    return n


def choice(field: str, value: Any, options: list[str] | tuple[str, ...]) -> str:
    s = _text(value)
    if s not in options:
        # listed as the language lists things: A、B、C in Chinese, A, B, C in English
        raise ValidationError(field, "error.bad_choice", options=t("list.sep").join(options))
    return s


def _fmt(n: float) -> str:
    return str(int(n)) if n == int(n) else str(n)


def time_on(field: str, value: Any, day: date) -> datetime:
    """A typed ``HH:MM`` on ``day``."""
    raw = _text(value)
    try:
        clock = time.fromisoformat(raw)
    except ValueError:
        raise ValidationError(field, "error.bad_time", value=raw[:10]) from None
    return datetime.combine(day, clock)


def moment(field: str, value: Any, day: date) -> datetime:
    """A typed ``HH:MM`` on ``day``, or a whole ``YYYY-MM-DD HH:MM``."""
    raw = _text(value).replace("T", " ")
    try:
        if len(raw) <= 5:
            found = datetime.combine(day, datetime.strptime(raw, "%H:%M").time())
        else:
            found = datetime.strptime(raw, "%Y-%m-%d %H:%M")
    except ValueError:
        raise ValidationError(field, "error.bad_time", value=raw[:16]) from None
    day_in_range(field, found.date())
    return found
