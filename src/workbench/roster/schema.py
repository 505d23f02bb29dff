"""The roster's tables (outlets, staff, visits) and their migration set.

The set name ``workbench.outlets`` and every step's function name are stored in each
user's file (``_sqlite_migrations``): they never change, even when code moves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.core.migrations import Migrations

if TYPE_CHECKING:
    from sqlite_utils import Database

migrations = Migrations("workbench.outlets")


@migrations()
def m001_outlets_staff_visits(db: Database) -> None:
    db.execute("""
        CREATE TABLE outlets (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL CHECK (length(name) > 0),
            bank TEXT, tier TEXT NOT NULL DEFAULT 'C',
            address TEXT, phone TEXT, head TEXT,
            deposits_time REAL CHECK (deposits_time >= 0),
            deposits_demand REAL CHECK (deposits_demand >= 0),
            history TEXT,
            plan_year REAL CHECK (plan_year >= 0),
            target REAL CHECK (target >= 0),
            achieved REAL CHECK (achieved >= 0),
            traffic_daily INTEGER CHECK (traffic_daily >= 0),
            traffic_monthly INTEGER CHECK (traffic_monthly >= 0),
            customers_total INTEGER CHECK (customers_total >= 0),
            enquiries INTEGER CHECK (enquiries >= 0),
            notes TEXT,
            initials TEXT NOT NULL DEFAULT '',
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT""")
    db.execute("""
        CREATE TABLE staff (
            id INTEGER PRIMARY KEY,
            outlet_id INTEGER NOT NULL REFERENCES outlets(id),
            name TEXT NOT NULL CHECK (length(name) > 0),
            role TEXT NOT NULL,
            phone TEXT, birthday TEXT, notes TEXT,
            initials TEXT NOT NULL DEFAULT '',
            active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT""")
    db.execute("CREATE INDEX staff_outlet ON staff(outlet_id, active)")
    db.execute("""
        CREATE TABLE visits (
            id INTEGER PRIMARY KEY,
            outlet_id INTEGER NOT NULL REFERENCES outlets(id),
            started_at TEXT NOT NULL,
            ended_at TEXT CHECK (ended_at IS NULL OR ended_at >= started_at),
            purpose TEXT NOT NULL,
            notes TEXT
        ) STRICT""")
    db.execute("CREATE INDEX visits_outlet ON visits(outlet_id, started_at)")
    db.execute("CREATE INDEX visits_started ON visits(started_at)")


@migrations()
def m002_open_visit_index(db: Database) -> None:
    # open_visit() runs on every roster refresh; without this it walks every visit.
    db.execute("CREATE INDEX IF NOT EXISTS visits_open ON visits(started_at) "
               "WHERE ended_at IS NULL")


@migrations()
def m003_birthday_index(db: Database) -> None:
    # The plan looks birthdays up by month-day every morning. Files from before this
    # step got the same index from the plan's retired set, hence IF NOT EXISTS.
    db.execute("CREATE INDEX IF NOT EXISTS staff_birthday_md ON staff(substr(birthday, 6, 5))")


@migrations()
def m004_full_pinyin(db: Database) -> None:
    # Names are searched by their full pinyin too (zhongguo finds 中国银行): the stored
    # readings of names written before this step gain it. pypinyin is loaded only when
    # there is a name to read, so a new, empty file opens without it.
    from workbench.core.text import search_keys

    for table in ("outlets", "staff"):
        rows = db.execute(f"SELECT id, name FROM {table}").fetchall()
        for row_id, name in rows:
            db.execute(f"UPDATE {table} SET initials = ? WHERE id = ?",
                       [search_keys(name), row_id])


@migrations()
def m005_visit_rules(db: Database) -> None:
    # The check-in rules: a time before the working day is stored as its start and the
    # typed time kept beside it; a visit shorter than the minimum does not clear
    # "visit due". Visits written before this step count as they always did.
    db.execute("ALTER TABLE visits ADD COLUMN clipped_from TEXT")
    db.execute("ALTER TABLE visits ADD COLUMN clears_due INTEGER NOT NULL DEFAULT 1 "
               "CHECK (clears_due IN (0, 1))")


@migrations()
def m006_staff_title(db: Database) -> None:
    # A role as the bank writes it (综合柜员, 网点主任, 客户经理) beside the kind it is
    # filed under (``role``); NULL when the kind's own name says it.
    db.execute("ALTER TABLE staff ADD COLUMN title TEXT")
