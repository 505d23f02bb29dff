"""Importing outlets and staff: rows read from a sheet, cleaned by the forms' own rules.

``sheets.read_rows(path)`` gives one dict per data row (keys: the headers as written);
``import_rows(db, kind, rows, ...)`` matches the headers (``headers``), cleans every row
with ``outlets.clean_outlet`` / ``staff.clean_staff`` (the same rules as the forms)
and, only when all rows are valid (or ``skip_invalid``), hands them to the tables'
owners to write in one transaction: outlets are matched by code, staff by (outlet code,
name), so importing the same file twice never duplicates anything.

What is the importer's own: a file's columns may be a subset (a missing column keeps
the stored values), an empty tier or role cell keeps a known row's value, a role is
read in the bank's words and kept as written (``headers.role_reader``), an outlet's bank
is taken from its name when no bank is written and a short bank name is the app's
(``vocabulary.bank_of``), a staff row names its outlet by code or by name, a key may
appear once per file, and every bad cell of a row is reported, not only the first.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import TYPE_CHECKING, Any

from workbench.core.config import Config
from workbench.core.errors import ValidationError, WorkbenchError
from workbench.core.i18n import t
from workbench.roster import bulk, outlets, staff
from workbench.roster.headers import match_headers, role_reader

if TYPE_CHECKING:
    from sqlite_utils import Database

PROGRESS_EVERY = 2000
KINDS = ("outlets", "staff")
MAX_SHOWN_ERRORS = 20


@dataclass(frozen=True)
class RowError:
    """One bad cell: the row as Excel numbers it (header = 1) and the column as written."""

    row: int
    column: str
    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return t(self.key, **self.params)

    def __str__(self) -> str:
        return t("import.row_error", row=self.row, column=self.column, message=self.message)


@dataclass(frozen=True)
class ImportSummary:
    added: int
    updated: int
    skipped: int
    errors: tuple[RowError, ...] = ()
    unchanged: int = 0

    @property
    def bad_rows(self) -> int:
        return len({e.row for e in self.errors})


def error_lines(summary: ImportSummary) -> list[str]:
    """The bad cells as the user reads them, the first ``MAX_SHOWN_ERRORS`` and a line
    counting the rest: the same lines on the command line and in the app."""
    lines = [str(e) for e in summary.errors[:MAX_SHOWN_ERRORS]]
    if len(summary.errors) > MAX_SHOWN_ERRORS:
        lines.append(t("import.more_errors", count=len(summary.errors) - MAX_SHOWN_ERRORS))
    return lines


Cleaned = tuple[Hashable, dict[str, Any]]


@dataclass(frozen=True)
class SheetKind:
    """How one kind of sheet is cleaned and written (another capability's importer, the
    customers', brings its own and runs it through ``import_sheet``)."""

    clean: Callable[[dict[str, Any]], Cleaned]  # column values -> (key in file, row)
    key_column: str  # the column a duplicate key is reported in
    stand_in: Mapping[str, str]  # a valid value per column, to look past a bad cell
    write: Callable[[Database, list[dict[str, Any]], datetime], bulk.Written]


def _outlet_kind(db: Database, config: Config, columns: Mapping[str, str]) -> SheetKind:
    tiers = list(config.visits.cadence_days)
    stored_tier = outlets.tiers_by_code(db)
    draft_fields = {f.name for f in fields(outlets.OutletDraft)}
    new_tier = outlets.OutletDraft().tier

    def clean(values: dict[str, Any]) -> Cleaned:
        draft = {k: v for k, v in values.items() if k in draft_fields}
        code = str(draft.get("code", "")).strip()
        if not str(draft.get("tier", "")).strip():
            draft["tier"] = stored_tier.get(code, new_tier)
        row = outlets.clean_outlet(outlets.OutletDraft(**draft), tiers)
        # Without a bank column, a new outlet takes the bank its name begins with; a known
        # one keeps the bank it has (perhaps edited in the app).
        keep = [c for c in row if c in columns or c in ("initials", "tier")
                or (c == "bank" and row["bank"] and code not in stored_tier)]
        return row["code"], {c: row[c] for c in keep}

    return SheetKind(clean, "code", {"code": "X", "name": "x", "tier": tiers[0] if tiers else ""},
                 outlets.upsert_outlets)


def _staff_kind(db: Database, config: Config, columns: Mapping[str, str]) -> SheetKind:
    roles = list(config.staff.roles)
    role_of = role_reader(roles)
    outlet_of = outlets.outlet_finder(db)

    def clean(values: dict[str, Any]) -> Cleaned:
        role_text = str(values.get("role", "")).strip()
        # an empty role cell keeps an existing person's role; new people get the default
        role, title = role_of(role_text) if role_text else (staff.DEFAULT_ROLE, None)
        row = staff.clean_staff(staff.StaffDraft(
            name=values.get("name", ""), role=role, phone=values.get("phone", ""),
            birthday=values.get("birthday", ""), notes=values.get("notes", ""),
            title=title or ""), roles)
        code = str(values.get("outlet_code", "")).strip()
        outlet_id = outlet_of(code)
        if outlet_id is None:
            raise ValidationError("outlet_code", "import.no_outlet", code=code)
        keep = [c for c in row if (c in columns or c in ("initials", "title"))
                and not (c in ("role", "title") and not role_text)]
        row = {c: row[c] for c in keep}
        row["outlet_id"] = outlet_id
        return (outlet_id, row["name"]), row

    return SheetKind(clean, "name", {"name": "x", "role": roles[0] if roles else ""},
                 staff.upsert_staff)


def _every_error(kind: SheetKind, values: dict[str, Any],
                 first: ValidationError) -> list[ValidationError]:
    """Every bad cell of a row: the rules stop at the first, so retry without it."""
    found, probe, exc = [first], dict(values), first
    while len(found) <= len(values):
        probe[exc.field] = kind.stand_in.get(exc.field, "")
        try:
            kind.clean(probe)
        except ValidationError as again:
            if any(e.field == again.field for e in found):
                break
            found.append(again)
            exc = again
        else:
            break
    return found


def import_rows(db: Database, kind: str, rows: Sequence[Mapping[str, str]], config: Config,
                *, skip_invalid: bool, now: datetime,
                progress: Callable[[int, int], None] | None = None) -> ImportSummary:
    """Validate every row, then write the valid ones in one transaction.

    ``rows[i]`` is the file's row ``i + 2`` (row 1 is the header). Nothing is written
    when any row is invalid unless ``skip_invalid``. Raises WorkbenchError for a
    header problem (missing or unknown columns).
    """
    if kind not in KINDS:
        raise WorkbenchError("cli.usage", detail=kind, prog="workbench import")
    columns = match_headers(kind, list(rows[0].keys())) if rows else {}
    sheet = (_outlet_kind if kind == "outlets" else _staff_kind)(db, config, columns)
    return import_sheet(db, sheet, columns, rows, skip_invalid=skip_invalid, now=now,
                        progress=progress)


def import_sheet(db: Database, sheet: SheetKind, columns: Mapping[str, str],
                 rows: Sequence[Mapping[str, str]], *, skip_invalid: bool, now: datetime,
                 progress: Callable[[int, int], None] | None = None) -> ImportSummary:
    """The importer's rules over any kind of sheet: every row cleaned, every bad cell
    reported, a key once per file, all rows written in one transaction or none (unless
    ``skip_invalid``). ``columns``: column id -> the header as written."""
    total = len(rows)
    errors: list[RowError] = []
    valid: list[dict[str, Any]] = []
    seen: dict[Hashable, int] = {}
    bad_rows = 0

    def where(col: str) -> str:
        return columns.get(col) or t(f"field.{col}")

    for index, raw in enumerate(rows):
        number = index + 2
        if progress is not None and index and index % PROGRESS_EVERY == 0:
            progress(index, total)
        if not any(str(v).strip() for v in raw.values()):
            continue  # a blank line in the sheet
        values = {col: raw.get(header, "") for col, header in columns.items()}
        try:
            key, row = sheet.clean(values)
        except ValidationError as exc:
            errors.extend(RowError(number, where(e.field), e.key, e.params)
                          for e in _every_error(sheet, values, exc))
            bad_rows += 1
            continue
        if key in seen:
            errors.append(RowError(number, where(sheet.key_column), "import.duplicate_in_file",
                                   {"other": seen[key]}))
            bad_rows += 1
            continue
        seen[key] = number
        valid.append(row)

    if progress is not None and total:
        progress(total, total)
    if errors and not skip_invalid:
        return ImportSummary(0, 0, 0, tuple(errors))
    written = sheet.write(db, valid, now)
    return ImportSummary(written.added, written.updated, bad_rows, tuple(errors),
                         written.unchanged)
