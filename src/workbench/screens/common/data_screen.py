"""DataScreen: a screen that shows rows of some tables and keeps them current.

A subclass names the tables it shows in ``SHOWS`` and rebuilds itself in ``reload()``.
The base decides when: on a ``DataChanged`` naming one of those tables while the
screen is in view (alone or under a modal form), at once; out of view, it only marks
itself stale and reloads when shown again. Returning to a screen also reloads it when
the file changed since it was drawn (``data_stamp``: another instance's writes, or any
write nobody announced), and skips the work when nothing changed.
"""

from __future__ import annotations

from typing import ClassVar

from textual.screen import Screen

from workbench.core.db import data_stamp
from workbench.screens.common.changes import DataChanged


class DataScreen(Screen):
    SHOWS: ClassVar[frozenset[str]] = frozenset()

    def __init__(self) -> None:
        super().__init__()
        self.stale = False
        self.shown_stamp: tuple[int, int] | None = None  # data_stamp() when last drawn

    def reload(self) -> None:
        """Rebuild the screen from the database (subclasses)."""
        raise NotImplementedError

    def refresh_data(self) -> None:
        """Reload everything and remember the file's stamp as of this drawing."""
        self.stale = False
        self.shown_stamp = data_stamp(self.app.db)
        self.reload()

    def refresh_tables(self, tables: frozenset[str]) -> None:
        """Redraw what shows ``tables`` (all of it, unless a subclass knows better)."""
        self.refresh_data()

    def in_view(self) -> bool:
        """On top of its mode's stack, or under modal screens only (a form over it)."""
        stack = self.app.screen_stack
        if self not in stack:
            return False
        return all(screen.is_modal for screen in stack[stack.index(self) + 1:])

    def on_data_changed(self, message: DataChanged) -> None:
        tables = message.tables & self.SHOWS
        if not tables or self.app.db is None or self.shown_stamp is None:
            return  # not ours, or not drawn yet (the first load reads everything)
        if not self.in_view():
            self.stale = True
        elif data_stamp(self.app.db) != self.shown_stamp:
            self.refresh_tables(tables)

    def on_screen_resume(self) -> None:
        db = self.app.db
        if db is not None and self.shown_stamp is not None and (
                self.stale or data_stamp(db) != self.shown_stamp):
            self.refresh_data()
