"""Tall forms on an 80x24 screen open with their title and first field in view, one row
per field, and scroll with the focus to the last field (issue #15)."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from tests.conftest import TODAY, open_roster, wait_loaded
from workbench.app import WorkbenchApp
from workbench.demo.build import populate
from workbench.screens.common.form import FormScreen


def inside(widget, screen) -> bool:
    region = widget.region
    return (region.height > 0 and region.y >= 0
            and region.bottom <= screen.size.height)


@pytest.mark.parametrize("key", ["i", "a"])  # check-in, a new outlet (the tallest form)
async def test_a_tall_form_opens_with_its_title_and_first_field_in_view(db, db_path, config,
                                                                       key):
    populate(db, config, TODAY)
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_roster(app, pilot)
        await pilot.press(key)
        await wait_loaded(pilot)
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        title = form.query_one(".form-title", Static)
        first = form.query_one(f"#f-{form.fields[0].name}")
        assert inside(title, form) and inside(first, form)
        assert first.has_focus or first.has_focus_within
        # Compact: the first field sits right under its label, under the title.
        assert first.region.y - title.region.y <= 3
        last = form.query_one(f"#f-{form.fields[-1].name}")
        for _ in form.fields[1:]:
            await pilot.press("tab")
        await pilot.pause()
        assert last.has_focus and inside(last, form)
