"""Deterministic, realistic demo data: the outlets, staff and visits of one manager.

Written through the domain modules' own functions (so the demo obeys every rule a
user does). The same ``today`` always yields the same database.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from . import outlets
from .config import Config

if TYPE_CHECKING:
    from sqlite_utils import Database

BANKS = ("中国建设银行", "中国工商银行", "中国农业银行", "交通银行")
BANK_CODES = ("CCB", "ICBC", "ABC", "BOCOM")
DISTRICTS = (
    ("朝阳", "朝阳路"), ("海淀", "中关村大街"), ("东城", "东直门内大街"), ("西城", "金融街"),
    ("丰台", "丰台北路"), ("通州", "新华大街"), ("昌平", "府学路"), ("大兴", "兴华大街"),
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
         "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "婷", "晓东", "思远", "雨萱")
ROLE_PLAN = ("head", "deputy", "wealth_manager", "wealth_manager", "key_teller", "teller",
             "teller")


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _mobile(rng: random.Random) -> str:
    return f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"


def populate(db: Database, config: Config, today: date, seed: int = 7) -> None:
    """Fill an empty database with about 15 outlets, 80 staff and 8 weeks of visits."""
    rng = random.Random(seed)
    tiers = list(config.visits.cadence_days)
    roles = list(config.staff.roles)
    now = datetime.combine(today - timedelta(days=60), time(9, 0))
    ids: list[tuple[int, str]] = []
    for i in range(15):
        bank_i = i % len(BANKS)
        district, street = DISTRICTS[i % len(DISTRICTS)]
        # (district, kind) differs for every i < 24, so no two outlets share a name.
        branch = f"{district}{('支行', '分理处', '营业部')[i // len(DISTRICTS)]}"
        tier = ("A", "A", "B", "B", "B", "C", "C", "C", "D")[rng.randrange(9)]
        time_dep = rng.randint(8, 60) * 1000
        draft = outlets.OutletDraft(
            code=f"{BANK_CODES[bank_i]}-{101 + i}",
            name=f"{BANKS[bank_i]}北京{branch}",
            bank=BANKS[bank_i], tier=tier if tier in tiers else tiers[0],
            address=f"北京市{district}区{street}{rng.randint(1, 300)}号",
            phone=f"010-{rng.randint(60000000, 89999999)}",
            head=_person(rng),
            deposits_time=time_dep, deposits_demand=int(time_dep * rng.uniform(0.3, 0.9)),
            history=f"{today.year - 1}年期缴保费{rng.randint(80, 600)}万元",
            plan_year=rng.randint(200, 900), target=rng.randint(150, 800),
            achieved=rng.randint(50, 700), traffic_daily=rng.randint(120, 900),
            traffic_monthly=0, customers_total=rng.randint(3000, 40000),
            enquiries=rng.randint(5, 80),
        )
        draft = outlets.OutletDraft(**{**draft.__dict__,
                                       "traffic_monthly": draft.traffic_daily * 26})
        outlet_id = outlets.add_outlet(db, draft, tiers, now)
        ids.append((outlet_id, draft.tier))
        for j in range(rng.randint(4, 7)):
            born = date(rng.randint(1975, 2000), rng.randint(1, 12), rng.randint(1, 28))
            if i < 3 and j == 1:
                # A few birthdays in the coming week so the plan has something to remind.
                soon = today + timedelta(days=i * 2)
                born = date(1990 + i, soon.month, min(soon.day, 28))
            role = ROLE_PLAN[j] if ROLE_PLAN[j] in roles else roles[-1]
            outlets.add_staff(db, outlet_id, outlets.StaffDraft(
                name=_person(rng), role=role, phone=_mobile(rng), birthday=born.isoformat(),
                notes=rng.choice(("", "", "喜欢喝茶", "孩子上小学", "业务骨干", "新入职")),
            ), roles, now)
    _visits(db, ids, config, today, rng)


def _visits(db: Database, ids: list[tuple[int, str]], config: Config, today: date,
            rng: random.Random) -> None:
    """Eight weeks of visits on working days, roughly following each tier's cadence."""
    cadence = config.visits.cadence_days
    notes = ("驻点,协助理财经理面谈客户", "晨会宣导新产品", "柜员培训:期缴话术",
             "送宣传资料、检查海报", "与主任沟通本月计划", "陪同客户签单")
    purposes = list(outlets.VISIT_PURPOSES)
    for outlet_id, tier in ids:
        step = max(2, cadence.get(tier, 30) - rng.randint(0, 3))
        day = today - timedelta(days=56 - rng.randint(0, step))
        while day < today:
            if day.weekday() < 5:
                clock = time(rng.choice((9, 10, 14, 15)), rng.choice((0, 30)))
                start = datetime.combine(day, clock)
                end = start + timedelta(minutes=rng.choice((45, 70, 90, 120, 150)))
                outlets.record_visit(db, outlet_id, start, end, rng.choice(purposes),
                                     rng.choice(notes))
            day += timedelta(days=step + rng.randint(-1, 2))
