"""Targets and campaigns of a heavy user: every outlet's month, quarter and year task
for three calendar years (500 x (36 + 12 + 3) rows) and 30 campaigns.

Targets go through ``targets.clean_target`` (a ``TargetDraft`` in 万元, as the company's
sheet gives it) and ``targets.write_targets``, one import per period, written two weeks
before it starts; the months follow a season (开门红 in the first quarter), a quarter is
its months' sum, a year its quarters'. Campaigns through ``campaigns.save_campaign``:
incentive schemes and product launches (a product of the assessment step's) of 30–90
days over the three years, at every outlet or a chosen few; two run on ``ctx.today``.
"""

from __future__ import annotations

from datetime import date, timedelta

from workbench.roster.outlets import ids_by_code
from workbench.targets import campaigns, targets
from workbench.targets.periods import period_for

from .assessment import PRODUCTS
from .context import Context

YEARS = 3
CAMPAIGNS = 30
SEASON = (1.6, 1.3, 1.2, 1.0, 0.9, 0.9, 0.9, 0.9, 1.0, 0.9, 0.9, 0.8)  # by month
NAMES = ("开门红冲刺", "春季期缴竞赛", "年中攻坚", "金秋营销季", "岁末冲刺", "柜员积分激励")


def generate(ctx: Context) -> None:
    rng = ctx.rng("targets")
    _targets(ctx, rng)
    _campaigns(ctx, rng)


def _targets(ctx: Context, rng) -> None:
    first_year = ctx.today.year - YEARS + 1
    base = {o: rng.randint(3, 12) for o in ctx.outlet_ids}  # 万元 a month
    months: dict[tuple[int, date], float] = {}
    for outlet_id, amount in base.items():
        for year in range(first_year, ctx.today.year + 1):
            growth = 1.1 ** (year - first_year)
            for month in range(1, 13):
                months[outlet_id, date(year, month, 1)] = round(
                    amount * growth * SEASON[month - 1], 1)
    periods: dict[tuple[str, date], dict[int, float]] = {}
    for (outlet_id, start), amount in months.items():
        for kind in ("month", "quarter", "year"):
            key = (kind, period_for(start, kind).start)
            share = periods.setdefault(key, {})
            share[outlet_id] = round(share.get(outlet_id, 0.0) + amount, 1)
    for (kind, start), amounts in sorted(periods.items(), key=lambda p: (p[0][1], p[0][0])):
        rows = [targets.clean_target(ctx.db, targets.TargetDraft(
            outlet=str(outlet_id), period=kind, starts=start.isoformat(), premium=str(amount),
            standard_premium=str(round(amount * 0.3, 1)))) for outlet_id, amount in amounts.items()]
        targets.write_targets(ctx.db, rows, "import", ctx.at(start - timedelta(days=14)))


def _campaigns(ctx: Context, rng) -> None:
    codes = sorted(ids_by_code(ctx.db))
    n = ctx.n(CAMPAIGNS)
    span = YEARS * 365
    with ctx.db.atomic():
        for i in range(n):
            days = rng.randint(30, 90)
            if i >= n - 2:  # the last two run today
                starts = ctx.today - timedelta(days=rng.randint(5, days - 5))
            else:
                starts = ctx.today - timedelta(days=span - i * span // n + rng.randint(0, 20))
            ends = starts + timedelta(days=days - 1)
            launch = i % 3 == 2
            product = rng.choice(PRODUCTS)
            chosen = [] if rng.random() < 0.3 else rng.sample(
                codes, min(len(codes), rng.randint(20, 150)))
            size = len(chosen) or len(codes)
            campaigns.save_campaign(ctx.db, campaigns.CampaignDraft(
                campaign_name=f"{starts.year}{rng.choice(NAMES)}" if not launch
                else f"{product}上市推广",
                campaign_kind="launch" if launch else "incentive",
                campaign_starts=starts.isoformat(), campaign_ends=ends.isoformat(),
                campaign_outlets=" ".join(chosen),
                campaign_product=product if launch else "",
                campaign_target=str(size * rng.randint(2, 8)),
                campaign_notes=rng.choice(("", "期缴保费每万元奖励柜员积分 100 分",
                                           "按标准保费计奖"))),
                ctx.at(starts - timedelta(days=5)))
