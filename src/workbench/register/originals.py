"""A sold policy's original document reaches the register (正本保单登记).

When the company's printed original of a policy the manager sold arrives, it gets its
line in the custody register (kind ``config.deliveries.policy_kind``, outlet, policy
number and policy holder taken from the policy) and the policy is marked registered.
Both happen in one transaction: a register line without the mark would leave the
policy nagging in the plan, a mark without the line would hide a document nobody
tracks. If the number is already in the register (logged by hand from the register
screen), only the mark is set, and the result says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from workbench.assessment import policies
from workbench.core.config import Config
from workbench.core.errors import ValidationError
from workbench.register import deliveries

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class Registered:
    policy_id: int
    policy_no: str
    line_id: int  # the register line: new, or the one that was already there
    existed: bool  # True when the line was already in the register


def registrable(db: Database, policy_id: int) -> policies.Policy:
    """The policy, if its document may be registered now; else a ValidationError."""
    policy = policies.get_policy(db, policy_id)
    if policies.policy_voided(db, policy_id):
        raise ValidationError("policy", "self.error.register_voided",
                              number=policy.policy_no)
    if policy.document_status == "registered":
        raise ValidationError("policy", "self.error.already_registered",
                              number=policy.policy_no)
    return policy


def register_document(db: Database, config: Config, policy_id: int, *, now: datetime,
                      delivered_at: datetime | None = None, note: Any = "") -> Registered:
    """Log the policy's original-policy line and mark the policy registered, atomically.

    Raises ValidationError (nothing written) for a voided or already registered policy,
    an inactive outlet, a number the register refuses, or a bad time.
    """
    # The checks run inside the transaction: it takes the write lock up front, so
    # another instance cannot register the same policy between check and write.
    with db.atomic():
        policy = registrable(db, policy_id)
        existing = deliveries.policy_line(db, policy.policy_no)
        if existing is None:
            line_id = deliveries.add_delivery(
                db, config, outlet_id=policy.outlet_id, kind=config.deliveries.policy_kind,
                policy_no=policy.policy_no, customer=policy.customer_name, note=note,
                delivered_at=delivered_at, now=now)
        else:
            line_id = existing
        policies.mark_document_registered(db, policy_id)
    return Registered(policy_id, policy.policy_no, line_id, existing is not None)
