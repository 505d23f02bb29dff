"""Reading a spreadsheet file into rows of cell text: CSV as Excel writes it in China
(UTF-8, UTF-8 with BOM, GB18030; comma or tab) and .xlsx.

Knows nothing of outlets or staff: it only turns bytes into the text the user sees in
Excel, and refuses files it cannot read (old .xls, UTF-16, pictures, damaged .xlsx)
with a ``WorkbenchError`` that names the problem.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from workbench.core.db import holds_database
from workbench.core.errors import WorkbenchError


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
    if holds_database(path):  # perhaps the app's own file: never opened outside SQLite
        raise WorkbenchError("import.is_database", path=str(path))
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
