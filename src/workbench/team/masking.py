"""What of a manager's file leaves the laptop in a bundle, and how it is masked.

Allow-list, not block-list: every text column of the tables a bundle keeps is replaced
by a salted hash (``#`` + 12 hex) unless it is listed in ``PLAIN`` below as structure
(codes, kinds, dates, hashes) or as the bank's side (outlet and staff names, signers).
So a column added later, or a note where someone typed a customer's name, phone or ID
number, leaves masked by default. The hash uses the manager's own salt (``keys.salt``):
the same customer hashes the same in every bundle of that manager, so repeat customers
still count, and no one without the laptop can test a guessed name against it. Bank
staff phones are masked the project's way (``core.privacy.mask_phone``).
"""

from __future__ import annotations

import hashlib
import sqlite3

from workbench.core.privacy import mask_phone

# Tables emptied in a bundle: the manager's own notes, plans and self-assessment
# (moods stay only when the manager shares them). The schema stays whole, so the
# snapshot is still a workbench file the project's own functions read.
PRIVATE = ("setbacks", "five_q", "habits", "career_goals", "reviews", "tasks", "contacts")
MOODS = "moods"

PLAIN: dict[str, frozenset[str]] = {
    "outlets": frozenset({"code", "name", "bank", "tier", "address", "phone", "head",
                          "initials", "created_at", "updated_at"}),
    "staff": frozenset({"name", "role", "initials", "created_at", "updated_at"}),
    "visits": frozenset({"started_at", "ended_at", "purpose"}),
    "deliveries": frozenset({"kind", "serial_prefix", "policy_no", "delivered_at",
                             "created_at"}),
    "signoffs": frozenset({"signer", "signed_at", "page_no", "recorded_at", "prev_hash",
                           "hash"}),
    "signoff_lines": frozenset(),
    "voids": frozenset({"voided_at"}),
    "policy_events": frozenset({"event", "on_date", "recorded_at"}),
    "stock_counts": frozenset({"kind", "counted_at"}),
    "applications": frozenset({"serial", "product", "collected_at", "status", "checklist",
                               "reviewed_at", "created_at"}),
    "handovers": frozenset({"receiver", "handed_at", "created_at"}),
    "policies": frozenset({"policy_no", "product", "issue_date", "document_status",
                           "created_at", "voided_at"}),
    "ledger": frozenset({"kind", "recorded_at", "prev_hash", "hash"}),
    "moods": frozenset({"day", "updated_at"}),
    "open_policies": frozenset({"kind", "signed_on", "receipt_on", "callback_on"}),
    "open_lines": frozenset(),
    "ledger_file": frozenset({"file_id"}),
    "_sqlite_migrations": frozenset({"migration_set", "name", "applied_at"}),
}
# The field work: kinds, topics, items and dates leave plain (the CHECKs compare the dates);
# materials and notes are the manager's words and are hashed.
PLAIN |= {
    "trainings": frozenset({"held_on", "kind", "topic", "follow_up", "created_at"}),
    "training_attendees": frozenset(),
    "display_checks": frozenset({"item", "checked_on", "created_at"}),
    "route_stops": frozenset({"day"}),
}

# Targets and campaigns (workbench.targets): structure; a campaign's notes stay hashed.
PLAIN |= {
    "outlet_targets": frozenset({"period", "starts", "source", "updated_at"}),
    "campaigns": frozenset({"name", "kind", "starts", "ends", "product", "created_at",
                            "updated_at"}),
    "campaign_outlets": frozenset(),
}

# The customers' structure (their names, phones, notes and initials leave hashed).
PLAIN |= {
    "customers": frozenset({"source", "stage", "erased_at", "created_at", "updated_at"}),
    "deposits": frozenset({"band", "matures_on", "created_at"}),
    "followups": frozenset({"kind", "due", "status", "about", "done_at", "created_at"}),
    "customer_policies": frozenset({"frequency"}),
}
# Columns masked as phone numbers rather than hashed (bank staff, not customers).
PHONES = {("staff", "phone")}


def salted(value: str, salt: bytes) -> str:
    return "#" + hashlib.sha256(salt + b"\n" + value.strip().encode()).hexdigest()[:12]


def text_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """The columns of ``table`` that may hold text (declared TEXT, or with no type)."""
    return [r[1] for r in conn.execute(f"SELECT * FROM pragma_table_info('{table}')")
            if r[2].upper() in ("TEXT", "") or "CHAR" in r[2].upper()]


def mask_tables(conn: sqlite3.Connection, salt: bytes) -> None:
    """Mask every text column not in ``PLAIN``, of every table, in place (the bundle's
    own copy): a table this module does not know is masked whole."""
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    conn.create_function("wb_salted", 1, lambda v: v if v in (None, "") else salted(
        str(v), salt), deterministic=True)
    conn.create_function("wb_phone", 1, lambda v: v if v in (None, "") else mask_phone(
        str(v)), deterministic=True)
    for table in tables:
        plain = PLAIN.get(table, frozenset())
        for column in text_columns(conn, table):
            if column in plain:
                continue
            how = "wb_phone" if (table, column) in PHONES else "wb_salted"
            conn.execute(f'UPDATE "{table}" SET "{column}" = {how}("{column}")')
