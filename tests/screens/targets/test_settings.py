"""The profile settings form: saved to the config file and in use at once."""

from __future__ import annotations

import tomllib

import pytest
from textual.widgets import Input, Select

from tests.conftest import TODAY, run_from_palette, wait_loaded, wait_ready
from workbench.app import WorkbenchApp
from workbench.core import config as config_mod
from workbench.core.errors import ValidationError
from workbench.screens.common.form import FormScreen
from workbench.screens.targets.settings import grade_label, profile_settings

FORM = {"name": "王小明", "grade": "9", "grade_title": "manager", "period": "quarter",
        "issuing_target": "70", "share_self": "yes"}


def test_the_form_sets_the_grade_its_title_and_its_issuing_target_only():
    new = profile_settings(config_mod.Config(), FORM)
    assert (new.manager.name, new.manager.grade) == ("王小明", 9)
    assert config_mod.grade_title(new.goals, 9) == "manager"
    assert config_mod.issuing_target(new.goals, 9) == 0.7
    assert config_mod.issuing_target(new.goals, 8) == 0.6  # other grades: the common one
    assert new.review.share_self is True


@pytest.mark.parametrize("field, value, ok", [
    ("issuing_target", "100", True), ("issuing_target", "100.01", False),
    ("issuing_target", "0", True), ("issuing_target", "-0.01", False),
    ("grade", "14", False), ("grade_title", "boss", False), ("name", "", False),
])
def test_bounds(field, value, ok):
    values = {**FORM, field: value}
    if ok:
        profile_settings(config_mod.Config(), values)
    else:
        with pytest.raises(ValidationError):
            profile_settings(config_mod.Config(), values)


def test_the_grade_is_shown_with_its_title():
    goals = config_mod.Config().goals
    assert grade_label(goals, 10) == "Grade 10 Trainee account manager"
    assert grade_label(goals, 1) == "Grade 1 Senior account manager"


async def test_the_settings_form_saves_to_the_config_file(db, db_path, config, tmp_path):
    path = tmp_path / "config.toml"
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en",
                       config_path=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await run_from_palette(pilot, "settings")
        await wait_loaded(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#f-name", Input).value = "王小明"
        form.query_one("#f-issuing_target", Input).value = "101"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert app.screen is form and not path.exists()  # refused: nothing saved
        form.query_one("#f-issuing_target", Input).value = "75"
        form.query_one("#f-grade_title", Select).value = "manager"
        await pilot.press("ctrl+s")
        await wait_loaded(pilot)
        assert not isinstance(app.screen, FormScreen)
        assert "王小明" in app.sub_title
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    assert saved["manager"]["name"] == "王小明"
    assert saved["goals"]["issuing_rate_by_grade"] == {"10": 0.75}
    assert saved["goals"]["grade_titles"][9] == "manager"
    assert config_mod.load(path).goals.grade_titles[9] == "manager"
