"""A policy sold and its customer (``customer_policies``): linking, converting, reading.

A policy logged for a customer (converting a prospect from the customer's card) or on
the self screen links to that customer, or to the one its holder is (same name and
phone), or creates one (source "existing policy"). Linking a policy sells: a prospect or
an intention moves to sold; a customer in service who buys again is sold anew.
The payment frequency is kept here, beside the link: renewals are computed from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from workbench.assessment import policies
from workbench.core import validate as v
from workbench.core.clock import stamp
from workbench.core.errors import ValidationError
from workbench.customers import records
from workbench.customers.renewals import FREQUENCIES

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class LinkedPolicy:
    policy: policies.Policy
    frequency: str
    voided: bool


def default_frequency(term_years: int) -> str:
    """A one-year term is most often a single premium (趸交), a longer one annual (期缴)."""
    return "single" if term_years <= 1 else "annual"


def link_policy(db: Database, policy_id: int, customer_id: int, frequency: Any,
                now: datetime) -> None:
    """Link ``policy_id`` to ``customer_id`` (replacing an earlier link) and sell."""
    freq = v.choice("policy_frequency", str(frequency or "").strip(), FREQUENCIES)
    policies.get_policy(db, policy_id)
    customer = records.get_customer(db, customer_id)
    if customer.erased:
        raise ValidationError("customer", "customers.error.erased")
    with db.atomic():
        db.execute("INSERT INTO customer_policies (policy_id, customer_id, frequency) "
                   "VALUES (?, ?, ?) ON CONFLICT(policy_id) DO UPDATE SET "
                   "customer_id = excluded.customer_id, frequency = excluded.frequency",
                   [policy_id, customer_id, freq])
        if customer.stage in ("prospect", "intention", "service"):
            db.execute("UPDATE customers SET stage = 'sold', updated_at = ? WHERE id = ?",
                       [stamp(now), customer_id])


def link_or_create(db: Database, policy_id: int, frequency: Any, now: datetime) -> int:
    """Link a policy to its holder's customer, created when none matches; the customer id."""
    policy = policies.get_policy(db, policy_id)
    with db.atomic():
        found = records.find_customer(db, policy.customer_name, policy.customer_phone,
                                      policy.outlet_id)
        if found is None:
            found = records.add_customer(db, records.CustomerDraft(
                name=policy.customer_name, phone=policy.customer_phone or "",
                outlet=str(policy.outlet_id), source="existing_policy", stage="sold"), now)
        link_policy(db, policy_id, found, frequency, now)
    return found


def log_policy_for(db: Database, customer_id: int, draft: policies.PolicyDraft,
                   frequency: Any, config: Any, today: Any, now: datetime) -> int:
    """Convert: log the policy (the self screen's rules) and link it, in one transaction."""
    with db.atomic():
        policy_id = policies.log_policy(db, draft, config.goals, today, now)
        link_policy(db, policy_id, customer_id, frequency, now)
    return policy_id


def customer_of(db: Database, policy_id: int) -> int | None:
    r = db.execute("SELECT customer_id FROM customer_policies WHERE policy_id = ?",
                   [policy_id]).fetchone()
    return r[0] if r else None


def policies_of(db: Database, customer_id: int) -> list[LinkedPolicy]:
    """The customer's policies, newest first (voided ones marked)."""
    rows = db.execute("SELECT cp.policy_id, cp.frequency FROM customer_policies cp "
                      "JOIN policies p ON p.id = cp.policy_id WHERE cp.customer_id = ? "
                      "ORDER BY p.issue_date DESC, p.id DESC", [customer_id]).fetchall()
    return [LinkedPolicy(policies.get_policy(db, pid), freq, policies.policy_voided(db, pid))
            for pid, freq in rows]


def live_links(db: Database, paying_after: str = "0000-00-00",
               issued_after: str = "0000-00-00") -> list[tuple[int, int, str, str, int, str, str]]:
    """(policy id, customer id, policy no, issue date, term years, frequency, product) of
    the live linked policies of customers not erased that still pay renewals after
    ``paying_after`` or were issued after ``issued_after`` (ISO days; all by default)."""
    return [tuple(r) for r in db.execute(
        "SELECT p.id, cp.customer_id, p.policy_no, p.issue_date, p.term_years, cp.frequency, "
        "p.product FROM customer_policies cp JOIN policies p ON p.id = cp.policy_id "
        "JOIN customers c ON c.id = cp.customer_id "
        "WHERE p.voided_at IS NULL AND c.erased_at IS NULL AND ("
        "(cp.frequency != 'single' AND date(p.issue_date, '+' || p.term_years || ' years') > ?)"
        " OR p.issue_date > ?)", [paying_after, issued_after]).fetchall()]
