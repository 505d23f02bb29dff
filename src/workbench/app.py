"""WorkbenchApp: the modes, the global keys, the command palette and the database handle.

The database is opened in a worker thread right after the first paint (importing
sqlite-utils and migrating cost more than painting); screens ask for their data with
``app.when_ready(callback)``, which runs at once when the file is already open. A write
anywhere announces its tables (``DataChanged``, posted to the app); the app hands a copy
to every screen of every mode, and each decides whether that concerns it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import Binding

from workbench.core.config import Config
from workbench.core.errors import WorkbenchError
from workbench.core.i18n import set_language, t
from workbench.screens.assessment.palette import SelfCommands
from workbench.screens.common.changes import DataChanged
from workbench.screens.common.data_screen import DataScreen
from workbench.screens.common.keys import translate_bindings
from workbench.screens.plan.palette import PlanCommands
from workbench.screens.plan.plan import PlanScreen
from workbench.screens.register.palette import DeliveryCommands
from workbench.screens.register.register import DeliveriesScreen
from workbench.screens.review.week import WeekScreen
from workbench.screens.roster.palette import OutletCommands
from workbench.screens.roster.roster import OutletsScreen

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from sqlite_utils import Database

    from workbench.core.db import ReadConnections


def _self_screen():
    """The self-assessment screen, imported on first use to keep the first paint fast."""
    from workbench.screens.assessment.assessment import AssessmentScreen

    return AssessmentScreen()


class WorkbenchApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "Workbench"
    # Only modes that work are registered; later capabilities add theirs here.
    MODES = {"plan": PlanScreen, "outlets": OutletsScreen, "deliveries": DeliveriesScreen,
             "self": _self_screen, "week": WeekScreen}
    DEFAULT_MODE = "plan"
    COMMANDS = App.COMMANDS | {OutletCommands, DeliveryCommands, SelfCommands, PlanCommands}
    BINDINGS = [
        Binding("1,p", "switch_mode('plan')", "key.mode_plan", id="mode_plan"),
        Binding("2,o", "switch_mode('outlets')", "key.mode_outlets", id="mode_outlets"),
        Binding("3,d", "switch_mode('deliveries')", "key.mode_deliveries", id="mode_deliveries"),
        Binding("4,s", "switch_mode('self')", "key.mode_self", id="mode_self"),
        Binding("5,w", "switch_mode('week')", "key.mode_week", id="mode_week"),
        Binding("g,ctrl+g", "sign_off", "key.sign_off", id="sign_off"),
        Binding("question_mark", "toggle_help", "key.help", id="help"),
        Binding("q", "quit", "key.quit", id="quit"),
    ]

    def __init__(self, db_path: str | Path | None, config: Config | None = None,
                 today: date | None = None, language: str | None = None,
                 daily_backup: bool = True) -> None:
        self.config = config or Config()
        set_language(language or self.config.language)
        super().__init__()
        translate_bindings(self)
        self.db_path = db_path
        self.daily_backup = daily_backup
        self.today = today or date.today()
        self.db: Database | None = None
        self.readers: ReadConnections | None = None  # the screens' loads read on these
        self._waiting: list[Callable[[], Any]] = []
        self.error: str | None = None
        self.writable = True  # False: the file opened read-only (self.banner says why)
        self.banner: str | None = None

    # --- the database ----------------------------------------------------------

    def on_mount(self) -> None:
        self.title = t("app.title")
        manager = self.config.manager.name or t("app.manager_unnamed")
        weekday = t(f"weekday.{self.today.weekday()}")
        self.sub_title = f"{self.today.isoformat()} {weekday} · {manager}"
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        # After the first frame: the worker's imports would otherwise slow the paint.
        self.call_after_refresh(self.run_worker, self._open_db, thread=True, name="open-db")

    def _open_db(self) -> None:
        from workbench.core.db import default_db_path, file_of
        from workbench.storage import open_checked

        path = Path(self.db_path) if self.db_path else default_db_path()
        try:
            opened = open_checked(path)  # with the quick look at the register's proof
        except WorkbenchError as exc:
            self.call_from_thread(self._failed, str(exc))
            return
        db = opened.db
        if self.daily_backup and opened.writable:
            self._backup(db, path)
        if opened.warnings:
            self.call_from_thread(self._warn, opened.warnings, opened.writable)
        # The file SQLite opened (absolute, user folder expanded): the readers open it too.
        self.call_from_thread(self._opened, db, file_of(db))

    def _backup(self, db: Database, path: Path) -> None:
        """The first open of each day leaves a copy; a failure warns but never blocks work."""
        from workbench.core.backup import daily_backup
        from workbench.register.witness import head_line

        try:
            daily_backup(db, path, self.today, self.config.backup.keep, self.config.backup.folder,
                         head=head_line(db))
        except (OSError, sqlite3.Error, WorkbenchError) as exc:
            self.call_from_thread(self.notify, t("backup.daily_failed", error=str(exc)),
                                  severity="warning", timeout=10)

    def _opened(self, db: Database, path: Path) -> None:
        from workbench.core.db import ReadConnections

        self.readers = ReadConnections(path)
        self.db = db
        waiting, self._waiting = self._waiting, []
        for callback in waiting:
            callback()

    def _warn(self, warnings: list[str], writable: bool) -> None:
        """The banner: what is wrong with the file, until the user closes the app."""
        self.writable = writable
        head = t("trust.read_only") if not writable else t("trust.unproven")
        self.banner = f"{head}: {warnings[0]}"
        if not writable:
            self.sub_title = f"{self.sub_title} · {t('trust.read_only')}"
        self.notify("\n".join([self.banner, *warnings[1:3]]),
                    severity="error" if not writable else "warning", timeout=24 * 3600)

    def _failed(self, message: str) -> None:
        self.error = message
        self.exit(1, message=message)

    def when_ready(self, callback: Callable[[], Any]) -> None:
        """Run ``callback`` once the database is open (now, if it already is)."""
        if self.db is not None:
            callback()
        else:
            self._waiting.append(callback)

    def read_db(self) -> AbstractContextManager[Database]:
        """The calling thread's read-only connection, in one read transaction.

        Screens load on these in worker threads; every write stays on the UI thread
        through ``self.db`` (one ``atomic()`` each, then ``announce``).
        """
        if self.readers is None:
            raise RuntimeError("the database is not open yet")
        return self.readers.snapshot()

    def now(self) -> datetime:
        """The current clock time on the working day (``--today`` back-fills keep the clock)."""
        return datetime.combine(self.today, datetime.now().time()).replace(microsecond=0)

    # --- keeping the screens current ----------------------------------------------

    def on_data_changed(self, message: DataChanged) -> None:
        """A write announced its tables: each screen of every mode hears of it."""
        for mode in self.MODES:  # a mode never opened reads everything when it is
            for screen in self.open_stack(mode):
                if isinstance(screen, DataScreen):
                    screen.post_message(DataChanged(message.tables))

    def loads_pending(self) -> bool:
        """Some screen asked for its data and is still waiting for it."""
        return any(isinstance(screen, DataScreen) and screen.data_pending
                   for mode in self.MODES for screen in self.open_stack(mode))

    def open_stack(self, mode: str) -> list[Any]:
        """The screens of ``mode``, bottom first; none for a mode never opened."""
        try:
            return list(self.get_screen_stack(mode))
        except KeyError:
            return []

    # --- navigation --------------------------------------------------------------

    def open_outlet(self, outlet_id: int) -> None:
        """Show an outlet's resource card from anywhere (the palette uses this)."""
        from workbench.screens.roster.card import OutletCardScreen

        self.switch_mode("outlets")
        self.push_screen(OutletCardScreen(outlet_id))

    def action_sign_off(self) -> None:
        """签收: sign for deliveries at the counter, from any screen."""
        from workbench.screens.register.sign_off import open_sign_off

        open_sign_off(self)

    def action_toggle_help(self) -> None:
        # Imported here: the help panel pulls in the Markdown widget (~0.1 s at start-up).
        from textual.widgets import HelpPanel

        if self.screen.query(HelpPanel):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def on_unmount(self) -> None:
        if self.readers is not None:
            self.readers.close()
        if self.db is not None:
            self.db.close()
