"""Refilling a DataTable by touching only the rows that changed.

A save or a signature changes one or two rows of a page; clearing the table and adding
every row again throws away every cached line and re-measures every cell (about what
bare Textual pays to draw the page afresh). ``replace_rows`` compares the keyed rows a
screen wants with those it shows: unchanged rows stay as they are, a changed cell is
updated in place, rows gone are removed and new ones appended at the end. When the
order itself changed (a new row in the middle, another sort, another page), a full
refill is both simpler and no slower.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.widgets import DataTable

Rows = Sequence[tuple[str, Sequence[Any]]]


class PendingRows:
    """Collects what a fill would add (``add_row`` as DataTable has it) for replace_rows."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, tuple[Any, ...]]] = []

    def add_row(self, *cells: Any, key: str) -> None:
        self.rows.append((key, cells))


def replace_rows(table: DataTable, rows: Rows) -> str:
    """Make ``table`` show ``rows`` (key, cells) in that order; say how: for tests.

    Returns "same", "updated" (cells changed, rows removed or appended in place) or
    "refilled".
    """
    shown = [row.key.value for row in table.ordered_rows]
    wanted = [key for key, _cells in rows]
    wanted_set = set(wanted)
    kept = [key for key in shown if key in wanted_set]
    if len(wanted_set) != len(wanted) or wanted[:len(kept)] != kept:
        table.clear()
        for key, cells in rows:
            table.add_row(*cells, key=key)
        return "refilled"
    changed = False
    for key in shown:
        if key not in wanted_set:
            table.remove_row(key)
            changed = True
    columns = [column.key for column in table.ordered_columns]
    for key, cells in rows[:len(kept)]:
        current = table.get_row(key)
        for column, old, new in zip(columns, current, cells, strict=True):
            if old != new:
                table.update_cell(key, column, new, update_width=True)
                changed = True
    for key, cells in rows[len(kept):]:
        table.add_row(*cells, key=key)
        changed = True
    return "updated" if changed else "same"
