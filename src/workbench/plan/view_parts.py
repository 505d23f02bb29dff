"""The pieces the plan's lines are made of (an item, a section, the tick marks, a
configured name's label), shared by ``view`` and ``fieldwork_view``."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.core.i18n import columns, t

DONE, OPEN = "[x]", "[ ]"


@dataclass(frozen=True)
class Item:
    id: str | None  # None: an informative line with no action
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    items: tuple[Item, ...]
    empty: str = ""  # shown when there are no items

    def lines(self, width: int | None = None) -> list[tuple[str | None, str]]:
        """(item id, aligned text) per item; columns measured in terminal cells. With
        ``width`` (a screen's), the widest column (a name) is cut to fit it."""
        if not self.items:
            return [(None, self.empty)] if self.empty else []
        count = max(len(i.cells) for i in self.items)
        rows = [list(i.cells) + [""] * (count - len(i.cells)) for i in self.items]
        return list(zip([i.id for i in self.items], columns(rows, width=width), strict=True))


def label_of(prefix: str, name: str) -> str:
    """A configured name's translation (kind.poster, habit.one_book), else the name."""
    key = f"{prefix}.{name}"
    text = t(key)
    return name if text == key else text
