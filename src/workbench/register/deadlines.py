"""An original policy's deadlines after the counter sign-off: the one home of the rule.

- receipt due (回执) = the sign-off day + ``receipt_days``;
- the customer's receipt day = the day written on the returned receipt, or the sign-off
  day while no receipt is back (an estimate);
- cooling-off end (犹豫期) = the receipt day + ``cooling_off_days``;
- callback due (回访) = the receipt day + ``callback_days``;
- a deadline is *due now* on its day and after (``due <= today``) and *overdue* the day
  after (``due < today``);
- a receipt or callback is *open* until it is recorded. The weekly review asks all this
  "as of" a past day ``cut``: an event recorded after the cut did not exist yet.

Each rule is written twice, side by side: in Python for one policy (``receipts`` builds
its items with them) and as a SQL fragment for the queries that filter, count and sort
years of policies (``receipts.due_now``, the register's week). A test compares the two
forms over ranges of days. The SQL fragments read the aliases of ``SIGNED_POLICIES``:
``d`` the line, ``s`` its sign-off, ``r`` the receipt and ``c`` the callback event (NULL
while none), and the parameters of ``sql_params``. ``cut`` is a SQL expression
(``":cut"``) where Python takes a date.

"Open now" and "due now" are also written over ``OPEN_POLICIES`` (alias ``op``, the
trigger-kept table of lines whose receipt or callback is open, see ``register.schema``):
there a deadline is compared through its base date (``signed_on <= today - days``) so
that the table's indexes serve the comparison and the order.
"""

from __future__ import annotations

from datetime import date, timedelta

from workbench.core.config import Config
from workbench.register.schema import NOT_VOIDED

EVENTS = ("receipt", "callback")

# Signed lines with their receipt and callback events (FROM … JOIN: a query may join
# more), and the condition that makes them the original policies that count.
SIGNED_POLICIES = """
    FROM deliveries d
    JOIN signoff_lines l ON l.delivery_id = d.id
    JOIN signoffs s ON s.id = l.signoff_id
    LEFT JOIN policy_events r ON r.delivery_id = d.id AND r.event = 'receipt'
    LEFT JOIN policy_events c ON c.delivery_id = d.id AND c.event = 'callback'"""
POLICY_SQL = f"d.kind = :kind AND {NOT_VOIDED}"


def sql_params(config: Config) -> dict[str, object]:
    """The named parameters the fragments below use."""
    days = config.deliveries
    return {"kind": days.policy_kind, "receipt_days": days.receipt_days,
            "callback_days": days.callback_days}


def _plus_days_sql(day: str, setting: str) -> str:
    return f"date({day}, '+' || :{setting} || ' days')"


# --- the customer's receipt day ---------------------------------------------------------

def received_on(signed_on: date, receipt_on: date | None, cut: date | None = None) -> date:
    """The day the customer received the policy (the sign-off day while unknown)."""
    if receipt_on is not None and (cut is None or receipt_on <= cut):
        return receipt_on
    return signed_on


SIGNED_ON_SQL = "substr(s.signed_at, 1, 10)"


def received_on_sql(cut: str | None = None, receipt: str = "r.on_date",
                    signed: str = SIGNED_ON_SQL) -> str:
    """SQL: the customer's receipt day from the receipt day ``receipt`` (NULL while none)
    and the sign-off day ``signed`` (columns of ``SIGNED_POLICIES`` unless given)."""
    if cut is None:
        return f"coalesce({receipt}, {signed})"
    return f"CASE WHEN {receipt} <= {cut} THEN {receipt} ELSE {signed} END"


# --- the deadlines --------------------------------------------------------------------

def receipt_due(signed_on: date, config: Config) -> date:
    return signed_on + timedelta(days=config.deliveries.receipt_days)


def cooling_off_end(received: date, config: Config) -> date:
    return received + timedelta(days=config.deliveries.cooling_off_days)


def callback_due(received: date, config: Config) -> date:
    return received + timedelta(days=config.deliveries.callback_days)


def callback_due_sql(cut: str | None = None, receipt: str = "r.on_date",
                     signed: str = SIGNED_ON_SQL) -> str:
    return _plus_days_sql(received_on_sql(cut, receipt, signed), "callback_days")


def due(event: str, signed_on: date, received: date, config: Config) -> date:
    """The deadline of ``event`` ("receipt" or "callback")."""
    return receipt_due(signed_on, config) if event == "receipt" else callback_due(received,
                                                                                  config)


def due_sql(event: str, cut: str | None = None, receipt: str = "r.on_date",
            signed: str = SIGNED_ON_SQL) -> str:
    """SQL: the deadline of ``event``, from the columns ``receipt`` and ``signed`` (those
    of ``SIGNED_POLICIES`` unless given)."""
    if event == "receipt":
        return _plus_days_sql(signed, "receipt_days")
    return callback_due_sql(cut, receipt, signed)


# --- open, due now, overdue -----------------------------------------------------------

def is_open(recorded_on: date | None, cut: date | None = None) -> bool:
    """The receipt or callback recorded on ``recorded_on`` (None: never) is still awaited."""
    return recorded_on is None or (cut is not None and recorded_on > cut)


def open_sql(event: str, cut: str | None = None) -> str:
    alias = "r" if event == "receipt" else "c"
    if cut is None:
        return f"{alias}.on_date IS NULL"
    return f"({alias}.on_date IS NULL OR {alias}.on_date > {cut})"


def is_due_now(due_on: date, today: date) -> bool:
    return due_on <= today


def due_now_sql(due_on: str, today: str) -> str:
    return f"{due_on} <= {today}"


# Over OPEN_POLICIES: the same rules, with each deadline as its base date + the setting.
OPEN_POLICIES = """
    FROM open_policies op
    JOIN deliveries d ON d.id = op.delivery_id"""


def open_base_sql(event: str) -> str:
    """SQL over ``op``: the day ``event``'s deadline counts from (``due`` minus its
    setting: the sign-off day, or the customer's receipt day); indexed expressions."""
    if event == "receipt":
        return "op.signed_on"
    return received_on_sql(receipt="op.receipt_on", signed="op.signed_on")


def open_policy_sql(event: str) -> str:
    """SQL over ``op``: a line of the policy kind whose ``event`` is open now."""
    return f"op.kind = :kind AND op.{event}_on IS NULL"


def due_now_open_sql(event: str, today: str) -> str:
    """SQL over ``op``: ``due_now_sql(due_sql(event), today)`` on the base date (sargable)."""
    return (f"{open_base_sql(event)} <= "
            f"date({today}, '-' || :{event}_days || ' days')")


def open_at_cut_sql() -> str:
    """SQL, a CTE ``open_at_cut``: every policy signed by :cut, with the receipt or
    callback ``what`` open at the end of :cut (``is_open(recorded_on, cut)``).

    Without reading every policy signed: what was open at :cut is either open now (a row
    of ``open_policies``) or recorded after :cut (through ``policy_events_on``); the two
    never overlap. Rows (what, line, signed_on, receipt_on): ``receipt_on`` is the
    receipt's day whenever recorded, so ``received_on_sql(":cut", …)`` reads it as of
    the cut. Parameters: ``sql_params``, :cut and :next (the day after it).
    """
    now = " UNION ALL ".join(
        f"""SELECT '{event}' AS what, op.delivery_id AS line, op.signed_on,
                   op.receipt_on
            FROM open_policies op
            WHERE {open_policy_sql(event)} AND op.signed_on <= :cut"""
        for event in EVENTS)
    return f"""open_at_cut(what, line, signed_on, receipt_on) AS (
        {now}
        UNION ALL
        SELECT e.event, d.id, {SIGNED_ON_SQL}, r.on_date
        -- CROSS JOIN: the few events after :cut lead, never every line of the kind.
        FROM policy_events e
        CROSS JOIN deliveries d ON d.id = e.delivery_id
        JOIN signoff_lines l ON l.delivery_id = d.id
        JOIN signoffs s ON s.id = l.signoff_id
        LEFT JOIN policy_events r ON r.delivery_id = d.id AND r.event = 'receipt'
        WHERE e.on_date > :cut AND {POLICY_SQL} AND s.signed_at < :next)"""


def is_overdue(due_on: date, today: date) -> bool:
    return due_on < today


def overdue_sql(due_on: str, today: str) -> str:
    return f"{due_on} < {today}"
