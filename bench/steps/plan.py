"""The daily plan's own tasks: 30k over the years, nearly all done, a few hundred open.

Through ``tasks.add_task`` (each written on the day it was planned, due a few days
later, some tied to an outlet) and ``tasks.complete_task`` on the day it was done.
"""

from __future__ import annotations

from datetime import timedelta

from workbench.plan import tasks

from .context import Context, batches

TASKS = 30_000
OPEN = 300
TITLES = ("回访客户", "送宣传折页", "整理保单回执", "与网点主任沟通", "准备晨会材料",
          "核对单证库存", "提交周报", "跟进大额客户", "柜员话术培训", "整理客户名单")


def generate(ctx: Context) -> None:
    rng = ctx.rng("plan")
    db = ctx.db
    n, still_open = ctx.n(TASKS), ctx.n(OPEN)
    span = 4_000
    days = sorted(rng.randrange(span) for _ in range(n - still_open))
    for lo, hi in batches(len(days), 2000):
        with db.atomic():
            for back in days[lo:hi]:
                planned = ctx.today - timedelta(days=span - back)
                due = planned + timedelta(days=rng.randint(0, 5))
                done = min(ctx.today, due + timedelta(days=rng.choice((0, 0, 0, 1, 2))))
                task_id = tasks.add_task(
                    db, rng.choice(TITLES), due.isoformat(), planned, ctx.at(planned, 8),
                    outlet_id=rng.choice(ctx.outlet_ids) if rng.random() < 0.5 else None)
                tasks.complete_task(db, task_id, done, ctx.at(done, 17))
    with db.atomic():
        for _ in range(still_open):
            due = ctx.today + timedelta(days=rng.randint(-5, 14))
            tasks.add_task(db, rng.choice(TITLES), due.isoformat(), ctx.today - timedelta(days=7),
                           ctx.at(ctx.today - timedelta(days=7), 8),
                           outlet_id=rng.choice(ctx.outlet_ids) if rng.random() < 0.5 else None)
