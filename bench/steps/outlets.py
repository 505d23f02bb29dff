"""Outlets, staff and visits of a heavy user: 500 outlets, 5k staff, ~2 years of visits.

Written through ``workbench.outlets``' own functions (validation included); a long
loop runs inside ``db.atomic()`` batches so each domain call is a cheap savepoint.
"""

from __future__ import annotations

from datetime import timedelta

from workbench.roster import outlets, staff, visits

from .context import Context, batches

BANKS = (("CCB", "中国建设银行"), ("ICBC", "中国工商银行"), ("ABC", "中国农业银行"),
         ("BOC", "中国银行"), ("BOCOM", "交通银行"), ("PSBC", "邮储银行"))
DISTRICTS = ("朝阳", "海淀", "东城", "西城", "丰台", "通州", "昌平", "大兴", "顺义", "房山",
             "石景山", "门头沟")
KINDS = ("支行", "分理处", "营业部", "社区支行")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
         "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "婷", "晓东", "思远", "雨萱")
OUTLETS = 500
STAFF = 5000
VISITS_PER_OUTLET = 60


def generate(ctx: Context) -> None:
    rng = write_outlets(ctx)
    _staff(ctx, rng)
    _visits(ctx, rng)


def write_outlets(ctx: Context):
    """The outlets (also the bulk-import benchmark's starting point); returns the rng."""
    rng = ctx.rng("outlets")
    db, config = ctx.db, ctx.config
    tiers = list(config.visits.cadence_days)
    created = ctx.at(ctx.today - timedelta(days=730))
    n_outlets = ctx.n(OUTLETS)
    with db.atomic():
        for i in range(n_outlets):
            code, bank = BANKS[i % len(BANKS)]
            district = DISTRICTS[(i // len(BANKS)) % len(DISTRICTS)]
            kind = KINDS[i % len(KINDS)]
            deposits = rng.randint(8, 60) * 1000
            daily = rng.randint(120, 900)
            draft = outlets.OutletDraft(
                code=f"{code}-{1000 + i}", name=f"{bank}北京{district}{kind}{i + 1}",
                bank=bank, tier=rng.choice(tiers),
                address=f"北京市{district}区{rng.randint(1, 300)}号",
                phone=f"010-{rng.randint(60000000, 89999999)}",
                head=rng.choice(SURNAMES) + rng.choice(GIVEN),
                deposits_time=deposits, deposits_demand=int(deposits * rng.uniform(0.3, 0.9)),
                plan_year=rng.randint(200, 900), target=rng.randint(150, 800),
                achieved=rng.randint(50, 700), traffic_daily=daily, traffic_monthly=daily * 26,
                customers_total=rng.randint(3000, 40000), enquiries=rng.randint(5, 80),
                notes=rng.choice(("", "主任支持驻点", "柜面人员流动大")),
            )
            ctx.outlet_ids.append(outlets.add_outlet(db, draft, tiers, created))
    return rng


def _staff(ctx: Context, rng) -> None:
    db = ctx.db
    roles = list(ctx.config.staff.roles)
    created = ctx.at(ctx.today - timedelta(days=730))
    n_staff = ctx.n(STAFF)
    for start, stop in batches(n_staff):
        with db.atomic():
            for j in range(start, stop):
                outlet_id = ctx.outlet_ids[j % len(ctx.outlet_ids)]
                ctx.staff_ids.append(staff.add_staff(db, outlet_id, staff.StaffDraft(
                    name=rng.choice(SURNAMES) + rng.choice(GIVEN), role=rng.choice(roles),
                    phone=f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
                    birthday=f"{rng.randint(1970, 2001)}-{rng.randint(1, 12):02d}-"
                             f"{rng.randint(1, 28):02d}",
                    notes=rng.choice(("", "", "业务骨干", "新入职")),
                ), roles, created))


def _visits(ctx: Context, rng) -> None:
    """About two years of completed visits: each outlet on working days, tier cadence."""
    purposes = list(visits.VISIT_PURPOSES)
    plan = []
    per_outlet = max(1, round(VISITS_PER_OUTLET * min(1.0, ctx.scale * 2)))
    for outlet_id in ctx.outlet_ids:
        day = ctx.today - timedelta(days=730 - rng.randint(0, 10))
        for _ in range(per_outlet):
            day += timedelta(days=rng.randint(7, 16))
            if day >= ctx.today:
                break
            while day.weekday() >= 5:
                day += timedelta(days=1)
            plan.append((outlet_id, day))
    plan.sort(key=lambda p: p[1])
    for start, stop in batches(len(plan), 5000):
        with ctx.db.atomic():
            for outlet_id, day in plan[start:stop]:
                begin = ctx.at(day, rng.choice((9, 10, 14, 15)), rng.choice((0, 30)))
                end = begin + timedelta(minutes=rng.choice((45, 70, 90, 120)))
                visits.record_visit(ctx.db, outlet_id, begin, end, rng.choice(purposes),
                                     rng.choice(("", "晨会宣导", "柜员培训", "陪同客户签单")))
