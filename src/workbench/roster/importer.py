"""Importing outlets and staff from a CSV (as Excel writes it in China) or an .xlsx file.

``read_rows(path)`` turns the file into one dict per data row (keys: the headers as
written); ``import_rows(db, kind, rows, ...)`` validates every row with the outlet
domain's own validators and, only when all rows are valid (or ``skip_invalid``),
writes them in one transaction: outlets are matched by code, staff by (outlet code,
name), so importing the same file twice never duplicates anything.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.core.clock import stamp
from workbench.core.config import Config
from workbench.core.errors import ValidationError, WorkbenchError
from workbench.core.i18n import catalogue, t
from workbench.roster import outlets

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_INT = 2**63 - 1
PROGRESS_EVERY = 2000

# column id -> extra accepted headers (the column id and both catalogue labels count too)
OUTLET_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("网点代码", "代码", "网点编号", "编号", "outlet code"),
    "name": ("名称", "网点名称", "网点", "outlet", "outlet name"),
    "bank": ("银行", "所属银行"),
    "tier": ("等级", "网点等级", "级别"),
    "address": ("地址", "网点地址"),
    "phone": ("电话", "联系电话", "telephone", "tel"),
    "head": ("负责人", "网点负责人", "person in charge"),
    "deposits_time": ("定期存款", "定期"),
    "deposits_demand": ("活期存款", "活期"),
    "history": ("历史数据",),
    "plan_year": ("本年计划", "年度计划", "plan"),
    "target": ("任务",),
    "achieved": ("完成",),
    "traffic_daily": ("日均人流量",),
    "traffic_monthly": ("月均人流量",),
    "customers_total": ("客户总数",),
    "enquiries": ("客户询问次数", "询问次数"),
    "notes": ("备注",),
}
STAFF_ALIASES: dict[str, tuple[str, ...]] = {
    "outlet_code": ("网点代码", "代码", "网点编号", "code", "outlet"),
    "name": ("姓名", "名字", "人员"),
    "role": ("岗位", "职务"),
    "phone": ("电话", "手机", "联系电话", "mobile", "telephone", "tel"),
    "birthday": ("生日", "出生日期"),
    "notes": ("备注",),
}
REQUIRED = {"outlets": ("code", "name"), "staff": ("outlet_code", "name")}
KINDS = ("outlets", "staff")


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


# --- reading files -------------------------------------------------------------------


def _cell(value: Any) -> str:
    """An .xlsx cell as the text the user sees."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value == value and value not in (float("inf"), float("-inf")) and value == int(value):
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def _read_xlsx(path: Path) -> list[list[str]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            table = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        finally:
            book.close()
    except Exception:  # zipfile/XML/openpyxl errors: any of them means a damaged file
        raise WorkbenchError("import.bad_xlsx", path=str(path)) from None
    return table


def _decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise WorkbenchError("import.binary", path=str(path)) from None


def _read_csv(data: bytes, path: Path) -> list[list[str]]:
    if b"\x00" in data:  # UTF-16 exports, pictures, databases...
        raise WorkbenchError("import.binary", path=str(path))
    text = _decode(data, path)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = []
    try:
        for row in reader:
            table.append(row)
    except csv.Error as exc:
        raise WorkbenchError("import.bad_csv", path=str(path), row=reader.line_num,
                             error=str(exc)) from None
    return table


def read_table(path: Path) -> list[list[str]]:
    """Every row of the file's first table as lists of cell text (header first)."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        raise WorkbenchError("import.no_file", path=str(path)) from None
    except IsADirectoryError:
        raise WorkbenchError("import.is_folder", path=str(path)) from None
    except OSError:
        raise WorkbenchError("import.unreadable", path=str(path)) from None
    if not data.strip():
        raise WorkbenchError("import.empty", path=str(path))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise WorkbenchError("import.old_xls", path=str(path))
    if data.startswith(b"PK") or path.suffix.lower() in (".xlsx", ".xlsm"):
        table = _read_xlsx(path)
    else:
        table = _read_csv(data, path)
    while table and not any(c.strip() for c in table[-1]):
        table.pop()
    if not table:
        raise WorkbenchError("import.empty", path=str(path))
    return table


def read_rows(path: Path) -> list[dict[str, str]]:
    """The file's data rows as dicts keyed by the headers as written (stripped).

    Blank rows are kept (as all-empty dicts) so that ``rows[i]`` is row ``i + 2`` as
    Excel numbers it. Cells beyond the last header must be empty.
    """
    table = read_table(path)
    header = [h.strip() for h in table[0]]
    while header and not header[-1]:
        header.pop()
    if len(table) < 2:
        raise WorkbenchError("import.no_rows", path=str(path))
    twice = sorted({h for h in header if h and header.count(h) > 1})
    if twice:
        raise WorkbenchError("import.duplicate_columns", columns=", ".join(twice))
    rows = []
    width = len(header)
    unnamed = [i for i, h in enumerate(header) if not h]
    for number, cells in enumerate(table[1:], start=2):
        for col in [*unnamed, *range(width, len(cells))]:
            if col < len(cells) and cells[col].strip():
                raise WorkbenchError("import.extra_cells", row=number, col=col + 1)
        rows.append({h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header)})
    return rows


# --- headers -------------------------------------------------------------------------


def _norm(header: str) -> str:
    """Headers compare without case, spaces, _ - and a trailing unit such as (万元)."""
    s = re.sub(r"[\(（][^)）]*[\)）]\s*$", "", str(header).strip())
    return re.sub(r"[\s_\-]+", "", s).lower()


def _alias_map(kind: str) -> dict[str, str]:
    aliases = OUTLET_ALIASES if kind == "outlets" else STAFF_ALIASES
    found: dict[str, str] = {}
    labels = catalogue()
    for column, extra in aliases.items():
        names = [column, *extra, *labels.get(f"field.{column}", ())]
        for name in names:
            found.setdefault(_norm(name), column)
    return found


def match_headers(kind: str, headers: Sequence[str]) -> dict[str, str]:
    """Column id -> header as written. Raises WorkbenchError naming the bad columns.

    Unknown headers are errors rather than ignored: a typo'd header would otherwise
    silently drop a whole column of the user's data.
    """
    known = _alias_map(kind)
    matched: dict[str, str] = {}
    unknown, twice = [], []
    for header in headers:
        if not header.strip():
            continue
        column = known.get(_norm(header))
        if column is None:
            unknown.append(header)
        elif column in matched:
            twice.append(header)
        else:
            matched[column] = header
    if twice:
        raise WorkbenchError("import.duplicate_columns", columns=", ".join(twice))
    missing = [c for c in REQUIRED[kind] if c not in matched]
    if missing:
        raise WorkbenchError("import.missing_columns",
                             columns=", ".join(t(f"field.{c}") for c in missing))
    if unknown:
        sample = [t(f"field.{c}") for c in (OUTLET_ALIASES if kind == "outlets"
                                             else STAFF_ALIASES)]
        raise WorkbenchError("import.unknown_columns", columns=", ".join(unknown),
                             known=", ".join(sample[:8]) + "…")
    return matched


def _role_map(roles: Sequence[str]) -> dict[str, str]:
    labels = catalogue()
    found: dict[str, str] = {}
    for role in roles:
        for name in (role, *labels.get(f"role.{role}", ())):
            found.setdefault(_norm(name), role)
    return found


# --- validating and writing ----------------------------------------------------------


def _check_ints(row: dict[str, Any]) -> None:
    for col, whole in outlets.NUMBER_FIELDS:
        if whole and row.get(col) is not None and row[col] > MAX_INT:
            raise ValidationError(col, "error.too_large", maximum=MAX_INT)


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
    headers = list(rows[0].keys()) if rows else []
    columns = match_headers(kind, headers) if rows else {}
    total = len(rows)
    errors: list[RowError] = []
    valid: list[tuple[int, dict[str, Any]]] = []
    seen: dict[Any, int] = {}
    bad_rows = 0
    written_at = stamp(now)

    if kind == "outlets":
        existing = {r[0]: r[1] for r in db.execute("SELECT code, tier FROM outlets")}
        tiers = list(config.visits.cadence_days)
        draft_fields = set(outlets.OutletDraft.__dataclass_fields__)
    else:
        outlet_ids = {r[0]: r[1] for r in db.execute("SELECT code, id FROM outlets")}
        roles = list(config.staff.roles)
        role_map = _role_map(roles)

    def where(col: str) -> str:
        return columns.get(col) or t(f"field.{col}")

    def clean(values: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        if kind == "outlets":
            draft = {k: v for k, v in values.items() if k in draft_fields}
            code = str(draft.get("code", "")).strip()
            if not str(draft.get("tier", "")).strip():
                draft["tier"] = existing.get(code, "C")
            row = outlets.clean_outlet(outlets.OutletDraft(**draft), tiers)
            _check_ints(row)
            keep = [c for c in row if c in columns or c in ("initials", "tier")]
            return row["code"], {c: row[c] for c in keep}
        role_text = str(values.get("role", "")).strip()
        role = role_map.get(_norm(role_text), role_text) if role_text else "teller"
        # an empty role cell keeps an existing person's role; new people are tellers
        row = outlets.clean_staff(outlets.StaffDraft(
            name=values.get("name", ""), role=role, phone=values.get("phone", ""),
            birthday=values.get("birthday", ""), notes=values.get("notes", "")), roles)
        code = str(values.get("outlet_code", "")).strip()
        if code not in outlet_ids:
            raise ValidationError("outlet_code", "import.no_outlet", code=code)
        keep = [c for c in row if (c in columns or c == "initials")
                and not (c == "role" and not role_text)]
        row = {c: row[c] for c in keep}
        row["outlet_id"] = outlet_ids[code]
        return (code, row["name"]), row

    # A valid stand-in for a bad cell, so the rest of the row can still be checked.
    stand_in = {"code": "X", "name": "x", "tier": tiers[0] if kind == "outlets" and tiers
                else "", "role": roles[0] if kind == "staff" and roles else ""}

    def all_errors(values: dict[str, Any], first: ValidationError) -> list[ValidationError]:
        """Every bad cell of a row: the validators stop at the first, so retry without it."""
        found, probe, exc = [first], dict(values), first
        while len(found) <= len(values):
            probe[exc.field] = stand_in.get(exc.field, "")
            try:
                clean(probe)
            except ValidationError as again:
                if any(e.field == again.field for e in found):
                    break
                found.append(again)
                exc = again
            else:
                break
        return found

    for index, raw in enumerate(rows):
        number = index + 2
        if progress is not None and index and index % PROGRESS_EVERY == 0:
            progress(index, total)
        if not any(str(v).strip() for v in raw.values()):
            continue  # a blank line in the sheet
        values = {col: raw.get(header, "") for col, header in columns.items()}
        try:
            key, row = clean(values)
        except ValidationError as exc:
            errors.extend(RowError(number, where(e.field), e.key, e.params)
                          for e in all_errors(values, exc))
            bad_rows += 1
            continue
        if key in seen:
            column = where("code" if kind == "outlets" else "name")
            errors.append(RowError(number, column, "import.duplicate_in_file",
                                   {"other": seen[key]}))
            bad_rows += 1
            continue
        seen[key] = number
        valid.append((number, row))

    if progress is not None and total:
        progress(total, total)
    if errors and not skip_invalid:
        return ImportSummary(0, 0, 0, tuple(errors))
    if kind == "outlets":
        added, updated, unchanged = _write_outlets(db, [r for _, r in valid], existing, written_at)
    else:
        added, updated, unchanged = _write_staff(db, [r for _, r in valid], written_at)
    return ImportSummary(added, updated, bad_rows, tuple(errors), unchanged)


def _write(db: Database, table: str, new: list[dict[str, Any]], old: list[dict[str, Any]],
           keys: tuple[str, ...], stamp: str) -> tuple[int, int, int]:
    """Insert ``new`` rows and update ``old`` ones (matched on ``keys``) in one transaction.

    An update only touches rows whose values really change, so ``updated_at`` keeps
    meaning "last changed".
    """
    conn = db.conn
    updated = 0
    with db.atomic():
        groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for row in new:
            groups.setdefault(tuple(row), []).append(row)
        for cols, group in groups.items():
            names = [*cols, "created_at", "updated_at"]
            sql = (f"INSERT INTO {table} ({', '.join(names)}) "
                   f"VALUES ({', '.join('?' * len(names))})")
            conn.executemany(sql, [[*(r[c] for c in cols), stamp, stamp] for r in group])
        groups = {}
        for row in old:
            groups.setdefault(tuple(row), []).append(row)
        for cols, group in groups.items():
            sets = [c for c in cols if c not in keys]
            if not sets:
                continue
            sql = (f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in sets)}, updated_at = ? "
                   f"WHERE {' AND '.join(f'{k} = ?' for k in keys)} "
                   f"AND ({' OR '.join(f'{c} IS NOT ?' for c in sets)})")
            before = conn.total_changes
            conn.executemany(sql, [
                [*(r[c] for c in sets), stamp, *(r[k] for k in keys), *(r[c] for c in sets)]
                for r in group])
            updated += conn.total_changes - before
    updated = min(updated, len(old))
    return len(new), updated, len(old) - updated


def _write_outlets(db: Database, rows: list[dict[str, Any]], existing: Mapping[str, str],
                   stamp: str) -> tuple[int, int, int]:
    new = [r for r in rows if r["code"] not in existing]
    old = [r for r in rows if r["code"] in existing]
    return _write(db, "outlets", new, old, ("code",), stamp)


def _write_staff(db: Database, rows: list[dict[str, Any]], stamp: str) -> tuple[int, int, int]:
    present = {(r[0], r[1]) for r in db.execute("SELECT outlet_id, name FROM staff")}
    new = [{**r, "role": r.get("role", "teller")} for r in rows
           if (r["outlet_id"], r["name"]) not in present]
    old = [r for r in rows if (r["outlet_id"], r["name"]) in present]
    return _write(db, "staff", new, old, ("outlet_id", "name"), stamp)


# --- the CLI command -----------------------------------------------------------------
