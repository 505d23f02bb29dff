"""The profile settings form (个人资料): name, grade and its title, assessment period, the
grade's issuing-rate target, and whether reports carry mood and habits.

Saved to the config file with ``core.config.save`` (tomli-w, atomic, 0600) — the same
path as the first-run guide, whose ``manager_settings`` checks name, grade and period.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from workbench.core import config as config_mod
from workbench.core import validate
from workbench.core.errors import ConfigError, ValidationError
from workbench.core.i18n import t
from workbench.screens.common.form import Field, FormScreen
from workbench.screens.onboarding.guide import manager_settings

grade_label = config_mod.grade_label


def profile_settings(config: config_mod.Config, values: dict[str, str]) -> config_mod.Config:
    """``config`` with the form's values; ValidationError names the bad field."""
    new = manager_settings(config, values)
    grade = new.manager.grade
    title = validate.choice("grade_title", values.get("grade_title", ""),
                            config_mod.GRADE_TITLES)
    rate = validate.number("issuing_target", values.get("issuing_target", ""), required=True,
                           minimum=0, maximum=100)
    share = validate.choice("share_self", values.get("share_self", ""), ("yes", "no"))
    titles = list(new.goals.grade_titles)
    titles[grade - 1] = title
    by_grade = dict(new.goals.issuing_rate_by_grade)
    assert rate is not None
    by_grade[str(grade)] = round(rate / 100, 4)
    new = dataclasses.replace(
        new, goals=dataclasses.replace(new.goals, grade_titles=titles,
                                       issuing_rate_by_grade=by_grade),
        review=dataclasses.replace(new.review, share_self=share == "yes"))
    try:
        config_mod.validate(new)
    except ConfigError as error:  # a value the form let through but the file would refuse
        raise ValidationError("", error.key, **error.params) from None
    return new


def settings_fields(goals: config_mod.GoalsConfig) -> list[Field]:
    return [
        Field("name", t("onboard.name"), required=True),
        Field("grade", t("field.grade"), "select",
              [(grade_label(goals, g), str(g)) for g in config_mod.GRADES], required=True),
        Field("grade_title", t("field.grade_title"), "select",
              [(t(f"grade.title.{x}"), x) for x in config_mod.GRADE_TITLES], required=True),
        Field("period", t("onboard.period"), "select",
              [(t(f"self.period.{p}"), p) for p in config_mod.PERIODS], required=True),
        Field("issuing_target", t("field.issuing_target"), "number", placeholder="60",
              required=True),
        Field("share_self", t("field.share_self"), "select",
              [(t("settings.yes"), "yes"), (t("settings.no"), "no")], required=True),
    ]


def open_settings(app: Any) -> None:
    """The form on the current settings; saved to the config file the app was opened with."""
    config = app.config
    goals = config.goals
    grade = config.manager.grade
    values = {"name": config.manager.name, "grade": str(grade),
              "grade_title": config_mod.grade_title(goals, grade), "period": goals.period,
              "issuing_target": f"{config_mod.issuing_target(goals, grade) * 100:g}",
              "share_self": "yes" if config.review.share_self else "no"}

    def submit(form: dict[str, str]) -> bool:
        new = profile_settings(app.config, form)
        if app.config_path is not None:
            config_mod.save(new, app.config_path)
        app.config = new
        app.show_manager()
        return True

    def after(result: object) -> None:
        if result:
            app.notify(t("settings.saved", path=str(app.config_path or "")))

    app.push_screen(FormScreen(t("settings.title"), settings_fields(goals), values, submit),
                    after)
