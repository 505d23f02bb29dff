"""Schema of the custody register and the guards that keep it append-only.

Tables: ``deliveries``, ``signoffs`` + ``signoff_lines``, ``voids``, ``policy_events``
(receipt returned, callback done), ``stock_counts``, ``applications``, ``handovers``, and
two tables kept by triggers from those: ``open_lines`` (awaiting a signature) and
``open_policies`` (signed lines whose receipt or callback is still open).

The guards are SQLite triggers, re-created after every migration by ``install_guards``
(``db._guard_hooks``), so they hold through any connection, including a plain
``sqlite3`` one without ``recursive_triggers``: ``INSERT OR REPLACE`` deletes a
conflicting row without firing DELETE triggers there, so BEFORE INSERT triggers refuse
a row whose key belongs to a signed or voided line (or to an existing sign-off, void or
policy event) before REPLACE gets the chance. ``ON CONFLICT DO UPDATE`` fires the
UPDATE triggers and is refused by them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.core.migrations import Migrations
from workbench.register import ledger

if TYPE_CHECKING:
    from sqlite_utils import Database

migrations = Migrations("workbench.deliveries")


def voided(ref: str) -> str:
    """SQL: the delivery line whose id is ``ref`` (``d.id``, ``OLD.id`` …) has been voided.

    The one form of "voided" in SQL; a void is a row of ``voids``, which this module owns.
    """
    return f"EXISTS (SELECT 1 FROM voids x WHERE x.delivery_id = {ref})"


# Queries alias the delivery line ``d``: a voided line was a mistake and never counts.
NOT_VOIDED = f"NOT {voided('d.id')}"


@migrations()
def m001_register(db: Database) -> None:
    db.execute("""
        CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY,
            outlet_id INTEGER NOT NULL REFERENCES outlets(id),
            kind TEXT NOT NULL CHECK (length(kind) > 0),
            quantity INTEGER NOT NULL CHECK (quantity > 0),
            serial_prefix TEXT,
            serial_from INTEGER,
            serial_to INTEGER,
            serial_width INTEGER,
            policy_no TEXT,
            customer TEXT,
            note TEXT,
            corrects_id INTEGER REFERENCES deliveries(id),
            delivered_at TEXT NOT NULL,
            created_at TEXT NOT NULL,
            CHECK ((serial_from IS NULL AND serial_to IS NULL)
                   OR (serial_from >= 0 AND serial_to >= serial_from
                       AND serial_to - serial_from + 1 = quantity)),
            CHECK (policy_no IS NULL OR quantity = 1)
        ) STRICT""")
    db.execute("CREATE INDEX deliveries_outlet ON deliveries(outlet_id, delivered_at)")
    db.execute("CREATE INDEX deliveries_delivered ON deliveries(delivered_at)")
    db.execute("CREATE INDEX deliveries_serial ON deliveries(kind, serial_prefix, serial_from)")
    db.execute("CREATE INDEX deliveries_policy ON deliveries(policy_no)")
    db.execute("""
        CREATE TABLE signoffs (
            id INTEGER PRIMARY KEY,
            outlet_id INTEGER NOT NULL REFERENCES outlets(id),
            staff_id INTEGER NOT NULL REFERENCES staff(id),
            signer TEXT NOT NULL CHECK (length(signer) > 0),
            signed_at TEXT NOT NULL,
            page_no TEXT,
            late_reason TEXT,
            recorded_at TEXT NOT NULL,
            prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
            hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
        ) STRICT""")
    db.execute("CREATE INDEX signoffs_outlet ON signoffs(outlet_id, signed_at)")
    db.execute("CREATE INDEX signoffs_signed ON signoffs(signed_at)")
    db.execute("""
        CREATE TABLE signoff_lines (
            signoff_id INTEGER NOT NULL REFERENCES signoffs(id),
            delivery_id INTEGER NOT NULL UNIQUE REFERENCES deliveries(id),
            PRIMARY KEY (signoff_id, delivery_id)
        ) STRICT""")
    db.execute("""
        CREATE TABLE voids (
            id INTEGER PRIMARY KEY,
            delivery_id INTEGER NOT NULL UNIQUE REFERENCES deliveries(id),
            reason TEXT NOT NULL CHECK (length(reason) > 0),
            voided_at TEXT NOT NULL
        ) STRICT""")
    # Receipt returned (回执) and callback done (回访) of an original policy: append-only.
    db.execute("""
        CREATE TABLE policy_events (
            id INTEGER PRIMARY KEY,
            delivery_id INTEGER NOT NULL REFERENCES deliveries(id),
            event TEXT NOT NULL CHECK (event IN ('receipt', 'callback')),
            on_date TEXT NOT NULL,
            note TEXT,
            recorded_at TEXT NOT NULL,
            UNIQUE (delivery_id, event)
        ) STRICT""")
    db.execute("""
        CREATE TABLE stock_counts (
            id INTEGER PRIMARY KEY,
            outlet_id INTEGER NOT NULL REFERENCES outlets(id),
            kind TEXT NOT NULL,
            quantity INTEGER NOT NULL CHECK (quantity >= 0),
            counted_at TEXT NOT NULL,
            visit_id INTEGER REFERENCES visits(id),
            note TEXT
        ) STRICT""")
    db.execute("CREATE INDEX stock_counts_outlet ON stock_counts(outlet_id, kind, counted_at)")
    db.execute("""
        CREATE TABLE handovers (
            id INTEGER PRIMARY KEY,
            receiver TEXT NOT NULL CHECK (length(receiver) > 0),
            handed_at TEXT NOT NULL,
            note TEXT,
            created_at TEXT NOT NULL
        ) STRICT""")
    db.execute("""
        CREATE TABLE applications (
            id INTEGER PRIMARY KEY,
            outlet_id INTEGER NOT NULL REFERENCES outlets(id),
            serial TEXT NOT NULL CHECK (length(serial) > 0),
            applicant TEXT NOT NULL CHECK (length(applicant) > 0),
            product TEXT NOT NULL CHECK (length(product) > 0),
            premium REAL NOT NULL CHECK (premium > 0),
            collected_at TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'collected'
                CHECK (status IN ('collected', 'passed', 'returned', 'handed_over')),
            checklist TEXT,
            reviewed_at TEXT,
            return_reason TEXT,
            handover_id INTEGER REFERENCES handovers(id),
            created_at TEXT NOT NULL,
            CHECK (status != 'returned' OR length(return_reason) > 0),
            CHECK ((status = 'handed_over') = (handover_id IS NOT NULL))
        ) STRICT""")
    db.execute("CREATE INDEX applications_outlet ON applications(outlet_id, collected_at)")
    db.execute("CREATE INDEX applications_status ON applications(status)")
    db.execute("CREATE INDEX applications_serial ON applications(serial)")
    db.execute("CREATE INDEX applications_handover ON applications(handover_id)")
    # Lines awaiting signature, kept by triggers (OPEN_LINE_TRIGGERS) so "what awaits
    # signature" reads a small table instead of probing every line ever delivered.
    db.execute("""
        CREATE TABLE open_lines (
            delivery_id INTEGER PRIMARY KEY,
            outlet_id INTEGER NOT NULL
        ) STRICT""")
    db.execute("CREATE INDEX open_lines_outlet ON open_lines(outlet_id)")


# --- guards ----------------------------------------------------------------------

_SIGNED = "EXISTS (SELECT 1 FROM signoff_lines WHERE delivery_id = {ref})"
_GUARDS = [
    # Signed or voided lines are frozen.
    f"""CREATE TRIGGER IF NOT EXISTS deliveries_no_update_signed BEFORE UPDATE ON deliveries
        WHEN {_SIGNED.format(ref="OLD.id")} OR {voided("OLD.id")}
        BEGIN SELECT RAISE(ABORT, 'register: a signed or voided line cannot be changed'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS deliveries_no_delete_signed BEFORE DELETE ON deliveries
        WHEN {_SIGNED.format(ref="OLD.id")} OR {voided("OLD.id")}
        BEGIN SELECT RAISE(ABORT, 'register: a signed or voided line cannot be deleted'); END""",
    # INSERT OR REPLACE on a signed line's id: refused before REPLACE deletes anything.
    f"""CREATE TRIGGER IF NOT EXISTS deliveries_no_replace_signed BEFORE INSERT ON deliveries
        WHEN {_SIGNED.format(ref="NEW.id")} OR {voided("NEW.id")}
        BEGIN SELECT RAISE(ABORT, 'register: a signed or voided line cannot be replaced'); END""",
]
for _table, _key in (("signoffs", "id = NEW.id OR hash = NEW.hash"),
                     ("ledger", "seq = NEW.seq OR hash = NEW.hash "
                                "OR (kind = NEW.kind AND ref_id = NEW.ref_id)"),
                     ("ledger_file", "1"),
                     ("signoff_lines", "delivery_id = NEW.delivery_id"),
                     ("voids", "id = NEW.id OR delivery_id = NEW.delivery_id"),
                     ("policy_events",
                      "id = NEW.id OR (delivery_id = NEW.delivery_id AND event = NEW.event)")):
    _GUARDS += [
        f"""CREATE TRIGGER IF NOT EXISTS {_table}_no_update BEFORE UPDATE ON {_table}
            BEGIN SELECT RAISE(ABORT, 'register: {_table} is append-only'); END""",
        f"""CREATE TRIGGER IF NOT EXISTS {_table}_no_delete BEFORE DELETE ON {_table}
            BEGIN SELECT RAISE(ABORT, 'register: {_table} is append-only'); END""",
        f"""CREATE TRIGGER IF NOT EXISTS {_table}_no_replace BEFORE INSERT ON {_table}
            WHEN EXISTS (SELECT 1 FROM {_table} WHERE {_key})
            BEGIN SELECT RAISE(ABORT, 'register: {_table} is append-only'); END""",
    ]


OPEN_LINE_TRIGGERS = {
    "open_lines_add": """AFTER INSERT ON deliveries
        BEGIN INSERT OR IGNORE INTO open_lines VALUES (NEW.id, NEW.outlet_id); END""",
    "open_lines_move": """AFTER UPDATE OF outlet_id ON deliveries
        BEGIN UPDATE open_lines SET outlet_id = NEW.outlet_id WHERE delivery_id = NEW.id; END""",
    "open_lines_gone": """AFTER DELETE ON deliveries
        BEGIN DELETE FROM open_lines WHERE delivery_id = OLD.id; END""",
    "open_lines_signed": """AFTER INSERT ON signoff_lines
        BEGIN DELETE FROM open_lines WHERE delivery_id = NEW.delivery_id; END""",
    "open_lines_voided": """AFTER INSERT ON voids
        BEGIN DELETE FROM open_lines WHERE delivery_id = NEW.delivery_id; END""",
}

REBUILD_OPEN_LINES = f"""
    INSERT INTO open_lines (delivery_id, outlet_id)
    SELECT d.id, d.outlet_id FROM deliveries d
    WHERE NOT EXISTS (SELECT 1 FROM signoff_lines l WHERE l.delivery_id = d.id)
      AND {NOT_VOIDED}"""


@migrations()
def m002_week_indexes(db: Database) -> None:
    """The weekly review counts forms collected, reviewed and handed over by date."""
    db.execute("CREATE INDEX IF NOT EXISTS applications_collected "
               "ON applications(collected_at)")
    db.execute("CREATE INDEX IF NOT EXISTS applications_reviewed ON applications(reviewed_at) "
               "WHERE reviewed_at IS NOT NULL")
    db.execute("CREATE INDEX IF NOT EXISTS handovers_handed ON handovers(handed_at)")


# Signed, not voided lines whose receipt or callback is still open, kept by triggers
# (OPEN_POLICY_TRIGGERS) so "what is due now" reads the few open ones through an index
# instead of joining every policy ever signed. Every signed line is kept whatever its
# kind: which kind is the original policy is configuration, which triggers cannot read,
# so queries filter on ``kind``. Base dates only (sign-off day, receipt day, callback
# day: NULL while not recorded); the deadlines are configured day counts from them.
REBUILD_OPEN_POLICIES = f"""
    INSERT INTO open_policies (delivery_id, outlet_id, kind, signed_on, receipt_on,
                               callback_on)
    SELECT d.id, d.outlet_id, d.kind, substr(s.signed_at, 1, 10), r.on_date, c.on_date
    FROM deliveries d
    JOIN signoff_lines l ON l.delivery_id = d.id
    JOIN signoffs s ON s.id = l.signoff_id
    LEFT JOIN policy_events r ON r.delivery_id = d.id AND r.event = 'receipt'
    LEFT JOIN policy_events c ON c.delivery_id = d.id AND c.event = 'callback'
    WHERE {{line}} AND {NOT_VOIDED} AND (r.on_date IS NULL OR c.on_date IS NULL)"""

OPEN_POLICY_TRIGGERS = {
    "open_policies_signed": f"""AFTER INSERT ON signoff_lines
        BEGIN {REBUILD_OPEN_POLICIES.format(line="d.id = NEW.delivery_id")}; END""",
    "open_policies_voided": """AFTER INSERT ON voids
        BEGIN DELETE FROM open_policies WHERE delivery_id = NEW.delivery_id; END""",
    "open_policies_event": """AFTER INSERT ON policy_events
        BEGIN
            UPDATE open_policies
            SET receipt_on = CASE NEW.event WHEN 'receipt' THEN NEW.on_date
                                            ELSE receipt_on END,
                callback_on = CASE NEW.event WHEN 'callback' THEN NEW.on_date
                                             ELSE callback_on END
            WHERE delivery_id = NEW.delivery_id;
            DELETE FROM open_policies WHERE delivery_id = NEW.delivery_id
                AND receipt_on IS NOT NULL AND callback_on IS NOT NULL;
        END""",
}


@migrations()
def m003_open_policies(db: Database) -> None:
    """Open receipts and callbacks, kept by triggers; back-filled from the register."""
    db.execute("""
        CREATE TABLE IF NOT EXISTS open_policies (
            delivery_id INTEGER PRIMARY KEY,
            outlet_id INTEGER NOT NULL,
            kind TEXT NOT NULL,
            signed_on TEXT NOT NULL,
            receipt_on TEXT,
            callback_on TEXT
        ) STRICT""")
    # The receipt is due from the sign-off day, the callback from the customer's receipt
    # day (the sign-off day while no receipt is back): deadlines.open_base_sql.
    db.execute("CREATE INDEX IF NOT EXISTS open_policies_receipt "
               "ON open_policies(kind, signed_on) WHERE receipt_on IS NULL")
    db.execute("CREATE INDEX IF NOT EXISTS open_policies_callback "
               "ON open_policies(kind, coalesce(receipt_on, signed_on)) "
               "WHERE callback_on IS NULL")
    # The weekly review: what was open at a past day is open now or recorded after it.
    db.execute("CREATE INDEX IF NOT EXISTS policy_events_on ON policy_events(on_date)")
    # Kept from here on; install_guards then finds the triggers and does not fill the
    # table a second time (a second second on a heavy user's first open).
    for name, body in OPEN_POLICY_TRIGGERS.items():
        db.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
    db.execute("DELETE FROM open_policies")
    db.execute(REBUILD_OPEN_POLICIES.format(line="1"))


@migrations()
def m004_ledger(db: Database) -> None:
    """The ledger chain and the file's id, built over every existing row in this one step.

    The sign-off chain (``signoffs.hash``) stays as it is: released files carry it. The
    ledger adds what it never covered: voids, corrections, receipt and callback events
    and every column of a signed line (its note too), in the order they were recorded.
    """
    import uuid

    kinds = ", ".join(f"'{k}'" for k in ledger.KINDS)
    db.execute(f"""
        CREATE TABLE IF NOT EXISTS ledger (
            seq INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ({kinds})),
            ref_id INTEGER NOT NULL,
            recorded_at TEXT NOT NULL,
            prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
            hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64),
            UNIQUE (kind, ref_id)
        ) STRICT""")
    # Names this file's witness (``register.witness``): copies and backups share it.
    db.execute("CREATE TABLE IF NOT EXISTS ledger_file (file_id TEXT NOT NULL) STRICT")
    if db.execute("SELECT count(*) FROM ledger_file").fetchone()[0] == 0:
        db.execute("INSERT INTO ledger_file VALUES (?)", [uuid.uuid4().hex])
    ledger.build_over_existing(db)


@migrations()
def m005_corrections_index(db: Database) -> None:
    """Corrections found through an index of their own (the few lines that correct one).

    The start-up look for rows no link seals asks for the first correction above the
    newest sealed one; with none sealed yet that read every line of the register
    (0.03–0.2 s at 200,000 lines, on every start).
    """
    db.execute("CREATE INDEX IF NOT EXISTS deliveries_corrections ON deliveries(id) "
               "WHERE corrects_id IS NOT NULL")


def _guarded_table(sql: str) -> str:
    return sql.split(" ON ", 1)[1].split()[0]


def missing_triggers(db: Database) -> list[str]:
    """The triggers ``install_guards`` keeps that the file lacks (``check`` names them)."""
    tables = set(db.table_names())
    if "signoffs" not in tables:
        return []
    present = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    wanted = {sql.split("EXISTS", 1)[1].split()[0] for sql in _GUARDS
              if _guarded_table(sql) in tables} | set(OPEN_LINE_TRIGGERS)
    if "open_policies" in tables:
        wanted |= set(OPEN_POLICY_TRIGGERS)
    return sorted(wanted - present)


def install_guards(db: Database) -> None:
    """(Re)create the append-only triggers; run after every migration (db._guard_hooks).

    If any trigger keeping ``open_lines`` or ``open_policies`` was missing (a migration's
    ``transform()`` or someone with the sqlite3 shell dropped it), that table is rebuilt
    from the register.
    """
    if "signoffs" not in db.table_names():
        return
    present = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    tables = set(db.table_names())
    with db.atomic():
        for sql in _GUARDS:
            if _guarded_table(sql) in tables:
                db.execute(sql)
        for name, body in OPEN_LINE_TRIGGERS.items():
            db.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
        if not set(OPEN_LINE_TRIGGERS) <= present:
            db.execute("DELETE FROM open_lines")
            db.execute(REBUILD_OPEN_LINES)
        if "open_policies" in db.table_names():
            for name, body in OPEN_POLICY_TRIGGERS.items():
                db.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
            if not set(OPEN_POLICY_TRIGGERS) <= present:
                db.execute("DELETE FROM open_policies")
                db.execute(REBUILD_OPEN_POLICIES.format(line="1"))
