"""The team database: its own file, its own migration set (``workbench.team``).

Every merged table is the manager's table with a ``manager`` column in front (the
name the channel manager registered), keyed by (manager, id). ``team_managers`` holds
each registered key and the rules of that manager's last bundle (grade lines, cadence,
activity rules: each manager's own config); ``team_heads`` keeps every accepted head
with the time it was accepted: the team database's own witness of each chain.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from workbench.core import db as core_db
from workbench.core.errors import WorkbenchError
from workbench.core.migrations import Migrations

if TYPE_CHECKING:
    from sqlite_utils import Database

TEAM = Migrations("workbench.team")

# Each merged table: its columns (as in the manager's file) and its key after `manager`.
TABLES: dict[str, tuple[str, str]] = {
    "outlets": ("id INTEGER, code TEXT, name TEXT, bank TEXT, tier TEXT, address TEXT, "
                "phone TEXT, head TEXT, deposits_time REAL, deposits_demand REAL, "
                "history TEXT, plan_year REAL, target REAL, achieved REAL, "
                "traffic_daily INTEGER, traffic_monthly INTEGER, customers_total INTEGER, "
                "enquiries INTEGER, notes TEXT, initials TEXT, active INTEGER, "
                "created_at TEXT, updated_at TEXT", "id"),
    "staff": ("id INTEGER, outlet_id INTEGER, name TEXT, role TEXT, phone TEXT, "
              "birthday TEXT, notes TEXT, initials TEXT, active INTEGER, created_at TEXT, "
              "updated_at TEXT", "id"),
    "visits": ("id INTEGER, outlet_id INTEGER, started_at TEXT, ended_at TEXT, "
               "purpose TEXT, notes TEXT", "id"),
    "deliveries": ("id INTEGER, outlet_id INTEGER, kind TEXT, quantity INTEGER, "
                   "serial_prefix TEXT, serial_from INTEGER, serial_to INTEGER, "
                   "serial_width INTEGER, policy_no TEXT, customer TEXT, note TEXT, "
                   "corrects_id INTEGER, delivered_at TEXT, created_at TEXT", "id"),
    "signoffs": ("id INTEGER, outlet_id INTEGER, staff_id INTEGER, signer TEXT, "
                 "signed_at TEXT, page_no TEXT, late_reason TEXT, recorded_at TEXT, "
                 "prev_hash TEXT, hash TEXT", "id"),
    "signoff_lines": ("signoff_id INTEGER, delivery_id INTEGER", "signoff_id, delivery_id"),
    "voids": ("id INTEGER, delivery_id INTEGER, reason TEXT, voided_at TEXT", "id"),
    "policy_events": ("id INTEGER, delivery_id INTEGER, event TEXT, on_date TEXT, "
                      "note TEXT, recorded_at TEXT", "id"),
    "stock_counts": ("id INTEGER, outlet_id INTEGER, kind TEXT, quantity INTEGER, "
                     "counted_at TEXT, visit_id INTEGER, note TEXT", "id"),
    "applications": ("id INTEGER, outlet_id INTEGER, serial TEXT, applicant TEXT, "
                     "product TEXT, premium REAL, collected_at TEXT, status TEXT, "
                     "checklist TEXT, reviewed_at TEXT, return_reason TEXT, "
                     "handover_id INTEGER, created_at TEXT", "id"),
    "handovers": ("id INTEGER, receiver TEXT, handed_at TEXT, note TEXT, created_at TEXT",
                  "id"),
    "policies": ("id INTEGER, policy_no TEXT, outlet_id INTEGER, product TEXT, "
                 "premium REAL, term_years INTEGER, factor REAL, standard_premium REAL, "
                 "override_reason TEXT, issue_date TEXT, customer_name TEXT, "
                 "customer_phone TEXT, document_status TEXT, created_at TEXT, "
                 "voided_at TEXT, void_reason TEXT", "id"),
    "ledger": ("seq INTEGER, kind TEXT, ref_id INTEGER, recorded_at TEXT, prev_hash TEXT, "
               "hash TEXT", "seq"),
    "moods": ("day TEXT, score INTEGER, note TEXT, updated_at TEXT", "day"),
}

# The dashboard's lookups: each per manager first, then what its queries seek.
INDEXES = (
    "CREATE INDEX visits_outlet ON visits(manager, outlet_id, started_at)",
    "CREATE INDEX visits_started ON visits(manager, started_at)",
    "CREATE INDEX signoff_lines_delivery ON signoff_lines(manager, delivery_id)",
    "CREATE INDEX voids_delivery ON voids(manager, delivery_id)",
    "CREATE INDEX policy_events_delivery ON policy_events(manager, delivery_id, event)",
    "CREATE INDEX stock_counts_outlet ON stock_counts(manager, outlet_id, kind, counted_at)",
    "CREATE INDEX policies_outlet ON policies(manager, outlet_id, issue_date)",
    "CREATE INDEX policies_issued ON policies(manager, issue_date)",
    "CREATE INDEX deliveries_kind ON deliveries(manager, kind)",
)


# The dashboard's figures per (manager, week), computed at merge (``figures``).
FIGURES: dict[str, tuple[str, str]] = {
    "team_figures": ("section TEXT, key TEXT, value REAL, previous REAL, kind TEXT", "key"),
    "team_coverage": ("tier TEXT, outlets INTEGER, due INTEGER, visited INTEGER, "
                      "coverage REAL", "tier"),
    "team_checkins": ("visit_id INTEGER, outlet TEXT, started_at TEXT, ended_at TEXT, "
                      "reasons_zh TEXT, reasons_en TEXT", "visit_id"),
    "team_late_outlets": ("code TEXT, outlet TEXT, tier TEXT, last_visit TEXT, due_on TEXT, "
                          "days_over INTEGER", "code"),
    "team_stock": ("code TEXT, outlet TEXT, kind TEXT, estimate INTEGER, days_left REAL, "
                   "run_out INTEGER", "code, kind"),
    "team_premium": ("grade INTEGER, period_start TEXT, period_end TEXT, achieved REAL, "
                     "maintain REAL, promote REAL, projection REAL, outcome TEXT", ""),
}


@TEAM()
def m001_team(db: Database) -> None:
    db.execute("""CREATE TABLE team_managers (
        manager TEXT PRIMARY KEY, public_key TEXT NOT NULL UNIQUE, fingerprint TEXT NOT NULL,
        registered_at TEXT NOT NULL, share_mood INTEGER NOT NULL DEFAULT 0,
        rules TEXT, week TEXT, period_end TEXT)""")
    db.execute("""CREATE TABLE team_heads (
        id INTEGER PRIMARY KEY, manager TEXT NOT NULL REFERENCES team_managers(manager),
        week TEXT NOT NULL, period_end TEXT NOT NULL, ledger_seq INTEGER NOT NULL,
        ledger_head TEXT NOT NULL, signoff_count INTEGER NOT NULL, signoff_head TEXT NOT NULL,
        source_ledger_head TEXT NOT NULL, bundle_sha256 TEXT NOT NULL, program TEXT NOT NULL,
        made_at TEXT NOT NULL, accepted_at TEXT NOT NULL)""")
    db.execute("CREATE INDEX team_heads_manager ON team_heads(manager, ledger_seq)")
    for table, (columns, key) in TABLES.items():
        db.execute(f"CREATE TABLE {table} (manager TEXT NOT NULL, {columns}, "
                   f"PRIMARY KEY (manager, {key}))")
    for index in INDEXES:
        db.execute(index)
    for table, (columns, key) in FIGURES.items():
        db.execute(f"CREATE TABLE {table} (manager TEXT NOT NULL, week TEXT NOT NULL, "
                   f"{columns}, PRIMARY KEY (manager, week{', ' + key if key else ''}))")
        db.execute(f"CREATE INDEX {table}_week ON {table}(week, manager)")


def open_team(path: Path) -> Database:
    """The team database at ``path``, created and migrated when needed (0600)."""
    db = core_db.open_file(path)
    try:
        tables = set(db.table_names())
        if tables and "team_managers" not in tables:
            # A manager's own file (or any other) named by mistake: never add tables to it.
            raise WorkbenchError("team.not_team_db", path=str(path))
        core_db.migrate(db, None, [TEAM])
    except BaseException:
        db.close()
        raise
    return db


def columns(table: str) -> list[str]:
    """The merged table's columns after ``manager``."""
    return [part.split()[0] for part in TABLES[table][0].split(", ")]
