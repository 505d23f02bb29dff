"""Cells written to a spreadsheet (CSV or .xlsx): the one rule that makes them safe to open.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
read by Excel / WPS as a formula (spreadsheet formula injection, OWASP "CSV Injection"):
a customer's note ``=HYPERLINK(...)`` would run when the channel manager opens the
export. Such text gets a leading single quote, so it is shown as typed. Genuine
numbers (``-12.50``, ``+3``, ``-1,234``, ``-5%``) stay as they are, so a negative figure
is still a number in the sheet. Every CSV and .xlsx writer passes its rows through here.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from datetime import date, datetime

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

# A plain decimal as a spreadsheet reads it: optional sign, digits (optionally grouped by
# thousands), optional fraction, optional percent sign. Nothing else may follow.
_NUMBER = re.compile(r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?%?")

# Control characters an .xlsx cell cannot hold (openpyxl refuses them with an error); a
# pasted summary may carry one, and the export must not fail on it.
_NOT_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

Cell = str | int | float | date | datetime | None


def is_number_text(text: str) -> bool:
    """Whether ``text`` is a plain number a spreadsheet shows as that number."""
    return _NUMBER.fullmatch(text) is not None


def safe_cell(value: Cell) -> Cell:
    """``value`` as it may go into a spreadsheet cell: formula-looking text quoted."""
    if not isinstance(value, str) or not value.startswith(TRIGGERS):
        return value
    if is_number_text(value):
        return value
    return "'" + value


def safe_row(row: Iterable[Cell]) -> list[Cell]:
    """A row of cells, each made safe (see ``safe_cell``)."""
    return [safe_cell(v) for v in row]


def xlsx_row(row: Iterable[Cell]) -> list[Cell]:
    """A row for an .xlsx sheet: each cell made safe, characters a sheet cannot hold dropped."""
    # Dropped first, then made safe: "\x01=1" must not turn into a formula once stripped.
    return safe_row(_NOT_IN_XLSX.sub("", v) if isinstance(v, str) else v for v in row)


def csv_text(rows: Iterable[Iterable[Cell]], lineterminator: str = "\r\n") -> str:
    """``rows`` as CSV text, every cell made safe; the one CSV writer of every export."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=lineterminator)
    writer.writerows(safe_row(r) for r in rows)
    return out.getvalue()
