"""The week's figures load in a worker: what is typed meanwhile is neither lost nor
written into another week."""

from __future__ import annotations

from textual.widgets import Static, TextArea

from tests.conftest import TODAY, Gate, wait_loaded, wait_ready
from workbench.app import WorkbenchApp
from workbench.assessment import journal
from workbench.review import week as review
from workbench.screens.common.changes import announce


async def test_typing_during_a_load_keeps_the_text(db, db_path, config, monkeypatch):
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("w")
        await wait_loaded(pilot)
        week = app.screen
        area = week.query_one("#summary", TextArea)
        await pilot.press("tab", *"Busy")
        await wait_loaded(pilot)
        # The next load has read the figures, then stands still before the summary.
        gate = Gate(monkeypatch, review, "summary_for")
        try:
            journal.rate_mood(app.db, TODAY, "75", "", TODAY)
            announce(app, "moods")
            await pilot.pause()
            assert gate.waiting.wait(10)
            await pilot.press("!")  # saved now, after the load's snapshot began
            await pilot.pause()
            gate.open.set()
            await wait_loaded(pilot)
            assert area.text == "Busy!" and area.cursor_location == (0, 5)
            assert review.summary_for(db, week.week) == "Busy!"
        finally:
            gate.open.set()


async def test_text_typed_before_another_week_lands_stays_with_the_week_on_screen(
        db, db_path, config, monkeypatch):
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("w")
        await wait_loaded(pilot)
        week = app.screen
        this_week = week.week
        await app.workers.wait_for_complete()
        week.weeks.clear()  # not computed ahead: this test holds a load in flight
        gate = Gate(monkeypatch, review, "compute_week")
        try:
            await pilot.press("left")  # the week before: held
            assert gate.waiting.wait(10)
            await pilot.press("tab", *"Note")  # the screen still shows this week
            await pilot.pause()
            title = str(week.query_one("#week-title", Static).render())
            assert this_week.label in title
            gate.open.set()
            await wait_loaded(pilot)
        finally:
            gate.open.set()
        assert review.summary_for(db, this_week) == "Note"
        assert review.summary_for(db, this_week.shift(-1)) == ""
        assert week.query_one("#summary", TextArea).text == ""  # the week before's own
        assert this_week.shift(-1).label in str(week.query_one("#week-title", Static).render())


async def test_the_week_before_is_computed_ahead_and_kept_until_a_write(
        db, db_path, config, monkeypatch):
    from tests.conftest import wait_until

    computed: list[object] = []
    real = review.compute_week
    monkeypatch.setattr(review, "compute_week", lambda db, week, *a, **k: computed.append(
        week) or real(db, week, *a, **k))
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("w")
        await wait_loaded(pilot)
        screen = app.screen
        this_week = screen.week
        before = this_week.shift(-1)
        await wait_until(pilot, lambda: before in screen.weeks, "the week before, ahead")
        count = computed.count(before)
        await pilot.press("left")  # shown at once, not computed again
        assert not screen.data_pending
        assert before.label in str(screen.query_one("#week-title", Static).render())
        await pilot.press("t")  # this week: kept too
        assert not screen.data_pending and screen.week == this_week
        await app.workers.wait_for_complete()
        assert computed.count(before) == count
        journal.rate_mood(app.db, TODAY, "70", "", TODAY)  # a write: what was kept is stale
        await pilot.press("left")
        await wait_loaded(pilot)
        assert computed.count(before) == count + 1
