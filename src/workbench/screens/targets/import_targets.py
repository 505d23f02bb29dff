"""Import the company's target sheet from inside the app: a path, the targets' own
importer (all or nothing, as ``workbench targets import``), the first bad rows under the
field when any row is wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from workbench.core.errors import ValidationError
from workbench.core.i18n import t
from workbench.roster.importer import ImportSummary
from workbench.roster.sheets import read_rows
from workbench.screens.common.changes import announce
from workbench.screens.common.form import Field, FormScreen
from workbench.targets.importer import import_targets

SHOWN_ERRORS = 3  # under the field; `workbench targets import` lists them all


def open_target_import(app: Any) -> None:
    def submit(values: dict[str, str]) -> ImportSummary:
        raw = values.get("target_file", "").strip()
        if not raw:
            raise ValidationError("target_file", "error.required")
        # A sheet's target list is a few hundred rows: read and written here, at once.
        summary = import_targets(app.db, read_rows(Path(raw).expanduser()), app.now())
        if summary.errors:
            raise ValidationError("target_file", "target.import.rows_bad",
                                  rows=summary.bad_rows,
                                  first="; ".join(str(e) for e in summary.errors[:SHOWN_ERRORS]))
        return summary

    def after(result: object) -> None:
        if isinstance(result, ImportSummary):
            app.notify(t("import.summary", added=result.added, updated=result.updated,
                         unchanged=0, skipped=0))
            announce(app, "outlet_targets")

    fields = [Field("target_file", t("field.target_file"), placeholder="~/网点任务.xlsx",
                    required=True)]
    app.push_screen(FormScreen(t("target.import.title"), fields, {}, submit), after)
