"""The assessment and goals config sections: defaults, the documented file, bad values."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from workbench.core import config as c

ROOT = Path(__file__).resolve().parents[3]


def test_config_toml_documents_the_defaults():
    data = tomllib.loads((ROOT / "config.toml").read_text("utf-8"))
    assert c.from_dict(data) == c.Config()
    assert data["goals"]["maintain"][9] == 16 and data["goals"]["promote"][9] == 20


@pytest.mark.parametrize("section, key, value", [
    ("goals", "period", "month"),
    ("goals", "maintain", [1.0] * 12),
    ("goals", "promote", [1.0] * 13),  # promote below maintain
    ("goals", "standard_factors", {"0": 0.1}),
    ("goals", "standard_factors", {"x": 0.1}),
    ("goals", "standard_factors", {}),
    ("goals", "issuing_rate_target", 1.5),
    ("goals", "working_days", [0, 1]),
    ("goals", "working_days", []),
    ("goals", "unit", 0),
    ("assessment", "habits", []),
    ("assessment", "habits", ["a", "a"]),
])
def test_bad_goal_settings_name_the_key(section, key, value):
    with pytest.raises(c.ConfigError) as err:
        c.from_dict({section: {key: value}})
    assert key in str(err.value)


def test_custom_factor_table_and_habits():
    cfg = c.from_dict({"goals": {"standard_factors": {"1": 0.05, "20": 1.2}, "period": "half"},
                       "assessment": {"habits": ["run", "one_book"]}})
    assert cfg.goals.standard_factors == {"1": 0.05, "20": 1.2}
    assert cfg.assessment.habits == ["run", "one_book"]


def test_one_grade_range_with_a_line_per_grade():
    assert c.GRADES == range(1, 14)
    assert len(c.MAINTAIN_DEFAULT) == len(c.PROMOTE_DEFAULT) == len(c.GRADES)


@pytest.mark.parametrize("grade", [1, 13])
def test_the_highest_and_the_lowest_grade_are_accepted(grade):
    assert c.from_dict({"manager": {"grade": grade}}).manager.grade == grade


@pytest.mark.parametrize("grade", [0, 14])
def test_a_grade_just_outside_the_range_is_refused(grade):
    with pytest.raises(c.ConfigError) as err:
        c.from_dict({"manager": {"grade": grade}})
    assert "manager.grade" in str(err.value)


@pytest.mark.parametrize("key, line", [("maintain", 1.0), ("promote", 100.0)])
def test_the_threshold_table_has_exactly_one_line_per_grade(key, line):
    # ``line`` keeps each promote line at or above its maintain line
    for count in (12, 14):
        with pytest.raises(c.ConfigError) as err:
            c.from_dict({"goals": {key: [line] * count}})
        assert f"goals.{key}" in str(err.value)
    assert getattr(c.from_dict({"goals": {key: [line] * 13}}).goals, key) == [line] * 13
