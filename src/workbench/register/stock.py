"""Stock of forms and material at each outlet (保证不断档): counts, forecast, suggestions.

A stock count (``stock_counts``) is taken at a visit. Between two counts, what was
consumed is: first count + deliveries in between (not voided) - second count. The
consumption rate is the total consumed over the total days of the count pairs that
end within ``stock_lookback_days``. Today's estimate is the last count plus what was
delivered since, minus the rate times the days since; days left = estimate / rate.
Fewer days left than ``stock_warn_days`` flags the line "about to run out", with a
suggested quantity covering ``stock_cover_days``, rounded up to ``stock_round_to``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from workbench.core import validate as v
from workbench.core.clock import stamp
from workbench.core.config import Config
from workbench.core.errors import ValidationError
from workbench.register.schema import NOT_VOIDED
from workbench.roster import outlets

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class StockLevel:
    outlet_id: int
    outlet_code: str
    outlet_name: str
    kind: str
    counted_on: date
    counted: int
    delivered_since: int
    rate_per_day: float | None    # None: fewer than two counts, no rate yet
    estimate: int
    days_left: float | None
    low: bool
    suggested: int


def record_count(db: Database, config: Config, *, outlet_id: int, kind: str, quantity: Any,
                 counted_at: datetime, now: datetime, visit_id: int | None = None,
                 note: Any = "") -> int:
    outlet = outlets.chosen_outlet(db, outlet_id)
    kind = v.choice("kind", kind, config.deliveries.stock_kinds)
    qty = v.integer("quantity", quantity, required=True, minimum=0, maximum=1_000_000)
    if counted_at > now + timedelta(minutes=1):
        raise ValidationError("counted_at", "deliveries.error.future")
    with db.atomic():
        return db.table("stock_counts").insert({
            "outlet_id": outlet.id, "kind": kind, "quantity": qty,
            "counted_at": stamp(counted_at), "visit_id": visit_id,
            "note": v.text("note", note, max_len=500)}).last_pk


def _delivered(db: Database, outlet_id: int, kind: str, after: str, until: str) -> int:
    return db.execute(
        f"""SELECT coalesce(sum(d.quantity), 0) FROM deliveries d
           WHERE d.outlet_id = ? AND d.delivered_at > ? AND d.delivered_at <= ? AND d.kind = ?
             AND {NOT_VOIDED}""",
        [outlet_id, after, until, kind]).fetchone()[0]


def _round_up(n: float, step: int) -> int:
    return int(math.ceil(max(0.0, n) / step) * step)


def level(db: Database, config: Config, outlet_id: int, kind: str, today: date,
          code: str = "", name: str = "") -> StockLevel | None:
    """The forecast for one outlet and kind; None when it was never counted."""
    cfg = config.deliveries
    counts = db.execute(
        "SELECT counted_at, quantity FROM stock_counts WHERE outlet_id = ? AND kind = ? "
        "ORDER BY counted_at", [outlet_id, kind]).fetchall()
    if not counts:
        return None
    horizon = (today - timedelta(days=cfg.stock_lookback_days)).isoformat()
    consumed = 0.0
    days = 0.0
    for (t1, q1), (t2, q2) in zip(counts, counts[1:], strict=False):
        if t2 < horizon:
            continue
        span = (datetime.fromisoformat(t2) - datetime.fromisoformat(t1)).total_seconds() / 86400
        if span <= 0:
            continue
        consumed += max(0, q1 + _delivered(db, outlet_id, kind, t1, t2) - q2)
        days += span
    rate = consumed / days if days > 0 else None
    last_at, last_q = counts[-1]
    end_of_today = (today + timedelta(days=1)).isoformat()
    since = _delivered(db, outlet_id, kind, last_at, end_of_today)
    elapsed = max(0.0, (today - date.fromisoformat(last_at[:10])).days)
    estimate = max(0, round(last_q + since - (rate or 0) * elapsed))
    days_left = estimate / rate if rate else None
    low = days_left is not None and days_left < cfg.stock_warn_days
    suggested = (_round_up(rate * cfg.stock_cover_days - estimate, cfg.stock_round_to)
                 if low and rate else 0)
    return StockLevel(outlet_id, code, name, kind, date.fromisoformat(last_at[:10]), last_q,
                      since, rate, estimate, days_left, low, suggested)


def stock_levels(db: Database, today: date, config: Config,
                 outlet_id: int | None = None) -> list[StockLevel]:
    """Every counted (outlet, kind) of the stock kinds, lowest days left first."""
    cond, params = ("AND o.id = ?", [outlet_id]) if outlet_id is not None else ("", [])
    pairs = db.execute(
        f"""SELECT DISTINCT c.outlet_id, c.kind, o.code, o.name FROM stock_counts c
            JOIN outlets o ON o.id = c.outlet_id WHERE o.active = 1 {cond}
            ORDER BY o.code, c.kind""", params).fetchall()
    kinds = set(config.deliveries.stock_kinds)
    out = [lv for oid, kind, code, name in pairs if kind in kinds
           if (lv := level(db, config, oid, kind, today, code, name)) is not None]
    return sorted(out, key=lambda s: (s.days_left if s.days_left is not None else math.inf,
                                      s.outlet_code, s.kind))


def low_stock(db: Database, today: date, config: Config) -> list[StockLevel]:
    """Outlet and kind pairs about to run out, with a suggested quantity to bring."""
    return [s for s in stock_levels(db, today, config) if s.low]
