"""The deadline rules in SQL agree with the same rules in Python, day by day.

``register.deadlines`` writes each rule twice: in Python for one policy and as a SQL
fragment for the lists and counts (``receipts.due_now`` in the plan, the register's
open and overdue figures and lists in the weekly review). A grid of signed original
policies (a sign-off on each of fifteen days, at the first and the last minute of the
day, with and without a returned receipt and a callback, some voided) is read through
the SQL forms for every "today" / week end around them and several day settings, and
compared with what the Python forms say of each policy. Every deadline of the grid
falls on one of those days, so "due on the day", "overdue the day after" and "a receipt
recorded on the cut-off day" are all met exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.register_helpers import outlet, staff
from workbench.core.config import Config
from workbench.register import chain, deadlines, deliveries, receipts, voids
from workbench.register import week as register_week
from workbench.storage import open_db

FIRST = date(2026, 2, 20)  # the grid crosses a month end
DAYS = 15
LATER = datetime(2026, 6, 1, 12)  # "now" when the grid is written: everything is past
RECEIPT_AFTER = (None, 0, 2, 5)  # receipt returned that many days after the sign-off
CALLBACK_AFTER = (None, 1, 4)  # callback noted that many days after the sign-off
SETTINGS = [(1, 1), (3, 2), (5, 7), (10, 10)]  # (receipt_days, callback_days)
BIG = 10_000


@dataclass(frozen=True)
class Policy:
    line: int
    number: str
    customer: str
    code: str
    signed_on: date
    receipt_on: date | None
    callback_on: date | None
    voided: bool


def _days(config: Config, receipt_days: int, callback_days: int) -> Config:
    return replace(config, deliveries=replace(config.deliveries, receipt_days=receipt_days,
                                              callback_days=callback_days))


@pytest.fixture(scope="module")
def grid(tmp_path_factory) -> tuple[object, list[Policy]]:
    db = open_db(tmp_path_factory.mktemp("deadlines") / "grid.db")
    config = Config()
    start = datetime.combine(FIRST, time(0, 0))
    places = []
    for code in ("B-2", "A-1"):
        o = outlet(db, code, f"网点{code}", start)
        places.append((o, code, staff(db, o, "王芳", start)))
    policies = []
    n = 0
    for day in range(DAYS):
        signed_on = FIRST + timedelta(days=day)
        for receipt_after in RECEIPT_AFTER:
            for callback_after in CALLBACK_AFTER:
                n += 1
                o, code, signer = places[n % 2]
                at = datetime.combine(signed_on, time(0, 0) if n % 3 else time(23, 59))
                number = f"P{n:04d}"
                line = deliveries.add_delivery(
                    db, config, outlet_id=o, kind=config.deliveries.policy_kind,
                    policy_no=number, customer="张三丰", delivered_at=at, now=LATER)
                chain.sign_off(db, outlet_id=o, delivery_ids=[line], staff_id=signer,
                               signed_at=at, late_reason="补登", now=LATER)
                receipt_on = callback_on = None
                if receipt_after is not None:
                    receipt_on = signed_on + timedelta(days=receipt_after)
                    receipts.mark_receipt_returned(db, config, line, receipt_on.isoformat(),
                                                   LATER)
                if callback_after is not None:
                    callback_on = signed_on + timedelta(days=callback_after)
                    receipts.mark_callback_done(db, config, line, callback_on.isoformat(),
                                                LATER)
                voided = n % 7 == 0
                if voided:
                    voids.void_line(db, line, "重新打印", LATER)
                policies.append(Policy(line, number, "张三丰", code, signed_on, receipt_on,
                                       callback_on, voided))
    # Neither an unsigned policy nor a signed line of another kind has deadlines.
    o, _, signer = places[0]
    deliveries.add_delivery(db, config, outlet_id=o, kind=config.deliveries.policy_kind,
                            policy_no="UNSIGNED", now=LATER)
    other = deliveries.add_delivery(db, config, outlet_id=o, kind="brochure", quantity=5,
                                    delivered_at=start, now=LATER)
    chain.sign_off(db, outlet_id=o, delivery_ids=[other], staff_id=signer, signed_at=start,
                   late_reason="补登", now=LATER)
    yield db, policies
    db.close()


# --- the Python forms, policy by policy ------------------------------------------------


def _event_on(p: Policy, event: str) -> date | None:
    return p.receipt_on if event == "receipt" else p.callback_on


def _due(p: Policy, event: str, config: Config, cut: date | None = None) -> date:
    received = deadlines.received_on(p.signed_on, p.receipt_on, cut)
    return deadlines.due(event, p.signed_on, received, config)


def _due_now(policies: list[Policy], event: str, today: date,
             config: Config) -> list[tuple[int, date]]:
    """(line, due) of what the plan shows today, in the plan's order."""
    found = [p for p in policies if not p.voided and deadlines.is_open(_event_on(p, event))
             and deadlines.is_due_now(_due(p, event, config), today)]
    found.sort(key=lambda p: (_due(p, event, config), p.code, p.number))
    return [(p.line, _due(p, event, config)) for p in found]


def _at_cut(policies: list[Policy], event: str, cut: date,
            config: Config) -> tuple[list[Policy], list[Policy]]:
    """(open, overdue) at the end of ``cut``, as the weekly review counts them."""
    signed = [p for p in policies if not p.voided and p.signed_on <= cut]
    still = [p for p in signed if deadlines.is_open(_event_on(p, event), cut)]
    late = [p for p in still if deadlines.is_overdue(_due(p, event, config, cut), cut)]
    return still, late


# --- the comparisons -------------------------------------------------------------------


def _check_plan(db, policies: list[Policy], today: date, config: Config) -> None:
    for event in deadlines.EVENTS:
        expected = _due_now(policies, event, today, config)
        total, items = receipts.due_now(db, today, config, event, BIG)
        assert total == len(expected), (event, today)
        assert [(x.delivery_id, x.due) for x in items] == expected, (event, today)
        capped_total, first = receipts.due_now(db, today, config, event, 3)
        assert capped_total == total
        assert [(x.delivery_id, x.due) for x in first] == expected[:3]
        for x in items:
            assert x.days_left == (x.due - today).days
            assert x.overdue == deadlines.is_overdue(x.due, today)
            assert x.cooling_off_end == deadlines.cooling_off_end(x.received_on, config)
        listed = (receipts.receipts_due if event == "receipt" else receipts.callbacks_due)(
            db, today, config)
        awaited = [p for p in policies if not p.voided
                   and deadlines.is_open(_event_on(p, event))]
        assert sorted(x.delivery_id for x in listed) == sorted(p.line for p in awaited)
        assert [x.delivery_id for x in listed if x.due <= today] == [x for x, _ in expected]


def _check_week(db, policies: list[Policy], cut: date, config: Config) -> None:
    figures = {name: value for _, name, value, _ in register_week.week_figures(
        db, cut - timedelta(days=6), cut, config, today=cut)}
    lists = dict(register_week.week_lists(db, cut - timedelta(days=6), cut, config,
                                          today=cut, masked=False))
    for event in deadlines.EVENTS:
        still, late = _at_cut(policies, event, cut, config)
        assert figures[f"{event}s_outstanding"] == len(still), (event, cut)
        assert figures[f"{event}s_overdue"] == len(late), (event, cut)
        late.sort(key=lambda p: (_due(p, event, config, cut), p.number))
        shown = [f"{p.number} · {p.customer} · {p.code} · "
                 f"{_due(p, event, config, cut).isoformat()}"
                 for p in late[:register_week.LIST_LIMIT]]
        if len(late) > register_week.LIST_LIMIT:
            shown.append(f"… +{len(late) - register_week.LIST_LIMIT}")
        assert lists.get(f"overdue_{event}s", []) == shown, (event, cut)


@pytest.mark.parametrize(("receipt_days", "callback_days"), SETTINGS)
def test_sql_and_python_agree_on_every_day(grid, config, receipt_days, callback_days):
    db, policies = grid
    cfg = _days(config, receipt_days, callback_days)
    last = DAYS + max(RECEIPT_AFTER[1:]) + max(receipt_days, callback_days) + 2
    days = [FIRST + timedelta(days=k) for k in range(-1, last)]
    # Every deadline of the grid, and the day after it, is one of the days compared.
    for p in policies:
        for event in deadlines.EVENTS:
            for cut in (None, *days):
                due = _due(p, event, cfg, cut)
                assert {due, due + timedelta(days=1)} <= set(days)
    for day in days:
        _check_plan(db, policies, day, cfg)
        _check_week(db, policies, day, cfg)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(receipt_days=st.integers(1, 40), callback_days=st.integers(1, 40),
       offset=st.integers(-3, DAYS + 45))
def test_sql_and_python_agree_for_any_settings(grid, config, receipt_days, callback_days,
                                               offset):
    db, policies = grid
    cfg = _days(config, receipt_days, callback_days)
    day = FIRST + timedelta(days=offset)
    _check_plan(db, policies, day, cfg)
    _check_week(db, policies, day, cfg)
