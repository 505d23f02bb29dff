"""The plan's part of the customers' work: the follow-ups due, one conversation logged as
a contact and a follow-up at once, and erasure with the contacts.

Consent (同意联系) decides what the plan asks of the manager: a customer who agreed is
called about what is due; one who did not (a list imported without a consent column
leaves it at no) is never scheduled for a call: the plan shows them once, as "consent
needed", and Enter opens their form to record consent when the manager has it (the
teller's word at the counter, the signed form). Then the calls come.

The follow-ups and their order are the customers' (``customers.followups``); the plan
adds what only it owns: the contacts table (a conversation is also one of the day's
customer contacts, the must-do 与客户交流), in the same transaction.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from workbench.core.config import Config
from workbench.customers import erasure, followups, records
from workbench.plan import contacts

if TYPE_CHECKING:
    from sqlite_utils import Database


def due_followups(db: Database, today: date, config: Config,
                  ) -> tuple[tuple[followups.FollowUp, ...], tuple[followups.FollowUp, ...]]:
    """The agenda's customer section: the calls due today and overdue, most urgent
    first, for the customers who consented; and, once per customer who did not, their
    most urgent item, to ask for consent instead of calling."""
    calls, asks, seen = [], [], set()
    for item in followups.pending(db, today, config):
        if item.consent:
            calls.append(item)
        elif item.customer_id not in seen:
            seen.add(item.customer_id)
            asks.append(item)
    return tuple(calls), tuple(asks)


def log_conversation(db: Database, ref: str, talk: followups.Conversation, today: date,
                     at: datetime, now: datetime) -> int | None:
    """One form: the conversation (a customer contact at ``at``) closes ``ref`` and sets
    the next step; nothing is written when any part is refused."""
    kind, _, rest = ref.partition(":")
    customer_id = (int(rest) if kind == "customer" and rest.isdigit()
                   else followups.customer_of_ref(db, ref))
    customer = records.get_customer(db, customer_id)
    with db.atomic():
        contact_id = contacts.log_contact(db, "customer", at, customer=customer.name,
                                          outlet_id=customer.outlet_id, note=talk.note)
        return followups.log_conversation(db, ref, talk, today, now, contact_id=contact_id)


def erase_customer(db: Database, customer_id: int, now: datetime) -> erasure.Erased:
    """Erase a customer on request, the contacts logged with them too (one write)."""
    with db.atomic():
        done = erasure.erase(db, customer_id, now)
        contacts.forget_customer(db, list(done.contact_ids), erasure.placeholder(customer_id))
    return done
