"""Table cells drawn once per content, kept across sorts, filters, pages and restyles.

DataTable keys each cell it has drawn on the cell's row and on a counter it bumps
whenever a row is added, removed or moved. So a sort, a filter key or another page draws
every visible cell through Rich again, though most show what they showed a moment ago:
the roster's 25 outlets sorted again drew 234 cells (~30 ms of a 60 ms key), its heavy
user's page of 100 about 320.

``KeptCellsTable`` keeps a drawn cell keyed on what it shows and how: its text and
styles, its width, the row's style (zebra stripe, cursor, hover) and the table's focus
state. A cell already drawn somewhere is taken from there. A drawn cell also carries its
row and column as metadata (what a mouse click reads), and these are stamped again when
the cell lands at another place.

Only one-line cells of text are kept; anything else is drawn by DataTable as before.

Textual also applies the style sheet again to every widget of a screen each time it is
shown, and to a table each time it gains or loses the focus, and DataTable then drops
every row it has drawn: switching to the register drew each visible cell through Rich
again (~150 ms of a 200 ms switch), and each filter typed over the roster drew its
rows afresh. Its caches (and these) are keyed on the focus and hover state already, so
they stay valid as long as the styles each state resolves to are those they were drawn
with. That is checked before the next frame is drawn (the styles of a table's parts,
the cursor's colours, are resolved only after it is told of a restyle), and every drawn
cell is dropped when a state's styles changed (a theme, the style sheet).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import DataTable

# Cells kept per table: a roster of 500 outlets has 4,500 cells, each drawn at most twice
# (plain and zebra row) at one width; a few hundred bytes each.
KEPT_CELLS = 10_000

Lines = list[list[Segment]]


def cell_signature(value: Any) -> Hashable | None:
    """What a cell shows, as a key (None: not kept; DataTable draws it every time)."""
    if isinstance(value, str):
        return value
    if isinstance(value, Text):
        # A Shortened cell is drawn to its width by its own rule (screens.common.cell_cuts).
        return (value.plain, value.style, value.justify, value.overflow, value.no_wrap,
                value.end, tuple(value.spans), getattr(value, "cut_range", None))
    return None


def stamped(lines: Lines, row: int, column: int) -> Lines:
    """``lines`` carrying ``row`` and ``column`` as metadata (a new list: the kept one is
    shared). Rich merges metadata key by key, the later winning."""
    where = Style.from_meta({"row": row, "column": column})
    return [[Segment(text, style + where if style else where, control)
             for text, style, control in line] for line in lines]


class KeptCellsTable(DataTable):
    """A DataTable that draws a cell once per content, not once per place, and keeps
    what it drew when restyled with the same styles."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # key -> (row, column the lines carry, lines)
        self.kept_cells: LRUCache[Hashable, tuple[int, int, Lines]] = LRUCache(KEPT_CELLS)
        self.looks: dict[Any, tuple[Any, ...]] = {}  # per focus/hover state: drawn with
        self.restyled = False

    def look(self) -> tuple[Any, ...]:
        """Every style the drawn cells depend on, as resolved for the current state."""
        return (self.app.theme, self.rich_style,
                *(self.get_component_rich_style(name) for name in
                  sorted(self.COMPONENT_CLASSES)))

    def notify_style_update(self) -> None:
        if not self.is_mounted:
            super().notify_style_update()
            return
        ScrollView.notify_style_update(self)  # the widget's part, not DataTable's
        self.restyled = True  # kept or dropped before the next frame: keep_or_drop
        self.refresh()

    def keep_or_drop(self) -> None:
        """After a restyle: keep the drawn cells if this state's styles are those they
        were drawn with, drop every one if not."""
        state, look = self.get_pseudo_class_state(), self.look()
        known = self.looks.get(state)
        if known is not None and known != look:
            self.looks = {}
            self._clear_caches()
            self.kept_cells.clear()
        self.looks[state] = look
        # The cells' part styles (the cursor's colours) as resolved for this state:
        # DataTable keeps them in a cache of its own, not keyed on the state.
        self._get_styles_to_render_cell.cache_clear()

    def render_lines(self, crop: Region) -> list[Strip]:
        if self.restyled:
            self.restyled = False
            self.keep_or_drop()
        return super().render_lines(crop)

    def _render_cell(self, row_index: int, column_index: int, base_style: Style,
                     width: int, cursor: bool = False, hover: bool = False) -> Lines:
        draw = super()._render_cell
        if row_index < 0 or column_index < 0:  # the header and row labels: few, cached
            return draw(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        row = self.rows.get(row_key)
        signature = cell_signature(self._data.get(row_key, {}).get(column_key))
        if row is None or row.height != 1 or signature is None:
            return draw(row_index, column_index, base_style, width, cursor, hover)
        key = (signature, width, base_style, cursor, hover, self._show_hover_cursor,
               self._pseudo_class_state, self.show_cursor, self.cell_padding,
               row_index < self.fixed_rows or column_index < self.fixed_columns)
        kept = self.kept_cells.get(key)
        if kept is None:
            lines = draw(row_index, column_index, base_style, width, cursor, hover)
            self.kept_cells[key] = (row_index, column_index, lines)
            return lines
        at_row, at_column, lines = kept
        if (at_row, at_column) == (row_index, column_index):
            return lines
        return stamped(lines, row_index, column_index)
