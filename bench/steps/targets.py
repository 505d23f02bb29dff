"""Targets and campaigns of a heavy user: every outlet's month, quarter and year task
for three calendar years (500 x (36 + 12 + 3) rows) and 30 campaigns.

Targets go through ``targets.clean_target`` (a ``TargetDraft`` in 万元, as the company's
sheet gives it) and ``targets.write_targets``, one import per period, written two weeks
before it starts. Each outlet's month asks about what its policies of the assessment
step bring in a month (``policies.totals_by_outlet``), give or take a fifth, growing
10 % a year and following a season (开门红 in the first quarter), so progress shows
outlets both short of and past their task; a quarter is its months' sum, a year its
quarters'. Campaigns through ``campaigns.save_campaign``: incentive schemes and product
launches (a product of the assessment step's) of 30–90 days over the three years, at
every outlet or a chosen few, their target what those outlets sell in such a window;
two run on ``ctx.today``.
"""

from __future__ import annotations

from datetime import date, timedelta

from workbench.assessment.policies import totals_by_outlet
from workbench.roster.outlets import ids_by_code
from workbench.targets import campaigns, targets
from workbench.targets.periods import period_for

from . import assessment
from .assessment import PRODUCTS
from .context import Context

YEARS = 3
DAYS_A_MONTH = 365.25 / 12
CAMPAIGNS = 30
SEASON = (1.6, 1.3, 1.2, 1.0, 0.9, 0.9, 0.9, 0.9, 1.0, 0.9, 0.9, 0.8)  # by month
SEASONAL = sum(SEASON) / len(SEASON)
NAMES = ("开门红冲刺", "春季期缴竞赛", "年中攻坚", "金秋营销季", "岁末冲刺", "柜员积分激励")


def generate(ctx: Context) -> None:
    rng = ctx.rng("targets")
    # The assessment step's policies span this many days (fewer at a small scale).
    span = min(ctx.n(assessment.DAYS), assessment.SOLD_DAYS)
    sold = totals_by_outlet(ctx.db, ctx.today - timedelta(days=span - 1), ctx.today)
    # 万元 a month and the standard premium's share, per outlet (a typical one without sales)
    months = span / DAYS_A_MONTH
    monthly = {o: premium / targets.WAN / months for o, (_, premium, _) in sold.items()}
    typical = sum(monthly.values()) / len(monthly) if monthly else 8.0
    share = {o: standard / premium for o, (_, premium, standard) in sold.items() if premium}
    _targets(ctx, rng, monthly, typical, share)
    _campaigns(ctx, rng, typical)


def _targets(ctx: Context, rng, monthly: dict[int, float], typical: float,
             share: dict[int, float]) -> None:
    first_year = ctx.today.year - YEARS + 1
    middle = first_year + YEARS // 2
    base = {o: monthly.get(o, typical) * rng.uniform(0.8, 1.2) / SEASONAL
            for o in ctx.outlet_ids}
    months: dict[tuple[int, date], float] = {}
    for outlet_id, amount in base.items():
        for year in range(first_year, ctx.today.year + 1):
            growth = 1.1 ** (year - middle)
            for month in range(1, 13):
                months[outlet_id, date(year, month, 1)] = round(
                    amount * growth * SEASON[month - 1], 1)
    periods: dict[tuple[str, date], dict[int, float]] = {}
    for (outlet_id, start), amount in months.items():
        for kind in ("month", "quarter", "year"):
            key = (kind, period_for(start, kind).start)
            summed = periods.setdefault(key, {})
            summed[outlet_id] = round(summed.get(outlet_id, 0.0) + amount, 1)
    for (kind, start), amounts in sorted(periods.items(), key=lambda p: (p[0][1], p[0][0])):
        rows = [targets.clean_target(ctx.db, targets.TargetDraft(
            outlet=str(outlet_id), period=kind, starts=start.isoformat(), premium=str(amount),
            standard_premium=str(round(amount * share.get(outlet_id, 0.3), 1))))
            for outlet_id, amount in amounts.items()]
        targets.write_targets(ctx.db, rows, "import", ctx.at(start - timedelta(days=14)))


def _campaigns(ctx: Context, rng, typical: float) -> None:
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
            expected = typical * size * days / 30 * (1 / len(PRODUCTS) if launch else 1)
            campaigns.save_campaign(ctx.db, campaigns.CampaignDraft(
                campaign_name=f"{starts.year}{rng.choice(NAMES)}" if not launch
                else f"{product}上市推广",
                campaign_kind="launch" if launch else "incentive",
                campaign_starts=starts.isoformat(), campaign_ends=ends.isoformat(),
                campaign_outlets=" ".join(chosen),
                campaign_product=product if launch else "",
                campaign_target=str(round(expected * rng.uniform(0.8, 1.2), 1)),
                campaign_notes=rng.choice(("", "期缴保费每万元奖励柜员积分 100 分",
                                           "按标准保费计奖"))),
                ctx.at(starts - timedelta(days=5)))
