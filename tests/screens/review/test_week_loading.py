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


async def settle_until(pilot, condition) -> None:
    """Handle messages until ``condition()`` holds, without waiting on the workers (one
    is held by a gate here). Bounded, so a broken screen fails instead of hanging."""
    for _ in range(2000):
        if condition():
            return
        await pilot.pause()
    raise AssertionError("the screen never got there")


async def test_the_week_before_is_computed_ahead_once_however_often_the_week_is_shown(
        db, db_path, config, monkeypatch):
    """Leaving the week and coming back while the week before is still being computed
    ahead does not compute it a second time (each is a whole week's figures)."""
    from tests.conftest import wait_until

    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        before = review.week_of(TODAY, config.review.first_weekday).shift(-1)
        computed: list[object] = []
        gate = Gate(monkeypatch, review, "compute_week",
                    holds=lambda db, week, *a, **k: computed.append(week) or week == before)
        try:
            await pilot.press("w")
            assert gate.waiting.wait(10)  # the week before, ahead: held
            screen = app.screen
            for _ in range(2):
                await pilot.press("1")
                await pilot.press("w")
                await settle_until(pilot, lambda: app.screen is screen
                                   and not screen.data_pending)
            gate.open.set()
            await wait_until(pilot, lambda: before in screen.weeks, "the week before, ahead")
        finally:
            gate.open.set()
        assert computed.count(before) == 1


async def test_a_week_computed_ahead_before_a_write_is_not_kept(
        db, db_path, config, monkeypatch):
    """The week before, read ahead before a write and landing after the one read since,
    neither shows stale figures nor drops the current ones."""
    import threading

    from tests.conftest import wait_until
    from workbench.core.db import data_stamp

    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        before = review.week_of(TODAY, config.review.first_weekday).shift(-1)
        releases = [threading.Event(), threading.Event()]  # per read of the week before
        started: list[int] = []
        real = review.compute_week

        def held(db, week, *args, **kwargs):
            if week == before and len(started) < len(releases):
                started.append(len(started))
                assert releases[started[-1]].wait(10)
            return real(db, week, *args, **kwargs)

        monkeypatch.setattr(review, "compute_week", held)
        try:
            await pilot.press("w")
            screen = app.screen
            await settle_until(pilot, lambda: len(started) == 1)
            journal.rate_mood(app.db, TODAY, "70", "", TODAY)  # lands while it is computed
            announce(app, "moods")
            await settle_until(pilot, lambda: len(started) == 2)
            releases[1].set()  # the read after the write lands first
            await settle_until(pilot, lambda: before in screen.weeks)
            releases[0].set()
            await wait_until(pilot, lambda: screen.reading_ahead is None, "both reads")
        finally:
            for release in releases:
                release.set()
        stamp = data_stamp(app.db)
        assert before in screen.weeks and screen.week in screen.weeks
        assert all(kept.stamp == stamp for kept in screen.weeks.values())
