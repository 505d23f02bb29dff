"""Interactions through Pilot on the heavy database: p50 / p95 / max per action.

Each capability contributes a small module with a list of ``Interaction`` objects
(``ACTIONS``): an untimed ``prepare`` that reaches the starting state, a timed
``act`` (keys pressed until the app has processed them, its condition holds, every
screen load it started has landed, and the screen has been laid out and rendered),
and an untimed ``undo``. Mode switches are derived from ``WorkbenchApp.MODES`` and
its bindings, so every mode that lands is covered. The floor is an unbound key in the same app.
"""

from __future__ import annotations

import asyncio
import importlib.util
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from datetime import time as clock_time
from pathlib import Path

from ..stats import Row, ms, percentile
from ..steps.context import TODAY

Step = Callable[..., Awaitable[None]]


@dataclass
class Interaction:
    name: str
    act: Step
    prepare: Step | None = None
    undo: Step | None = None
    budget_ms: float = 50.0
    mode: str | None = None  # a mode switch: judged against bare Textual's same switch
    # Opens, closes or saves over a screen: judged against bare Textual making the same
    # change to copies of the same screens (twins.py).
    twin: bool = False
    # Fills the roster's table with another page of rows (sort, filter, next page):
    # judged against bare Textual refilling a table with a page of the same rows.
    refill: bool = False


async def press(pilot, *keys: str) -> None:
    """Send keys the way Pilot does, minus its idle waits (two 20 ms sleeps per key)."""
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    app = pilot.app
    for key in keys:
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        original = REPLACED_KEYS.get(key, key)
        try:
            char = unicodedata.lookup(_get_unicode_name_from_key(original))
        except KeyError:
            char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)
        await asyncio.sleep(0)


async def settle(pilot, until: Callable[[], bool] | None = None, timeout: float = 10.0) -> None:
    """Wait until every queued message is handled (and ``until()`` holds), then render."""
    from textual.worker import WorkerCancelled

    app = pilot.app
    deadline = time.perf_counter() + timeout
    await asyncio.sleep(0)
    while until is not None and not until():
        if time.perf_counter() > deadline:
            raise TimeoutError("interaction never reached its end state")
        await asyncio.sleep(0)
    # Everything the action queued (and what that queued in turn) is handled.
    await pilot._wait_for_screen()
    await pilot._wait_for_screen()
    # Time to data: screens read in thread workers, so the action is done when every
    # load it started has landed on screen (awaited, not polled: no spin steals the GIL).
    pending = getattr(app, "loads_pending", None)  # the bare Textual app has no screens' loads
    while pending is not None and pending():
        if time.perf_counter() > deadline:
            raise TimeoutError("a screen's data never arrived")
        running = [w for w in app.workers if not w.is_cancelled]  # overtaken loads are
        try:
            if running:
                await app.workers.wait_for_complete(running)
        except WorkerCancelled:
            continue  # overtaken while waited on: the loop waits for its successor
        await pilot._wait_for_screen()
    # What Pilot.pause() does last: lay out and render what changed, now.
    app.screen._on_timer_update()


async def reads_done(pilot, timeout: float = 30.0) -> None:
    """Wait until no thread reads the file: what the last action started in the
    background (the week before, computed ahead) is done before the next is timed, as
    it is while a person reads the screen. Polled with short sleeps (not timed)."""
    readers = getattr(pilot.app, "readers", None)
    deadline = time.perf_counter() + timeout
    while readers is not None and readers.lent:
        if time.perf_counter() > deadline:
            raise TimeoutError("a read in the background never ended")
        await asyncio.sleep(0.005)
    await settle(pilot)


# (product module, bench module): a capability's interactions run once it has landed.
CAPABILITIES = (("workbench.roster.outlets", "outlets"), ("workbench.review.week", "review"),
                ("workbench.register.deliveries", "deliveries"),
                ("workbench.assessment.journal", "assessment"), ("workbench.plan.agenda", "plan"))


def _modules():
    mods = []
    for product, bench_module in CAPABILITIES:
        here = f"bench.interactions.{bench_module}"
        if importlib.util.find_spec(product) and importlib.util.find_spec(here):
            mods.append(importlib.import_module(here))
    return mods


def mode_switches() -> list[Interaction]:
    """One interaction per registered mode: press its key from another mode."""
    keys = mode_keys()
    modes = list(keys)
    if len(modes) < 2:
        return []
    out = []
    for i, mode in enumerate(modes):
        other = modes[i - 1]

        async def prepare(pilot, other=other):
            await pilot.app.switch_mode(other)
            await settle(pilot, lambda: pilot.app.current_mode == other)

        async def act(pilot, mode=mode, key=keys[mode]):
            await press(pilot, key)
            await settle(pilot, lambda: pilot.app.current_mode == mode)

        out.append(Interaction(f"mode switch -> {mode} (key {keys[mode]})", act, prepare,
                               mode=mode))
    return out


def floor() -> Interaction:
    async def act(pilot):
        await press(pilot, "f12")
        await settle(pilot)

    return Interaction("Pilot floor: an unbound key", act, budget_ms=0)


class StallWatch:
    """The longest the event loop went without turning while an action ran.

    A task that asks to wake every 2 ms: any lateness is time something else held the
    UI thread (SQL run on it, a redraw), during which no key could be handled.
    """

    TICK = 0.002

    def __init__(self) -> None:
        self.longest = 0.0
        self.task: asyncio.Task | None = None

    async def _watch(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(self.TICK)
            self.longest = max(self.longest, time.perf_counter() - before - self.TICK)

    def start(self) -> None:
        self.task = asyncio.get_running_loop().create_task(self._watch())

    def reset(self) -> None:
        self.longest = 0.0

    def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()


async def _measure(db_path: Path, runs: int, log) -> dict[str, list[float]]:
    from workbench.app import WorkbenchApp
    from workbench.core.config import Config

    actions = [floor(), *mode_switches()]
    for module in _modules():
        actions += module.ACTIONS
    times: dict[str, list[tuple[float, float, float]]] = {a.name: [] for a in actions}
    stacks: dict[str, tuple[list, list]] = {}  # per twin action: its screens before, after
    stalls = StallWatch()
    # A user reads what a key showed before the next key; screens out of view catch up
    # on a write in that pause (the app's IDLE_CATCH_UP_SECONDS, 0.6 s). The harness
    # waits for those catch-ups before timing the next action (as for read-ahead); a
    # shorter pause would let them fall inside the write's own figure.
    app = WorkbenchApp(db_path=db_path, config=Config(), today=TODAY, language="en")
    # The working day's clock at 20:00 whatever the hour of the run: the forms refuse a
    # time later than the clock, and the morning's sign-off one before its delivery.
    app.now = lambda: datetime.combine(TODAY, clock_time(20, 0))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: app.db is not None)
        await settle(pilot)
        # Every action starts from the roster (the plan is the default mode; the roster's
        # actions need the roster in front).
        home = "outlets"
        await app.switch_mode(home)
        await settle(pilot, lambda: app.current_mode == home)
        stalls.start()
        for r in range(runs + 1):  # round 0 warms caches and is not kept
            shift = r % len(actions)
            for action in actions[shift:] + actions[:shift]:
                if action.prepare:
                    await action.prepare(pilot)
                await settle(pilot)  # nothing left over from the set-up is timed
                await settle(pilot, lambda: not app.catch_ups_pending(), timeout=30)
                await settle(pilot)
                await reads_done(pilot)
                if action.twin and not r:  # the warm-up round records the screens
                    before = stack_prints(app)
                stalls.reset()
                start, cpu = time.perf_counter(), time.process_time()
                await action.act(pilot)
                took = (time.perf_counter() - start, time.process_time() - cpu, stalls.longest)
                if action.twin and not r:
                    stacks[action.name] = (before, stack_prints(app))
                if action.undo:
                    await action.undo(pilot)
                while len(app.screen_stack) > 1:
                    app.pop_screen()
                    await settle(pilot)
                if app.current_mode != home:
                    await app.switch_mode(home)
                    await settle(pilot)
                if r:
                    times[action.name].append(took)
            log(f"  interactions round {r + 1}/{runs + 1}")
        stalls.stop()
        prints = await screen_prints(pilot)
        from .morning import run_morning

        log("  the morning routine under the loop-lag probe")
        morning = await run_morning(pilot)
    return times, {a.name: a for a in actions}, prints, morning, stacks


def stack_prints(app) -> list:
    """The current mode's screens as data, bottom to top (mirror.py)."""
    from .mirror import screen_print

    return [screen_print(screen) for screen in app.screen_stack]


def mode_keys() -> dict[str, str]:
    """Each registered mode and the first key that switches to it."""
    from workbench.app import WorkbenchApp

    keys = {}
    for binding in WorkbenchApp.BINDINGS:
        action = getattr(binding, "action", "")
        if action.startswith("switch_mode("):
            keys[action.split("'")[1]] = binding.key.split(",")[0]
    return {m: keys[m] for m in WorkbenchApp.MODES if m in keys}


async def screen_prints(pilot) -> dict:
    """Every mode's screen as data, for the bare-Textual copy (mirror.py)."""
    from .mirror import screen_print

    app = pilot.app
    prints = {}
    for mode in mode_keys():
        await app.switch_mode(mode)
        await settle(pilot, lambda mode=mode: app.current_mode == mode)
        prints[mode] = screen_print(app.screen)
    return prints


async def bare_switches(prints: dict, runs: int) -> dict[str, list[tuple[float, ...]]]:
    """Textual alone switching between copies of the same screens with the same keys."""
    from .mirror import measure_switches

    return await measure_switches(bare_app_for(prints), mode_keys(), runs)


def bare_app_for(prints: dict):
    """A bare Textual app with a copy of each mode's screen, the app's keys and styles."""
    from pathlib import Path

    import workbench.app
    from workbench.app import WorkbenchApp

    from .mirror import bare_app

    app_keys = [(b.key.split(",")[0], b.description) for b in WorkbenchApp.BINDINGS
                if not b.action.startswith("switch_mode(")]
    css = Path(workbench.app.__file__).parent / WorkbenchApp.CSS_PATH
    return bare_app(prints, mode_keys(), app_keys, css)


def run(scale: float, folder: Path, runs: int, log=print) -> list[Row]:
    from .. import copies
    from .bare import measure as bare_measure

    db_path = copies.working_copy(scale, folder, "interactions.db")
    times, actions, prints, morning, stacks = asyncio.run(_measure(db_path, runs, log))
    bare = asyncio.run(bare_measure(db_path, runs))
    log("interactions: bare Textual switching between copies of the same screens")
    switches = asyncio.run(bare_switches(prints, runs)) if prints else {}
    log("interactions: bare Textual opening, closing and saving over copies of the screens")
    twins = bare_twins(stacks, runs)
    bare_morning = asyncio.run(bare_morning_lag(prints))
    from workbench.screens.roster.roster import PAGE_SIZE

    rows = [Row("interactions", f"bare Textual: refill a {PAGE_SIZE}-row table (same rows)",
                described(bare), "—", None, None,
                note="what Textual alone pays to redraw a page of the roster's table on "
                     "this machine")]
    bare_refill_p95 = percentile([took[1] for took in bare], 95) * 1000
    rows.append(morning_row(morning, bare_morning))
    keys = mode_keys()
    for mode, values in switches.items():
        rows.append(Row("interactions", f"bare Textual: switch to a copy of {mode} "
                        f"(key {keys[mode]})", described(values), "—", None, None))
    floor = [took[1] for took in times["Pilot floor: an unbound key"]]
    for name, values in times.items():
        action = actions[name]
        cpu_p95 = percentile([took[1] for took in values], 95) * 1000
        mode = action.mode
        if mode in switches:
            bare_p95 = percentile([took[1] for took in switches[mode]], 95) * 1000
            budget = round(max(action.budget_ms, 1.2 * bare_p95), 1)
            rows.append(Row("interactions", name, described(values),
                            f"bare switch CPU p95 {bare_p95:.1f} ms", cpu_p95, budget,
                            unit="ms"))
        elif name in twins:
            bare_p95 = percentile([took[1] for took in twins[name]], 95) * 1000
            budget = round(max(action.budget_ms, 1.2 * bare_p95), 1)
            rows.append(Row("interactions", name, described(values),
                            f"bare Textual, same screen change: CPU p95 {bare_p95:.1f} ms",
                            cpu_p95, budget, unit="ms"))
        elif action.refill:
            budget = round(max(action.budget_ms, 1.2 * bare_refill_p95), 1)
            rows.append(Row("interactions", name, described(values),
                            f"bare Textual, refill a page: CPU p95 {bare_refill_p95:.1f} ms",
                            cpu_p95, budget, unit="ms"))
        elif action.budget_ms:
            rows.append(Row("interactions", name, described(values), "absolute (CPU p95)",
                            cpu_p95, action.budget_ms, unit="ms"))
        else:
            rows.append(Row("interactions", name, described(values), "—", None, None,
                            note=f"harness cost inside every figure below (CPU p50 "
                                 f"{percentile(floor, 50) * 1000:.1f} ms)"))
    return rows


def bare_twins(stacks: dict, runs: int) -> dict[str, list[tuple[float, ...]]]:
    """Per twin action: bare Textual making the same change to copies of its screens."""
    import workbench.app
    from workbench.app import WorkbenchApp

    from .twins import change_of, measure_twin

    css = Path(workbench.app.__file__).parent / WorkbenchApp.CSS_PATH
    return {name: asyncio.run(measure_twin(before, after, css, runs))
            for name, (before, after) in stacks.items() if change_of(before, after)}


async def bare_morning_lag(prints: dict):
    """The loop-lag probe over bare Textual's copies, switched in the morning's order."""
    from .morning import bare_morning

    return await bare_morning(bare_app_for(prints), mode_keys())


def morning_row(morning, bare) -> Row:
    steps = " · ".join(f"{name} {late * 1000:.0f}" for name, late in morning.per_step.items()
                       if name not in ("start", "end"))
    budget = round(max(100.0, 1.2 * bare.worst * 1000), 1)
    return Row("interactions", "loop-lag probe: worst stall over a scripted morning",
               f"worst {morning.worst * 1000:.1f} ms ({morning.worst_step}); per step ms: "
               f"{steps}", f"bare Textual, same screen changes: worst {bare.worst * 1000:.1f}"
               f" ms ({bare.worst_step})", morning.worst * 1000, budget, unit="ms")


def described(values: list[tuple[float, ...]]) -> str:
    wall = [took[0] for took in values]
    cpu = [took[1] for took in values]
    text = (f"wall {ms(wall)} · CPU p50 {percentile(cpu, 50) * 1000:.1f} · "
            f"p95 {percentile(cpu, 95) * 1000:.1f} ms")
    if values and len(values[0]) > 2:  # the app's actions: how long keys could not be handled
        stall = [took[2] for took in values]
        text += (f" · UI stall p50 {percentile(stall, 50) * 1000:.1f} · "
                 f"p95 {percentile(stall, 95) * 1000:.1f} ms")
    return text
