"""The one rule for what a table cell may lose when its column is narrow.

A cell is shown whole unless it was built to give way: ``cut_end`` (prose, a label: cut
at its end), ``name_cell`` (a name: cut in its middle, so 中国建设…丰台分理处 keeps the bank
and the end that tells it from …丰台支行) and ``outlet_cell`` (an outlet's code, whole,
then its name cut in the middle). ``Shortened.around`` builds a cell whose name part
gives way while the rest (a policy number, a premium) stays whole. So a number, an
amount, a date or a code is never cut: a cut figure reads as another figure (¥100,000
cut to ¥10). ``tables.FitTable`` never narrows a column below ``least_width`` of any of
its cells: what cannot give way makes the column give way elsewhere.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text

from workbench.core.i18n import kept_ends


class Shortened(Text):
    """Text whose characters ``cut_from:cut_to`` (a name, prose) are shortened with … to fit
    the width it is drawn at, in their middle or at their end; the rest is drawn whole."""

    def __init__(self, *args: Any, cut_from: int = 0, cut_to: int | None = None,
                 middle: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.no_wrap = True
        self.cut_range = (cut_from, len(self.plain) if cut_to is None else cut_to, middle)

    @classmethod
    def around(cls, before: str, part: str, after: str = "", *, middle: bool = True,
               style: str = "") -> Shortened:
        """``before`` and ``after`` whole, ``part`` shortened when the cell is narrow."""
        cell = cls(before + part + after, cut_from=len(before),
                   cut_to=len(before) + len(part), middle=middle)
        if style and before:
            cell.stylize(style, 0, len(before))
        return cell

    @property
    def least(self) -> int:
        """The narrowest this cell is drawn: its whole parts and one … ."""
        start, end, _middle = self.cut_range
        plain = self.plain
        if start >= end:
            return cell_len(plain)
        return cell_len(plain[:start]) + cell_len(plain[end:]) + min(1, cell_len(plain[start:end]))

    def fitted(self, width: int) -> Text:
        """The cell as drawn at ``width`` cells (itself when it fits)."""
        if self.cell_len <= width:
            return self
        start, end, middle = self.cut_range
        room = max(1, width - (self.least - 1))
        head, tail = kept_ends(self.plain[start:end], room, middle)
        fitted = self[:start + head]
        fitted.append("…")
        fitted.append_text(self[end - tail:] if tail else self[end:])
        fitted.no_wrap = True
        return fitted

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        fitted = self.fitted(options.max_width)
        if fitted is self:
            yield from super().__rich_console__(console, options)
        else:
            yield from fitted.__rich_console__(console, options)


def cell_width(value: Any) -> int:
    """Cells ``value`` takes in a table (markup in a string is not drawn)."""
    if isinstance(value, Text):
        return value.cell_len
    value = str(value)
    return Text.from_markup(value).cell_len if "[" in value else cell_len(value)


def least_width(value: Any) -> int:
    """The fewest cells ``value`` may be drawn in: a Shortened its whole parts, anything
    else (a figure, a date, a code, a status) all of it."""
    return value.least if isinstance(value, Shortened) else cell_width(value)


def cut_end(value: str) -> Shortened:
    """Prose or a label that gives way at its end (markup in ``value`` is drawn)."""
    text = Text.from_markup(value) if "[" in value else Text(value)
    cell = Shortened(text.plain, style=text.style)
    cell.spans = list(text.spans)
    return cell


def name_cell(name: str) -> Shortened:
    """A name that gives way in its middle: its start and its end stay."""
    return Shortened(name, middle=True)


def outlet_cell(code: str, name: str) -> Shortened:
    """An outlet as a table shows it: its code whole, then its name cut in the middle if
    need be (the code and the name's end tell 昌平支行 from 昌平分理处)."""
    return Shortened.around(code + " ", name, style="bold")
