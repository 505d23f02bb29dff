"""The custody register's figures for the weekly review (单证 in the week).

Counts of the week itself (lines delivered, sign-offs, forms collected, reviewed and
handed over) and what stood open at the week's end (lines awaiting a signature,
policy receipts and callbacks outstanding and overdue), computed as of that day so a
past week reads the same later. Voided lines never count: they were mistakes.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from workbench.core.config import Config
from workbench.core.privacy import mask_name
from workbench.register import deadlines as dl
from workbench.register.schema import NOT_VOIDED

if TYPE_CHECKING:
    from sqlite_utils import Database

LIST_LIMIT = 30  # items per overdue list; the rest is counted ("… +N")

# Signed original policies as of :cut, and what of their receipts and callbacks was open
# and overdue then (the rules and their "as of :cut" forms are the deadlines module's).
# Counts and lists share these fragments, all in SQL: what was open at a recent cut is
# read from the few open now and the few recorded since (dl.open_at_cut_sql), not from
# the tens of thousands of policy lines of a heavy user.
_AT_CUT = {"receipt": "open_at_cut.receipt_on", "signed": "open_at_cut.signed_on"}
_DUE = (f"CASE open_at_cut.what WHEN 'receipt' THEN {dl.due_sql('receipt', ':cut', **_AT_CUT)} "
        f"ELSE {dl.due_sql('callback', ':cut', **_AT_CUT)} END")

_OPEN_COUNTS = f"""
    WITH {dl.open_at_cut_sql()}
    SELECT coalesce(sum(what = 'receipt'), 0),
           coalesce(sum(what = 'receipt' AND {dl.overdue_sql("due", ":cut")}), 0),
           coalesce(sum(what = 'callback'), 0),
           coalesce(sum(what = 'callback' AND {dl.overdue_sql("due", ":cut")}), 0)
    FROM (SELECT what, {_DUE} AS due FROM open_at_cut)"""

# The first :limit overdue items of each kind, and how many there are, in one pass.
_OVERDUE = f"""
    WITH {dl.open_at_cut_sql()}
    SELECT what, policy_no, customer, code, due, total FROM (
        SELECT *, row_number() OVER (PARTITION BY what ORDER BY due, policy_no) AS n,
               count(*) OVER (PARTITION BY what) AS total
        FROM (SELECT what, d.policy_no, d.customer, o.code, {_DUE} AS due
              FROM open_at_cut
              JOIN deliveries d ON d.id = open_at_cut.line
              JOIN outlets o ON o.id = d.outlet_id)
        WHERE {dl.overdue_sql("due", ":cut")})
    WHERE n <= :limit ORDER BY what DESC, n"""


def _params(cut: date, config: Config) -> dict:
    return {**dl.sql_params(config), "cut": cut.isoformat(),
            "next": (cut + timedelta(days=1)).isoformat()}


def _open_counts(db: Database, cut: date, config: Config) -> dict[str, tuple[int, int]]:
    """what -> (outstanding, overdue) at ``cut``."""
    receipts, late_receipts, callbacks, late_callbacks = db.execute(
        _OPEN_COUNTS, _params(cut, config)).fetchone()
    return {"receipt": (receipts, late_receipts), "callback": (callbacks, late_callbacks)}


def week_figures(db: Database, start: date, end: date, config: Config,
                 today: date) -> list[tuple[str, str, float | None, str]]:
    lo, hi = start.isoformat(), (end + timedelta(days=1)).isoformat()
    one = lambda sql, params: db.execute(sql, params).fetchone()[0]  # noqa: E731
    delivered = one(f"SELECT count(*) FROM deliveries d WHERE delivered_at >= ? "
                    f"AND delivered_at < ? AND {NOT_VOIDED}", [lo, hi])
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
        WHERE s.signed_at >= ? AND d.delivered_at < ? AND {NOT_VOIDED}""", [nxt, nxt])
    open_counts = _open_counts(db, cut, config)
    count = lambda what, late: open_counts.get(what, (0, 0))[1 if late else 0]  # noqa: E731
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
    rows = db.execute(_OVERDUE, {**_params(cut, config), "limit": LIST_LIMIT}).fetchall()
    items: dict[str, list[str]] = {}
    totals: dict[str, int] = {}
    for what, policy_no, customer, code, due, total in rows:
        who = mask_name(customer) if masked else (customer or "")
        items.setdefault(what, []).append(f"{policy_no} · {who} · {code} · {due}")
        totals[what] = total
    return [(f"overdue_{what}s", found + ([f"… +{totals[what] - len(found)}"]
                                        if totals[what] > len(found) else []))
            for what, found in items.items()]

