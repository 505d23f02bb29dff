"""Demo register history (单证): deliveries, counter sign-offs, voids, receipts, stock, forms.

Called by ``demo.populate`` after the outlets exist. Written through the domain
functions, so the demo obeys every rule a user does; its own random stream keeps the
outlets' demo data unchanged. The same ``today`` always yields the same register.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from workbench.core.config import Config
from workbench.register import applications as apps
from workbench.register import chain, receipts, stock, voids
from workbench.register import deliveries as reg
from workbench.roster import outlets
from workbench.roster import staff as roster_staff

if TYPE_CHECKING:
    from sqlite_utils import Database

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = ("建国", "淑芬", "志强", "秀兰", "海燕", "国庆", "玉梅", "文博", "丽华", "德明",
         "春花", "振华", "晓红", "子轩", "佳怡")
PRODUCTS = ("鑫享年年年金保险", "福满堂两全保险", "安康终身重疾险", "金越增额终身寿险",
            "稳盈宝年金保险")
COUNTER_ROLES = ("key_teller", "teller", "wealth_manager", "deputy")


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def _workday(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


class _Demo:
    def __init__(self, db: Database, config: Config, today: date, seed: int) -> None:
        self.db, self.config, self.today = db, config, today
        self.rng = random.Random(seed * 31 + 3)
        self.cfg = config.deliveries
        self.serial = 1
        self.policy = 1
        self.pages: dict[int, int] = {}

    def signer(self, outlet_id: int) -> int:
        staff = roster_staff.list_staff(self.db, outlet_id)
        counter = [s for s in staff if s.role in COUNTER_ROLES] or staff
        return self.rng.choice(counter).id

    def sign(self, outlet_id: int, ids: list[int], at: datetime) -> None:
        page = self.pages.get(outlet_id, self.rng.randint(3, 20))
        self.pages[outlet_id] = page + (1 if self.rng.random() < 0.4 else 0)
        chain.sign_off(self.db, outlet_id=outlet_id, delivery_ids=ids,
                       staff_id=self.signer(outlet_id), signed_at=at, now=at, page_no=str(page))

    def forms(self, outlet_id: int, qty: int, at: datetime) -> int:
        kind = self.cfg.serial_kinds[0]
        rng = f"A2026{self.serial:06d}-A2026{self.serial + qty - 1:06d}"
        self.serial += qty
        return reg.add_delivery(self.db, self.config, outlet_id=outlet_id, kind=kind,
                                quantity=qty, serials=rng, delivered_at=at, now=at)

    def policy_line(self, outlet_id: int, at: datetime) -> int:
        number = f"P{self.today.year}{110000 + self.policy:07d}"
        self.policy += 1
        name = self.rng.choice(SURNAMES) + self.rng.choice(GIVEN)
        return reg.add_delivery(self.db, self.config, outlet_id=outlet_id,
                                kind=self.cfg.policy_kind, policy_no=number, customer=name,
                                delivered_at=at, now=at)

    def other(self, outlet_id: int, kind: str, qty: int, at: datetime, note: str = "") -> int:
        return reg.add_delivery(self.db, self.config, outlet_id=outlet_id, kind=kind,
                                quantity=qty, note=note, delivered_at=at, now=at)


def populate_register(db: Database, config: Config, today: date, seed: int = 7,
                      clock: datetime | None = None) -> None:
    """About twelve weeks of register history for every active outlet; nothing after
    ``clock`` (when built for the real today)."""
    demo = _Demo(db, config, today, seed)
    rng = demo.rng
    cfg = config.deliveries
    ids = [o[0] for o in outlets.all_active_outlets(db)]
    form_kind = cfg.serial_kinds[0] if cfg.serial_kinds else None
    # Stock history: a count every two weeks; forms delivered when running low.
    for n, outlet_id in enumerate(ids):
        rate = {kind: rng.uniform(0.5, 3.0) for kind in cfg.stock_kinds}
        level = {kind: rng.randint(40, 120) for kind in cfg.stock_kinds}
        day = _workday(today - timedelta(days=84 - n % 5))
        last_gap = 1 + (n * 5) % 12
        while day <= today - timedelta(days=last_gap):
            at = _at(day, 10, 15)
            gap = 14 + rng.randint(-2, 2)
            last = day + timedelta(days=gap) > today - timedelta(days=last_gap)
            for kind in cfg.stock_kinds:
                stock.record_count(db, config, outlet_id=outlet_id, kind=kind,
                                   quantity=level[kind], counted_at=at, now=at)
                # A careful manager restocks what would not last four weeks; a few outlets
                # were missed at the last visit, so the stock view has work to show.
                if level[kind] < rate[kind] * 28 and not (last and (n + len(kind)) % 7 == 0):
                    qty = 100 if kind == form_kind else rng.choice((20, 50))
                    deliver_at = at + timedelta(minutes=20)
                    if kind == form_kind:
                        line = demo.forms(outlet_id, qty, deliver_at)
                    else:
                        line = demo.other(outlet_id, kind, qty, deliver_at)
                    demo.sign(outlet_id, [line], deliver_at + timedelta(minutes=rng.randint(2, 30)))
                    level[kind] += qty
            for kind in cfg.stock_kinds:
                level[kind] = max(0, round(level[kind] - rate[kind] * gap))
            day = _workday(day + timedelta(days=gap))
    # Original policies over the last six weeks: signed, receipts and callbacks partly back.
    for outlet_id in ids:
        for _ in range(rng.randint(1, 4)):
            day = _workday(today - timedelta(days=rng.randint(2, 42)))
            at = _at(day, rng.choice((9, 10, 14, 15)), rng.choice((0, 20, 40)))
            line = demo.policy_line(outlet_id, at)
            signed = at + timedelta(minutes=rng.randint(5, 60))
            demo.sign(outlet_id, [line], signed)
            back = signed.date() + timedelta(days=rng.randint(2, 8))
            if back < today - timedelta(days=1) and rng.random() < 0.95:
                cust = signed.date() + timedelta(days=rng.randint(0, 2))
                now = _at(back, 17)
                receipts.mark_receipt_returned(db, config, line, cust, now)
                called = cust + timedelta(days=rng.randint(3, 9))
                if called < today and rng.random() < 0.95:
                    receipts.mark_callback_done(db, config, line, called,
                                                _at(max(called, back), 17))
    # Corrections: a line voided and entered again, one voided outright.
    a = ids[0]
    day = _workday(today - timedelta(days=20))
    wrong = demo.other(a, "brochure" if "brochure" in cfg.kinds else cfg.kinds[-1], 200,
                       _at(day, 11))
    demo.sign(a, [wrong], _at(day, 11, 10))
    voids.void_line(db, wrong, "数量登记错误,实际送达 20 份", _at(day, 16))
    fixed = reg.add_delivery(db, config, outlet_id=a, kind="brochure" if "brochure" in cfg.kinds
                             else cfg.kinds[-1], quantity=20, corrects_id=wrong,
                             note="更正", delivered_at=_at(day, 11), now=_at(day, 16, 5))
    demo.sign(a, [fixed], _at(day, 16, 30))
    b = ids[1 % len(ids)]
    day = _workday(today - timedelta(days=9))
    pol = demo.policy_line(b, _at(day, 9, 30))
    voids.void_line(db, pol, "保单信息有误,退回公司重新打印", _at(day, 15))
    if form_kind:
        c = ids[2 % len(ids)]
        day = _workday(today - timedelta(days=6))
        bad = demo.forms(c, 50, _at(day, 10))
        voids.void_line(db, bad, "号段与实物不符,整本退回", _at(day, 10, 40))
    # Awaiting signature: brought along yesterday, not signed for yet.
    yesterday = _workday(today - timedelta(days=1))
    for k, outlet_id in enumerate(ids[3:6]):
        at = _at(yesterday, 15 + k, 10)
        if form_kind:
            demo.forms(outlet_id, 50, at)
        demo.other(outlet_id, "poster" if "poster" in cfg.kinds else cfg.kinds[-1], 4, at,
                   "新产品海报")
        demo.policy_line(outlet_id, at + timedelta(minutes=1))
    # Collected application forms in every state.
    _applications(db, config, today, rng, ids, clock)


def _applications(db: Database, config: Config, today: date, rng: random.Random,
                  ids: list[int], now: datetime | None = None) -> None:
    checklist = list(config.deliveries.review_checklist)
    made: list[tuple[int, date]] = []
    for n in range(36):
        outlet_id = ids[n % len(ids)]
        day = _workday(today - timedelta(days=rng.randint(0, 24)))
        at = _at(day, rng.choice((11, 16, 17)), rng.choice((0, 30)))
        if now is not None and at > now:  # not collected yet today: the workday before
            day = _workday(day - timedelta(days=1))
            at = at.replace(year=day.year, month=day.month, day=day.day)
        aid = apps.collect(db, outlet_id=outlet_id, serial=f"A2026{5000 + n * 7:06d}",
                           applicant=rng.choice(SURNAMES) + rng.choice(GIVEN),
                           product=rng.choice(PRODUCTS),
                           premium=rng.choice((10000, 20000, 30000, 50000, 100000, 200000)),
                           collected_at=at, now=at)
        made.append((aid, day))
    batches: dict[date, list[int]] = {}
    for aid, day in made:
        if day >= today - timedelta(days=3) and rng.random() < 0.5:
            continue                           # still awaiting initial review
        when = _at(day, 18)
        if now is not None and when > now:
            continue                           # reviewed this evening, not yet
        if rng.random() < 0.15:
            apps.review(db, config, aid, checked=checklist[:-2], now=when,
                        return_reason="缺少受益人签名,已退回网点补签")
            continue
        apps.review(db, config, aid, checked=checklist, now=when)
        if day < today - timedelta(days=5):
            batches.setdefault(day - timedelta(days=day.weekday()), []).append(aid)
    for week, forms in sorted(batches.items()):
        handed = _at(week + timedelta(days=4), 17, 30)
        apps.hand_over(db, forms, receiver=rng.choice(("运营部 刘敏", "新契约 陈静")),
                       handed_at=handed, now=handed, note="周五集中交接")
