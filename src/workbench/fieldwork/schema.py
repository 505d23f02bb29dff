"""The field work's tables and their migration set.

The set name ``workbench.fieldwork`` and every step's function name are stored in each
user's file (``_sqlite_migrations``): they never change, even when code moves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.core.migrations import Migrations

if TYPE_CHECKING:
    from sqlite_utils import Database

migrations = Migrations("workbench.fieldwork")


@migrations()
def m001_trainings_displays_route(db: Database) -> None:
    db.execute("""
        CREATE TABLE trainings (
            id INTEGER PRIMARY KEY,
            outlet_id INTEGER NOT NULL REFERENCES outlets(id),
            held_on TEXT NOT NULL,
            kind TEXT NOT NULL,
            topic TEXT NOT NULL CHECK (length(topic) > 0),
            minutes INTEGER NOT NULL CHECK (minutes > 0),
            materials TEXT,
            follow_up TEXT CHECK (follow_up IS NULL OR follow_up >= held_on),
            notes TEXT,
            created_at TEXT NOT NULL
        ) STRICT""")
    db.execute("CREATE INDEX trainings_outlet ON trainings(outlet_id, held_on)")
    db.execute("CREATE INDEX trainings_held ON trainings(held_on)")
    db.execute("""
        CREATE TABLE training_attendees (
            training_id INTEGER NOT NULL REFERENCES trainings(id),
            staff_id INTEGER NOT NULL REFERENCES staff(id),
            PRIMARY KEY (training_id, staff_id)
        ) STRICT""")
    db.execute("CREATE INDEX training_attendees_staff ON training_attendees(staff_id)")
    db.execute("""
        CREATE TABLE display_checks (
            id INTEGER PRIMARY KEY,
            outlet_id INTEGER NOT NULL REFERENCES outlets(id),
            item TEXT NOT NULL CHECK (length(item) > 0),
            checked_on TEXT NOT NULL,
            up INTEGER NOT NULL CHECK (up IN (0, 1)),
            created_at TEXT NOT NULL
        ) STRICT""")
    db.execute("CREATE INDEX display_checks_outlet ON display_checks(outlet_id, item, checked_on)")
    db.execute("""
        CREATE TABLE route_stops (
            day TEXT NOT NULL,
            position INTEGER NOT NULL CHECK (position >= 1),
            outlet_id INTEGER NOT NULL REFERENCES outlets(id),
            PRIMARY KEY (day, outlet_id)
        ) STRICT""")


@migrations()
def m002_display_checks_state(db: Database) -> None:
    """An item's state read from the index alone: the plan reads every item's last check
    each morning (10,000 checks at a heavy user's scale), and the table's rows were
    fetched one by one for their ``up``. It covers the index it replaces."""
    db.execute("CREATE INDEX IF NOT EXISTS display_checks_state "
               "ON display_checks(outlet_id, item, checked_on, up)")
    db.execute("DROP INDEX IF EXISTS display_checks_outlet")
