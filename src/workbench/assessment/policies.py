"""Policies sold (出单): the standard premium, logging and voiding, totals, and the original
documents still waiting to be registered.

All SQL of ``policies`` lives here (the table is created by ``assessment.schema``), except
the grade figures over it (``grades``) and the review's outlets-that-broke-zero list.
Premiums are stored in yuan. A mistake is never erased: it is voided with a reason, and
the corrected policy may reuse its number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from workbench.assessment.days import day_so_far
from workbench.core import validate as v
from workbench.core.clock import stamp
from workbench.core.config import GoalsConfig
from workbench.core.errors import ValidationError
from workbench.core.privacy import mask_name, mask_phone
from workbench.roster import outlets

if TYPE_CHECKING:
    from sqlite_utils import Database

DOCUMENT_STATUSES = ("awaiting", "registered")


@dataclass(frozen=True)
class Policy:
    id: int
    policy_no: str
    outlet_id: int
    outlet_name: str
    product: str
    premium: float
    term_years: int
    factor: float | None  # None when the standard premium was overridden
    standard_premium: float
    override_reason: str | None
    issue_date: date
    customer_name: str
    customer_phone: str | None
    document_status: str
    outlet_code: str = ""

    @property
    def masked_name(self) -> str:
        return mask_name(self.customer_name)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.customer_phone)


@dataclass(frozen=True)
class PolicyDraft:
    """Raw values of a policy as typed in a form (all strings)."""

    policy_no: Any = ""
    outlet: Any = ""  # outlet id or code
    product: Any = ""
    premium: Any = ""
    term_years: Any = ""
    issue_date: Any = ""
    customer_name: Any = ""
    customer_phone: Any = ""
    standard_override: Any = ""
    override_reason: Any = ""


# --- standard premium ------------------------------------------------------------------


def factor_for(term_years: int, factors: dict[str, float]) -> float:
    """The factor of the longest listed payment term not above ``term_years``."""
    terms = sorted((int(k), f) for k, f in factors.items())
    found = terms[0][1]
    for term, factor in terms:
        if term <= term_years:
            found = factor
    return found


def standard_premium(premium: float, term_years: int, factors: dict[str, float]) -> float:
    """Premium x the factor of its payment term, in yuan to the fen."""
    return round(premium * factor_for(term_years, factors), 2)


# --- logging and voiding ---------------------------------------------------------------


def _outlet_id(db: Database, value: Any) -> int:
    """The outlet a form names by id or by code; an id is tried first (codes may be
    digits too, and a code longer than any SQLite integer is only a code)."""
    raw = str(value or "").strip()
    if not raw:
        raise ValidationError("policy_outlet", "error.required")
    if raw.isdecimal() and len(raw) <= 18:
        try:
            return outlets.get_outlet(db, int(raw)).id
        except ValidationError:
            pass
    found = outlets.outlet_by_code(db, raw)
    if found is None:
        raise ValidationError("policy_outlet", "self.error.no_such_outlet", value=raw)
    return found.id


def clean_policy(db: Database, draft: PolicyDraft, config: GoalsConfig,
                 today: date) -> dict[str, Any]:
    """Validate a draft; return the column values to store. Raises ValidationError."""
    number = v.text("policy_no", draft.policy_no, required=True, max_len=40)
    assert number is not None
    if "\n" in number or " " in number:
        raise ValidationError("policy_no", "self.error.policy_no_spaces")
    outlet_id = _outlet_id(db, draft.outlet)
    product = v.name("policy_product", draft.product)
    premium = v.number("policy_premium", draft.premium, required=True, minimum=-1e18,
                       maximum=1e9)
    if premium is not None and premium <= 0:
        raise ValidationError("policy_premium", "self.error.premium_positive")
    term = v.integer("policy_term", draft.term_years, required=True, minimum=1, maximum=100)
    issued = day_so_far("policy_issue_date", draft.issue_date, today)
    assert term is not None and premium is not None
    customer = v.name("policy_customer", draft.customer_name)
    phone = v.phone("policy_phone", draft.customer_phone)
    override = v.number("policy_standard", draft.standard_override, minimum=0, maximum=1e9)
    reason = v.text("policy_override_reason", draft.override_reason, max_len=500)
    if override is not None:
        if not reason:
            raise ValidationError("policy_override_reason", "self.error.override_needs_reason")
        factor, standard = None, round(override, 2)
    else:
        factor = factor_for(term, config.standard_factors)
        standard, reason = standard_premium(premium, term, config.standard_factors), None
    if db.execute("SELECT 1 FROM policies WHERE policy_no = ? AND voided_at IS NULL",
                  [number]).fetchone():
        raise ValidationError("policy_no", "self.error.duplicate_policy", number=number)
    return {
        "policy_no": number, "outlet_id": outlet_id, "product": product,
        "premium": premium, "term_years": term, "factor": factor,
        "standard_premium": standard, "override_reason": reason,
        "issue_date": issued.isoformat(), "customer_name": customer,
        "customer_phone": phone,
    }


def log_policy(db: Database, draft: PolicyDraft, config: GoalsConfig, today: date,
               now: datetime) -> int:
    """Record a policy sold; its original document waits to be handed to the register."""
    row = clean_policy(db, draft, config, today)
    row.update(document_status="awaiting", created_at=stamp(now))
    with db.atomic():
        return db.table("policies").insert(row).last_pk


def void_policy(db: Database, policy_id: int, reason: Any, now: datetime) -> None:
    """Void a policy logged by mistake (kept, with the reason); log the corrected one anew."""
    text = v.text("void_reason", reason, required=True, max_len=500)
    get_policy(db, policy_id)
    if policy_voided(db, policy_id):
        raise ValidationError("void_reason", "self.error.already_voided")
    with db.atomic():
        db.execute("UPDATE policies SET voided_at = ?, void_reason = ? WHERE id = ?",
                   [stamp(now), text, policy_id])


def policy_voided(db: Database, policy_id: int) -> bool:
    r = db.execute("SELECT voided_at FROM policies WHERE id = ?", [policy_id]).fetchone()
    return r is not None and r[0] is not None


# --- reading ---------------------------------------------------------------------------


_POLICY_SQL = """
    SELECT p.id, p.policy_no, p.outlet_id, o.name, p.product, p.premium, p.term_years,
           p.factor, p.standard_premium, p.override_reason, p.issue_date, p.customer_name,
           p.customer_phone, p.document_status, o.code
    FROM policies p JOIN outlets o ON o.id = p.outlet_id
"""


def _policy(r: tuple) -> Policy:
    return Policy(*r[:10], issue_date=date.fromisoformat(r[10]), customer_name=r[11],
                  customer_phone=r[12], document_status=r[13], outlet_code=r[14])


def get_policy(db: Database, policy_id: int) -> Policy:
    r = db.execute(_POLICY_SQL + " WHERE p.id = ?", [policy_id]).fetchone()
    if r is None:
        raise ValidationError("policy_no", "self.error.no_such_policy")
    return _policy(r)


def policies_between(db: Database, start: date, end: date, limit: int = 500) -> list[Policy]:
    """Live policies issued from ``start`` to ``end`` inclusive, newest first (paged)."""
    return [_policy(r) for r in db.execute(
        _POLICY_SQL + " WHERE p.issue_date >= ? AND p.issue_date <= ? AND p.voided_at IS NULL "
        "ORDER BY p.issue_date DESC, p.id DESC LIMIT ?",
        [start.isoformat(), end.isoformat(), limit]).fetchall()]


def policy_totals(db: Database, start: date, end: date) -> tuple[int, float, float]:
    """(count, premium, standard premium) of live policies issued from start to end."""
    r = db.execute("SELECT count(*), coalesce(sum(premium), 0), "
                   "coalesce(sum(standard_premium), 0) FROM policies "
                   "WHERE issue_date >= ? AND issue_date <= ? AND voided_at IS NULL",
                   [start.isoformat(), end.isoformat()]).fetchone()
    return r[0], float(r[1]), float(r[2])


def standard_premium_between(db: Database, start: date, end: date) -> float:
    """Sum of standard premium (yuan) of live policies issued from ``start`` to ``end``."""
    return policy_totals(db, start, end)[2]


# --- original documents ----------------------------------------------------------------


def policies_awaiting_document(db: Database, limit: int = -1) -> list[Policy]:
    """Policies whose original document has not been handed to the register yet, oldest
    first (``limit`` of them; -1: all)."""
    return [_policy(r) for r in db.execute(
        _POLICY_SQL + " WHERE p.document_status = 'awaiting' AND p.voided_at IS NULL "
        "ORDER BY p.issue_date, p.id LIMIT ?", [limit]
    ).fetchall()]


def count_awaiting_documents(db: Database) -> int:
    return db.execute("SELECT count(*) FROM policies WHERE document_status = 'awaiting' "
                      "AND voided_at IS NULL").fetchone()[0]


def mark_document_registered(db: Database, policy_id: int) -> None:
    """The policy's original document now has its line in the register (正本保单登记).

    ``register.originals.register_document`` logs that line and calls this in one
    transaction.
    """
    get_policy(db, policy_id)
    with db.atomic():
        db.execute("UPDATE policies SET document_status = 'registered' WHERE id = ?",
                   [policy_id])


def any_policy(db: Database) -> bool:
    """At least one policy was ever recorded (voided ones too)."""
    return bool(db.execute("SELECT EXISTS (SELECT 1 FROM policies)").fetchone()[0])


def totals_by_outlet(db: Database, start: date, end: date, *, outlet_ids: list[int] | None = None,
                     product: str | None = None) -> dict[int, tuple[int, float, float]]:
    """outlet id -> (count, premium, standard premium) of live policies issued from
    ``start`` to ``end`` inclusive; only ``outlet_ids`` and ``product`` when given.

    Targets and campaigns compute their progress from this (``workbench.targets``).
    """
    sql = ("SELECT outlet_id, count(*), sum(premium), sum(standard_premium) FROM policies "
           "WHERE issue_date >= ? AND issue_date <= ? AND voided_at IS NULL")
    params: list[Any] = [start.isoformat(), end.isoformat()]
    if outlet_ids is not None:
        sql += f" AND outlet_id IN ({','.join('?' * len(outlet_ids))})"
        params += list(outlet_ids)
    if product:
        sql += " AND product = ?"
        params.append(product)
    return {r[0]: (r[1], float(r[2]), float(r[3]))
            for r in db.execute(sql + " GROUP BY outlet_id", params).fetchall()}


# --- erasure on request ------------------------------------------------------------------


def erase_holders(db: Database, policy_ids: list[int], placeholder: str) -> int:
    """Replace the holder's name and phone of ``policy_ids`` (a customer erased on request,
    ``customers.erasure``); the policy's figures stay. The number of policies changed."""
    if not policy_ids:
        return 0
    marks = ",".join("?" * len(policy_ids))
    with db.atomic():
        return db.execute(f"UPDATE policies SET customer_name = ?, customer_phone = NULL "
                          f"WHERE id IN ({marks})", [placeholder, *policy_ids]).rowcount
