"""Deterministic, realistic demo data: the outlets, staff and visits of one manager.

Written through the domain modules' own functions (so the demo obeys every rule a
user does). The same ``today`` always yields the same database.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from workbench.assessment import career, journal, policies
from workbench.core.config import Config
from workbench.register import witness
from workbench.roster import outlets
from workbench.roster import staff as roster_staff
from workbench.roster import visits as roster_visits

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


# The demo's own morning ends here (check-in 08:00–08:45, a contact, tasks noted at 08:50,
# a career goal at 09:00); built earlier in the real day, that morning moves back.
MORNING_END = time(9, 0)


def _plan_year(rng: random.Random) -> int:
    """The card's 本年计划. The card's old 任务 and 完成 are no longer typed (the demo's
    targets are in demo/targets.py): their draws stay, so every later figure is as it was."""
    plan = rng.randint(200, 900)
    rng.randint(150, 800), rng.randint(50, 700)
    return plan


def morning_shift(today: date, now: datetime | None) -> timedelta | None:
    """How far the demo's morning of ``today`` moves back so that none of it lies after
    ``now`` (zero when ``now`` is past it or not today); None when even moved back it
    would start before midnight (no morning yet: the demo then has none today)."""
    if now is None or now.date() != today:
        return timedelta(0)
    shift = min(timedelta(0), now - datetime.combine(today, MORNING_END))
    if datetime.combine(today, time(8, 0)) + shift < datetime.combine(today, time(0, 0)):
        return None
    return shift


def populate(db: Database, config: Config, today: date, seed: int = 7,
             now: datetime | None = None) -> None:
    """Fill an empty database with the demo: about 15 outlets, 80 staff, 8 weeks of
    visits, register history, self-assessment and plan. One transaction: thousands of
    small writes share one commit (fast), and a demo is either all there or absent.

    ``now``: the clock, when the demo is built for the real today; nothing of the demo
    then lies after it (a check-in later than the clock would be a lie in a register)."""
    with db.atomic():
        _populate(db, config, today, seed, clock=now)
    # Written in one transaction, so no write witnessed its own head: the demo's one.
    witness.start(db)


def _populate(db: Database, config: Config, today: date, seed: int,
              clock: datetime | None = None) -> None:
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
            plan_year=_plan_year(rng), traffic_daily=rng.randint(120, 900),
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
            roster_staff.add_staff(db, outlet_id, roster_staff.StaffDraft(
                name=_person(rng), role=role, phone=_mobile(rng), birthday=born.isoformat(),
                notes=rng.choice(("", "", "喜欢喝茶", "孩子上小学", "业务骨干", "新入职")),
            ), roles, now)
    _visits(db, ids, config, today, rng)
    from workbench.demo.register import populate_register

    populate_register(db, config, today, seed, clock)
    _self_assessment(db, [i for i, _ in ids], config, today, random.Random(seed + 5), clock)
    _plan(db, ids, today, random.Random(seed + 1), clock)
    from workbench.demo.fieldwork import populate_fieldwork

    populate_fieldwork(db, config, today, [i for i, _ in ids], random.Random(seed + 9),
                       ids[5][0] if morning_shift(today, clock) is not None else None,
                       lambda at: not_after(at, clock))
    from workbench.demo.targets import populate_targets

    populate_targets(db, [i for i, _ in ids], today, seed)
    from workbench.demo.customers import populate_customers

    populate_customers(db, config, [i for i, _ in ids], today, seed,
                       not_after(datetime.combine(today, time(8, 30)), clock))


def _visits(db: Database, ids: list[tuple[int, str]], config: Config, today: date,
            rng: random.Random) -> None:
    """Eight weeks of visits on working days, roughly following each tier's cadence."""
    cadence = config.visits.cadence_days
    notes = ("驻点,协助理财经理面谈客户", "晨会宣导新产品", "柜员培训:期缴话术",
             "送宣传资料、检查海报", "与主任沟通本月计划", "陪同客户签单")
    purposes = list(roster_visits.VISIT_PURPOSES)
    for outlet_id, tier in ids:
        step = max(2, cadence.get(tier, 30) - rng.randint(0, 3))
        day = today - timedelta(days=56 - rng.randint(0, step))
        while day < today:
            if day.weekday() < 5:
                clock = time(rng.choice((9, 10, 14, 15)), rng.choice((0, 30)))
                start = datetime.combine(day, clock)
                end = start + timedelta(minutes=rng.choice((45, 70, 90, 120, 150)))
                roster_visits.record_visit(db, outlet_id, start, end, rng.choice(purposes),
                                     rng.choice(notes))
            day += timedelta(days=step + rng.randint(-1, 2))


PRODUCTS = ("鑫享年金", "福寿安康终身寿", "金玉满堂两全", "e享健康医疗", "稳盈增额终身寿")
MOOD_NOTES = ("", "", "", "精力充沛", "有点累,但状态不错", "昨晚没睡好", "期待今天的晨会",
              "心态平和", "被客户拒绝了两次,调整中")
SETBACKS = (
    ("客户犹豫期内要求退保", "重新讲解条款与现金价值,客户决定保留", 70),
    ("网点主任换人,新主任对保险有顾虑", "约时间拜访,带上去年的合作数据", 65),
    ("晨会宣导没人回应", "改用典型展示法,讲一个真实理赔案例", 60),
    ("大单被同业抢走", "复盘差距,下次提前准备方案对比", 55),
    ("柜员抱怨单证送得太慢", "建立送单登记,每周二、五固定配送", 75),
    ("连续三天没出单", "把目标拆到每天,先做客户交流", 50),
)
CAREER_GOALS = (
    ("short", "career", "本季度维持10级,年底冲刺晋升9级", "in_progress"),
    ("short", "personal", "考取 AFP 金融理财师", "in_progress"),
    ("mid", "career", "三年内成为高级客户经理,负责20个网点", "planned"),
    ("mid", "interests", "每年读完24本书", "in_progress"),
    ("long", "career", "十五年内走上区域经理岗位", "planned"),
    ("long", "society", "为社区老人开设保险防骗讲座", "planned"),
)
HABIT_ODDS = {"one_hour": 0.8, "one_book": 0.55, "one_problem": 0.7, "one_why": 0.85,
              "one_summary": 0.6}


def not_after(at: datetime, now: datetime | None) -> datetime:
    """``at``, or ``now`` when ``at`` would lie after the clock."""
    return at if now is None or at <= now else now


def _self_assessment(db: Database, outlet_ids: list[int], config: Config, today: date,
                     rng: random.Random, now: datetime | None = None) -> None:
    """Eight weeks of mood scores, setbacks, habit ticks, weekly 5Q, policies and goals."""
    with db.atomic():  # one transaction: hundreds of small writes, one fsync
        _self_rows(db, outlet_ids, config, today, rng, now)


def _self_rows(db: Database, outlet_ids: list[int], config: Config, today: date,
               rng: random.Random, now: datetime | None) -> None:
    start = today - timedelta(days=56)
    leave = {start + timedelta(days=d) for d in (19, 20)}  # two days of leave
    habits = journal.habit_names(config)
    mood = 72
    for n in range(57):
        day = start + timedelta(days=n)
        if day in leave:
            journal.set_skip_day(db, day, True, day)
        if day != today and rng.random() < 0.9:
            mood = max(35, min(98, mood + rng.randint(-9, 9)))
            journal.rate_mood(db, day, mood, rng.choice(MOOD_NOTES), day)
        for habit in habits:
            if day not in leave and day != today and rng.random() < HABIT_ODDS.get(habit, 0.7):
                journal.tick_habit(db, day, habit, day)
        if day.weekday() == 4 and day != today:
            base = rng.randint(5, 7)
            journal.rate_five_q(db, day, {
                q: max(1, min(10, base + rng.randint(-1, 3))) for q in journal.QUOTIENTS
            }, "", day)
    for k, (what, response, rating) in enumerate(SETBACKS):
        journal.log_setback(db, start + timedelta(days=4 + k * 9), what, response, rating,
                               today)
    # Policies across about three quarters of the outlets, the rest still at zero (未破零).
    sellers = outlet_ids[: max(1, len(outlet_ids) * 3 // 4)]
    total = 0.0
    n = 0
    while total < 125_000:
        day = start + timedelta(days=rng.randint(0, 56))
        if day.weekday() >= 5 or day > today or (
                now is not None and datetime.combine(day, time(16, 0)) > now):
            continue
        n += 1
        term = rng.choice((1, 3, 5, 5, 10, 10, 10))
        premium = {1: rng.randint(3, 20) * 10000, 10: rng.randint(3, 15) * 1000}.get(
            term, rng.randint(5, 30) * 1000)
        draft = policies.PolicyDraft(
            policy_no=f"P{today.year}{n:05d}", outlet=str(sellers[(n - 1) % len(sellers)]),
            product=rng.choice(PRODUCTS), premium=str(premium), term_years=str(term),
            issue_date=day.isoformat(), customer_name=_person(rng),
            customer_phone=_mobile(rng))
        pid = policies.log_policy(db, draft, config.goals, today,
                                  datetime.combine(day, time(16, 0)))
        total += policies.get_policy(db, pid).standard_premium
        if (today - day).days > 10:
            policies.mark_document_registered(db, pid)
    for horizon, angle, target, status in CAREER_GOALS:
        career.add_career_goal(db, horizon, angle, target, status,
                               (today - timedelta(days=rng.randint(3, 40))).isoformat(),
                               not_after(datetime.combine(today, time(9, 0)), now))


def _plan(db: Database, ids: list[tuple[int, str]], today: date, rng: random.Random,
          clock: datetime | None = None) -> None:
    """Contacts of the last weeks, an early check-in today, and a handful of own tasks."""
    from workbench.plan import contacts, tasks

    at = datetime.combine
    for n, (outlet_id, _) in enumerate(ids[:11]):
        staff = roster_staff.list_staff(db, outlet_id)
        # Most outlets were contacted lately; a few drift past the warning threshold.
        ago = (1, 3, 2, 5, 8, 4, 16, 6, 21, 9, 12)[n]
        day = today - timedelta(days=ago)
        contacts.log_contact(db, "staff", at(day, time(16, 30)), staff_id=staff[n % len(staff)].id,
                             note=rng.choice(("请主任吃饭,聊下季度计划", "帮理财经理准备客户沙龙",
                                              "柜员生日送蛋糕", "晨会后交流期缴话术")))
    for minutes, name in ((10 * 60 + 15, "王先生"), (15 * 60, "陈阿姨")):
        contacts.log_contact(db, "customer",
                             at(today - timedelta(days=1), time(minutes // 60, minutes % 60)),
                             customer=name, outlet_id=ids[1][0], note="介绍年金险,有意向")
    # This morning: the outlet's morning meeting, too short to count as a stationed visit.
    morning = ids[5][0]
    shift = morning_shift(today, clock)
    if shift is not None:
        roster_visits.record_visit(db, morning, at(today, time(8, 0)) + shift,
                                   at(today, time(8, 45)) + shift,
                                   "promotion", "参加晨会,宣导新产品")
        head = roster_staff.list_staff(db, morning)[0]
        contacts.log_contact(db, "staff", at(today, time(8, 40)) + shift, staff_id=head.id,
                             note="晨会后与主任沟通本周目标")
    now = not_after(at(today, time(8, 50)), clock)
    tasks.add_task(db, "给渠道经理发周报", today.isoformat(), today, now,
                   repeat="weekly", repeat_detail="fri")
    tasks.add_task(db, "回访王先生期缴意向", (today - timedelta(days=2)).isoformat(),
                   today - timedelta(days=2), now, outlet_id=ids[1][0])
    tasks.add_task(db, "检查网点海报和宣传彩页", today.isoformat(), today, now,
                   repeat="after", repeat_detail="14")
    tasks.add_task(db, "整理本月投保单,交公司初审", today.isoformat(), today, now,
                   repeat="monthly", repeat_detail="30")
    tasks.add_task(db, "准备下周柜员培训课件", "+3d", today, now, outlet_id=ids[2][0])
    done = tasks.add_task(db, "提交上周工作总结", (today - timedelta(days=1)).isoformat(),
                          today - timedelta(days=1), now)
    tasks.complete_task(db, done, today - timedelta(days=1), now - timedelta(days=1))
