"""The demo's targets: every outlet's month, quarter and year task, set two months ago,
and one running incentive campaign (progress then comes from the demo's policies, as it
does for a real file)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from workbench.roster.outlets import all_active_outlets
from workbench.targets import campaigns, targets
from workbench.targets.periods import period_for

if TYPE_CHECKING:
    from sqlite_utils import Database


def populate_targets(db: Database, outlet_ids: list[int], today: date, seed: int) -> None:
    """Month, quarter and year premium (and standard premium) targets per outlet."""
    rng = random.Random(seed + 11)
    set_at = datetime.combine(today - timedelta(days=60), time(9, 0))
    rows = []
    for outlet_id in outlet_ids:
        month = rng.randint(3, 9) * targets.WAN
        for kind, times in (("month", 1), ("quarter", 3), ("year", 12)):
            start = period_for(today, kind).start.isoformat()
            rows.append({"outlet_id": outlet_id, "period": kind, "starts": start,
                         "premium": float(month * times),
                         "standard_premium": round(month * times * 0.3, 2)})
    targets.write_targets(db, rows, "import", set_at)
    # One incentive scheme running today over the first five outlets.
    codes = [code for _, code, _, _ in all_active_outlets(db)[:5]]
    campaigns.save_campaign(db, campaigns.CampaignDraft(
        campaign_name="岁末冲刺激励方案", campaign_kind="incentive",
        campaign_starts=(today - timedelta(days=20)).isoformat(),
        campaign_ends=(today + timedelta(days=10)).isoformat(),
        campaign_outlets=" ".join(codes), campaign_target="30",
        campaign_notes="期缴保费每万元奖励网点柜员积分 100 分"),
        datetime.combine(today - timedelta(days=21), time(9, 0)))
