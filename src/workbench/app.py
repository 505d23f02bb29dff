"""WorkbenchApp: the modes, the global keys, the command palette and the database handle.

The database is opened in a worker thread right after the first paint (importing
sqlite-utils and migrating cost more than painting); screens ask for their data with
``app.when_ready(callback)``, which runs at once when the file is already open. A write
anywhere announces its tables (``DataChanged``, posted to the app); the app hands a copy
to every screen of every mode, and each decides whether that concerns it.

No traceback reaches the user: an action that fails in a way the user can act on (the
file busy past the busy timeout, a full disk, bad input) is a notification and the app
carries on; a bug stops the app with one translated line on stderr, exit code 1 and the
details in the crash log with customer data masked (``core.failures``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.binding import Binding

from workbench.core.config import Config
from workbench.core.errors import WorkbenchError
from workbench.core.i18n import set_language, t
from workbench.screens.common.changes import DataChanged
from workbench.screens.common.collector import EVERY_SECONDS, IdleCollector
from workbench.screens.common.data_screen import DataScreen, ReadAhead
from workbench.screens.common.failures import notify_failure
from workbench.screens.common.key_order import KeysInTurn
from workbench.screens.common.keys import translate_bindings

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from sqlite_utils import Database

    from workbench.core.db import ReadConnections

# How long the toast of a file opened writable but not proven stays (the header keeps
# saying so): long enough to read what to run, not over the forms all morning.
UNPROVEN_TOAST_SECONDS = 30

# How often the app looks for writes another program made to its file (a command-line
# import beside it): the screen in view shows them within this many seconds.
OUTSIDE_WRITES_SECONDS = 2.0

# Screens and forms imported on first use (the first paint does not wait for them);
# the warm-up imports them once the first data is on screen, so no key does.
WARM_UP = ("workbench.screens.plan.forms", "workbench.screens.roster.roster",
           "workbench.screens.roster.card", "workbench.screens.roster.visit_actions",
           "workbench.screens.register.register", "workbench.screens.register.sign_off",
           "workbench.screens.register.forms", "workbench.screens.register.originals",
           "workbench.screens.assessment.assessment", "workbench.screens.assessment.forms",
           "workbench.screens.review.week", "workbench.screens.roster.palette",
           "workbench.screens.register.palette", "workbench.screens.assessment.palette",
           "workbench.screens.plan.palette", "workbench.screens.customers.customers",
           "workbench.screens.customers.card", "workbench.screens.customers.palette")


# The screens and the palette's providers are imported when first shown (the default
# mode's right after the first frame): the first paint pays for Textual only, not for
# the domain modules every screen imports (bench/README, "first paint").
def _plan_screen():
    from workbench.screens.plan.plan import PlanScreen

    return PlanScreen()


def _outlets_screen():
    from workbench.screens.roster.roster import OutletsScreen

    return OutletsScreen()


def _deliveries_screen():
    from workbench.screens.register.register import DeliveriesScreen

    return DeliveriesScreen()


def _self_screen():
    from workbench.screens.assessment.assessment import AssessmentScreen

    return AssessmentScreen()


def _week_screen():
    from workbench.screens.review.week import WeekScreen

    return WeekScreen()


def _customers_screen():
    from workbench.screens.customers.customers import CustomersScreen

    return CustomersScreen()


def _customer_commands():
    from workbench.screens.customers.palette import CustomerCommands

    return CustomerCommands


def _system_commands():
    from workbench.screens.common.palette import SystemCommands

    return SystemCommands


def _outlet_commands():
    from workbench.screens.roster.palette import OutletCommands

    return OutletCommands


def _delivery_commands():
    from workbench.screens.register.palette import DeliveryCommands

    return DeliveryCommands


def _self_commands():
    from workbench.screens.assessment.palette import SelfCommands

    return SelfCommands


def _plan_commands():
    from workbench.screens.plan.palette import PlanCommands

    return PlanCommands


def _fieldwork_commands():
    from workbench.screens.fieldwork.palette import FieldworkCommands

    return FieldworkCommands


def _target_commands():
    from workbench.screens.targets.palette import TargetCommands

    return TargetCommands


class WorkbenchApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "Workbench"
    # Only modes that work are registered; later capabilities add theirs here.
    MODES = {"plan": _plan_screen, "outlets": _outlets_screen,
             "deliveries": _deliveries_screen, "self": _self_screen, "week": _week_screen,
             "customers": _customers_screen}
    DEFAULT_MODE = "plan"
    # Screens (forms too) get -short under 32 rows: app.tcss compacts them for 80x24.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    # Textual's system commands through our provider (translated, found by aliases).
    COMMANDS = {_system_commands, _outlet_commands, _delivery_commands, _self_commands,
                _plan_commands, _customer_commands, _fieldwork_commands,
                _target_commands}  # the last: campaigns and the profile settings
    # The footer shows the six mode keys as one group ("123456 切换"; each key's name in
    # its tooltip and in the help panel): named one by one they took half of a 120-column
    # footer and pushed the screen's own keys out of it.
    MODE_KEYS = Binding.Group("key.modes", compact=True)
    BINDINGS = [
        Binding("1,p", "switch_mode('plan')", "key.mode_plan", id="mode_plan", group=MODE_KEYS),
        Binding("2,o", "switch_mode('outlets')", "key.mode_outlets", id="mode_outlets",
                group=MODE_KEYS),
        Binding("3,d", "switch_mode('deliveries')", "key.mode_deliveries", id="mode_deliveries",
                group=MODE_KEYS),
        Binding("4,s", "switch_mode('self')", "key.mode_self", id="mode_self", group=MODE_KEYS),
        Binding("5,w", "switch_mode('week')", "key.mode_week", id="mode_week", group=MODE_KEYS),
        # 6 and j: c is the plan's and the roster's check-out, k the register's stock
        # and the self screen's skip; j is the one letter no screen binds.
        Binding("6,j", "switch_mode('customers')", "key.mode_customers", id="mode_customers",
                group=MODE_KEYS),
        Binding("g,ctrl+g", "sign_off", "key.sign_off", id="sign_off"),
        Binding("question_mark", "toggle_help", "key.help", id="help"),
        Binding("q", "quit", "key.quit", id="quit"),
        # Declared here, not left to Textual, so its footer label and tooltip are ours.
        Binding("ctrl+p", "command_palette", "key.palette", show=False, priority=True,
                tooltip="key.palette_tooltip", id="palette"),
    ]

    def __init__(self, db_path: str | Path | None, config: Config | None = None,
                 today: date | None = None, language: str | None = None,
                 daily_backup: bool = True, config_path: Path | None = None) -> None:
        self.config = config or Config()
        self.config_path = config_path  # where the first-run guide saves the manager
        set_language(language or self.config.language)
        super().__init__()
        translate_bindings(self)
        self.db_path = db_path
        self.daily_backup = daily_backup
        self.today = today or date.today()
        self.db: Database | None = None
        self.readers: ReadConnections | None = None  # the screens' loads read on these
        self.outside_version = 0  # PRAGMA data_version when other programs' writes were seen
        self._waiting: list[Callable[[], Any]] = []
        self.error: str | None = None
        self.collector = IdleCollector()
        # Typed keys one at a time, each after the one before has acted (key_order).
        self.keys_in_turn = KeysInTurn(self, super().on_event)
        self.writable = True  # False: the file opened read-only (self.banner says why)
        self.backup_done = False  # the day's copy made (or not needed, or failed: warned)
        self.banner: str | None = None

    # --- the database ----------------------------------------------------------

    def on_mount(self) -> None:
        self.title = t("app.title")
        self.show_manager()
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
        if opened.warnings:
            self.call_from_thread(self._warn, opened.warnings, opened.writable)
        # The file SQLite opened (absolute, user folder expanded): the readers open it too.
        self.call_from_thread(self._opened, db, file_of(db))
        if self.daily_backup and opened.writable:
            self._backup(path)
        self.backup_done = True

    def _backup(self, path: Path) -> None:
        """The first open of each day leaves a copy; a failure warns but never blocks work.

        It is copied from a reader's snapshot while the first screen loads beside it (a
        heavy user's file takes half a second to copy): the copy is the file as it was
        when the snapshot began, whatever is written meanwhile, and its head is read in
        the same snapshot.
        """
        from workbench.core.backup import daily_backup, daily_target
        from workbench.register.witness import head_line

        backup = self.config.backup
        try:
            if daily_target(path, self.today, backup.folder).exists():
                return  # not the day's first open: no snapshot, no head (it counts the ledger)
            with self.readers.snapshot() as snapshot:
                daily_backup(snapshot, path, self.today, backup.keep, backup.folder,
                             head=head_line(snapshot))
        except (OSError, sqlite3.Error, WorkbenchError) as exc:
            self.call_from_thread(self.notify, t("backup.daily_failed", error=str(exc)),
                                  severity="warning", timeout=10)
        except RuntimeError:
            pass  # the app quit and closed its readers first: the next open copies

    def _opened(self, db: Database, path: Path) -> None:
        from workbench.core.db import ReadConnections

        self.readers = ReadConnections(path)
        self.db = db
        waiting, self._waiting = self._waiting, []
        for callback in waiting:
            callback()
        self.call_after_refresh(self._warm_up_when_shown)

    def _warm_up_when_shown(self) -> None:
        """Once the first screen shows its data, load what the first keys would need."""
        if self.loads_pending():
            self.set_timer(0.05, self._warm_up_when_shown)
        else:
            self.run_worker(self._warm_up, thread=True, name="warm-up")

    def _warm_up(self) -> None:
        import importlib

        # Not pypinyin: ~57 MB for its dictionaries, needed only to write a new name's
        # initials (filters, pickers and sorting read the stored ones).
        for module in WARM_UP:
            importlib.import_module(module)
        # The file opened without sqlite-utils (``core.db.LazyDatabase``); the first
        # write needs it.
        from workbench.core.db import prepare_writes

        prepare_writes()
        self.call_from_thread(self._collect_when_idle)

    def _collect_when_idle(self) -> None:
        self.collector.start()
        self.set_interval(EVERY_SECONDS, self.collector.tick, name="idle-collector")
        self.outside_version = self.db.execute("PRAGMA data_version").fetchone()[0]
        self.set_interval(OUTSIDE_WRITES_SECONDS, self._notice_outside_writes,
                          name="outside-writes")

    def _notice_outside_writes(self) -> None:
        """Another program wrote to the file (``workbench import`` beside the app, a second
        instance): the screens in view catch up now, not when next shown. One PRAGMA on
        the writing connection, which counts other connections' commits only."""
        if self.db is None:
            return
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        if version == self.outside_version:
            return
        self.outside_version = version
        for screen in self.screen_stack:
            if isinstance(screen, DataScreen) and screen.in_view():
                screen.catch_up()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)):
            self.collector.touched()
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            await self.keys_in_turn.arrived(event)  # in the order typed (key_order)
            return
        await super().on_event(event)

    def _warn(self, warnings: list[str], writable: bool) -> None:
        """The banner: what is wrong with the file, in the header until the user closes
        the app."""
        self.writable = writable
        head = t("trust.read_only") if not writable else t("trust.unproven")
        self.banner = f"{head}: {warnings[0]}"
        self.show_manager()
        # Read-only stays in a toast until the app closes; an unproven file that works
        # as usual says so in the header all day, and its toast (what to run) goes after
        # a while: it covered the lower fields of every form at the counter.
        self.notify("\n".join([self.banner, *warnings[1:3]]),
                    severity="error" if not writable else "warning",
                    timeout=24 * 3600 if not writable else UNPROVEN_TOAST_SECONDS)

    def show_manager(self) -> None:
        """The header's line: the working day, the manager (as the config names them now:
        the first-run guide sets the name) and whether the file opened read-only."""
        manager = self.config.manager.name or t("app.manager_unnamed")
        weekday = t(f"weekday.{self.today.weekday()}")
        line = f"{self.today.isoformat()} {weekday} · {manager}"
        if not self.writable:
            line += f" · {t('trust.read_only')}"
        elif self.banner is not None:
            line += f" · {t('trust.unproven')}"
        self.sub_title = line

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
        """The clock on the working day (``core.clock.working_now``)."""
        from workbench.core.clock import working_now

        return working_now(self.today, datetime.now())

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

    def catch_ups_pending(self) -> bool:
        """Some screen out of view waits for a pause to redraw what a write changed."""
        return any(isinstance(screen, DataScreen) and screen.catch_up_pending
                   for mode in self.MODES for screen in self.open_stack(mode))

    def open_stack(self, mode: str) -> list[Any]:
        """The screens of ``mode``, bottom first; none for a mode never opened."""
        try:
            return list(self.get_screen_stack(mode))
        except KeyError:
            return []

    # --- navigation --------------------------------------------------------------

    def open_outlet(self, outlet_id: int, read_ahead: ReadAhead | None = None) -> None:
        """Show an outlet's resource card from anywhere (the palette uses this)."""
        from workbench.screens.roster.card import OutletCardScreen

        self.switch_mode("outlets")
        self.push_screen(OutletCardScreen(outlet_id, read_ahead))

    def action_sign_off(self) -> None:
        """签收: sign for deliveries at the counter, from any screen."""
        from workbench.screens.register.sign_off import open_sign_off

        open_sign_off(self)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Textual's widgets carry English key descriptions; the help panel lists the
        # focused one's and its containers' (a form's scrolling box, a select's list):
        # each translated once, when the focus first comes into it.
        for node in event.widget.ancestors_with_self:
            if node is self or getattr(node, "keys_translated", False):
                continue
            translate_bindings(node)
            node.keys_translated = True

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        from workbench.screens.common.palette import Palette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(Palette())

    def get_system_commands(self, screen: Any) -> Any:
        from workbench.screens.common.palette import translated

        yield from translated(super().get_system_commands(screen))

    def action_toggle_help(self) -> None:
        # Imported here: the help panel pulls in the Markdown widget (~0.1 s at start-up).
        from textual.widgets import HelpPanel

        if self.screen.query(HelpPanel):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    # --- failures ------------------------------------------------------------------

    async def run_action(self, action: Any, default_namespace: Any = None,
                         namespaces: Any = None) -> bool:
        """Every key binding runs here: a failure the user can act on is a notification
        (its transaction rolled back, nothing saved) instead of the end of the app."""
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except Exception as error:
            if not notify_failure(self, error):
                raise
            return True

    def _handle_exception(self, error: Exception) -> None:
        # Textual's handler for an uncaught error (a bug): it would print a traceback with
        # the local variables (customer data) and run() would still return 0. One line
        # instead, and the masked details in the crash log; return code 1.
        from workbench.core.failures import line_for

        if self.error is None:
            self.error = line_for(error, self.db_path, where="app")
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        # Called by Textual's handler to print the traceback: the line above says it all.
        self.bell()
        self._close_messages_no_wait()

    def on_unmount(self) -> None:
        self.collector.stop()
        if self.readers is not None:
            self.readers.close()
        if self.db is not None:
            self.db.close()
