"""The targets' tables and their migration set ``workbench.targets``.

The set name and every step's function name are stored in each user's file: they never
change. Amounts are in yuan, as the policies' premiums are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.core.migrations import Migrations

if TYPE_CHECKING:
    from sqlite_utils import Database

migrations = Migrations("workbench.targets")


@migrations()
def m001_outlet_targets(db: Database) -> None:
    # One row per outlet and period: ``starts`` is the period's first day, so a month,
    # a quarter and a year that begin on the same day are told apart by ``period``.
    db.execute("""
        CREATE TABLE outlet_targets (
            id INTEGER PRIMARY KEY,
            outlet_id INTEGER NOT NULL REFERENCES outlets(id),
            period TEXT NOT NULL CHECK (period IN ('month', 'quarter', 'year')),
            starts TEXT NOT NULL CHECK (length(starts) = 10),
            premium REAL CHECK (premium >= 0),
            standard_premium REAL CHECK (standard_premium >= 0),
            source TEXT NOT NULL DEFAULT 'typed'
                CHECK (source IN ('typed', 'import', 'card')),
            updated_at TEXT NOT NULL,
            CHECK (premium IS NOT NULL OR standard_premium IS NOT NULL),
            UNIQUE (outlet_id, period, starts)
        ) STRICT""")
    db.execute("CREATE INDEX outlet_targets_period ON outlet_targets(period, starts)")


@migrations()
def m002_card_tasks_to_targets(db: Database) -> None:
    # The resource card's typed 任务 (else its 本年计划), in 10,000 CNY, was this year's
    # premium target for the year the card was last saved: it becomes that year's target.
    # The typed 完成 is not carried over: progress is computed from the policies now.
    # The card's columns stay as they were (a released file's team bundle reads them).
    rows = db.execute(
        "SELECT id, coalesce(target, plan_year), updated_at FROM outlets "
        "WHERE coalesce(target, plan_year) > 0").fetchall()
    for outlet_id, amount, updated in rows:
        db.execute(
            "INSERT OR IGNORE INTO outlet_targets (outlet_id, period, starts, premium, source, "
            "updated_at) VALUES (?, 'year', ?, ?, 'card', ?)",
            [outlet_id, f"{updated[:4]}-01-01", round(amount * 10000, 2), updated])


@migrations()
def m003_campaigns(db: Database) -> None:
    # A campaign with no outlet rows runs at every outlet; ``product`` (a launch's new
    # product, as policies name it) narrows the policies that count when it is given.
    db.execute("""
        CREATE TABLE campaigns (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(name) > 0),
            kind TEXT NOT NULL CHECK (kind IN ('incentive', 'launch')),
            starts TEXT NOT NULL CHECK (length(starts) = 10),
            ends TEXT NOT NULL CHECK (length(ends) = 10 AND ends >= starts),
            product TEXT,
            target_premium REAL CHECK (target_premium >= 0),
            notes TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT""")
    db.execute("""
        CREATE TABLE campaign_outlets (
            campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
            outlet_id INTEGER NOT NULL REFERENCES outlets(id),
            PRIMARY KEY (campaign_id, outlet_id)
        ) STRICT""")
    db.execute("CREATE INDEX campaigns_window ON campaigns(ends, starts)")
