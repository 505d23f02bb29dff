"""Baselines for opening, closing and saving: Textual alone doing the same screen change.

A save closes a form and shows its row in the screen below; opening a card pushes a
screen; going back pops one. Textual pays for each of those itself (the uncovered
screen restyled and redrawn, the new one composed), whatever the app does around it.
To judge the app's part, the benchmark records the screen stack before and after the
action (``mirror.screen_print``: each screen's widgets as data) in its warm-up round,
then a bare app with no Workbench code builds copies of those screens, the same style
sheet, keys and garbage-collection policy, and makes the same change on a key press:
it pushes the copy of the new top screen, or pops the top one and updates a row of the
table it uncovers (the save's "affected row"). Its CPU p95 is the baseline; the app's
budget is 1.2x that, or 50 ms, whichever is larger, as for a mode switch.
"""

from __future__ import annotations

import time
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.widgets import DataTable

from . import StallWatch, press, settle
from .mirror import CollectedApp, ScreenPrint, bare_screen

# The key the bare app's change is bound to (unbound in Workbench: the same press cost).
KEY = "f9"


def change_of(before: list[ScreenPrint], after: list[ScreenPrint]) -> str | None:
    """What the action did to the stack: "push", "pop", or None (not a stack change)."""
    if len(after) == len(before) + 1:
        return "push"
    if len(after) == len(before) - 1:
        return "pop"
    return None


def twin_app(before: list[ScreenPrint], after: list[ScreenPrint], css_path: Path) -> App:
    change = change_of(before, after)
    classes = [bare_screen(p) for p in before]
    pushed = bare_screen(after[-1]) if change == "push" else None

    class TwinApp(CollectedApp):
        CSS_PATH = str(css_path)
        # Priority: a modal screen hides the app's other bindings from its keys.
        BINDINGS = [Binding(KEY, "change", "change", priority=True)]

        def on_mount(self) -> None:
            super().on_mount()
            self.flip = False
            for kind in classes:
                self.push_screen(kind())

        def action_change(self) -> None:
            if change == "push":
                self.push_screen(pushed())
                return
            self.pop_screen()
            tables = self.screen.query(DataTable)
            table = next((t for t in tables if t.row_count), None)
            if table is not None:  # the saved row, drawn again with what changed
                self.flip = not self.flip
                value = table.get_cell_at((0, 0))
                table.update_cell_at((0, 0), f"{value}{' ' if self.flip else ''}")

        def undo(self) -> None:
            if change == "push":
                self.pop_screen()
            else:
                self.push_screen(classes[-1]())

    return TwinApp()


async def measure_twin(before: list[ScreenPrint], after: list[ScreenPrint], css_path: Path,
                       runs: int) -> list[tuple[float, float, float]]:
    """(wall, CPU, UI stall) of the bare change, ``runs`` times after one warm-up."""
    app = twin_app(before, after, css_path)
    depth = len(before) + 1  # Textual's default screen under the copies
    changed = depth + (1 if change_of(before, after) == "push" else -1)
    times: list[tuple[float, float, float]] = []
    stalls = StallWatch()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, lambda: len(app.screen_stack) == depth)
        app.warmed()
        stalls.start()
        for r in range(runs + 1):
            await settle(pilot)
            stalls.reset()
            start, cpu = time.perf_counter(), time.process_time()
            await press(pilot, KEY)
            await settle(pilot, lambda: len(app.screen_stack) == changed)
            if r:
                times.append((time.perf_counter() - start, time.process_time() - cpu,
                              stalls.longest))
            app.undo()
            await settle(pilot, lambda: len(app.screen_stack) == depth)
        stalls.stop()
    return times
