"""Self-assessment interactions: save the morning score, tick a habit."""

from __future__ import annotations

from workbench.screens.common.form import FormScreen

from . import Interaction, press, settle


def _self(app):
    from workbench.screens.assessment.assessment import AssessmentScreen

    return app.screen if isinstance(app.screen, AssessmentScreen) else None


async def to_self(pilot):
    await pilot.app.switch_mode("self")
    await settle(pilot, lambda: _self(pilot.app) is not None)


async def open_mood_form(pilot):
    from textual.widgets import Input

    await to_self(pilot)
    await press(pilot, "m")
    await settle(pilot, lambda: isinstance(pilot.app.screen, FormScreen))
    score = pilot.app.screen.query_one("#f-mood_score", Input)
    score.value = "85" if score.value != "85" else "80"
    await settle(pilot)


async def save_form(pilot):
    await press(pilot, "ctrl+s")
    await settle(pilot, lambda: not isinstance(pilot.app.screen, FormScreen))


async def tick(pilot):
    await press(pilot, "t")
    await settle(pilot)


ACTIONS = [
    Interaction("self: save the morning score (ctrl+s)", save_form, prepare=open_mood_form,
                twin=True),
    Interaction("self: tick a habit (t)", tick, prepare=to_self),
]
