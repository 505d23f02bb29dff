"""The self-assessment's tables: one migration set for the whole capability.

``moods``, ``setbacks``, ``five_q`` and ``habits`` (used by ``journal``), ``policies``
(``policies``, ``grades``) and ``career_goals`` (``career``). The set name
``workbench.assessment`` and the step names are stored in every user's file: they never
change, and a released step is never edited; a schema change is a new step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.core.migrations import Migrations

if TYPE_CHECKING:
    from sqlite_utils import Database

migrations = Migrations("workbench.assessment")


@migrations()
def m001_self_assessment(db: Database) -> None:
    db.execute("""
        CREATE TABLE moods (
            day TEXT PRIMARY KEY CHECK (length(day) = 10),
            score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
            note TEXT,
            updated_at TEXT NOT NULL
        ) STRICT""")
    db.execute("""
        CREATE TABLE setbacks (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL CHECK (length(day) = 10),
            what TEXT NOT NULL CHECK (length(what) > 0),
            response TEXT,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 100),
            created_at TEXT NOT NULL
        ) STRICT""")
    db.execute("CREATE INDEX setbacks_day ON setbacks(day)")
    db.execute("""
        CREATE TABLE five_q (
            week TEXT PRIMARY KEY CHECK (length(week) = 10),
            iq INTEGER NOT NULL CHECK (iq BETWEEN 1 AND 10),
            eq INTEGER NOT NULL CHECK (eq BETWEEN 1 AND 10),
            aq INTEGER NOT NULL CHECK (aq BETWEEN 1 AND 10),
            fq INTEGER NOT NULL CHECK (fq BETWEEN 1 AND 10),
            hq INTEGER NOT NULL CHECK (hq BETWEEN 1 AND 10),
            note TEXT,
            updated_at TEXT NOT NULL
        ) STRICT""")
    db.execute("""
        CREATE TABLE habits (
            day TEXT NOT NULL CHECK (length(day) = 10),
            habit TEXT NOT NULL CHECK (length(habit) > 0),
            kind TEXT NOT NULL CHECK (kind IN ('done', 'skip')),
            PRIMARY KEY (day, habit)
        ) STRICT""")
    db.execute("CREATE INDEX habits_habit_day ON habits(habit, day)")
    db.execute("""
        CREATE TABLE policies (
            id INTEGER PRIMARY KEY,
            policy_no TEXT NOT NULL CHECK (length(policy_no) > 0),
            outlet_id INTEGER NOT NULL REFERENCES outlets(id),
            product TEXT NOT NULL CHECK (length(product) > 0),
            premium REAL NOT NULL CHECK (premium > 0),
            term_years INTEGER NOT NULL CHECK (term_years >= 1),
            factor REAL,
            standard_premium REAL NOT NULL CHECK (standard_premium >= 0),
            override_reason TEXT,
            issue_date TEXT NOT NULL CHECK (length(issue_date) = 10),
            customer_name TEXT NOT NULL CHECK (length(customer_name) > 0),
            customer_phone TEXT,
            document_status TEXT NOT NULL DEFAULT 'awaiting'
                CHECK (document_status IN ('awaiting', 'registered')),
            created_at TEXT NOT NULL,
            voided_at TEXT,
            void_reason TEXT,
            CHECK (factor IS NOT NULL OR length(override_reason) > 0),
            CHECK (voided_at IS NULL OR length(void_reason) > 0)
        ) STRICT""")
    # A mistake is voided with a reason, never erased; the corrected policy may reuse
    # the number, so only live policies must have unique numbers.
    db.execute("CREATE UNIQUE INDEX policies_number ON policies(policy_no) "
               "WHERE voided_at IS NULL")
    db.execute("CREATE INDEX policies_outlet_issued ON policies(outlet_id, issue_date)")
    db.execute("CREATE INDEX policies_issued ON policies(issue_date)")
    db.execute("CREATE INDEX policies_awaiting ON policies(issue_date) "
               "WHERE document_status = 'awaiting' AND voided_at IS NULL")
    db.execute("""
        CREATE TABLE career_goals (
            id INTEGER PRIMARY KEY,
            horizon TEXT NOT NULL CHECK (horizon IN ('short', 'mid', 'long')),
            angle TEXT NOT NULL
                CHECK (angle IN ('personal', 'career', 'interests', 'society')),
            target TEXT NOT NULL CHECK (length(target) > 0),
            status TEXT NOT NULL
                CHECK (status IN ('planned', 'in_progress', 'achieved', 'dropped')),
            reviewed_on TEXT,
            created_at TEXT NOT NULL
        ) STRICT""")
