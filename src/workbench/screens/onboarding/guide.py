"""The first-run guide: the manager's name, grade and assessment period (written to the
config file through ``core.config.save``), then the outlet list (``import_outlets``)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from workbench.core import config as config_mod
from workbench.core import validate
from workbench.core.i18n import t
from workbench.screens.common.form import Field, FormScreen


def manager_settings(config: config_mod.Config, values: dict[str, str]) -> config_mod.Config:
    """``config`` with the typed name, grade and period; ValidationError names a bad one."""
    from workbench.assessment.grades import check_grade

    name = validate.name("name", values.get("name"))
    grade = check_grade(values.get("grade", ""))
    period = validate.choice("period", values.get("period", ""), config_mod.PERIODS)
    return dataclasses.replace(
        config, manager=dataclasses.replace(config.manager, name=name, grade=grade),
        goals=dataclasses.replace(config.goals, period=period))


def open_guide(app: Any, config_path: Path | None) -> None:
    """Step 1, the manager; saved, step 2, the outlet list."""
    from workbench.screens.onboarding.import_outlets import ImportOutletsScreen

    config = app.config

    def submit(values: dict[str, str]) -> bool:
        new = manager_settings(config, values)
        if config_path is not None:
            config_mod.save(new, config_path)
        app.config = new
        app.show_manager()  # the header names the manager from now on, not after a restart
        return True

    def saved(result: object) -> None:
        if result:
            app.push_screen(ImportOutletsScreen())

    fields = [
        Field("name", t("onboard.name"), required=True),
        Field("grade", t("field.grade"), kind="select",
              options=[(config_mod.grade_label(config.goals, g), str(g))
                       for g in config_mod.GRADES], required=True),
        Field("period", t("onboard.period"), kind="select",
              options=[(t(f"self.period.{p}"), p) for p in config_mod.PERIODS], required=True),
    ]
    values = {"name": config.manager.name, "grade": str(config.manager.grade),
              "period": config.goals.period}
    app.push_screen(FormScreen(t("onboard.guide_title"), fields, values, submit), saved)
