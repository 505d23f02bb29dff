"""A fixture day for the reminder tests: one of each kind of item, at known distances.

On ``TODAY`` (Friday 2026-11-27), with the default config (receipt and callback 10 days,
cooling-off 15, tier A every 7 days):

- outlet V-A (tier A) last visited 10 days ago: its visit is 3 days overdue;
- policy P-OLD (customer 张三丰) signed 15 days ago: receipt and callback 5 days overdue,
  cooling-off ends today;
- policy P-NEW (customer 李四光) signed 12 days ago: receipt and callback 2 days overdue,
  cooling-off ends in 3 days;
- policy P-EVE signed 9 days ago: receipt and callback due tomorrow;
- task "late report" due yesterday (1 day late); task "weekly call" due today, weekly
  on Fridays; task "next week" due in 7 days;
- each policy's outlet is new and never visited: its visit is due today;
- application forms at V-A run out in 5 days (4 a day, 20 left).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from tests.conftest import TODAY
from tests.register_helpers import outlet, staff
from workbench.plan import tasks
from workbench.register import chain, stock
from workbench.register import deliveries as reg
from workbench.roster import outlets, visits

CUSTOMERS = ("张三丰", "李四光", "王五")


def at(days_ago: int, hour: int = 10) -> datetime:
    return datetime.combine(TODAY - timedelta(days=days_ago), time(hour))


def signed_policy(db, config, days_ago: int, number: str, customer: str) -> int:
    when = at(days_ago)
    o = outlet(db, f"O-{number}", f"测试支行{number}", when)
    s = staff(db, o, "王芳", when)
    line = reg.add_delivery(db, config, outlet_id=o, kind="original_policy", policy_no=number,
                            customer=customer, now=when)
    chain.sign_off(db, outlet_id=o, delivery_ids=[line], staff_id=s, now=when)
    return line


def build(db, config) -> dict[str, int]:
    made: dict[str, int] = {}
    made["visit"] = outlets.add_outlet(db, outlets.OutletDraft(code="V-A", name="甲支行",
                                                               tier="A"), ["A", "B", "C", "D"],
                                       at(30))
    visits.record_visit(db, made["visit"], at(10, 9), at(10, 11), "stationed", "ok")
    made["old"] = signed_policy(db, config, 15, "P-OLD", CUSTOMERS[0])
    made["new"] = signed_policy(db, config, 12, "P-NEW", CUSTOMERS[1])
    made["eve"] = signed_policy(db, config, 9, "P-EVE", CUSTOMERS[2])
    now = at(2)
    made["late"] = tasks.add_task(db, "late report", (TODAY - timedelta(days=1)).isoformat(),
                                  TODAY - timedelta(days=2), now)
    made["weekly"] = tasks.add_task(db, "weekly call", TODAY.isoformat(), TODAY, now,
                                    repeat="weekly", repeat_detail="fri")
    made["later"] = tasks.add_task(db, "next week", (TODAY + timedelta(days=7)).isoformat(),
                                   TODAY, now)
    # Stock: 100 forms counted 20 days ago, 60 ten days ago: 4 a day, 20 left today, so
    # they run out in 5 days.
    for days_ago, quantity in ((20, 100), (10, 60)):
        stock.record_count(db, config, outlet_id=made["visit"], kind="application_form",
                           quantity=quantity, counted_at=at(days_ago), now=at(days_ago))
    return made
