"""Field work of a heavy user: 3,000 trainings, 早会 and events, 10,000 display checks and
a route for ~700 working days.

Through ``trainings.record_training`` (attendees drawn from the outlet's active staff,
a third of the records in the last three months, one in ten with a follow-up day),
``displays.record_check`` (every outlet checked over the three years at its own
pace, 2–4 items each, now and then one found down: outlets whose last check is old
show as stale) and ``route.set_route``, each past day's route written as its own today
(as the assessment's back-filled days are): a few of the outlets visited that day
(``visits.visits_on``) and one or two that were not, so the call rate is below 100 %;
today's route is planned and nothing on it visited yet.
"""

from __future__ import annotations

from datetime import date, timedelta

from workbench.fieldwork import displays, route, trainings
from workbench.fieldwork.trainings import TrainingDraft
from workbench.roster import staff, visits

from .context import Context, batches

TRAININGS = 3_000
CHECKS = 10_000
DAYS = 3 * 365
RECENT = 90  # a third of the trainings fall in these last days
ROUTE_DAYS = 700  # working days with a route
# kind -> (weight, shortest, longest minutes)
KINDS = {"morning_meeting": (10, 15, 30), "training": (5, 45, 120),
         "product_seminar": (2, 90, 150), "community": (1, 60, 120),
         "publicity": (2, 20, 45)}
MATERIALS = ("", "", "新产品彩页", "期缴话术手册", "年金险收益演示表", "本季度激励方案",
             "产说会 PPT")


def generate(ctx: Context) -> None:
    rng = ctx.rng("fieldwork")
    staff_of = {o: [s.id for s in staff.list_staff(ctx.db, o)] for o in ctx.outlet_ids}
    _trainings(ctx, rng, staff_of)
    _displays(ctx, rng)
    _routes(ctx, rng)


def _weekday(day: date) -> date:
    """The Friday before a weekend day (field work happens on working days)."""
    return day - timedelta(days=max(0, day.weekday() - 4))


def _trainings(ctx: Context, rng, staff_of: dict[int, list[int]]) -> None:
    topics = list(ctx.config.fieldwork.topics)
    kinds = list(KINDS)
    weights = [KINDS[k][0] for k in kinds]
    with_staff = [o for o in ctx.outlet_ids if staff_of[o]]
    plan = []
    for i in range(ctx.n(TRAININGS)):
        back = rng.randrange(RECENT) if i % 3 == 0 else rng.randrange(DAYS)
        plan.append((_weekday(ctx.today - timedelta(days=back)), rng.choice(with_staff)))
    plan.sort()
    for lo, hi in batches(len(plan), 1000):
        with ctx.db.atomic():
            for held, outlet_id in plan[lo:hi]:
                kind = rng.choices(kinds, weights)[0]
                _, shortest, longest = KINDS[kind]
                people = staff_of[outlet_id]
                count = rng.randint(0, 2) if kind in ("product_seminar", "community") else \
                    rng.randint(2, 6)
                follow = held + timedelta(days=rng.randint(7, 21)) if rng.random() < 0.1 else None
                trainings.record_training(ctx.db, outlet_id, TrainingDraft(
                    kind=kind, topic=rng.choice(topics), held_on=held.isoformat(),
                    minutes=str(rng.randint(shortest, longest)),
                    attendees=tuple(rng.sample(people, min(len(people), count))),
                    materials=rng.choice(MATERIALS),
                    follow_up=follow.isoformat() if follow else ""),
                    ctx.today, ctx.at(held, 17))


def _displays(ctx: Context, rng) -> None:
    items = list(ctx.config.fieldwork.display_items)
    per_outlet = max(1, ctx.n(CHECKS) // len(ctx.outlet_ids))
    gap = DAYS / per_outlet
    plan = []
    for outlet_id in ctx.outlet_ids:
        tracked = rng.sample(items, rng.randint(min(2, len(items)), len(items)))
        day = ctx.today - timedelta(days=DAYS - rng.randint(0, int(gap)))
        for _ in range(per_outlet):
            plan.append((_weekday(day), outlet_id, tracked))
            day += timedelta(days=max(1, round(gap * rng.uniform(0.6, 1.4))))
            if day > ctx.today:
                break
    plan.sort(key=lambda p: (p[0], p[1]))
    for lo, hi in batches(len(plan), 2000):
        with ctx.db.atomic():
            for day, outlet_id, tracked in plan[lo:hi]:
                seen = {item: rng.random() > 0.08 for item in tracked}
                displays.record_check(ctx.db, outlet_id, seen, day, ctx.today,
                                      ctx.at(day, 11))


def _routes(ctx: Context, rng) -> None:
    """Nine in ten working days have a route; the most recent ``ROUTE_DAYS`` of them are
    written, days with visits first (a smaller scale has few visits: its routes still
    meet some)."""
    days = [ctx.today - timedelta(days=back) for back in range(DAYS, 0, -1)]
    called = {d: list(dict.fromkeys(x.outlet_id for x in visits.visits_on(ctx.db, d)))
              for d in days if d.weekday() < 5 and rng.random() < 0.9}
    chosen = sorted(called, key=lambda d: (bool(called[d]), d))[-ctx.n(ROUTE_DAYS):]
    chosen.sort()
    for lo, hi in batches(len(chosen), 200):
        with ctx.db.atomic():
            for day in chosen[lo:hi]:
                stops = rng.sample(called[day], min(len(called[day]), rng.randint(3, 8)))
                others = [o for o in rng.sample(ctx.outlet_ids, min(4, len(ctx.outlet_ids)))
                          if o not in stops]
                stops += others[:rng.randint(1, 2)]
                rng.shuffle(stops)
                route.set_route(ctx.db, day, stops, day)
    with ctx.db.atomic():
        stops = rng.sample(ctx.outlet_ids, min(4, len(ctx.outlet_ids)))
        route.set_route(ctx.db, ctx.today, stops, ctx.today)
