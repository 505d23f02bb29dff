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
    # Added with the counter-ready layout (issue #15): the rest of the self screen's tabs
    # and forms, the register's other forms, the help panel, the week's summary.
    "self_setbacks": ("4",) + ("right_square_bracket",) * 2,
    "self_five_q": ("4",) + ("right_square_bracket",) * 3,
    "self_career": ("4",) + ("right_square_bracket",) * 4,
    "form_setback": ("4", "b"),
    "form_five_q": ("4", "f"),
    "form_career": ("4", "c"),
    "form_grade": ("4", "g"),
    "form_register_policy": ("4", "right_square_bracket", "r"),
    "form_dates": ("3", "D"),
    "picker_outlet": ("3", "slash"),
    "form_stock_count": ("3", "k", "n"),
    "form_hand_over": ("3", "f", "h"),
    "form_review": ("3", "f", "i"),
    "help": ("question_mark",),
    "week_summary": ("5", "tab"),
    # A first morning: an empty file. (The palette lists its providers' hits in the order
    # they arrive, and the import's progress bar pulses: neither draws the same twice;
    # tests/screens/common/test_builtins_in_chinese.py and onboarding/test_import_outlets.py
    # read them instead.)
    "empty_plan": (),
    "empty_guide": ("f",),
    "empty_self": ("4",),
    "empty_week": ("5",),
}
EMPTY = {walk for walk in WALKS if walk.startswith("empty_")}
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("walk", WALKS)
def test_layout(snap_compare, db, db_path, config, walk, size):
    if walk not in EMPTY:
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
