"""The custody register's figures for the weekly review (单证 in the week).

Counts of the week itself (lines delivered, sign-offs, forms collected, reviewed and
handed over) and what stood open at the week's end (lines awaiting a signature,
policy receipts and callbacks outstanding and overdue), computed as of that day so a
past week reads the same later. Voided lines never count: they were mistakes.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from .config import Config
from .privacy import mask_name

if TYPE_CHECKING:
    from sqlite_utils import Database

_NOT_VOIDED = "NOT EXISTS (SELECT 1 FROM voids x WHERE x.delivery_id = d.id)"

# Signed original policies: the sign-off day, and the receipt / callback days on or
# before the cut-off (NULL when not yet recorded by then).
_POLICIES = f"""
    SELECT d.policy_no, d.customer, o.code, substr(s.signed_at, 1, 10),
           (SELECT on_date FROM policy_events e WHERE e.delivery_id = d.id
              AND e.event = 'receipt' AND e.on_date <= :cut),
           (SELECT on_date FROM policy_events e WHERE e.delivery_id = d.id
              AND e.event = 'callback' AND e.on_date <= :cut)
    FROM deliveries d
    JOIN signoff_lines l ON l.delivery_id = d.id
    JOIN signoffs s ON s.id = l.signoff_id
    JOIN outlets o ON o.id = d.outlet_id
    WHERE d.kind = :kind AND s.signed_at < :next AND {_NOT_VOIDED}
"""


def _policy_status(db: Database, cut: date, config: Config) -> list[tuple]:
    """(policy, customer, outlet, what, due) for receipts and callbacks open at ``cut``."""
    days = config.deliveries
    out = []
    rows = db.execute(_POLICIES, {"cut": cut.isoformat(), "kind": days.policy_kind,
                                  "next": (cut + timedelta(days=1)).isoformat()})
    for policy_no, customer, code, signed, receipt, callback in rows:
        signed_on = date.fromisoformat(signed)
        if receipt is None:
            out.append((policy_no, customer, code, "receipt",
                        signed_on + timedelta(days=days.receipt_days)))
        if callback is None:
            received = date.fromisoformat(receipt) if receipt else signed_on
            out.append((policy_no, customer, code, "callback",
                        received + timedelta(days=days.callback_days)))
    return out


def week_figures(db: Database, start: date, end: date, config: Config,
                 today: date) -> list[tuple[str, str, float | None, str]]:
    lo, hi = start.isoformat(), (end + timedelta(days=1)).isoformat()
    one = lambda sql, params: db.execute(sql, params).fetchone()[0]  # noqa: E731
    delivered = one(f"SELECT count(*) FROM deliveries d WHERE delivered_at >= ? "
                    f"AND delivered_at < ? AND {_NOT_VOIDED}", [lo, hi])
    signoffs, lines_signed = db.execute(
        "SELECT count(DISTINCT s.id), count(l.delivery_id) FROM signoffs s "
        "JOIN signoff_lines l ON l.signoff_id = s.id WHERE s.signed_at >= ? AND s.signed_at < ?",
        [lo, hi]).fetchone()
    cut = min(end, today)
    nxt = (cut + timedelta(days=1)).isoformat()
    # Awaiting at the cut-off: lines open now, plus lines signed only after it. Both sets
    # are small for recent weeks (open_lines is kept by the register's triggers), where
    # a NOT EXISTS over every line ever delivered would read the whole register.
    awaiting = one("SELECT count(*) FROM open_lines o JOIN deliveries d ON d.id = o.delivery_id "
                   "WHERE d.delivered_at < ?", [nxt]) + one(f"""
        SELECT count(*) FROM signoffs s JOIN signoff_lines l ON l.signoff_id = s.id
        JOIN deliveries d ON d.id = l.delivery_id
        WHERE s.signed_at >= ? AND d.delivered_at < ? AND {_NOT_VOIDED}""", [nxt, nxt])
    open_items = _policy_status(db, cut, config)
    count = lambda what, late: sum(  # noqa: E731
        1 for *_, kind, due in open_items if kind == what and (not late or due < cut))
    collected = one("SELECT count(*) FROM applications WHERE collected_at >= ? "
                    "AND collected_at < ?", [lo, hi])
    reviewed = one("SELECT count(*) FROM applications WHERE reviewed_at >= ? "
                   "AND reviewed_at < ?", [lo, hi])
    handed = one("SELECT count(*) FROM applications a JOIN handovers h ON h.id = a.handover_id "
                 "WHERE h.handed_at >= ? AND h.handed_at < ?", [lo, hi])
    return [
        ("register", "lines_delivered", delivered, "count"),
        ("register", "signoffs", signoffs, "count"),
        ("register", "lines_signed", lines_signed, "count"),
        ("register", "awaiting_signature", awaiting, "count"),
        ("register", "receipts_outstanding", count("receipt", False), "count"),
        ("register", "receipts_overdue", count("receipt", True), "count"),
        ("register", "callbacks_outstanding", count("callback", False), "count"),
        ("register", "callbacks_overdue", count("callback", True), "count"),
        ("register", "forms_collected", collected, "count"),
        ("register", "forms_reviewed", reviewed, "count"),
        ("register", "forms_handed_over", handed, "count"),
    ]


def week_lists(db: Database, start: date, end: date, config: Config, today: date,
               masked: bool) -> list[tuple[str, list[str]]]:
    """Receipts and callbacks overdue at the week's end, customer masked unless asked."""
    cut = min(end, today)
    late = sorted((due, kind, policy_no, customer, code)
                  for policy_no, customer, code, kind, due in _policy_status(db, cut, config)
                  if due < cut)
    items = {"receipt": [], "callback": []}
    for due, kind, policy_no, customer, code in late:
        who = mask_name(customer) if masked else (customer or "")
        items[kind].append((policy_no, who, code, due))
    return [(f"overdue_{kind}s", [f"{p} · {w} · {c} · {d.isoformat()}" for p, w, c, d in rows])
            for kind, rows in items.items() if rows]
