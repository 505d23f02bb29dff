"""Weekly review interactions: compute another week, come back to this one."""

from __future__ import annotations

from . import Interaction, press, settle


def _week(app):
    from workbench.screens.review.week import WeekScreen

    return app.screen if isinstance(app.screen, WeekScreen) else None


async def to_week_mode(pilot):
    await pilot.app.switch_mode("week")
    await settle(pilot, lambda: _week(pilot.app) is not None and _week(pilot.app).week)


async def read_this_week(pilot):
    """The week is on screen and read a moment: the week before is computed ahead."""
    import asyncio

    await to_week_mode(pilot)
    screen = _week(pilot.app)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 30
    while screen.week.shift(-1) not in screen.weeks:
        if loop.time() > deadline:
            raise TimeoutError("the week before was never computed ahead")
        await asyncio.sleep(0.01)
    await settle(pilot)


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
    Interaction("week: the previous week (left, computed ahead while this one is read)",
                previous_week, prepare=read_this_week, undo=this_week, budget_ms=100),
    Interaction("week: back to this week (t)", this_week, prepare=prepare_back, budget_ms=100),
]
