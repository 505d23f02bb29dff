"""The demo's field work: trainings and 早会 with their attendees over the last weeks,
display checks (a few gone stale, one poster found down) and today's route. Written
through the field work's own functions, deterministic for a given ``today``."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from workbench.core.config import Config
from workbench.fieldwork import displays, route, trainings
from workbench.fieldwork.trainings import TrainingDraft
from workbench.roster import staff as roster_staff

if TYPE_CHECKING:
    from sqlite_utils import Database

# (outlet index, days ago, kind, topic, minutes, materials, follow-up after days)
SESSIONS = (
    (0, 3, "morning_meeting", "new_products", 20, "新产品彩页", 7),
    (1, 9, "training", "sales_talk", 90, "期缴话术手册", 14),
    (2, 12, "morning_meeting", "company_news", 15, "", None),
    (3, 16, "training", "investment_returns", 60, "年金险收益演示表", None),
    (4, 20, "publicity", "incentives", 30, "本季度激励方案", 10),
    (6, 24, "morning_meeting", "sales_talk", 20, "", None),
    (1, 40, "product_seminar", "new_products", 120, "产说会 PPT", None),
    (7, 45, "training", "sales_talk", 60, "", None),
)


def populate_fieldwork(db: Database, config: Config, today: date, outlet_ids: list[int],
                       rng: random.Random, morning: int | None,
                       not_after: Callable[[datetime], datetime]) -> None:
    """``morning``: the outlet of this morning's 早会 (None: the demo has no morning);
    ``not_after``: a moment, or the clock when it would lie after it (``build``'s rule)."""
    topics = list(config.fieldwork.topics)

    def at(day: date) -> datetime:  # written down at the end of the visit
        return not_after(datetime.combine(day, time(9, 0)))

    def tellers(outlet_id: int, count: int) -> tuple[int, ...]:
        people = roster_staff.list_staff(db, outlet_id)
        ranked = sorted(people, key=lambda p: p.role not in ("teller", "key_teller"))
        return tuple(p.id for p in ranked[:count])

    for index, ago, kind, topic, minutes, materials, follow in SESSIONS:
        if index >= len(outlet_ids) or topic not in topics:
            continue
        outlet_id = outlet_ids[index]
        held = today - timedelta(days=ago)
        trainings.record_training(db, outlet_id, TrainingDraft(
            kind=kind, topic=topic, held_on=held.isoformat(), minutes=str(minutes),
            attendees=tellers(outlet_id, rng.randint(2, 5)), materials=materials,
            follow_up=(held + timedelta(days=follow)).isoformat() if follow else "",
        ), today, at(held))
    if morning is not None and "new_products" in topics:
        # This morning's 早会 (the morning visit in the plan): three staff, tellers first.
        trainings.record_training(db, morning, TrainingDraft(
            kind="morning_meeting", topic="new_products", held_on=today.isoformat(),
            minutes="20", attendees=tellers(morning, 3), materials="新险种彩页",
            notes="宣导新产品,柜员提问踊跃"), today, at(today))
    items = list(config.fieldwork.display_items)
    for n, outlet_id in enumerate(outlet_ids[:8]):
        # Most were seen lately; two outlets drift past the stale line, one poster is down.
        ago = (2, 5, 41, 9, 12, 36, 4, 7)[n]
        seen = {item: not (n == 3 and item == items[0]) for item in items[: 2 + n % 3]}
        checked = today - timedelta(days=ago)
        displays.record_check(db, outlet_id, seen, checked, today, at(checked))
    stops = [outlet_ids[i] for i in (5, 1, 2) if i < len(outlet_ids)]
    if morning is None:
        stops = stops[1:]
    route.set_route(db, today, stops, today)
