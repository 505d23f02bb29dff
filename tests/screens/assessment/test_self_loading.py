"""The self screen reloads only the parts a write touched, in a worker; parts waiting
in an overtaken load are carried into the next one, never dropped."""

from __future__ import annotations

import itertools

from textual.widgets import DataTable, Static

from tests.conftest import TODAY, Gate, wait_loaded, wait_ready
from workbench.app import WorkbenchApp
from workbench.assessment import journal
from workbench.screens.assessment.assessment import AssessmentScreen
from workbench.screens.common.changes import announce


async def test_an_overtaken_partial_load_hands_its_parts_to_the_next(
        db, db_path, config, monkeypatch):
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    loads = []
    real = AssessmentScreen.load
    monkeypatch.setattr(AssessmentScreen, "load",
                        lambda self, db: loads.append(set(self.wanted)) or real(self, db))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("4")
        await wait_loaded(pilot)
        screen = app.screen
        assert isinstance(screen, AssessmentScreen) and screen.wanted == frozenset()
        table = screen.query_one("#self-habits", DataTable)
        table.focus()
        calls = itertools.count()
        gate = Gate(monkeypatch, journal, "habit_stats", lambda *a, **k: next(calls) == 0)
        try:
            await pilot.press("t")  # tick the first habit: its reload (habits) is held
            assert gate.waiting.wait(10)
            journal.rate_mood(app.db, TODAY, "75", "", TODAY)
            announce(app, "moods")  # the next reload: the mood, and the habits still owed
            await wait_loaded(pilot)
            assert "✔" in str(table.get_row_at(0)[1])
            assert "75" in str(screen.query_one("#self-mood", Static).render())
            assert loads[-2:] == [{"habits"}, {"habits", "mood"}]
            gate.open.set()
            await wait_loaded(pilot)
            assert "✔" in str(table.get_row_at(0)[1]) and not gate.timed_out
            assert screen.wanted == frozenset()  # nothing owed: the next write loads its own
        finally:
            gate.open.set()
