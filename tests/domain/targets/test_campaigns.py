"""Campaigns: the window's first and last day, outlets, the launch's product, bad input."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import NOW
from tests.domain.targets.test_progress import sell
from workbench.core.errors import ValidationError
from workbench.targets import campaigns as c


def add(db, **kw) -> int:
    base = dict(campaign_name="岁末冲刺", campaign_kind="incentive",
                campaign_starts="2026-11-10", campaign_ends="2026-11-20", campaign_target="10")
    return c.save_campaign(db, c.CampaignDraft(**{**base, **kw}), NOW)


def progress(db, cid, day=date(2026, 11, 27)):
    return c.campaign_progress(db, c.get_campaign(db, cid), day)


def test_the_window_counts_its_first_and_last_day_only(db, two):
    cid = add(db)
    sell(db, "P0", "2026-11-09")
    sell(db, "P1", "2026-11-10", premium="20000")
    sell(db, "P2", "2026-11-20", premium="30000")
    sell(db, "P3", "2026-11-21")
    p = progress(db, cid)
    assert (p.policies, p.premium) == (2, 50000)
    assert p.share == pytest.approx(0.5)


def test_progress_on_a_day_inside_the_window_stops_at_that_day(db, two):
    cid = add(db)
    sell(db, "P1", "2026-11-10")
    sell(db, "P2", "2026-11-15")
    p = progress(db, cid, date(2026, 11, 14))
    assert p.policies == 1 and p.running and p.days_left == 6
    assert progress(db, cid, date(2026, 11, 9)).policies == 0
    assert progress(db, cid, date(2026, 11, 20)).days_left == 0
    assert not progress(db, cid, date(2026, 11, 21)).running


def test_only_the_named_outlets_and_product_count(db, two):
    cid = add(db, campaign_outlets="ICBC-2", campaign_product="鑫享年金",
              campaign_kind="launch")
    sell(db, "P1", "2026-11-12")  # CCB-1: not in the campaign
    sell(db, "P2", "2026-11-12", outlet="ICBC-2")
    assert progress(db, cid).policies == 1
    other = add(db, campaign_outlets="", campaign_product="福满堂")
    assert progress(db, other).policies == 0
    everywhere = add(db, campaign_outlets="")
    assert progress(db, everywhere).policies == 2
    assert c.get_campaign(db, cid).outlet_codes == ("ICBC-2",)


def test_editing_replaces_the_outlets(db, two):
    cid = add(db, campaign_outlets="CCB-1 ICBC-2")
    c.save_campaign(db, c.CampaignDraft(campaign_name="改名", campaign_starts="2026-11-10",
                                        campaign_ends="2026-11-10", campaign_outlets="CCB-1"),
                    NOW, cid)
    got = c.get_campaign(db, cid)
    assert (got.name, got.outlet_codes, got.ends) == ("改名", ("CCB-1",), date(2026, 11, 10))


@pytest.mark.parametrize("kw, field", [
    ({"campaign_ends": "2026-11-09"}, "campaign_ends"),
    ({"campaign_name": ""}, "campaign_name"),
    ({"campaign_outlets": "CCB-1 NOPE"}, "campaign_outlets"),
    ({"campaign_target": "-1"}, "campaign_target"),
    ({"campaign_kind": "party"}, "campaign_kind"),
    ({"campaign_starts": "2026-02-30"}, "campaign_starts"),
    ({"campaign_starts": "2026-01-01", "campaign_ends": "2027-01-02"}, "campaign_ends"),
])
def test_bad_input_is_refused_and_nothing_written(db, two, kw, field):
    with pytest.raises(ValidationError) as err:
        add(db, **kw)
    assert err.value.field == field and str(err.value)
    assert db.execute("SELECT count(*) FROM campaigns").fetchone()[0] == 0


def test_one_day_window_and_a_full_year_are_accepted(db, two):
    add(db, campaign_starts="2026-11-10", campaign_ends="2026-11-10")
    add(db, campaign_starts="2028-01-01", campaign_ends="2028-12-31")  # 366 days


def test_listing_puts_running_first_then_coming_then_past(db, two):
    past = add(db, campaign_starts="2026-10-01", campaign_ends="2026-10-31")
    coming = add(db, campaign_starts="2026-12-01", campaign_ends="2026-12-31")
    running = add(db, campaign_starts="2026-11-01", campaign_ends="2026-11-30")
    day = date(2026, 11, 27)
    assert [p.campaign.id for p in c.campaigns(db, day)] == [running, coming, past]
    assert [p.campaign.id for p in c.campaigns(db, day, running_only=True)] == [running]
