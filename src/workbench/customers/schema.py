"""The customers' tables and their migration set ``workbench.customers``.

``customers`` (the person, where they bank, who referred them, the stage), ``deposits``
(a time deposit's amount band and maturity), ``followups`` (dated work: a next step, a
case of claim or surrender help, with status and notes) and, by its own later step,
``customer_policies`` (a policy of the self-assessment linked to its customer, with the
payment frequency renewals are computed from). The set and step names are stored in
every user's file: they never change, and a released step is never edited.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.core.migrations import Migrations

if TYPE_CHECKING:
    from sqlite_utils import Database

migrations = Migrations("workbench.customers")


@migrations()
def m001_customers(db: Database) -> None:
    db.execute("""
        CREATE TABLE customers (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(name) > 0),
            phone TEXT,
            outlet_id INTEGER REFERENCES outlets(id),
            referrer_id INTEGER REFERENCES staff(id),
            source TEXT NOT NULL
                CHECK (source IN ('referral', 'walk_in', 'event', 'existing_policy')),
            stage TEXT NOT NULL
                CHECK (stage IN ('prospect', 'intention', 'sold', 'service')),
            notes TEXT,
            consent INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1)),
            initials TEXT NOT NULL DEFAULT '',
            erased_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT""")
    db.execute("CREATE INDEX customers_outlet ON customers(outlet_id, stage)")
    db.execute("CREATE INDEX customers_referrer ON customers(referrer_id)")
    db.execute("CREATE INDEX customers_created ON customers(created_at)")
    db.execute("""
        CREATE TABLE deposits (
            id INTEGER PRIMARY KEY,
            customer_id INTEGER NOT NULL REFERENCES customers(id),
            band TEXT NOT NULL,
            matures_on TEXT NOT NULL CHECK (length(matures_on) = 10),
            notes TEXT,
            created_at TEXT NOT NULL
        ) STRICT""")
    db.execute("CREATE INDEX deposits_matures ON deposits(matures_on)")
    db.execute("CREATE INDEX deposits_customer ON deposits(customer_id)")
    db.execute("""
        CREATE TABLE followups (
            id INTEGER PRIMARY KEY,
            customer_id INTEGER NOT NULL REFERENCES customers(id),
            kind TEXT NOT NULL CHECK (kind IN ('next_step', 'claim', 'surrender', 'service',
                                               'deposit', 'renewal', 'cooling_off',
                                               'conversation')),
            due TEXT NOT NULL CHECK (length(due) = 10),
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
            what TEXT NOT NULL CHECK (length(what) > 0),
            notes TEXT,
            -- a conversation about a dated moment (``deposit:<id>``,
            -- ``renewal:<policy>:<day>``, ``cooling_off:<policy>``): that moment is handled
            about TEXT,
            -- the contact this conversation was also logged as (the must-do's count)
            contact_id INTEGER REFERENCES contacts(id),
            done_at TEXT,
            created_at TEXT NOT NULL,
            CHECK ((status = 'done') = (done_at IS NOT NULL))
        ) STRICT""")
    db.execute("CREATE INDEX followups_open ON followups(due) WHERE status = 'open'")
    db.execute("CREATE INDEX followups_customer ON followups(customer_id, status)")
    db.execute("CREATE INDEX followups_about ON followups(about) WHERE about IS NOT NULL")
    db.execute("CREATE INDEX followups_done ON followups(done_at) WHERE status = 'done'")


@migrations()
def m002_policy_links(db: Database) -> None:
    # A new step, never an edit of the self-assessment's released ``policies`` table.
    db.execute("""
        CREATE TABLE customer_policies (
            policy_id INTEGER PRIMARY KEY REFERENCES policies(id),
            customer_id INTEGER NOT NULL REFERENCES customers(id),
            frequency TEXT NOT NULL
                CHECK (frequency IN ('single', 'annual', 'semiannual', 'monthly'))
        ) STRICT""")
    db.execute("CREATE INDEX customer_policies_customer ON customer_policies(customer_id)")


@migrations(transactional=False)
def m003_source_as_written(db: Database) -> None:
    # A branch's list names sources the app had no kind for (电话, 网点活动…): they are
    # ``other`` now, and every source is kept as written (``source_text``) when it is not
    # its kind's own name. SQLite cannot widen a CHECK in place, so the table is rebuilt
    # with its rows and ids as SQLite's ALTER TABLE page describes: foreign keys off
    # (they can only be turned off outside a transaction, hence a non-transactional
    # step), the copy, the swap and the check in one transaction.
    sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'customers'").fetchone()[0]
    if "'other'" in sql:
        return  # done, and the step's record was lost to a crash: nothing to do again
    db.execute("PRAGMA foreign_keys=OFF")
    try:
        with db.atomic():
            db.execute(CUSTOMERS_TABLE.format(name="customers_new"))
            db.execute("INSERT INTO customers_new (id, name, phone, outlet_id, referrer_id, "
                       "source, stage, notes, consent, initials, erased_at, created_at, "
                       "updated_at) SELECT id, name, phone, outlet_id, referrer_id, source, "
                       "stage, notes, consent, initials, erased_at, created_at, updated_at "
                       "FROM customers")
            db.execute("DROP TABLE customers")
            db.execute("ALTER TABLE customers_new RENAME TO customers")
            for index in CUSTOMER_INDEXES:
                db.execute(index)
            broken = db.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"customers rebuilt with broken references: {broken[:3]}")
    finally:
        db.execute("PRAGMA foreign_keys=ON")


CUSTOMERS_TABLE = """
    CREATE TABLE {name} (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) > 0),
        phone TEXT,
        outlet_id INTEGER REFERENCES outlets(id),
        referrer_id INTEGER REFERENCES staff(id),
        source TEXT NOT NULL
            CHECK (source IN ('referral', 'walk_in', 'event', 'existing_policy', 'other')),
        stage TEXT NOT NULL
            CHECK (stage IN ('prospect', 'intention', 'sold', 'service')),
        notes TEXT,
        consent INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1)),
        initials TEXT NOT NULL DEFAULT '',
        erased_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        source_text TEXT
    ) STRICT"""
CUSTOMER_INDEXES = (
    "CREATE INDEX customers_outlet ON customers(outlet_id, stage)",
    "CREATE INDEX customers_referrer ON customers(referrer_id)",
    "CREATE INDEX customers_created ON customers(created_at)",
)
