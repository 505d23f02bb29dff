"""Campaigns (激励方案, 新险种推广): an incentive scheme or a product launch with a date
window, its outlets and a premium target; progress computed from the policies.

Owns every write to ``campaigns`` and ``campaign_outlets``. A policy counts when it was
issued inside the window (first and last day included), at one of the campaign's
outlets (every outlet when none is named) and, for a campaign naming a product, of that
product. Amounts are taken in 万元 and stored in yuan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from workbench.assessment.policies import totals_by_outlet
from workbench.core import validate as v
from workbench.core.clock import stamp
from workbench.core.errors import ValidationError
from workbench.roster.outlets import ids_by_code
from workbench.targets.targets import wan

if TYPE_CHECKING:
    from sqlite_utils import Database

KINDS = ("incentive", "launch")
MAX_DAYS = 366  # a campaign runs a year at most (validate.MAX_DAYS)


@dataclass(frozen=True)
class CampaignDraft:
    """A campaign as typed in the form (all strings)."""

    campaign_name: Any = ""
    campaign_kind: Any = "incentive"
    campaign_starts: Any = ""
    campaign_ends: Any = ""
    campaign_outlets: Any = ""  # outlet codes, separated by spaces, commas or 、; empty: all
    campaign_product: Any = ""
    campaign_target: Any = ""  # 万元
    campaign_notes: Any = ""


@dataclass(frozen=True)
class Campaign:
    id: int
    name: str
    kind: str
    starts: date
    ends: date
    product: str | None
    target_premium: float | None
    notes: str | None
    outlet_codes: tuple[str, ...]  # empty: every outlet


@dataclass(frozen=True)
class CampaignProgress:
    campaign: Campaign
    premium: float
    standard_premium: float
    policies: int
    day: date

    @property
    def share(self) -> float | None:
        target = self.campaign.target_premium
        return self.premium / target if target else None

    @property
    def running(self) -> bool:
        return self.campaign.starts <= self.day <= self.campaign.ends

    @property
    def days_left(self) -> int:
        """Days still to run after ``day`` (0 on the last day; negative once over)."""
        return (self.campaign.ends - self.day).days


def _codes(db: Database, value: Any) -> list[int]:
    known = ids_by_code(db)
    codes = [c for c in re.split(r"[\s,，、;；]+", str(value or "").strip()) if c]
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise ValidationError("campaign_outlets", "self.error.no_such_outlet",
                              value=unknown[0][:40])
    return sorted({known[c] for c in codes})


def clean_campaign(db: Database, draft: CampaignDraft) -> tuple[dict[str, Any], list[int]]:
    """Validate a draft: the row to store and its outlet ids. Raises ValidationError."""
    name = v.name("campaign_name", draft.campaign_name)
    kind = v.choice("campaign_kind", str(draft.campaign_kind or "").strip(), list(KINDS))
    starts = v.iso_date("campaign_starts", draft.campaign_starts, required=True)
    ends = v.iso_date("campaign_ends", draft.campaign_ends, required=True)
    if ends < starts:
        raise ValidationError("campaign_ends", "campaign.error.ends_before_starts")
    if (ends - starts).days + 1 > MAX_DAYS:
        raise ValidationError("campaign_ends", "campaign.error.too_long", days=MAX_DAYS)
    row = {"name": name, "kind": kind, "starts": starts.isoformat(), "ends": ends.isoformat(),
           "product": v.text("campaign_product", draft.campaign_product, max_len=v.MAX_NAME),
           "target_premium": wan("campaign_target", draft.campaign_target),
           "notes": v.text("campaign_notes", draft.campaign_notes)}
    return row, _codes(db, draft.campaign_outlets)


def save_campaign(db: Database, draft: CampaignDraft, now: datetime,
                  campaign_id: int | None = None) -> int:
    """Add a campaign, or replace one's fields and outlets; one transaction."""
    row, outlet_ids = clean_campaign(db, draft)
    row["updated_at"] = stamp(now)
    with db.atomic():
        if campaign_id is None:
            row["created_at"] = row["updated_at"]
            campaign_id = db.table("campaigns").insert(row).last_pk
        else:
            get_campaign(db, campaign_id)
            db.table("campaigns").update(campaign_id, row)
            db.execute("DELETE FROM campaign_outlets WHERE campaign_id = ?", [campaign_id])
        db.conn.executemany(
            "INSERT INTO campaign_outlets (campaign_id, outlet_id) VALUES (?, ?)",
            [(campaign_id, oid) for oid in outlet_ids])
    return campaign_id


_SQL = """
    SELECT c.id, c.name, c.kind, c.starts, c.ends, c.product, c.target_premium, c.notes,
      (SELECT group_concat(code, ' ') FROM (SELECT o.code FROM campaign_outlets co
         JOIN outlets o ON o.id = co.outlet_id WHERE co.campaign_id = c.id ORDER BY o.code))
    FROM campaigns c
"""


def _campaign(r: tuple) -> Campaign:
    return Campaign(r[0], r[1], r[2], date.fromisoformat(r[3]), date.fromisoformat(r[4]),
                    r[5], r[6], r[7], tuple(r[8].split()) if r[8] else ())


def get_campaign(db: Database, campaign_id: int) -> Campaign:
    r = db.execute(_SQL + " WHERE c.id = ?", [campaign_id]).fetchone()
    if r is None:
        raise ValidationError("campaign_name", "campaign.error.no_such_campaign")
    return _campaign(r)


def campaign_progress(db: Database, campaign: Campaign, day: date) -> CampaignProgress:
    """What the policies of the campaign's window, outlets and product add up to by ``day``
    (the whole window once it is over)."""
    last = min(day, campaign.ends)
    if last < campaign.starts:
        return CampaignProgress(campaign, 0.0, 0.0, 0, day)
    ids = None
    if campaign.outlet_codes:
        known = ids_by_code(db)
        ids = [known[c] for c in campaign.outlet_codes if c in known]
    totals = totals_by_outlet(db, campaign.starts, last, outlet_ids=ids,
                              product=campaign.product)
    return CampaignProgress(campaign, sum(x[1] for x in totals.values()),
                            sum(x[2] for x in totals.values()),
                            sum(x[0] for x in totals.values()), day)


def campaigns(db: Database, day: date, *, running_only: bool = False,
              limit: int = 200) -> list[CampaignProgress]:
    """Campaigns with their progress: running ones first (ending soonest), then those to
    come, then past ones (newest first)."""
    sql = _SQL
    params: list[Any] = []
    if running_only:
        sql += " WHERE c.starts <= ? AND c.ends >= ?"
        params = [day.isoformat(), day.isoformat()]
    rows = [_campaign(r) for r in db.execute(sql + " LIMIT ?", [*params, limit]).fetchall()]

    def order(c: Campaign) -> tuple:
        if c.starts <= day <= c.ends:
            return (0, c.ends.toordinal(), c.id)
        if c.starts > day:
            return (1, c.starts.toordinal(), c.id)
        return (2, -c.ends.toordinal(), c.id)

    return [campaign_progress(db, c, day) for c in sorted(rows, key=order)]
