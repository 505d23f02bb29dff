"""The outlet roster (网点): filter as you type, sort, page, add/edit/deactivate, visits.

Each filter key, sort or change loads the matching rows in a thread worker; paging
draws another slice of the rows already loaded.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from workbench.core.db import data_stamp
from workbench.core.i18n import t
from workbench.roster import outlets, visits
from workbench.screens.common.changes import ROSTER, TARGETS, announce
from workbench.screens.common.data_screen import DataScreen, ReadAhead
from workbench.screens.common.footer import Footer
from workbench.screens.common.form import FormScreen
from workbench.screens.common.inputs import PlainInput
from workbench.screens.common.keys import translate_bindings
from workbench.screens.common.tables import FitTable, cursor_id, name_cell, replace_rows
from workbench.screens.roster import visit_actions
from workbench.screens.roster.card_data import card_data
from workbench.screens.roster.forms import outlet_fields
from workbench.screens.roster.targets import wan
from workbench.targets.progress import roster_progress, with_progress

if TYPE_CHECKING:
    from sqlite_utils import Database
    from textual.timer import Timer

# Rows per page: three screenfuls at 120x40. DataTable measures every row it holds on a
# refill, so a sort or a filter costs what a page costs (200 rows paid twice this).
PAGE_SIZE = 100


@dataclass(frozen=True)
class RosterData:
    """What one load of the roster read: every matching row, and the open visit."""

    rows: list[outlets.RosterRow]
    checked_in: tuple[str, str] | None  # outlet name, start (HH:MM)


def fmt_number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def due_text(days_left: int) -> str:
    if days_left < 0:
        return t("roster.overdue", days=-days_left)
    if days_left == 0:
        return t("roster.due_today")
    return t("roster.due_in", days=days_left)


# How long the cursor rests on an outlet before its card is read ahead (scrolling
# through the list reads nothing).
READ_AHEAD_AFTER = 0.15


class CardReadAhead(Message, bubble=False):
    """The card of the outlet under the cursor, read in a worker before Enter."""

    def __init__(self, outlet_id: int, read_ahead: ReadAhead) -> None:
        super().__init__()
        self.outlet_id = outlet_id
        self.read_ahead = read_ahead


class OutletsScreen(DataScreen):
    SHOWS = ROSTER | TARGETS | {"policies"}
    # The list has the keys from the start, while it loads too: the filter takes them
    # only after "/" ("2" then "q" quits, never types q into the filter).
    AUTO_FOCUS = "#roster"
    BINDINGS = [
        Binding("slash", "filter", "key.filter", id="roster_filter"),
        # Checked as the key arrives (a priority binding), not once the filter has posted
        # its submission: "/jsyh⏎i" read at once checks in, "i" is not typed after jsyh.
        Binding("enter", "filter_done", "key.filter_done", id="roster_filter_done",
                priority=True, show=False),
        Binding("a", "add", "key.add_outlet", id="roster_add"),
        Binding("u", "import_list", "key.import_outlets", id="roster_import", show=False),
        Binding("U", "import_staff", "key.import_staff", id="roster_import_staff", show=False),
        Binding("e", "edit", "key.edit", id="roster_edit"),
        Binding("i", "check_in", "key.check_in", id="roster_check_in"),
        Binding("c", "check_out", "key.check_out", id="roster_check_out"),
        Binding("s", "sort", "key.sort", id="roster_sort"),
        Binding("x", "toggle_active", "key.deactivate", id="roster_deactivate"),
        Binding("h", "show_inactive", "key.show_inactive", id="roster_inactive"),
        Binding("right_square_bracket", "page(1)", "key.next_page", id="roster_next_page"),
        Binding("left_square_bracket", "page(-1)", "key.prev_page", id="roster_prev_page"),
        Binding("t", "training", "key.record_training", id="roster_training", show=False),
        Binding("b", "displays", "key.check_displays", id="roster_displays", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        self.query_text = ""
        self.sort = "due"
        self.include_inactive = False
        self.page = 0
        self.rows: list[outlets.RosterRow] = []
        self.checked_in: tuple[str, str] | None = None  # the open visit: outlet, start
        self.select_after: int | None = None  # an outlet just added: the cursor goes there
        self.card_ahead: dict[int, ReadAhead] = {}  # the card under the cursor, read ahead
        self.ahead_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield PlainInput(placeholder=t("roster.filter_placeholder"), id="filter")
        # Names give up width first, in their middle: 中国建设…丰台分理处 keeps the bank and
        # the end that tells two outlets apart. On a narrow terminal the bank (in most
        # names already) folds away, then the year target (its completion stays).
        yield FitTable(id="roster", cursor_type="row", zebra_stripes=True,
                       flexible={"name": 18}, optional=("bank", "target"))
        yield Static("", id="roster-status", classes="status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in ("code", "name", "bank", "tier", "last_visit", "due", "staff"):
            table.add_column(t(f"roster.col.{key}"), key=key)
        # This year's target (万元) and its completion, computed from the policies.
        table.add_column(t("roster.col.year_target"), key="target")
        table.add_column(t("roster.col.completion"), key="achieved")
        self.app.when_ready(self.refresh_data)

    # --- data ----------------------------------------------------------------

    def load(self, db: Database) -> RosterData:
        app = self.app
        rows = outlets.roster(db, app.today, app.config.visits.cadence_days,
                              query=self.query_text, include_inactive=self.include_inactive,
                              sort=self.sort)
        # The same for every filter key and sort: computed again only after a write.
        year = self.kept("year_progress", lambda: roster_progress(db, app.today))
        rows = with_progress(rows, year, self.sort)
        visit = visits.open_visit(db)
        checked_in = None
        if visit is not None:
            checked_in = (outlets.get_outlet(db, visit.outlet_id).name,
                          visit.started_at.strftime("%H:%M"))
        return RosterData(rows, checked_in)

    EMPTY_HINT = "empty.roster"

    def is_empty(self, data: RosterData) -> bool:
        return not data.rows and not self.query_text  # a filter that matches none is not

    def action_import_list(self) -> None:
        from workbench.screens.onboarding.import_outlets import ImportOutletsScreen

        self.app.push_screen(ImportOutletsScreen())

    def action_import_staff(self) -> None:
        from workbench.screens.roster.import_staff import ImportStaffScreen

        self.app.push_screen(ImportStaffScreen())

    def show(self, data: RosterData) -> None:
        self.rows = data.rows
        self.checked_in = data.checked_in
        pages = max(1, -(-len(self.rows) // PAGE_SIZE))
        self.page = min(self.page, pages - 1)
        self._fill()
        if self.select_after is not None and str(self.select_after) in self.table.rows:
            self.table.move_cursor(row=self.table.get_row_index(str(self.select_after)))
            self.select_after = None
        if self.in_view():  # out of view (caught up after a write): read ahead on return
            self.read_selected_ahead()

    @property
    def table(self) -> DataTable:
        return self.query_one(DataTable)

    def _fill(self) -> None:
        """Draw the current page of the loaded rows (paging reads nothing)."""
        table = self.table
        selected = self.selected_id()
        start = self.page * PAGE_SIZE
        page = self.rows[start:start + PAGE_SIZE]
        cells = []
        for r in page:
            name = r.name if r.active else f"{r.name} ({t('roster.inactive')})"
            due = due_text(r.days_left)
            if r.days_left < 0:
                due = f"[b red]{due}[/]"
            elif r.days_left == 0:
                due = f"[b yellow]{due}[/]"
            cells.append((r.code, name_cell(name), r.bank or "", r.tier,
                          r.last_visit.isoformat() if r.last_visit else t("roster.never"),
                          due, str(r.staff_count), wan(r.target) if r.target else "",
                          f"{(r.achieved or 0) / r.target:.0%}" if r.target else ""))
        replace_rows(table, [(str(r.id), row) for r, row in zip(page, cells, strict=True)])
        if selected is not None and str(selected) in table.rows:
            table.move_cursor(row=table.get_row_index(str(selected)))
        pages = max(1, -(-len(self.rows) // PAGE_SIZE))
        status = t("roster.status", count=len(self.rows), page=self.page + 1, pages=pages,
                   sort=t(f"roster.sort.{self.sort}"))
        if self.checked_in is not None:
            where, start_time = self.checked_in
            status += "  " + t("roster.checked_in_at", name=where, start=start_time)
        self.query_one("#roster-status", Static).update(status)

    def selected_id(self) -> int | None:
        return cursor_id(self.query_one(DataTable))

    # --- actions ----------------------------------------------------------------

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.page = 0
        if self.app.db is not None:
            self.refresh_data()

    @on(DataTable.RowSelected, "#roster")
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            outlet_id = int(event.row_key.value)
            ahead = self.card_ahead.get(outlet_id)
            self.app.open_outlet(outlet_id, ahead)

    # --- the card under the cursor, read ahead: Enter shows it in one frame -----------

    @on(DataTable.RowHighlighted, "#roster")
    def _rested(self, event: DataTable.RowHighlighted) -> None:
        self.read_ahead_soon(event.row_key.value)

    def read_ahead_soon(self, key: str | None) -> None:
        """Read the card of row ``key`` once the cursor has rested there a moment; also
        after a reload or a return, as any write makes the card read before stale."""
        if self.ahead_timer is not None:
            self.ahead_timer.stop()
        if key is not None and self.app.db is not None:
            self.ahead_timer = self.set_timer(
                READ_AHEAD_AFTER, partial(self.read_card_ahead, int(key)))

    def read_selected_ahead(self) -> None:
        """Read ahead the card of the row under the cursor (after a reload or a return)."""
        selected = self.selected_id()
        self.read_ahead_soon(None if selected is None else str(selected))

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.read_selected_ahead()

    def read_card_ahead(self, outlet_id: int) -> None:
        stamp = data_stamp(self.app.db)  # before the read: a write after it makes it stale
        ahead = self.card_ahead.get(outlet_id)
        if ahead is None or ahead.stamp != stamp:
            self.run_read_ahead(outlet_id, stamp, self.app)

    @work(thread=True, exclusive=True, group="read-ahead", exit_on_error=False)
    def run_read_ahead(self, outlet_id: int, stamp: tuple[int, int], app: Any) -> None:
        try:
            with app.read_db() as db:
                data = card_data(db, app, outlet_id)
        except Exception:  # noqa: BLE001 - not read ahead, then: the card reads it itself
            return
        self.post_message(CardReadAhead(outlet_id, ReadAhead(stamp, data)))

    def on_card_read_ahead(self, message: CardReadAhead) -> None:
        self.card_ahead = {message.outlet_id: message.read_ahead}  # one card kept

    def action_filter_done(self) -> None:
        if self.focused is not self.query_one("#filter", Input):
            raise SkipAction  # Enter on the list: it opens the outlet's card
        self.set_focus(self.table)

    def action_filter(self) -> None:
        # Focus now, not on the next cycle (Widget.focus): a fast typist's "/jsyh" must
        # land in the filter, not trigger the s (sort) key.
        self.set_focus(self.query_one("#filter", Input))

    def action_sort(self) -> None:
        sorts = outlets.ROSTER_SORTS
        self.sort = sorts[(sorts.index(self.sort) + 1) % len(sorts)]
        self.refresh_data()

    def action_page(self, step: int) -> None:
        pages = max(1, -(-len(self.rows) // PAGE_SIZE))
        self.page = max(0, min(pages - 1, self.page + step))
        self._fill()

    def action_show_inactive(self) -> None:
        self.include_inactive = not self.include_inactive
        self.refresh_data()

    def action_add(self) -> None:
        app = self.app
        tiers = list(app.config.visits.cadence_days)

        def submit(values: dict[str, str]) -> int:
            return outlets.add_outlet(app.db, outlets.OutletDraft(**values), tiers, app.now())

        def after(result: object) -> None:
            if result:
                app.notify(t("outlet.added"))
                announce(app, "outlets")
                # Now rather than on the announcement: the cursor goes to the new row.
                self.select_after = int(result)
                self.refresh_data()

        initial = {"tier": tiers[min(2, len(tiers) - 1)] if tiers else ""}
        app.push_screen(FormScreen(t("outlet.add_title"), outlet_fields(tiers), initial, submit),
                        after)

    def action_edit(self) -> None:
        outlet_id = self.selected_id()
        if outlet_id is not None:
            edit_outlet(self, outlet_id)

    def action_toggle_active(self) -> None:
        outlet_id = self.selected_id()
        if outlet_id is None:
            return
        outlet = outlets.get_outlet(self.app.db, outlet_id)
        outlets.set_outlet_active(self.app.db, outlet_id, not outlet.active, self.app.now())
        key = "outlet.reactivated" if not outlet.active else "outlet.deactivated"
        self.app.notify(t(key, name=outlet.name))
        announce(self.app, "outlets")

    def action_check_in(self) -> None:
        outlet_id = self.selected_id()
        if outlet_id is not None:
            visit_actions.check_in(self, outlet_id)

    def action_check_out(self) -> None:
        visit_actions.check_out(self)

    def action_training(self) -> None:
        from workbench.screens.fieldwork import actions

        outlet_id = self.selected_id()
        if outlet_id is not None:
            actions.record_training(self.app, outlet_id)

    def action_displays(self) -> None:
        from workbench.screens.fieldwork import actions

        outlet_id = self.selected_id()
        if outlet_id is not None:
            actions.check_displays(self.app, outlet_id)


def edit_outlet(screen: Screen, outlet_id: int) -> None:
    """Open the outlet form on an existing card; shared by the roster and the card."""
    app = screen.app
    tiers = list(app.config.visits.cadence_days)
    outlet = outlets.get_outlet(app.db, outlet_id)

    def submit(values: dict[str, str]) -> bool:
        outlets.update_outlet(app.db, outlet_id, outlets.OutletDraft(**values), tiers, app.now())
        return True

    def after(result: object) -> None:
        if result:
            app.notify(t("outlet.saved", name=values_name(outlet_id)))
            announce(app, "outlets")

    def values_name(oid: int) -> str:
        return outlets.get_outlet(app.db, oid).name

    app.push_screen(FormScreen(t("outlet.edit_title", name=outlet.name), outlet_fields(tiers),
                               asdict(outlets.OutletDraft.from_outlet(outlet)), submit), after)
