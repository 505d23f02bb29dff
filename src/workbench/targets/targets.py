"""Outlet targets (网点任务): setting, clearing and reading them.

Owns every write to ``outlet_targets``. A target is one outlet's premium and/or standard
premium for one month, quarter or year; typing it again replaces it, typing both amounts
empty clears it. Amounts are taken in 10,000 CNY (万元, as the company's task sheets and
the resource card write them) and stored in yuan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from workbench.assessment.grades import Period
from workbench.core import validate as v
from workbench.core.clock import stamp
from workbench.core.errors import ValidationError
from workbench.roster import outlets
from workbench.targets.periods import PERIODS, check_period, check_start, period_for

if TYPE_CHECKING:
    from sqlite_utils import Database

WAN = 10000  # yuan per 万元
MAX_WAN = 1e8  # one outlet's task beyond a trillion yuan is a typing error


@dataclass(frozen=True)
class Target:
    outlet_id: int
    period: Period
    premium: float | None  # yuan
    standard_premium: float | None  # yuan
    source: str


@dataclass(frozen=True)
class TargetDraft:
    """A target as typed in a form or read from a sheet (all strings)."""

    outlet: Any = ""  # id
    period: Any = "month"
    starts: Any = ""  # any day of the period, or 2026-11 / 2026-Q4 / 2026
    premium: Any = ""  # 万元
    standard_premium: Any = ""  # 万元


def wan(field: str, value: Any) -> float | None:
    """An amount typed in 万元, in yuan (to the fen); empty is None."""
    amount = v.number(field, value, maximum=MAX_WAN)
    return None if amount is None else round(amount * WAN, 2)


def clean_target(db: Database, draft: TargetDraft) -> dict[str, Any]:
    """Validate a draft; the row to store (both amounts None: clear). Raises ValidationError."""
    try:
        outlet = outlets.chosen_outlet(db, draft.outlet, "target_outlet")
    except ValidationError as exc:  # get_outlet names its own field
        raise ValidationError("target_outlet", exc.key, **exc.params) from None
    kind = check_period(draft.period)
    period = check_start(draft.starts, kind)
    return {"outlet_id": outlet.id, "period": kind, "starts": period.start.isoformat(),
            "premium": wan("target_premium", draft.premium),
            "standard_premium": wan("target_standard", draft.standard_premium)}


def write_targets(db: Database, rows: list[dict[str, Any]], source: str, now: datetime) -> int:
    """Store cleaned rows in one transaction (replacing each outlet's period); a row with
    no amount clears that period's target. Returns how many rows were written."""
    with db.atomic():
        for row in rows:
            key = [row["outlet_id"], row["period"], row["starts"]]
            if row["premium"] is None and row["standard_premium"] is None:
                db.execute("DELETE FROM outlet_targets WHERE outlet_id = ? AND period = ? "
                           "AND starts = ?", key)
                continue
            db.execute(
                "INSERT INTO outlet_targets (outlet_id, period, starts, premium, "
                "standard_premium, source, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (outlet_id, period, starts) DO UPDATE SET "
                "premium = excluded.premium, standard_premium = excluded.standard_premium, "
                "source = excluded.source, updated_at = excluded.updated_at",
                [*key, row["premium"], row["standard_premium"], source, stamp(now)])
    return len(rows)


def set_target(db: Database, draft: TargetDraft, now: datetime) -> Period:
    """Set (or clear) one outlet's target from a form; the period it was set for."""
    row = clean_target(db, draft)
    write_targets(db, [row], "typed", now)
    return period_for(date.fromisoformat(row["starts"]), row["period"])


def _target(r: tuple, period: Period | None = None) -> Target:
    """A row of ``_SQL`` as a Target (``period``: the row's, when the caller has it)."""
    if period is None:
        period = period_for(date.fromisoformat(r[2]), r[1])
    return Target(r[0], period, r[3], r[4], r[5])


_SQL = ("SELECT outlet_id, period, starts, premium, standard_premium, source "
        "FROM outlet_targets")


def targets_on(db: Database, day: date, outlet_id: int | None = None,
               kinds: Sequence[str] = PERIODS) -> list[Target]:
    """The targets of the periods ``kinds`` (month, quarter, year) holding ``day``, one
    outlet's or all."""
    periods = {(kind, period.start.isoformat()): period
               for kind in kinds for period in [period_for(day, kind)]}
    where = " OR ".join("(period = ? AND starts = ?)" for _ in periods)
    params: list[Any] = [x for pair in periods for x in pair]
    sql = f"{_SQL} WHERE ({where})"
    if outlet_id is not None:
        sql += " AND outlet_id = ?"
        params.append(outlet_id)
    # Every row shares one of these few periods: built once, not once per row (a heavy
    # roster has 1,500 targets a day).
    return [_target(r, periods[(r[1], r[2])])
            for r in db.execute(sql + " ORDER BY outlet_id", params).fetchall()]


def outlet_targets(db: Database, outlet_id: int, limit: int = 50) -> list[Target]:
    """An outlet's targets, newest period first."""
    return [_target(r) for r in db.execute(
        f"{_SQL} WHERE outlet_id = ? ORDER BY starts DESC, period LIMIT ?",
        [outlet_id, limit]).fetchall()]


def check_no_target(field: str, row: dict[str, Any]) -> None:
    """A sheet row must carry an amount (a form may clear; a company sheet never does)."""
    if row["premium"] is None and row["standard_premium"] is None:
        raise ValidationError(field, "target.error.no_amount")
