"""Weekly review interactions: compute another week, come back to this one."""

from __future__ import annotations

from . import Interaction, press, settle


def _week(app):
    from workbench.screens.review.week import WeekScreen

    return app.screen if isinstance(app.screen, WeekScreen) else None


async def to_week_mode(pilot):
    await pilot.app.switch_mode("week")
    await settle(pilot, lambda: _week(pilot.app) is not None and _week(pilot.app).week)


async def previous_week(pilot):
    before = _week(pilot.app).week
    await press(pilot, "left")
    await settle(pilot, lambda: _week(pilot.app).week != before)


async def this_week(pilot):
    before = _week(pilot.app).week
    await press(pilot, "t")
    await settle(pilot, lambda: _week(pilot.app).week != before)


async def prepare_back(pilot):
    await to_week_mode(pilot)
    await previous_week(pilot)


ACTIONS = [
    Interaction("week: compute the previous week (left)", previous_week, prepare=to_week_mode,
                undo=this_week, budget_ms=100),
    Interaction("week: back to this week (t)", this_week, prepare=prepare_back, budget_ms=100),
]
