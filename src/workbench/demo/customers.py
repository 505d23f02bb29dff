"""The demo's customers: prospects referred by tellers, deposits maturing in the coming
weeks, policies linked (renewals due, one last year's annual policy renewing this week),
an open claim and a surrender question, next steps due and late."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from workbench.assessment import policies
from workbench.core.config import Config
from workbench.customers import deposits, followups, links, records, renewals
from workbench.roster import staff as roster_staff

if TYPE_CHECKING:
    from sqlite_utils import Database

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = ("建华", "桂兰", "志明", "淑珍", "玉兰", "国强", "秀珍", "春生", "美玲", "德华")
NOTES = ("退休教师,关注养老", "孩子明年上大学", "做生意,资金周转快", "刚卖了房", "",
         "对分红险感兴趣", "老客户介绍")
STEPS = ("约到网点面谈年金方案", "送一份产品彩页", "请理财经理一起讲解", "电话问候,确认到期安排")
BANDS = ("50k_200k", "200k_500k", "500k_1m", "50k_200k", "over_1m", "under_50k")


def populate_customers(db: Database, config: Config, outlet_ids: list[int], today: date,
                       seed: int, morning: datetime) -> None:
    """Write the demo's customers through the capability's own functions; ``morning`` is
    when today's cases were noted (never after the clock: ``demo.build.not_after``).
    Everything else happened on earlier days.

    The customers sold to are the holders of the self-assessment's demo policies (linked,
    so the grade figures stay the demo's), and one holder of an annual policy issued a
    year ago (before any assessment period shown) whose renewal falls due this week."""
    rng = random.Random(seed + 19)
    unlinked = _policies_by_outlet(db)
    n = 0
    made: list[tuple[int, int]] = []  # (customer, outlet)
    for k, outlet_id in enumerate(outlet_ids[:9]):
        people = [s for s in roster_staff.list_staff(db, outlet_id)
                  if s.role in ("key_teller", "teller", "wealth_manager")]
        for j in range(3 + k % 3):
            n += 1
            referrer = people[j % 2] if people and j % 4 != 3 else None
            stage = ("prospect", "intention", "prospect", "sold", "intention", "service")[
                (k + j) % 6]
            sold = unlinked.get(outlet_id) if stage in ("sold", "service") else None
            if stage in ("sold", "service") and not sold:
                stage = "intention"
            policy = sold.pop() if sold else None
            when = datetime.combine(today - timedelta(days=rng.randint(57, 80)), time(11, 0))
            if policy is None:
                when = datetime.combine(today - timedelta(days=rng.randint(3, 55)), time(11, 0))
            name = policy.customer_name if policy else (
                rng.choice(SURNAMES) + rng.choice(GIVEN) + ("", "", "女士", "先生")[n % 4])
            phone = (policy.customer_phone if policy else
                     f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}")
            cid = records.add_customer(db, records.CustomerDraft(
                name=name, phone=phone or "", outlet=str(outlet_id),
                referrer=str(referrer.id) if referrer else "",
                source="referral" if referrer else ("walk_in", "event")[n % 2],
                stage="prospect" if policy else stage, notes=rng.choice(NOTES),
                consent="1" if n % 5 else "0"), when)
            made.append((cid, outlet_id))
            if policy is not None:
                frequency = ("monthly", "semiannual", "annual")[n % 3]
                if policy.term_years <= 1:
                    frequency = "single"
                at = datetime.combine(policy.issue_date, time(16, 0))
                links.link_policy(db, policy.id, cid, frequency, at)
                _reminded(db, policy, frequency, today)
                if stage == "service":
                    records.move_stage(db, cid, "service", at)
            if stage in ("prospect", "intention") and n % 3 != 2:
                # Deposits maturing over the coming weeks: the moment to talk.
                matures = today + timedelta(days=(2, 5, 9, 16, 24, -2, 31)[n % 7])
                deposits.add_deposit(db, cid, BANDS[n % len(BANDS)], matures.isoformat(),
                                     "", when)
            if stage == "intention":
                due = today + timedelta(days=(-1, 0, 3, 6, 10)[n % 5])
                followups.add_followup(db, cid, "next_step", due.isoformat(),
                                       rng.choice(STEPS), when)
    _renewing(db, config, made, today)
    _cases(db, made, today, morning)


def _reminded(db: Database, policy: policies.Policy, frequency: str, today: date) -> None:
    """Renewals before yesterday were talked about on their day (the demo's manager is
    diligent: what is late in the plan is recent)."""
    last = today - timedelta(days=2)
    for day in renewals.renewals_between(policy.issue_date, policy.term_years, frequency,
                                         today - timedelta(days=60), last):
        followups.log_conversation(db, f"renewal:{policy.id}:{day.isoformat()}",
                                   followups.Conversation(note="已提醒客户续期缴费"), day,
                                   datetime.combine(day, time(10, 0)))


def _policies_by_outlet(db: Database) -> dict[int, list[policies.Policy]]:
    """The demo's live policies by outlet, oldest last (``pop`` takes the oldest)."""
    found: dict[int, list[policies.Policy]] = {}
    for p in policies.policies_between(db, date(1900, 1, 1), date(2099, 12, 31)):
        found.setdefault(p.outlet_id, []).append(p)
    return found


def _renewing(db: Database, config: Config, made: list[tuple[int, int]], today: date) -> None:
    """A customer who bought an annual policy a year ago: its renewal is due this week."""
    cid, outlet_id = made[1]
    customer = records.get_customer(db, cid)
    issued = today - timedelta(days=365) + timedelta(days=3)
    at = datetime.combine(issued, time(15, 0))
    pid = policies.log_policy(db, policies.PolicyDraft(
        policy_no=f"P{issued.year}R0001", outlet=str(outlet_id), product="鑫享年金",
        premium="30000", term_years="10", issue_date=issued.isoformat(),
        customer_name=customer.name, customer_phone=customer.phone or ""), config.goals,
        today, at)
    policies.mark_document_registered(db, pid)
    links.link_policy(db, pid, cid, "annual", at)


def _cases(db: Database, made: list[tuple[int, int]], today: date, now: datetime) -> None:
    """An open claim (理赔) and a surrender question (退保) from customers in service."""
    served = [cid for cid, _ in made if records.get_customer(db, cid).stage == "service"]
    if served:
        followups.add_followup(db, served[0], "claim", (today - timedelta(days=1)).isoformat(),
                               "住院医疗理赔:帮客户准备发票和病历", now)
    if len(served) > 1:
        followups.add_followup(db, served[1], "surrender", (today + timedelta(days=2)).isoformat(),
                               "客户问退保:讲清犹豫期已过,只退现金价值", now)

