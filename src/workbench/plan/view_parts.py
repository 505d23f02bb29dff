"""The pieces the plan's lines are made of (an item, a section, the tick marks, a
configured name's label), shared by ``view`` and ``fieldwork_view``."""

from __future__ import annotations

from dataclasses import dataclass, replace

from workbench.core.i18n import columns, t

DONE, OPEN = "[x]", "[ ]"

# Rows of a long section shown before its "more" line.
SECTION_ROWS = 10


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
    tail: tuple[Item, ...] = ()  # rows kept after the cut (the "add a task" row)
    hidden: int = 0  # items left out by the cut
    more: str = "plan.more"  # the message of the line counting them
    fewer: bool = False  # a cut section shown whole: a line offers to cut it again
    prose: frozenset[int] = frozenset()  # columns of typed text, cut even with a number

    def lines(self, width: int | None = None) -> list[tuple[str | None, str]]:
        """(item id, aligned text) per item; columns measured in terminal cells. With
        ``width`` (a screen's), the widest column (a name) is cut to fit it."""
        items = self.items + self.tail
        if not items:
            return [(None, self.empty)] if self.empty else []
        count = max(len(i.cells) for i in items)
        rows = [list(i.cells) + [""] * (count - len(i.cells)) for i in items]
        lines = columns(rows, width=width, prose=self.prose)
        out = list(zip([i.id for i in items], lines, strict=True))
        # The counting line stands outside the columns: its text would widen them all.
        at = len(self.items)
        if self.hidden:
            out.insert(at, (f"more:{self.key}", "… " + t(self.more, count=self.hidden)))
        elif self.fewer:
            out.insert(at, (f"fewer:{self.key}", "… " + t("plan.fewer")))
        return out

    def cut(self, rows: int | None, more: str = "plan.more") -> Section:
        """The section with its first ``rows`` items (None: all of them, with a line
        to cut it again when it is long)."""
        if len(self.items) <= SECTION_ROWS + 1:  # one row more beats a "1 more" line
            return self
        if rows is None:
            return replace(self, fewer=True)
        return replace(self, items=self.items[:rows], hidden=len(self.items) - rows,
                       more=more)


def label_of(prefix: str, name: str) -> str:
    """A configured name's translation (kind.poster, habit.one_book), else the name."""
    key = f"{prefix}.{name}"
    text = t(key)
    return name if text == key else text
