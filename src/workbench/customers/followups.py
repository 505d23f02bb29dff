"""The dated work on customers (跟进), and its order: the one home of both rules.

Two sources make one list:
- stored follow-ups (``followups``, status open): an intention's next step, a case of
  claim (理赔), surrender (退保) or other after-sale help; due on their day;
- dated moments, computed: a deposit's maturity (存款到期), a linked policy's renewal
  premium (续期, ``renewals``) and its cooling-off end (犹豫期). Each is shown from a few
  days before (``LEAD_DAYS``: the time to talk before the money moves, the premium is
  missed or the period ends) and until ``STALE_DAYS`` after; a conversation logged
  about it (a done follow-up whose ``about`` names it) handles it. A cooling-off end
  past is gone: there is nothing left to explain.

Order (``urgency``): the earliest day first, so overdue before today before coming, the
most days overdue first; on the same day claims and surrenders before cooling-off ends,
renewals, deposits and next steps. ``log_conversation`` closes an item and sets the
next step in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from workbench.core import validate as v
from workbench.core.clock import stamp
from workbench.core.config import Config
from workbench.core.errors import ValidationError
from workbench.core.privacy import mask_name
from workbench.customers import deposits, links, records, renewals
from workbench.customers.stages import check_move

if TYPE_CHECKING:
    from sqlite_utils import Database

CASE_KINDS = ("next_step", "claim", "surrender", "service")
# Same day: the more urgent kind first (a claim waits on the manager; a next step can).
PRIORITY = ("claim", "surrender", "cooling_off", "renewal", "deposit", "service", "next_step")
LEAD_DAYS = {"deposit": 7, "renewal": 7, "cooling_off": 3}
STALE_DAYS = 30


@dataclass(frozen=True)
class FollowUp:
    ref: str  # followup:<id>, deposit:<id>, renewal:<policy>:<day>, cooling_off:<policy>
    kind: str  # a CASE_KIND, or deposit | renewal | cooling_off
    customer_id: int
    name: str  # the customer's name, masked
    outlet_name: str | None
    due: date
    what: str  # a next step's text, a deposit's band, a policy's number and product
    days: int  # due - today: negative when overdue
    consent: bool = True  # the customer agreed to be contacted (同意联系); the plan calls
    # only those who did (``plan.customers``)

    @property
    def overdue(self) -> bool:
        return self.days < 0


def urgency(item: FollowUp) -> tuple:
    """The sort key: earliest day first, then the kind's priority, then the name."""
    return (item.due, PRIORITY.index(item.kind), item.name, item.ref)


def add_followup(db: Database, customer_id: int, kind: Any, due: Any, what: Any,
                 now: datetime, notes: Any = "") -> int:
    """A next step or a case, open from now; due on ``due``. Raises ValidationError."""
    customer = records.get_customer(db, customer_id)
    if customer.erased:
        raise ValidationError("customer", "customers.error.erased")
    row = {"customer_id": customer_id,
           "kind": v.choice("followup_kind", str(kind or "").strip(), CASE_KINDS),
           "due": v.iso_date("followup_due", due, required=True).isoformat(),
           "what": v.name("followup_what", what),
           "notes": v.text("followup_notes", notes, max_len=2000),
           "status": "open", "created_at": stamp(now)}
    with db.atomic():
        return db.table("followups").insert(row).last_pk


def _handled(db: Database, prefix: str) -> set[str]:
    return {r[0] for r in db.execute(
        "SELECT about FROM followups WHERE about LIKE ? || '%'", [prefix]).fetchall()}


def _names(db: Database, ids: set[int]) -> dict[int, tuple[str, str | None, int]]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return {r[0]: (r[1], r[2], r[3]) for r in db.execute(
        f"SELECT c.id, c.name, o.name, c.consent FROM customers c LEFT JOIN outlets o "
        f"ON o.id = c.outlet_id WHERE c.id IN ({marks})", sorted(ids)).fetchall()}


def pending(db: Database, today: date, config: Config, ahead: int = 0,
            customer_id: int | None = None) -> list[FollowUp]:
    """Every open item shown by ``today + ahead`` (the plan: ahead 0), most urgent first;
    one customer's only when ``customer_id`` is given."""
    items: list[tuple[str, str, int, date, str]] = []  # ref, kind, customer, due, what
    horizon = today + timedelta(days=ahead)
    who = " AND f.customer_id = ?" if customer_id else ""
    for fid, kind, cid, due, what in db.execute(
            "SELECT f.id, f.kind, f.customer_id, f.due, f.what FROM followups f "
            "JOIN customers c ON c.id = f.customer_id WHERE f.status = 'open' "
            f"AND c.erased_at IS NULL AND f.due <= ?{who}",
            [horizon.isoformat(), *([customer_id] if customer_id else [])]).fetchall():
        items.append((f"followup:{fid}", kind, cid, date.fromisoformat(due), what))
    stale = today - timedelta(days=STALE_DAYS)
    handled = _handled(db, "deposit:")
    for deposit, cid in deposits.maturing(db, stale, horizon + timedelta(
            days=LEAD_DAYS["deposit"])):
        ref = f"deposit:{deposit.id}"
        if ref not in handled and (customer_id is None or cid == customer_id):
            items.append((ref, "deposit", cid, deposit.matures_on, deposit.band_label))
    handled = _handled(db, "renewal:") | _handled(db, "cooling_off:")
    recent = today - timedelta(days=config.deliveries.cooling_off_days + STALE_DAYS)
    for pid, cid, number, issued, term, freq, product in links.live_links(
            db, stale.isoformat(), recent.isoformat()):
        if customer_id is not None and cid != customer_id:
            continue
        issue_day = date.fromisoformat(issued)
        for day in renewals.renewals_between(issue_day, term, freq, stale,
                                             horizon + timedelta(days=LEAD_DAYS["renewal"])):
            ref = f"renewal:{pid}:{day.isoformat()}"
            if ref not in handled:
                items.append((ref, "renewal", cid, day, f"{number} {product}"))
        if issue_day > recent:
            end = renewals.cooling_off_end(db, number, issue_day, config)
            ref = f"cooling_off:{pid}"
            if (ref not in handled and today <= end
                    <= horizon + timedelta(days=LEAD_DAYS["cooling_off"])):
                items.append((ref, "cooling_off", cid, end, f"{number} {product}"))
    names = _names(db, {i[2] for i in items})
    out = [FollowUp(ref, kind, cid, mask_name(names[cid][0]), names[cid][1], due, what,
                    (due - today).days, bool(names[cid][2]))
           for ref, kind, cid, due, what in items]
    return sorted(out, key=urgency)


@dataclass(frozen=True)
class Conversation:
    """What one form logs: the conversation about an item, and the next step."""

    note: Any = ""
    next_what: Any = ""
    next_due: Any = ""
    stage: Any = ""  # a new stage, or empty to keep it


def customer_of_ref(db: Database, ref: str) -> int:
    """The customer an item (``FollowUp.ref``) is about; ValidationError when gone."""
    kind, _, rest = ref.partition(":")
    key = rest.split(":")[0]
    sql = {"followup": "SELECT customer_id FROM followups WHERE id = ?",
           "deposit": "SELECT customer_id FROM deposits WHERE id = ?",
           "renewal": "SELECT customer_id FROM customer_policies WHERE policy_id = ?",
           "cooling_off": "SELECT customer_id FROM customer_policies WHERE policy_id = ?"}
    if kind not in sql or not key.isdigit():
        raise ValidationError("followup", "customers.error.no_such_followup")
    r = db.execute(sql[kind], [int(key)]).fetchone()
    if r is None:
        raise ValidationError("followup", "customers.error.no_such_followup")
    return r[0]


def log_conversation(db: Database, ref: str, talk: Conversation, today: date, now: datetime,
                     contact_id: int | None = None) -> int | None:
    """Close ``ref`` with the conversation's note and set the next step, in one write.

    ``ref`` is an item of ``pending`` or ``customer:<id>`` (a conversation with no item
    waiting). The next step needs both its text and its day, or neither; a stage given
    must be an allowed move. Returns the next step's id (None when none was set).
    """
    note = v.text("followup_notes", talk.note, max_len=2000)
    next_what = v.name("followup_what", talk.next_what, required=False)
    next_due = v.iso_date("followup_due", talk.next_due)
    if (next_what is None) != (next_due is None):
        raise ValidationError("followup_due" if next_what else "followup_what",
                              "customers.error.next_step_half")
    if next_due is not None and next_due < today:
        raise ValidationError("followup_due", "customers.error.next_step_past")
    kind, _, rest = ref.partition(":")
    customer_id = int(rest) if kind == "customer" and rest.isdigit() else customer_of_ref(
        db, ref)
    customer = records.get_customer(db, customer_id)
    if customer.erased:
        raise ValidationError("customer", "customers.error.erased")
    stage = str(talk.stage or "").strip()
    if stage:
        check_move(customer.stage, stage)
    with db.atomic():
        if kind == "followup":
            done = db.execute("UPDATE followups SET status = 'done', done_at = ?, "
                              "notes = coalesce(?, notes), contact_id = ? "
                              "WHERE id = ? AND status = 'open'",
                              [stamp(now), note, contact_id, int(rest)])
            if done.rowcount != 1:
                raise ValidationError("followup", "customers.error.no_such_followup")
        else:
            what_kind = kind if kind in LEAD_DAYS else "conversation"
            db.table("followups").insert({
                "customer_id": customer_id, "kind": what_kind, "due": today.isoformat(),
                "status": "done", "what": ref if kind != "customer" else "conversation",
                "notes": note, "about": ref if kind != "customer" else None,
                "contact_id": contact_id, "done_at": stamp(now), "created_at": stamp(now)})
        if stage and stage != customer.stage:
            db.execute("UPDATE customers SET stage = ?, updated_at = ? WHERE id = ?",
                       [stage, stamp(now), customer_id])
        if next_what is None:
            return None
        return db.table("followups").insert({
            "customer_id": customer_id, "kind": "next_step", "due": next_due.isoformat(),
            "status": "open", "what": next_what, "created_at": stamp(now)}).last_pk


@dataclass(frozen=True)
class Logged:
    """A follow-up of the customer's history (open or done)."""

    id: int
    kind: str
    due: date
    status: str
    what: str
    notes: str | None
    done_at: str | None


def history(db: Database, customer_id: int, limit: int = 200) -> list[Logged]:
    """The customer's follow-ups, open first (by day), then the done ones newest first."""
    return [Logged(r[0], r[1], date.fromisoformat(r[2]), r[3], r[4], r[5], r[6])
            for r in db.execute(
                "SELECT id, kind, due, status, what, notes, done_at FROM followups "
                "WHERE customer_id = ? ORDER BY status = 'done', "
                "CASE status WHEN 'open' THEN due END, done_at DESC, id DESC LIMIT ?",
                [customer_id, limit]).fetchall()]
