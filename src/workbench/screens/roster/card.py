"""An outlet's resource card (网点资源卡): every field, its staff and its visit history."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Header, Static

from workbench.core.i18n import columns, pad, t
from workbench.plan.visit_notes import visit_rule_notes
from workbench.roster import staff as roster_staff
from workbench.screens.common.changes import FIELDWORK, ROSTER, TARGETS, announce
from workbench.screens.common.data_screen import DataScreen, ReadAhead
from workbench.screens.common.footer import Footer
from workbench.screens.common.form import FormScreen
from workbench.screens.common.kept_cells import KeptCellsTable
from workbench.screens.common.keys import translate_bindings
from workbench.screens.common.tables import PendingRows, cursor_id, replace_rows
from workbench.screens.roster import targets as roster_targets
from workbench.screens.roster import visit_actions
from workbench.screens.roster.card_data import CardData, card_data, last_trained_line
from workbench.screens.roster.forms import staff_fields
from workbench.screens.roster.roster import due_text, edit_outlet, fmt_number

if TYPE_CHECKING:
    from sqlite_utils import Database


def referral_lines(found) -> list[tuple[str, str]]:
    """The tellers' referrals (customers.referrals) as the card's figure lines."""
    if found is None or not found.total.referred:
        return []
    total = found.total
    lines = [(t("card.referrals"), t("card.referrals_line", referred=total.referred,
                                     converted=total.converted,
                                     premium=f"{total.premium:,.0f}"))]
    if found.key:
        lines.append((t("card.key_tellers"), t("plan.list_sep").join(
            t("card.key_teller", name=r.name, converted=r.converted) for r in found.key)))
    return lines


class OutletCardScreen(DataScreen):
    SHOWS = ROSTER | FIELDWORK | TARGETS | {"customers", "customer_policies", "policies"}
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back", id="card_back"),
        # At the counter first: an 80-column footer shows the first few keys only.
        Binding("i", "check_in", "key.check_in", id="card_check_in"),
        Binding("c", "check_out", "key.check_out", id="card_check_out"),
        # The fields, the staff and the visits in turn: on a short terminal the fields
        # scroll in their half (↑↓, PgUp/PgDn once tab has put the focus there).
        Binding("tab", "app.focus_next", "key.next_part", id="card_next_part"),
        Binding("e", "edit", "key.edit_outlet", id="card_edit"),
        Binding("n", "add_staff", "key.add_staff", id="card_add_staff"),
        Binding("E", "edit_staff", "key.edit_staff", id="card_edit_staff"),
        Binding("x", "toggle_staff", "key.deactivate_staff", id="card_deactivate_staff"),
        Binding("t", "training", "key.record_training", id="card_training"),
        Binding("b", "displays", "key.check_displays", id="card_displays"),
        # r: 任务 (the outlet's targets); t is the training record.
        Binding("r", "set_target", "key.set_target", id="card_target"),
    ]

    def __init__(self, outlet_id: int, read_ahead: ReadAhead | None = None) -> None:
        super().__init__(read_ahead)
        translate_bindings(self)
        self.outlet_id = outlet_id
        self.figures: list[tuple[str, str]] = []  # (label, value); no value: a title

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="card-top"), Horizontal(id="card-boxes"):
            yield Static("", id="card-main", classes="card")
            yield Static("", id="card-figures", classes="card")
        with Vertical(id="card-lists"):
            yield Static(t("card.staff"), classes="section-title")
            yield KeptCellsTable(id="staff", cursor_type="row", zebra_stripes=True)
            yield Static(t("card.visits"), classes="section-title")
            yield KeptCellsTable(id="visits", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        staff = self.query_one("#staff", DataTable)
        for key in ("name", "role", "phone", "birthday", "notes"):
            staff.add_column(t("field.person_name" if key == "name" else f"field.{key}"),
                             key=key)
        visits = self.query_one("#visits", DataTable)
        for key in ("date", "time", "hours", "purpose", "visit_notes"):
            visits.add_column(t(f"field.{key}"), key=key)
        staff.focus()
        self.app.when_ready(self.first_load)

    def load(self, db: Database) -> CardData:
        return card_data(db, self.app, self.outlet_id)

    def show(self, data: CardData) -> None:
        app = self.app
        o, history, due = data.outlet, data.history, data.due
        self.sub_title = o.name
        dash = "—"
        main = [
            (t("field.code"), o.code), (t("field.name"), o.name), (t("field.bank"), o.bank or dash),
            (t("field.tier"), o.tier), (t("field.address"), o.address or dash),
            (t("field.phone"), o.phone or dash), (t("field.head"), o.head or dash),
            (t("field.history"), o.history or dash), (t("field.notes"), o.notes or dash),
            (t("field.updated_at"), o.updated_at),
        ]
        if not o.active:
            main.insert(0, (t("card.status"), t("roster.inactive")))
        ratio = o.deposits_ratio
        figures = [
            (t("field.deposits_time"), fmt_number(o.deposits_time) or dash),
            (t("field.deposits_demand"), fmt_number(o.deposits_demand) or dash),
            (t("card.deposits_ratio"), f"{ratio:.2f} : 1" if ratio is not None else dash),
            (t("field.traffic_daily"), fmt_number(o.traffic_daily) or dash),
            (t("field.traffic_monthly"), fmt_number(o.traffic_monthly) or dash),
            (t("field.customers_total"), fmt_number(o.customers_total) or dash),
            (t("field.enquiries"), fmt_number(o.enquiries) or dash),
            (t("field.plan_year"), fmt_number(o.plan_year) or dash),
        ]
        # First: what the outlet has done against its task is what a manager looks for.
        figures[:0] = [(t("card.targets"), ""), *roster_targets.target_lines(data.targets)]
        figures.append((t("card.next_visit"),
                        f"{due.isoformat()} ({due_text((due - app.today).days)})"))
        figures.append(last_trained_line(data.last_trained, app.today))
        figures += referral_lines(data.referrals)
        self.query_one("#card-main", Static).update(
            "\n".join(columns([[k, str(val)] for k, val in main])))
        self.figures = figures
        self.draw_figures()

        staff = PendingRows()
        for s in data.staff:
            name = s.name if s.active else f"{s.name} ({t('roster.inactive')})"
            staff.add_row(name, s.role_shown, s.phone or "",
                          s.birthday.isoformat() if s.birthday else "", s.notes or "",
                          key=str(s.id))
        replace_rows(self.query_one("#staff", DataTable), staff.rows)
        visits = PendingRows()
        for v in history:
            end = v.ended_at.strftime("%H:%M") if v.ended_at else t("card.open_visit")
            hours = f"{v.hours:.1f}" if v.hours is not None else ""
            visits.add_row(v.started_at.date().isoformat(),
                           f"{v.started_at.strftime('%H:%M')}–{end}", hours,
                           t(f"purpose.{v.purpose}"),
                           (v.notes or "") + visit_rule_notes(
                               v.clipped_from, v.started_at,
                               v.ended_at is not None and not v.clears_due),
                           key=str(v.id))
        replace_rows(self.query_one("#visits", DataTable), visits.rows)

    def on_resize(self) -> None:
        self.draw_figures()

    def draw_figures(self) -> None:
        """The figures in the box's width, never cut: aligned when they fit, else a
        value beside its label, or under it when even that is too wide."""
        box = self.query_one("#card-figures", Static)
        # Half the screen less the scrollbar, border and padding: known before the box
        # is laid out, so the first frame is already right.
        width = max(20, self.app.size.width // 2 - 6)
        valued = [(k, val) for k, val in self.figures if val]
        lines = columns([list(row) for row in valued], right={1})
        if lines and max(map(cell_len, lines)) > width:
            label = max(cell_len(k) for k, _val in valued)
            lines = [pad(k, label) + "  " + val if label + 2 + cell_len(val) <= width
                     else f"{k}  {val}" if cell_len(k) + 2 + cell_len(val) <= width
                     else f"{k}\n  {val}" for k, val in valued]
        rows = iter(lines)
        box.update("\n".join(next(rows) if val else k for k, val in self.figures))

    def _selected_staff(self) -> int | None:
        return cursor_id(self.query_one("#staff", DataTable))

    def action_edit(self) -> None:
        edit_outlet(self, self.outlet_id)

    def action_add_staff(self) -> None:
        app = self.app
        roles = list(app.config.staff.roles)

        def submit(values: dict[str, str]) -> int:
            return roster_staff.add_staff(app.db, self.outlet_id,
                                          roster_staff.StaffDraft(**values), roles, app.now())

        def after(result: object) -> None:
            if result:
                app.notify(t("staff.added"))
                announce(app, "staff")

        app.push_screen(FormScreen(t("staff.add_title"), staff_fields(roles),
                                   {"role": roles[-2] if len(roles) > 1 else roles[0]}, submit),
                        after)

    def action_edit_staff(self) -> None:
        staff_id = self._selected_staff()
        if staff_id is None:
            return
        app = self.app
        roles = list(app.config.staff.roles)
        s = roster_staff.get_staff(app.db, staff_id)

        def submit(values: dict[str, str]) -> bool:
            roster_staff.update_staff(app.db, staff_id, roster_staff.StaffDraft(**values), roles,
                                      app.now())
            return True

        def after(result: object) -> None:
            if result:
                app.notify(t("staff.saved"))
                announce(app, "staff")

        values = asdict(roster_staff.StaffDraft(name=s.name, role=s.role, phone=s.phone or "",
                                           birthday=s.birthday.isoformat() if s.birthday else "",
                                           notes=s.notes or ""))
        app.push_screen(FormScreen(t("staff.edit_title", name=s.name), staff_fields(roles),
                                   values, submit), after)

    def action_toggle_staff(self) -> None:
        staff_id = self._selected_staff()
        if staff_id is None:
            return
        s = roster_staff.get_staff(self.app.db, staff_id)
        roster_staff.set_staff_active(self.app.db, staff_id, not s.active, self.app.now())
        self.app.notify(t("staff.reactivated" if not s.active else "staff.deactivated",
                          name=s.name))
        announce(self.app, "staff")

    def action_check_in(self) -> None:
        visit_actions.check_in(self, self.outlet_id)

    def action_check_out(self) -> None:
        visit_actions.check_out(self)

    def action_training(self) -> None:
        from workbench.screens.fieldwork import actions

        actions.record_training(self.app, self.outlet_id)

    def action_displays(self) -> None:
        from workbench.screens.fieldwork import actions

        actions.check_displays(self.app, self.outlet_id)

    def action_set_target(self) -> None:
        name = self.sub_title or str(self.outlet_id)
        roster_targets.set_target(self, self.outlet_id, name)
