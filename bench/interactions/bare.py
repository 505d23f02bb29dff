"""Baseline for the interactions: Textual alone refilling the same table.

A bare app holds a DataTable with the roster's columns; a key clears it and adds
the same first page of rows (``PAGE_SIZE`` of them, strings taken from the heavy
database once). Its p50
is what any Textual screen pays to redraw such a table, without Workbench's code.
"""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header

from . import press, settle
from .mirror import CollectedApp

COLUMNS = ("Code", "Outlet", "Bank", "Tier", "Last visit", "Next visit", "Staff", "Target",
           "Achieved")


class BareTableApp(CollectedApp):
    """Under Workbench's collection policy, as the other bare apps are: its p95 is the
    table's work, not a full collection falling in one refill."""

    BINDINGS = [Binding("r", "refill", "Refill")]

    def __init__(self, rows: list[tuple[str, ...]]) -> None:
        super().__init__()
        self.rows = rows
        self.fills = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        table = self.query_one(DataTable)
        for label in COLUMNS:
            table.add_column(label)
        table.focus()
        self.action_refill()
        self.warmed()

    def action_refill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        rows = self.rows if self.fills % 2 == 0 else list(reversed(self.rows))
        for i, row in enumerate(rows):
            table.add_row(*row, key=str(i))
        self.fills += 1


def roster_page(db_path) -> list[tuple[str, ...]]:
    from workbench.core.config import Config
    from workbench.roster import outlets
    from workbench.screens.roster.roster import PAGE_SIZE
    from workbench.storage import open_db

    from ..steps.context import TODAY

    db = open_db(db_path)
    try:
        rows = outlets.roster(db, TODAY, Config().visits.cadence_days)[:PAGE_SIZE]
    finally:
        db.close()
    return [(r.code, r.name, r.bank or "", r.tier, str(r.last_visit), str(r.days_left),
             str(r.staff_count), str(r.target), str(r.achieved)) for r in rows]


async def measure(db_path, runs: int) -> list[tuple[float, float]]:
    import gc

    # The Workbench app measured before this one left its garbage behind (hundreds of
    # thousands of objects at scale 1): collected here, not in the middle of a refill.
    gc.collect()
    app = BareTableApp(roster_page(db_path))
    times = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for r in range(runs + 1):
            await settle(pilot)
            before = app.fills
            start, cpu = time.perf_counter(), time.process_time()
            await press(pilot, "r")
            await settle(pilot, lambda before=before: app.fills > before)
            if r:
                times.append((time.perf_counter() - start, time.process_time() - cpu))
    return times
