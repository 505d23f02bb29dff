"""Refilling a DataTable by touching only the rows that changed.

A save or a signature changes one or two rows of a page; clearing the table and adding
every row again throws away every cached line and re-measures every cell (about what
bare Textual pays to draw the page afresh). ``replace_rows`` compares the keyed rows a
screen wants with those it shows: unchanged rows stay as they are, a changed cell is
updated in place, rows gone are removed and new ones appended at the end. When the
order itself changed (a new row in the middle, another sort), the rows are put in order
in place. When most of the rows are gone (another page, another sort of a long list), a
refill is cheaper: DataTable re-indexes every row on each ``remove_row``, so removing a
page of rows one by one costs the square of its length; so it is when most cells changed
(each narrower cell re-measures its whole column).

``FitTable`` fits a table to the terminal: the columns of names (outlets, staff) take
the width the others leave, while codes, dates and figures keep their full width. What a
cell may give up is the cell's own rule (``cell_cuts``: a name cut in its middle, prose at
its end, an outlet's code always whole); a column is never narrower than what its cells
cannot give up (``fit_widths``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual._two_way_dict import TwoWayDict
from textual.binding import Binding
from textual.widgets import DataTable

from workbench.screens.common.cell_cuts import (
    cell_width,
    cut_end,
    least_width,
    name_cell,
    outlet_cell,
)
from workbench.screens.common.kept_cells import KeptCellsTable

# The cells that give way live in cell_cuts; screens take them from here with the table.
__all__ = ["FitTable", "cell_width", "cut_end", "name_cell", "outlet_cell", "replace_rows"]

Rows = Sequence[tuple[str, Sequence[Any]]]

# Rows removed one by one before a refill is cheaper (a save or a void removes one or
# two; another page or filter removes most of them).
REMOVALS_IN_PLACE = 16
# Cells updated in place before a refill is cheaper: DataTable re-measures a whole column
# for each updated cell that got narrower (the week's figures for another week: every
# cell of a column, each measuring the column again).
CELLS_IN_PLACE = 12


class PendingRows:
    """Collects what a fill would add (``add_row`` as DataTable has it) for replace_rows."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, tuple[Any, ...]]] = []

    def add_row(self, *cells: Any, key: str) -> None:
        self.rows.append((key, cells))


def replace_rows(table: DataTable, rows: Rows) -> str:
    """Make ``table`` show ``rows`` (key, cells) in that order; say how: for tests.

    Returns "same", "updated" (cells changed, rows removed or appended in place),
    "reordered" (the same, and rows moved: a new line at the top of the register) or
    "refilled" (keys repeated, more than ``REMOVALS_IN_PLACE`` rows gone or more than
    ``CELLS_IN_PLACE`` cells changed: drawn afresh, the cursor kept where it was).
    """
    shown = [row.key.value for row in table.ordered_rows]
    wanted = [key for key, _cells in rows]
    wanted_set = set(wanted)
    gone = sum(1 for key in shown if key not in wanted_set)
    if len(wanted_set) != len(wanted) or gone > REMOVALS_IN_PLACE:
        return _refill(table, rows)
    shown_set = set(shown)
    columns = [column.key for column in table.ordered_columns]
    changes = []
    for key, cells in rows:
        if key in shown_set:
            current = table.get_row(key)
            changes += [(key, column, new) for column, old, new
                        in zip(columns, current, cells, strict=True) if old != new]
    if len(changes) > CELLS_IN_PLACE:
        return _refill(table, rows)
    changed = bool(changes)
    for key in shown:
        if key not in wanted_set:
            table.remove_row(key)
            changed = True
    for key, column, new in changes:
        table.update_cell(key, column, new, update_width=True)
    for key, cells in rows:
        if key not in shown_set:
            table.add_row(*cells, key=key)
            changed = True
    moved = [key for key in shown + [k for k in wanted if k not in shown_set]
             if key in wanted_set] != wanted
    if moved:
        put_in_order(table, wanted)
    if isinstance(table, FitTable):
        table.fit()
    return "reordered" if moved else "updated" if changed else "same"


def _refill(table: DataTable, rows: Rows) -> str:
    at = table.cursor_coordinate
    table.clear()
    for key, cells in rows:
        table.add_row(*cells, key=key)
    if rows and (at.row or at.column):
        table.move_cursor(row=min(at.row, len(rows) - 1), column=at.column)
    if isinstance(table, FitTable):
        table.fit()
    return "refilled"


def put_in_order(table: DataTable, keys: Sequence[str]) -> None:
    """Show the rows in ``keys``' order, keeping every row and its drawn cells.

    What ``DataTable.sort`` does, for an order it cannot express (it sorts by cell
    values): a refill instead would drop and re-measure every row — a new line at the
    top of the register redrew 200 rows.
    """
    by_value = {row_key.value: row_key for row_key in table.rows}
    table._row_locations = TwoWayDict({by_value[key]: i for i, key in enumerate(keys)})
    table._update_count += 1
    table.refresh()


def cursor_key(table: DataTable) -> str | None:
    """The key of the row under the cursor (None in an empty table)."""
    if table.row_count == 0:
        return None
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value


def cursor_id(table: DataTable) -> int | None:
    """The row under the cursor as the database id its key holds (None: no row)."""
    key = cursor_key(table)
    return int(key) if key is not None else None


def code_width(codes: Sequence[str], name_cells: int = 5) -> int:
    """The narrowest outlet column that shows every code whole and a little of the name."""
    return max((cell_len(code) for code in codes), default=0) + 1 + name_cells


class FitTable(KeptCellsTable):
    """A DataTable whose ``flexible`` columns (key: narrowest width) share what the
    others leave of the table's width; their cells end in … when cut.

    Every other column is as wide as its widest cell: a code, a date or a figure is
    never cut. When even the narrowest flexible columns do not fit, the ``optional``
    columns fold away, first named first (a wider terminal shows them again); only then
    does the table scroll sideways. A flexible column named in ``keep_whole`` (the
    register's kind and quantity/serials) is shown whole while folding optional columns
    makes room for it, and cut only when folding them all is not enough. Width left
    over goes to the ``spare_first`` columns before the others.
    """

    # A table of rows: Home and End go to the first and last row (DataTable's scroll
    # sideways, which a fitted table rarely needs).
    BINDINGS = [
        Binding("home", "scroll_top", "key.tx.first", show=False, id="table_first_row"),
        Binding("end", "scroll_bottom", "key.tx.last", show=False, id="table_last_row"),
    ]

    def __init__(self, *args: Any, flexible: Mapping[str, int] | None = None,
                 optional: Sequence[str] = (), keep_whole: Sequence[str] = (),
                 spare_first: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.flexible: dict[str, int] = dict(flexible or {})
        self.optional = tuple(optional)
        self.keep_whole = tuple(keep_whole)
        self.spare_first = tuple(spare_first)
        self.hidden: tuple[str, ...] = ()

    def on_resize(self, _event: events.Resize) -> None:
        self.fit()

    def _update_dimensions(self, new_rows: Any) -> None:
        """DataTable measures each new row's cells for its columns' widths; once ``fit``
        has given every column its width, the measure is never read (a page of 100
        outlets measured: ~27 ms of a 120 ms sort). Rows with a label or an automatic
        height are still measured: their height comes from it."""
        if self.columns and not any(column.auto_width for column in self.columns.values()):
            new_rows = [key for key in new_rows if (row := self.rows.get(key)) is not None
                        and (row.label is not None or row.auto_height)]
        super()._update_dimensions(new_rows)

    def unseen_cells(self, row: int,
                     whole: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
        """(column label, whole text) of each cell of row ``row`` that the table does not
        show whole: cut at the end, in a column folded away, or shown shortened (``whole``
        maps a column to its cell's full value). A detail line shows them, so no value
        needs sideways scrolling to be read."""
        if not 0 <= row < self.row_count:
            return []
        whole = whole or {}
        unseen = []
        for column, value in zip(self.ordered_columns, self.get_row_at(row), strict=False):
            text = value.plain if isinstance(value, Text) else str(value)
            key = str(column.key.value)
            full = whole.get(key, text)
            if full and (key in self.hidden or full != text or cell_width(value) > column.width):
                unseen.append((column.label.plain, full))
        return unseen

    def natural_widths(self) -> dict[str, int]:
        """Each column's widest cell or label, measured now (DataTable measures new
        rows only when next idle, and a frame drawn before that keeps stale widths)."""
        return self.measure()[0]

    def measure(self) -> tuple[dict[str, int], dict[str, int]]:
        """Each column's natural width, and the fewest cells its cells can be drawn in
        (a figure all of it: cell_cuts.least_width)."""
        natural, least = {}, {}
        for column in self.ordered_columns:
            key = str(column.key.value)
            values = list(self.get_column(column.key))
            natural[key] = max([column.label.cell_len, *map(cell_width, values)])
            least[key] = (max(map(least_width, values), default=0) if key in self.flexible
                          else natural[key])
        return natural, least

    def fit(self) -> None:
        """Give each column its width for the table's current size."""
        if not self.columns or not self.size.width:
            return
        natural, least = self.measure()
        # Room for a vertical scrollbar whether or not one shows: the widths must not
        # depend on the number of rows, or adding one could make every name jump.
        room = (self.size.width - self.styles.scrollbar_size_vertical
                - 2 * self.cell_padding * len(natural))
        wanted, self.hidden = fit_widths(natural, least, self.flexible, room,
                                         self.optional, self.keep_whole, self.spare_first)
        changed = False
        for column in self.ordered_columns:
            key = str(column.key.value)
            width = wanted[key]
            if column.auto_width or column.width != width:
                column.auto_width = False
                column.width = width
                changed = True
        if changed:
            # DataTable has no public way to set a column's width: its caches hold rows
            # drawn at the old widths and its virtual size is recomputed when flagged.
            self._clear_caches()
            self._require_update_dimensions = True
            self.refresh()


def fit_widths(natural: Mapping[str, int], least: Mapping[str, int],
               flexible: Mapping[str, int], room: int, optional: Sequence[str] = (),
               keep_whole: Sequence[str] = (), spare_first: Sequence[str] = (),
               ) -> tuple[dict[str, int], tuple[str, ...]]:
    """Each column's width in ``room`` cells (paddings taken out), and the optional
    columns folded away. A column not ``flexible`` gets its ``natural`` width (a figure,
    a date, a code: never cut); a flexible one at least its ``least`` (what its cells
    cannot give up) and its declared narrowest, shares what is left, and may be cut."""
    flex = [key for key in natural if key in flexible]
    narrowest = {key: max(least.get(key, 0), min(flexible[key], natural[key])) for key in flex}
    wanted = {key: natural[key] if key in keep_whole else narrowest[key] for key in flex}
    fixed = sum(width for key, width in natural.items() if key not in flexible)
    spare = room - fixed - sum(wanted.values())
    hidden = []
    for key in optional:
        if spare >= 0:
            break
        if key in natural and key not in flexible:
            hidden.append(key)
            wanted[key] = 0  # its padding stays: a slightly wider gap
            spare += natural[key]
    for key in keep_whole:  # all folded and still too wide: these give way too
        if spare < 0 and key in wanted:
            give = min(-spare, wanted[key] - narrowest[key])
            wanted[key] -= give
            spare += give
    # What is left goes first to the ``spare_first`` columns (an outlet's name before
    # a void's reason), then is shared out evenly, each flexible column up to its
    # widest cell.
    for key in spare_first:
        if key in wanted and spare > 0:
            extra = min(spare, natural[key] - wanted[key])
            wanted[key] += extra
            spare -= extra
    short = [key for key in flex if wanted[key] < natural[key]]
    while spare > 0 and short:
        share = max(1, spare // len(short))
        for key in short:
            extra = min(share, spare, natural[key] - wanted[key])
            wanted[key] += extra
            spare -= extra
        short = [key for key in short if wanted[key] < natural[key]]
    return {key: wanted.get(key, natural[key]) for key in natural}, tuple(hidden)
