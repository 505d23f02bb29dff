"""Every screen and every form, in Chinese, at 80x24 and 120x40 (issue #15).

Demo data at a fixed day and clock. Regenerate after an intended visual change with
``pytest tests/screens/test_layout_snapshots.py --snapshot-update`` and look at the SVGs
in ``__snapshots__/test_layout_snapshots`` before committing them.
"""

from __future__ import annotations

import pytest

from tests.conftest import NOW, TODAY, wait_loaded, wait_ready
from workbench.app import WorkbenchApp
from workbench.demo.build import populate

# What a user presses from the plan to reach each screen or form.
WALKS = {
    "plan": (),
    "roster": ("2",),
    "card": ("2", "enter"),
    "register": ("3",),
    "due": ("3", "u"),
    "stock": ("3", "k"),
    "collected_forms": ("3", "f"),
    "end_of_day": ("3", "e"),
    "self": ("4",),
    "self_policies": ("4", "right_square_bracket"),
    "week": ("5",),
    "form_mood": ("m",),
    "form_task": ("a",),
    "form_contact": ("l",),
    "form_check_in": ("2", "i"),
    "form_outlet": ("2", "a"),
    "form_staff": ("2", "enter", "n"),
    "form_delivery": ("3", "n"),
    "form_void": ("3", "v"),
    "form_policy": ("4", "n"),
    "sign_off": ("g",),
    "sign_off_lines": ("g", "enter"),
}
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("walk", WALKS)
def test_layout(snap_compare, db, db_path, config, walk, size):
    populate(db, config, TODAY)
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="zh")
    app.now = lambda: NOW  # forms fill in the time: the same on every run

    async def walk_there(pilot):
        await wait_ready(app, pilot)
        for key in WALKS[walk]:
            await pilot.press(key)
            await wait_loaded(pilot)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZES[size], run_before=walk_there)
