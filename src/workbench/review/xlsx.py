"""The report as an .xlsx workbook a channel manager can combine: real numbers with
number and percent formats, a bold frozen header on every sheet, columns as wide as
their content; sheets: summary, outlets, policies, register.

Every cell goes through ``core.cells.xlsx_row`` (text that could run as a formula gets
a leading quote; numbers stay numbers).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from rich.cells import cell_len

from workbench.core.cells import xlsx_row
from workbench.review.tables import Table

# kind -> Excel number format
FORMATS = {"count": "0", "money": "#,##0.00", "units": "#,##0.00", "percent": "0.0%",
           "hours": "0.0", "score": "0.0", "date": "yyyy-mm-dd", "text": "@"}
CHANGE_FORMATS = {"percent": "+0.0%;-0.0%;0.0%", "count": "+0;-0;0",
                  "money": "+#,##0.00;-#,##0.00;0.00", "units": "+#,##0.00;-#,##0.00;0.00"}
MAX_WIDTH = 60


def _widths(sheet: Any, rows: Sequence[Sequence[Any]]) -> None:
    from openpyxl.utils import get_column_letter

    widest: dict[int, int] = {}
    for row in rows:
        for i, value in enumerate(row, 1):
            if value is None:
                continue
            text = f"{value:,.2f}" if isinstance(value, float) else str(value)
            widest[i] = max(widest.get(i, 0), cell_len(text))
    for i, width in widest.items():
        sheet.column_dimensions[get_column_letter(i)].width = min(MAX_WIDTH, width + 2)


def _header(sheet: Any, row: int, labels: Sequence[str]) -> None:
    from openpyxl.styles import Font

    sheet.append(xlsx_row(labels))
    for cell in sheet[row]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = f"A{row + 1}"  # a string: asking for the cell would create it


def _rows(sheet: Any, first: int, rows: Sequence[Sequence[Any]],
          kinds: Sequence[str]) -> None:
    for offset, row in enumerate(rows):
        sheet.append(xlsx_row(row))
        for col, kind in enumerate(kinds, 1):
            cell = sheet.cell(row=first + offset, column=col)
            if isinstance(cell.value, (int, float, date)) and not isinstance(cell.value, bool):
                cell.number_format = FORMATS.get(kind, "General")


def table_sheet(book: Any, table: Table) -> None:
    """A sheet of its own: the header in row 1 (bold, frozen), the rows under it."""
    sheet = book.create_sheet(table.title)
    _header(sheet, 1, table.columns)
    _rows(sheet, 2, table.rows, table.kinds)
    _widths(sheet, [table.columns, *table.rows])


def workbook(meta: Sequence[tuple[str, str]], header: Sequence[str],
             figures: Sequence[tuple[str, str, str, float | None, float | None, float | None]],
             tail: Sequence[Sequence[Any]], tables: Sequence[Table],
             summary_title: str) -> bytes:
    """``meta`` (label, value) lines above the summary's table; ``figures`` rows of
    (section, figure, kind, this, before, change); ``tail`` rows under it (lists,
    the written summary, the register head); then a sheet per table."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = summary_title
    for label, value in meta:
        sheet.append(xlsx_row([label, value]))
    sheet.append([])
    top = len(meta) + 2
    _header(sheet, top, header)
    for offset, (section, name, kind, value, before, change) in enumerate(figures, 1):
        sheet.append(xlsx_row([section, name, value, before, change]))
        for col in (3, 4):
            sheet.cell(row=top + offset, column=col).number_format = FORMATS.get(kind, "0.00")
        sheet.cell(row=top + offset, column=5).number_format = CHANGE_FORMATS.get(
            kind, "+0.0;-0.0;0.0")
    sheet.append([])
    for row in tail:
        sheet.append(xlsx_row(row))
    _widths(sheet, [header, *[(s, n, v, b, c) for s, n, _, v, b, c in figures]])
    sheet.column_dimensions["A"].width = max(sheet.column_dimensions["A"].width or 0, 12)
    for table in tables:
        table_sheet(book, table)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
