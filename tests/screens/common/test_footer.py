"""The footer does not keep what it removed: mode switches and closed forms leave no
widgets reachable from the footer or the app (Textual's own Footer and Header do)."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from tests.conftest import TODAY, screen_lines, wait_loaded, wait_ready
from workbench.app import WorkbenchApp
from workbench.demo.build import populate
from workbench.screens.common.footer import WATCHERS, Footer


@pytest.fixture
def app(db, db_path, config) -> WorkbenchApp:
    populate(db, config, TODAY)
    return WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en")


def watchers(owner) -> int:
    return sum(len(entries) for entries in getattr(owner, WATCHERS, {}).values())


async def test_mode_switches_and_closed_forms_leave_nothing_behind(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)

        async def round_trip() -> None:
            for key in "234561":
                await pilot.press(key)
                await wait_loaded(pilot)
            await pilot.press("2", "enter")  # an outlet's card (a Header of its own)
            await wait_loaded(pilot)
            await pilot.press("escape", "a")  # a new outlet's form (a TextArea)
            await wait_loaded(pilot)
            assert app.screen.query("TextArea")
            await pilot.press("escape")
            await wait_loaded(pilot)

        await round_trip()  # every mode's screen now exists
        await round_trip()
        app_watchers = watchers(app)
        for _ in range(3):
            await round_trip()
        # Each footer watches for its own keys only, and the app for what is mounted.
        footers = [footer for mode in app.MODES for screen in app.open_stack(mode)
                   for footer in screen.query(Footer)]
        assert len(footers) == len(app.MODES)
        for footer in footers:
            assert watchers(footer) <= len(footer.query(FooterKey))
        assert watchers(app) <= app_watchers


def drawn(app) -> list[tuple[str, str]]:
    from textual.widgets._footer import FooterKey

    return [(key.key, key.description) for key in app.screen.query(FooterKey)]


async def test_keys_are_rebuilt_only_when_what_they_show_changes(app):
    from textual.widgets._footer import FooterKey

    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("2")
        await wait_loaded(pilot)
        before = list(app.screen.query(FooterKey))
        shown = drawn(app)
        await pilot.press("a")  # a form over the roster, then closed: the same keys below
        await wait_loaded(pilot)
        await pilot.press("escape")
        await wait_loaded(pilot)
        await pilot.pause()
        assert drawn(app) == shown
        assert list(app.screen.query(FooterKey)) == before  # the same widgets, not rebuilt
        app.screen.query_one("#filter").focus()  # the filter's keys differ: rebuilt
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        assert drawn(app) != shown
        app.screen.query_one("DataTable").focus()
        await pilot.pause()
        assert drawn(app) == shown


def bottom_line(app) -> str:
    return screen_lines(app)[-1]


@pytest.mark.parametrize(("language", "label"), [("zh", "^p 命令"), ("en", "^p palette")])
@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("mode", ["1", "3", "5"])
async def test_the_palette_key_reads_whole_at_every_width(db, db_path, config, language,
                                                          label, width, mode):
    """The screen's keys end where the palette key begins: a character beneath its edge
    was drawn as blanks (``^p   令``) and a key ran on after it (``^p paletteg``)."""
    populate(db, config, TODAY)
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language=language)
    async with app.run_test(size=(width, 24)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press(mode)
        await wait_loaded(pilot)
        await pilot.pause()
        assert bottom_line(app).endswith("▏" + label)
