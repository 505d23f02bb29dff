"""The resource card's typed 任务 / 本年计划 become year targets once; 完成 is not kept."""

from __future__ import annotations

from datetime import datetime

from workbench.roster import outlets
from workbench.storage import open_db
from workbench.targets import targets


def test_typed_card_figures_become_the_year_target_of_the_year_they_were_saved(db_path):
    db = open_db(db_path)
    tiers = ["A", "B", "C"]
    saved = datetime(2025, 12, 31, 18, 0)
    a = outlets.add_outlet(db, outlets.OutletDraft(code="A1", name="甲", plan_year="600"),
                           tiers, saved)
    b = outlets.add_outlet(db, outlets.OutletDraft(code="B1", name="乙", plan_year="300"),
                           tiers, saved)
    c = outlets.add_outlet(db, outlets.OutletDraft(code="C1", name="丙"), tiers, saved)
    # An old release stored the typed 任务 and 完成 on the card:
    db.execute("UPDATE outlets SET target = 500, achieved = 487 WHERE id = ?", [a])
    db.execute("UPDATE outlets SET achieved = 12 WHERE id = ?", [c])
    # As a file from before the targets' set: the step runs on the next open.
    for table in ("outlet_targets", "campaign_outlets", "campaigns"):
        db.execute(f"DROP TABLE {table}")
    db.execute("DELETE FROM _sqlite_migrations WHERE migration_set = 'workbench.targets'")
    db.conn.commit()
    db.close()
    db = open_db(db_path)
    try:
        [ta] = targets.outlet_targets(db, a)
        assert (ta.period.kind, ta.period.start.isoformat(), ta.premium, ta.source) == \
            ("year", "2025-01-01", 5_000_000, "card")
        [tb] = targets.outlet_targets(db, b)
        assert tb.premium == 3_000_000
        assert targets.outlet_targets(db, c) == []  # a typed 完成 is no target
    finally:
        db.close()
