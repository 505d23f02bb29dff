"""Self-assessment of a heavy user: 4,000 days of morning scores and habits, 40k policies.

Moods go through ``journal.rate_mood`` (which only writes "today", so each day is
written as its own today, like a back-fill with ``--today``), habits through
``tick_habit``, policies through ``policies.log_policy``, all validation included.
"""

from __future__ import annotations

from datetime import timedelta

from workbench.assessment import journal, policies

from .context import Context, batches

DAYS = 4_000
POLICIES = 40_000
SOLD_DAYS = 3 * 365  # policies are issued over the last this many days (at most)
PRODUCTS = ("鑫享年金", "福寿安康终身寿", "金玉满堂两全", "e享健康医疗", "稳盈增额终身寿")


def generate(ctx: Context) -> None:
    rng = ctx.rng("assessment")
    db, config = ctx.db, ctx.config
    habits = journal.habit_names(config)
    days = ctx.n(DAYS)
    first = ctx.today - timedelta(days=days - 1)
    for lo, hi in batches(days, 1000):
        with db.atomic():
            for i in range(lo, hi):
                day = first + timedelta(days=i)
                journal.rate_mood(db, day, rng.randint(40, 95),
                                     rng.choice(("", "", "状态不错", "有点累")), day)
                for habit in habits:
                    if rng.random() < 0.7:
                        journal.tick_habit(db, day, habit, day)
    n = ctx.n(POLICIES)
    span = min(days, SOLD_DAYS)
    for lo, hi in batches(n, 2000):
        with db.atomic():
            for i in range(lo, hi):
                issued = ctx.today - timedelta(days=rng.randrange(span))
                premium = rng.choice((1, 2, 3, 5, 10, 20, 50)) * 10_000
                draft = policies.PolicyDraft(
                    policy_no=f"BX{2023000000 + i}", outlet=str(rng.choice(ctx.outlet_ids)),
                    product=rng.choice(PRODUCTS), premium=str(premium),
                    term_years=str(rng.choice((3, 5, 10, 20))), issue_date=issued.isoformat(),
                    customer_name=rng.choice("王李张刘陈杨") + rng.choice(("先生", "女士")),
                    customer_phone=f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}")
                policies.log_policy(db, draft, config.goals, ctx.today, ctx.at(issued, 17))
