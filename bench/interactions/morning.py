"""The loop-lag probe: a scripted morning, and the longest the UI thread was held.

A 10 ms timer task measures its own lateness while the routine runs through the keys a
manager presses: rate the mood, read the plan, check in at an outlet, log three
deliveries, sign for them at the counter, void one, tick a habit, look at the week.
Any lateness is time the event loop was held (SQL on the UI thread, a redraw, a garbage
collection) and no key could be handled. The same probe runs over bare Textual
switching between copies of the same screens (mirror.py): what Textual alone holds it.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from . import press, settle

TICK = 0.010


@dataclass
class LoopLag:
    """The worst lateness of a 10 ms timer, and during which step it happened."""

    step: str = "start"
    worst: float = 0.0
    worst_step: str = ""
    per_step: dict[str, float] = field(default_factory=dict)
    task: asyncio.Task | None = None

    async def _watch(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(TICK)
            late = time.perf_counter() - before - TICK
            self.per_step[self.step] = max(self.per_step.get(self.step, 0.0), late)
            if late > self.worst:
                self.worst, self.worst_step = late, self.step

    def start(self) -> None:
        self.task = asyncio.get_running_loop().create_task(self._watch())

    def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()


def _form(app):
    from workbench.screens.common.form import FormScreen

    return app.screen if isinstance(app.screen, FormScreen) else None


async def _fill_and_save(pilot, values: dict[str, str]) -> None:
    from textual.widgets import Input, Select

    app = pilot.app
    await settle(pilot, lambda: _form(app) is not None and _form(app).is_mounted)
    form = _form(app)
    for name, value in values.items():
        widget = form.query_one(f"#f-{name}")
        if isinstance(widget, Select):
            widget.value = value
        elif isinstance(widget, Input):
            widget.value = value
    await settle(pilot)
    await press(pilot, "ctrl+s")
    await settle(pilot, lambda: app.screen is not form)


async def routine(pilot, probe: LoopLag) -> None:
    """The morning, key by key; each step waits until its screen shows its data."""
    from workbench.screens.register.sign_off import SignOffScreen

    app = pilot.app

    async def step(name: str, *keys: str, until=None) -> None:
        probe.step = name
        await press(pilot, *keys)
        await settle(pilot, until)

    await step("plan: rate the mood (m)", "1", "m")
    await _fill_and_save(pilot, {"mood_score": "82"})
    await step("plan: read the agenda", "down", "down", "down", "up")
    await step("roster: check in (2, i)", "2")
    await step("roster: check in (2, i)", "i")
    await _fill_and_save(pilot, {})
    await step("register: log three deliveries (3, n)", "3")
    await step("register: log three deliveries (3, n)", "n")
    for n in range(3):  # after each save the form opens again for the next line
        await _fill_and_save(pilot, {"kind": "brochure", "quantity": str(10 + n)})
    await step("register: log three deliveries (3, n)", "escape")
    await step("register: sign at the counter (g)", "g",
               until=lambda: isinstance(app.screen, SignOffScreen) and app.screen.is_mounted)
    screen = app.screen
    person = screen.staff[0]
    screen._take(str(person.id))  # the signer, as typing their initials and Enter would
    await settle(pilot, lambda: screen.staff_id == person.id)
    await step("register: sign at the counter (g)", "ctrl+s",
               until=lambda: not isinstance(app.screen, SignOffScreen))
    await step("register: void a line (v)", "3", "end")
    await step("register: void a line (v)", "v")
    await _fill_and_save(pilot, {"reason": "数量登记错误"})
    await step("register: void a line (v)", "escape")  # no corrected line needed
    await step("self: tick a habit (4, t)", "4")
    await step("self: tick a habit (4, t)", "t")
    await step("week: look at the week (5)", "5")
    probe.step = "end"


async def run_morning(pilot) -> LoopLag:
    probe = LoopLag()
    probe.start()
    try:
        await routine(pilot, probe)
    finally:
        probe.stop()
    return probe


async def bare_morning(app, mode_keys: dict[str, str]) -> LoopLag:
    """Bare Textual through the same screen changes (its modes, in the routine's order)."""
    probe = LoopLag()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for mode in mode_keys:  # every screen mounted once, as in the app's morning
            await app.switch_mode(mode)
            await settle(pilot, lambda mode=mode: app.current_mode == mode)
        app.warmed()
        await app.switch_mode(next(iter(mode_keys)))
        await settle(pilot)
        probe.start()
        for mode in ("plan", "outlets", "deliveries", "deliveries", "self", "week"):
            if mode not in mode_keys:
                continue
            probe.step = f"switch to {mode}"
            await press(pilot, mode_keys[mode])
            await settle(pilot, lambda mode=mode: app.current_mode == mode)
        probe.stop()
    return probe
