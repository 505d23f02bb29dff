"""Importing the company's target sheet (网点任务表): one row per outlet and period.

The file is read by the roster's reader (``roster.sheets``: CSV in UTF-8, with BOM or
GB18030, and .xlsx); headers are compared as the roster's importer compares them; every
row is cleaned by the form's own rule (``targets.clean_target``). All or nothing: any
bad row and nothing is written, each bad cell reported with its row and column.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from workbench.core.errors import ValidationError, WorkbenchError
from workbench.roster.headers import normalise_header
from workbench.roster.importer import ImportSummary, RowError
from workbench.roster.outlets import ids_by_code
from workbench.targets.targets import TargetDraft, check_no_target, clean_target, write_targets

if TYPE_CHECKING:
    from sqlite_utils import Database

# column -> the headers a company sheet may give it (compared without case, spaces, units)
COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("网点代码", "代码", "网点编号", "code", "outlet code"),
    "period": ("期间", "周期", "任务期间", "period"),
    "starts": ("开始", "期间开始", "月份", "期次", "starts", "start"),
    "premium": ("保费任务", "任务保费", "保费", "任务", "premium", "premium target"),
    "standard_premium": ("标保任务", "标准保费任务", "标保", "standard premium",
                         "standard premium target"),
}
REQUIRED = ("code", "period", "starts")
FIELDS = {"code": "target_outlet", "period": "target_period", "starts": "target_starts",
          "premium": "target_premium", "standard_premium": "target_standard"}


def match_columns(headers: Sequence[str]) -> dict[str, str]:
    """Column -> header as written; unknown or missing columns are a WorkbenchError."""
    known = {normalise_header(name): col for col, names in COLUMNS.items()
             for name in (col, *names)}
    matched: dict[str, str] = {}
    unknown = []
    for header in headers:
        if not str(header).strip():
            continue
        col = known.get(normalise_header(header))
        if col is None or col in matched:
            unknown.append(str(header))
        else:
            matched[col] = header
    missing = [c for c in REQUIRED if c not in matched]
    if "premium" not in matched and "standard_premium" not in matched:
        missing.append("premium")
    if missing:
        raise WorkbenchError("target.import.missing_columns",
                             columns=", ".join(COLUMNS[c][0] for c in missing))
    if unknown:
        raise WorkbenchError("target.import.unknown_columns", columns=", ".join(unknown))
    return matched


def import_targets(db: Database, rows: Sequence[Mapping[str, str]], now: datetime
                   ) -> ImportSummary:
    """Clean every row; write them all in one transaction only when none is bad."""
    if not rows:
        return ImportSummary(0, 0, 0)
    columns = match_columns(list(rows[0].keys()))
    outlet_ids = ids_by_code(db)
    existing = {tuple(r) for r in db.execute(
        "SELECT outlet_id, period, starts FROM outlet_targets").fetchall()}
    errors: list[RowError] = []
    valid: list[dict[str, Any]] = []
    seen: dict[tuple, int] = {}
    for index, raw in enumerate(rows):
        number = index + 2  # row 1 is the header
        values = {col: str(raw.get(header, "") or "").strip() for col, header in columns.items()}
        if not any(values.values()):
            continue
        try:
            code = values.get("code", "")
            if code not in outlet_ids:
                raise ValidationError("target_outlet", "import.no_outlet", code=code)
            row = clean_target(db, TargetDraft(
                outlet=outlet_ids[code], period=values.get("period", ""),
                starts=values.get("starts", ""), premium=values.get("premium", ""),
                standard_premium=values.get("standard_premium", "")))
            check_no_target("target_premium", row)
        except ValidationError as exc:
            column = next((c for c, f in FIELDS.items() if f == exc.field), "code")
            errors.append(RowError(number, columns.get(column, column), exc.key, exc.params))
            continue
        key = (row["outlet_id"], row["period"], row["starts"])
        if key in seen:
            errors.append(RowError(number, columns["code"], "import.duplicate_in_file",
                                   {"other": seen[key]}))
            continue
        seen[key] = number
        valid.append(row)
    if errors:
        return ImportSummary(0, 0, len({e.row for e in errors}), tuple(errors))
    write_targets(db, valid, "import", now)
    added = sum(1 for r in valid
                if (r["outlet_id"], r["period"], r["starts"]) not in existing)
    return ImportSummary(added, len(valid) - added, 0)
