"""Customers of a heavy user: 6,000 over three years, ~20,000 follow-up records.

Through ``records.add_customer`` (a referring teller of the customer's outlet for most),
``followups.add_followup`` and ``followups.log_conversation`` (each step of a customer's
history closed on its day, as its own today, with the next step set), ``deposits.add_deposit``,
``links.link_policy`` (2,000 of the self-assessment's policies, each sold to a customer who
was a prospect before; a fifth then in after-sale service, some with a claim, surrender
or service case) and ``records.move_stage``.

What the plan on ``ctx.today`` meets: a few hundred next steps open and due from ten
days ago to two weeks ahead, deposits maturing in the coming weeks, renewals of the
linked policies (most of the last month's talked about, some not) and a few open cases.
"""

from __future__ import annotations

from datetime import date, timedelta

from workbench.assessment import policies
from workbench.customers import deposits, followups, links, records, renewals
from workbench.roster import staff

from .context import Context, batches

CUSTOMERS = 6_000
LINKED = 2_000  # customers sold a policy of the self-assessment
OPEN = 300  # customers whose next step is open and due around today
DAYS = 3 * 365
SOON = 20  # one deposit in this many matures in the coming four weeks
HANDLED = 0.8  # share of last month's renewals and maturities already talked about
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = ("建华", "桂兰", "志明", "淑珍", "玉兰", "国强", "秀珍", "春生", "美玲", "德华", "丽娟",
         "海燕", "文斌", "凤英", "振国", "晓红")
NOTES = ("退休教师,关注养老", "孩子明年上大学", "做生意,资金周转快", "刚卖了房", "", "",
         "对分红险感兴趣", "老客户介绍")
STEPS = ("约到网点面谈年金方案", "送一份产品彩页", "请理财经理一起讲解", "电话问候,确认到期安排",
         "带计划书再谈一次", "确认受益人信息")
TALKS = ("客户在考虑", "已电话沟通", "面谈,有意向", "客户出差,改天再约", "已送彩页")
CASES = (("claim", "住院医疗理赔:帮客户准备材料"), ("surrender", "客户问退保:讲清现金价值"),
         ("service", "变更联系电话和地址"))
FREQUENCIES = ("single", "single", "single", "annual", "annual", "annual", "annual",
               "annual", "semiannual", "monthly")


def generate(ctx: Context) -> None:
    rng = ctx.rng("customers")
    staff_of = {o: [s.id for s in staff.list_staff(ctx.db, o)] for o in ctx.outlet_ids}
    start = ctx.today - timedelta(days=DAYS)
    sold = policies.policies_between(ctx.db, start, ctx.today, limit=10 ** 9)
    sold.sort(key=lambda p: p.id)
    sold = rng.sample(sold, min(len(sold), ctx.n(LINKED)))
    n = ctx.n(CUSTOMERS)
    n_open = ctx.n(OPEN)
    # Half the open next steps are due today or overdue (up to 10 days), half coming.
    dues = [ctx.today + timedelta(days=rng.randint(-10, 0) if k % 2 == 0 else rng.randint(1, 14))
            for k in range(n_open)]
    plan: list[tuple[str, object]] = [("linked", p) for p in sold]
    plan += [("open", due) for due in dues]
    plan += [("other", None)] * max(0, n - len(plan))
    rng.shuffle(plan)
    for lo, hi in batches(len(plan), 500):
        with ctx.db.atomic():
            for kind, what in plan[lo:hi]:
                if kind == "linked":
                    _linked(ctx, rng, staff_of, what)
                elif kind == "open":
                    _prospect(ctx, rng, staff_of, open_due=what)
                else:
                    _prospect(ctx, rng, staff_of, open_due=None)


def _add(ctx: Context, rng, staff_of: dict[int, list[int]], created: date, stage: str,
         outlet_id: int, name: str = "", phone: str = "") -> int:
    people = staff_of.get(outlet_id, [])
    referrer = rng.choice(people) if people and rng.random() < 0.6 else None
    return records.add_customer(ctx.db, records.CustomerDraft(
        name=name or rng.choice(SURNAMES) + rng.choice(GIVEN),
        phone=phone or f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}",
        outlet=str(outlet_id), referrer=str(referrer) if referrer else "",
        source="referral" if referrer else rng.choice(("walk_in", "event")), stage=stage,
        notes=rng.choice(NOTES), consent="1" if rng.random() < 0.8 else "0"),
        ctx.at(created, rng.choice((10, 11, 15, 16))))


def _history(ctx: Context, rng, customer_id: int, first: date, last: date, count: int,
             open_due: date | None = None) -> None:
    """``count`` next steps between ``first`` and ``last``, each talked about on its day
    (closing it and setting the next); the last one closed, or its successor left open and
    due on ``open_due``."""
    span = max(1, (last - first).days)
    days = sorted(first + timedelta(days=rng.randint(1, span)) for _ in range(count))
    fid = followups.add_followup(ctx.db, customer_id, "next_step", days[0].isoformat(),
                                 rng.choice(STEPS), ctx.at(first, 17))
    for i, day in enumerate(days):
        following = days[i + 1] if i + 1 < len(days) else open_due
        talk = followups.Conversation(
            note=rng.choice(TALKS), next_what=rng.choice(STEPS) if following else "",
            next_due=following.isoformat() if following else "")
        fid = followups.log_conversation(ctx.db, f"followup:{fid}", talk, day,
                                         ctx.at(day, rng.choice((10, 14, 16))))


def _prospect(ctx: Context, rng, staff_of: dict[int, list[int]],
              open_due: date | None) -> None:
    """A customer not (yet) sold to: a history of next steps, often a time deposit."""
    outlet_id = rng.choice(ctx.outlet_ids)
    if open_due is not None:
        last = min(ctx.today, open_due) - timedelta(days=rng.randint(0, 20))
        created = last - timedelta(days=rng.randint(10, 200))
        stage = "intention"
    else:
        created = ctx.today - timedelta(days=rng.randint(1, DAYS))
        last = min(ctx.today, created + timedelta(days=rng.randint(5, 180)))
        stage = rng.choice(("prospect", "prospect", "intention"))
    customer_id = _add(ctx, rng, staff_of, created, stage, outlet_id)
    count = rng.randint(1, 8) if open_due is not None or rng.random() < 0.85 else 0
    if count and last > created:
        _history(ctx, rng, customer_id, created, last, count, open_due)
    if rng.random() < 0.45:
        _deposit(ctx, rng, customer_id, created)


def _deposit(ctx: Context, rng, customer_id: int, created: date) -> None:
    if rng.randrange(SOON) == 0:
        matures = ctx.today + timedelta(days=rng.randint(0, 28))
    else:
        matures = created + timedelta(days=rng.randint(60, 900))
    deposit_id = deposits.add_deposit(
        ctx.db, customer_id, rng.choice(deposits.BANDS), matures.isoformat(), "",
        ctx.at(created, 16))
    if ctx.today - timedelta(days=followups.STALE_DAYS) <= matures <= ctx.today - timedelta(
            days=2) and rng.random() < HANDLED:
        followups.log_conversation(ctx.db, f"deposit:{deposit_id}", followups.Conversation(
            note="到期资金已沟通"), matures, ctx.at(matures, 11))


def _linked(ctx: Context, rng, staff_of: dict[int, list[int]], policy: policies.Policy) -> None:
    """The holder of ``policy``: a prospect first, then sold on the issue day; a fifth move
    on to after-sale service, where a case may come up."""
    issued = policy.issue_date
    created = issued - timedelta(days=rng.randint(5, 90))
    customer_id = _add(ctx, rng, staff_of, created, rng.choice(("prospect", "intention")),
                       policy.outlet_id, policy.customer_name, policy.customer_phone or "")
    if rng.random() < 0.7:
        _history(ctx, rng, customer_id, created, issued, rng.randint(1, 4))
    frequency = rng.choice(FREQUENCIES) if policy.term_years > 1 else "single"
    links.link_policy(ctx.db, policy.id, customer_id, frequency, ctx.at(issued, 16))
    for day in renewals.renewals_between(issued, policy.term_years, frequency,
                                         ctx.today - timedelta(days=followups.STALE_DAYS),
                                         ctx.today - timedelta(days=2)):
        if rng.random() < HANDLED:
            followups.log_conversation(
                ctx.db, f"renewal:{policy.id}:{day.isoformat()}",
                followups.Conversation(note="已提醒客户续期缴费"), day, ctx.at(day, 10))
    if rng.random() < 0.2:
        served = issued + timedelta(days=rng.randint(20, 60))
        if served >= ctx.today:
            return
        records.move_stage(ctx.db, customer_id, "service", ctx.at(served, 15))
        if rng.random() < 0.4:
            _case(ctx, rng, customer_id, served)


def _case(ctx: Context, rng, customer_id: int, served: date) -> None:
    """A claim, surrender or service case: closed on its day, or open when recent."""
    kind, what = rng.choice(CASES)
    due = served + timedelta(days=rng.randint(5, 400))
    if due > ctx.today + timedelta(days=10):
        return
    noted = due - timedelta(days=rng.randint(1, 5))
    fid = followups.add_followup(ctx.db, customer_id, kind, due.isoformat(), what,
                                 ctx.at(min(noted, ctx.today), 9))
    if due < ctx.today - timedelta(days=5):
        followups.log_conversation(ctx.db, f"followup:{fid}",
                                   followups.Conversation(note="已办结"), due, ctx.at(due, 15))
