"""The range of every number and list in the config, checked with the forms' validators.

A config value that passes the type check can still break the app later (a cadence of
3,000,000 days overflows the date of the next visit; an empty list of staff roles leaves
the staff form nothing to offer). Each key is checked here with the same ``validate``
functions the forms and the command line use, so a value the config accepts is one a
form would accept too. ``config.validate`` calls ``check``; this module knows the keys
by name, not the dataclasses (``config`` imports it, not the other way round).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workbench.core import validate as v
from workbench.core.errors import ConfigError, ValidationError
from workbench.core.i18n import t

# Backups kept: a generous ceiling, so a typo (14000) cannot fill the disk.
MAX_BACKUPS = 1000
# A stock pack or a suggested quantity: the largest quantity a delivery line may carry.
MAX_PACK = 1_000_000
# A payment term in years and its standard-premium factor, as a policy form takes them.
MAX_TERM = 100
MAX_FACTOR = 100


def _whole(source: str, key: str, value: int, low: int, high: int) -> None:
    _in_range(source, key, value, lambda: v.integer(key, value, required=True, minimum=low,
                                                    maximum=high))


def _amount(source: str, key: str, value: float, low: float, high: float) -> None:
    _in_range(source, key, value, lambda: v.number(key, value, required=True, minimum=low,
                                                   maximum=high))


def _in_range(source: str, key: str, value: object, check: Callable[[], object]) -> None:
    """``check()``, a validator, with its message as a ConfigError naming ``key``."""
    try:
        check()
    except ValidationError as error:
        raise ConfigError("config.out_of_range", file=source, key=key, value=value,
                          reason=t(error.key, **error.params)) from None


def _names(source: str, key: str, names: list[str] | dict[str, Any]) -> None:
    """A list of ids the forms offer: at least one, none blank, none twice."""
    listed = list(names)
    if not listed or len(set(listed)) != len(listed) or not all(n.strip() for n in listed):
        raise ConfigError("config.bad_list", file=source, key=key, value=listed)


def check(config: Any, source: str) -> None:
    """Raise ``ConfigError`` naming the first key out of its range."""
    _whole(source, "backup.keep", config.backup.keep, 1, MAX_BACKUPS)
    cadence = config.visits.cadence_days
    _names(source, "visits.cadence_days", cadence)
    for tier, days in cadence.items():
        # The outlet form and the importer read a tier in capitals: a tier "a" could
        # never be chosen.
        if tier != tier.strip().upper():
            raise ConfigError("config.bad_value", file=source,
                              key=f"visits.cadence_days.{tier}", value=f'"{tier}"')
        _whole(source, f"visits.cadence_days.{tier}", days, 1, v.MAX_DAYS)
    # A minimum visit longer than a working day would leave every outlet due for ever.
    _whole(source, "visits.min_minutes", config.visits.min_minutes, 0, 12 * 60)
    _names(source, "staff.roles", config.staff.roles)
    d = config.deliveries
    for key in ("receipt_days", "cooling_off_days", "callback_days", "stock_warn_days",
                "stock_cover_days", "stock_lookback_days"):
        _whole(source, f"deliveries.{key}", getattr(d, key), 1, v.MAX_DAYS)
    _whole(source, "deliveries.stock_round_to", d.stock_round_to, 1, MAX_PACK)
    plan = config.plan
    for key, low in (("min_visit_minutes", 0), ("max_outlets_per_half_day", 1),
                     ("staff_contact_days", 1), ("birthday_days", 0)):
        _whole(source, f"plan.{key}", getattr(plan, key), low, v.MAX_DAYS)
    goals = config.goals
    _whole(source, "goals.unit", goals.unit, 1, v.MAX_NUMBER)
    for key in ("maintain", "promote"):
        for i, line in enumerate(getattr(goals, key)):
            _amount(source, f"goals.{key}[{i}]", line, 0.01, v.MAX_NUMBER)
    for term, factor in goals.standard_factors.items():
        key = f"goals.standard_factors.{term}"
        if not (term.isascii() and term.isdigit()):
            raise ConfigError("config.bad_value", file=source, key=key, value=f'"{term}"')
        _whole(source, key, int(term), 1, MAX_TERM)
        _amount(source, key, factor, 0, MAX_FACTOR)
    _calendar(config.calendar, source)
    from workbench.core import config_fieldwork

    config_fieldwork.check(config, source, _whole, _names)


def _calendar(calendar: Any, source: str) -> None:
    """The exported calendar's zone must be one the zone database knows (its VTIMEZONE is
    built from it) and its alarm a clock time."""
    from datetime import date
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    zone = calendar.timezone
    try:
        ZoneInfo(zone)  # "", "/x" and "../x" are a ValueError, a folder ("Asia") an OSError
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ConfigError("config.bad_value", file=source, key="calendar.timezone",
                          value=f'"{zone}"') from None
    _in_range(source, "calendar.alarm", f'"{calendar.alarm}"',
              lambda: v.time_on("calendar.alarm", calendar.alarm, date(2000, 1, 1)))
