"""DataScreen: a screen that shows rows of some tables and keeps them current.

A subclass names the tables it shows in ``SHOWS`` and splits its refresh in two:
``load(db)`` runs in a thread worker on a read-only connection (domain calls only,
returning a plain value) and ``show(data)`` puts that value into the widgets on the UI
thread. ``reload()`` starts a load; the screen keeps its previous data until the new
one arrives, and a load overtaken by a newer one is never shown (the newest request
wins, whatever order the threads finish in). A load that fails reaches the user as one
translated line, never a traceback.

The base decides when to reload: on a ``DataChanged`` naming one of those tables while
the screen is in view (alone or under a modal form), at once — only what shows those
tables (``refresh_tables``); out of view, it remembers the tables and catches up once
the user has pressed no key for ``IDLE_CATCH_UP_SECONDS`` (reading what the write
showed), or when shown again if that comes first: a switch back then draws the new data
once, instead of the old data and then the new. Returning to a screen also reloads it
all when the file changed in a way nobody announced (``data_stamp``: another
instance's writes), and skips the work when nothing changed.

A form that saves and closes uncovers its screen before the announcement reaches it
(the message goes through the app); ``announce`` therefore tells the uncovered screens
first (``expect_changes``), so that the return redraws the changed part only, not the
whole screen as for a write nobody announced.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from time import monotonic
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import events, on, work
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from workbench.core.db import data_stamp
from workbench.core.i18n import t
from workbench.screens.common.changes import DataChanged
from workbench.screens.common.restyle import StyledUnder, restyle_only_if_changed
from workbench.screens.common.sizing import born_sized

if TYPE_CHECKING:
    from sqlite_utils import Database
    from textual.timer import Timer


T = TypeVar("T")


class Loaded(Message, bubble=False):
    """A load finished in its worker: its data, or the line that says why it failed."""

    def __init__(self, generation: int, data: Any = None, error: str | None = None) -> None:
        super().__init__()
        self.generation = generation
        self.data = data
        self.error = error


@dataclass(frozen=True)
class ReadAhead:
    """What a screen's ``load`` returned, read before it was opened, and the file's
    ``data_stamp`` taken before that read (so any later write makes it stale)."""

    stamp: tuple[int, int]
    data: Any


class DataScreen(Screen):
    SHOWS: ClassVar[frozenset[str]] = frozenset()
    # The empty state: the message key of the line that says what to do next, shown at
    # the top while ``is_empty(data)`` (a first morning must not meet bare zeros).
    EMPTY_HINT: ClassVar[str] = ""
    DEFAULT_CSS = """
    DataScreen .empty-hint { height: auto; padding: 0 1; color: $warning; text-style: bold; }
    """
    # Out of view, announced changes are caught up after this long without a key.
    IDLE_CATCH_UP_SECONDS: ClassVar[float] = 0.6

    def __init__(self, read_ahead: ReadAhead | None = None) -> None:
        super().__init__()
        born_sized(self)
        self.read_ahead = read_ahead
        self.unshown: frozenset[str] = frozenset()  # announced, not yet redrawn
        self.announced = False  # a write was announced since the stamp was taken
        self.shown_stamp: tuple[int, int] | None = None  # data_stamp() when last requested
        self.requested = 0  # the newest load asked for; only its result is shown
        self.shown = 0  # the load whose data the screen shows (0: none yet)
        self.idle_timer: Timer | None = None  # out of view: the catch-up once idle
        self.styled_under: StyledUnder | None = None  # for a return without a restyle
        self.load_thread = threading.local()  # per load's thread: the stamp it was asked at
        self.kept_lock = threading.Lock()
        self.kept_values: dict[str, tuple[tuple[int, int], Any]] = {}  # see ``kept``

    # --- what subclasses write ------------------------------------------------------

    def load(self, db: Database) -> Any:
        """Read what the screen shows (worker thread: domain calls only, no widgets)."""
        raise NotImplementedError

    def show(self, data: Any) -> None:
        """Put ``data`` from ``load`` into the widgets (UI thread, no SQL)."""
        raise NotImplementedError

    def is_empty(self, data: Any) -> bool:
        """Whether ``data`` leaves the screen with nothing to show (its ``EMPTY_HINT``)."""
        return False

    # --- loading ----------------------------------------------------------------------

    @property
    def data_pending(self) -> bool:
        """A load was asked for and its data is not on the screen yet.

        Not ``loading``: that is Textual's own reactive (a spinner over the widget).
        """
        return self.shown != self.requested

    def reload(self) -> None:
        """Load in a thread worker; ``show`` the data when it arrives (if still the newest)."""
        self.requested += 1
        self.run_load(self.requested, self.app, data_stamp(self.app.db))

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def run_load(self, generation: int, app: Any, stamp: tuple[int, int]) -> None:
        """The worker: ``load`` on the app's read connection, the outcome posted back.

        Exclusive per screen, so a newer load cancels this worker; the thread still runs
        to its end, and ``on_loaded`` drops what it posts. ``stamp`` is the file's
        ``data_stamp`` when the load was asked for (``kept`` keys on it).
        """
        self.load_thread.stamp = stamp
        try:
            with app.read_db() as db:
                data = self.load(db)
        except Exception as exc:  # noqa: BLE001 - one line for the user, never a traceback
            if generation == self.requested:  # an overtaken load's failure is nobody's
                self.post_message(Loaded(generation, error=str(exc) or type(exc).__name__))
            return
        self.post_message(Loaded(generation, data))

    def kept(self, name: str, compute: Callable[[], T]) -> T:
        """From ``load``: ``compute()``, or its value from an earlier load when the file
        has not changed since (a filter key or a sort reads the same derived figures).

        Keyed on the stamp taken when the load was asked for, before its read began: the
        value kept is of the file at that stamp or later, and a later stamp means a
        write, so a value is never reused across one.
        """
        stamp = self.load_thread.stamp
        with self.kept_lock:
            held = self.kept_values.get(name)
        if held is not None and held[0] == stamp:
            return held[1]
        value = compute()
        with self.kept_lock:
            self.kept_values[name] = (stamp, value)
        return value

    def on_loaded(self, message: Loaded) -> None:
        message.stop()
        if message.generation != self.requested:
            return  # a newer load is under way: its data, not this, goes on screen
        if not self.is_attached:
            return  # the app is closing ("2" then "q"): nothing to show, nothing to mount
        self.shown = message.generation
        if message.error is not None:
            self.app.notify(t("data.load_failed", error=message.error), severity="error")
            return
        self.show(message.data)
        self.show_empty_hint(bool(self.EMPTY_HINT) and self.is_empty(message.data))

    def show_empty_hint(self, empty: bool) -> None:
        """The empty state's line at the top of the screen, while there is nothing else."""
        found = self.query("#empty-hint")
        if found:
            found.first().display = empty
        elif empty:
            self.mount(Static(t(self.EMPTY_HINT), id="empty-hint", classes="empty-hint"),
                       before=0)

    # --- when to load -------------------------------------------------------------------

    def first_load(self) -> None:
        """Show the data read ahead if nothing was written since; otherwise load it.

        Data read ahead (a card while the cursor rested on its row) goes on screen in
        the same frame as the screen itself: one layout and one render, not two.
        """
        ahead, self.read_ahead = self.read_ahead, None
        if not self.show_read_ahead(ahead):
            self.refresh_data()

    def show_read_ahead(self, ahead: ReadAhead | None) -> bool:
        """Show ``ahead`` at once if nothing was written since it was read (a load under
        way is overtaken); False if there is nothing current to show."""
        db = self.app.db
        if ahead is None or db is None or ahead.stamp != data_stamp(db):
            return False
        self.requested += 1
        self.shown = self.requested
        self.unshown, self.announced = frozenset(), False
        self.shown_stamp = ahead.stamp
        self.show(ahead.data)
        self.show_empty_hint(bool(self.EMPTY_HINT) and self.is_empty(ahead.data))
        return True

    def refresh_data(self) -> None:
        """Reload everything and remember the file's stamp as of this request."""
        self.unshown, self.announced = frozenset(), False
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

    def expect_changes(self, tables: frozenset[str]) -> None:
        """A write announced ``tables`` (heard here once or twice: see ``catch_up``)."""
        self.announced = True
        self.unshown = self.unshown | (tables & self.SHOWS)

    def catch_up(self) -> None:
        """Redraw the parts whose tables were announced; all of it after a write nobody
        announced (another instance's, or one here that forgot to); nothing when the
        file did not change since the screen last asked for its data (an announcement
        heard twice: before the form closed, and again as the app's message)."""
        db = self.app.db
        if db is None or self.shown_stamp is None:
            return  # not drawn yet: the first load reads everything
        stamp = data_stamp(db)
        if stamp[0] != self.shown_stamp[0] or (stamp != self.shown_stamp
                                               and not self.announced):
            self.refresh_data()
            return
        tables = self.unshown if stamp != self.shown_stamp else frozenset()
        self.shown_stamp, self.announced, self.unshown = stamp, False, frozenset()
        if tables:
            self.refresh_tables(tables)

    def on_data_changed(self, message: DataChanged) -> None:
        self.expect_changes(message.tables)
        if not self.unshown:
            return
        if self.in_view():
            self.catch_up()
        else:
            self.catch_up_when_idle(self.IDLE_CATCH_UP_SECONDS)

    @property
    def catch_up_pending(self) -> bool:
        """Out of view, changes wait for the user to pause (the benchmark waits too)."""
        return self.idle_timer is not None

    def catch_up_when_idle(self, delay: float) -> None:
        if self.idle_timer is not None:
            self.idle_timer.stop()
        # Textual's timer cannot be set for no time at all.
        self.idle_timer = self.set_timer(max(delay, 0.01), self._catch_up_if_idle)

    def _catch_up_if_idle(self) -> None:
        self.idle_timer = None
        if not self.unshown or self.in_view():
            return  # shown meanwhile: the resume caught up
        quiet = monotonic() - self.app.collector.last_input
        if quiet < self.IDLE_CATCH_UP_SECONDS:  # keys still coming: wait for a pause
            self.catch_up_when_idle(self.IDLE_CATCH_UP_SECONDS - quiet)
            return
        self.catch_up()

    @on(events.ScreenResume)
    def keep_styles(self, event: events.ScreenResume) -> None:
        """Before Textual's own handler: skip its restyle when nothing styling us changed."""
        self.styled_under = restyle_only_if_changed(self, event, self.styled_under)

    def on_screen_resume(self) -> None:
        if self.idle_timer is not None:
            self.idle_timer.stop()
            self.idle_timer = None
        self.catch_up()
