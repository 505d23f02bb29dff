"""The custody register mode (单证): register, due receipts and callbacks, stock, forms.

Five views: ``r`` the register (filters: ``/`` outlet, ``K`` kind,
``S`` status, ``D`` dates; paged, a few hundred lines at a time), ``u`` receipts and
callbacks due, ``k`` stock with "about to run out", ``f`` collected application forms,
``e`` end of day per outlet (forms collected vs handed over, lines awaiting signature).
``g`` (anywhere in the app) signs for deliveries at the counter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import ContentSwitcher, DataTable, Header, Static

from workbench.core.errors import ValidationError
from workbench.core.i18n import t
from workbench.core.privacy import mask_name
from workbench.register import applications as apps
from workbench.register import deliveries, receipts, stock
from workbench.roster import outlets
from workbench.screens.common.cell_cuts import Shortened
from workbench.screens.common.changes import REGISTER
from workbench.screens.common.data_screen import DataScreen
from workbench.screens.common.footer import Footer
from workbench.screens.common.form import Field, FormScreen
from workbench.screens.common.keys import translate_bindings
from workbench.screens.common.pickers import OutletPicker
from workbench.screens.common.tables import (
    FitTable,
    PendingRows,
    code_width,
    cursor_key,
    cut_end,
    outlet_cell,
    replace_rows,
)
from workbench.screens.register import forms as forms
from workbench.screens.register.forms import open_log_delivery
from workbench.screens.register.sign_off import open_sign_off

if TYPE_CHECKING:
    from sqlite_utils import Database

__all__ = ["DeliveriesScreen", "open_log_delivery", "open_sign_off"]

PAGE_SIZE = 200
VIEWS = ("register", "due", "stock", "forms", "day")
COLUMNS = {
    "register": ("line", "outlet", "kind", "what", "delivered", "status", "signer", "signed",
                 "page"),
    "due": ("type", "outlet", "policy", "customer", "signed", "due", "days", "cooling_off"),
    "stock": ("outlet", "kind", "counted", "delivered_since", "rate", "estimate", "days_left",
              "flag", "suggested"),
    "forms": ("outlet", "serial", "applicant", "product", "premium", "collected", "status",
              "note"),
    "day": ("outlet", "day_collected", "day_handed_over", "day_awaiting"),
}
# Columns that give up width on a narrow terminal (cut at the end), with their narrowest
# width; the outlet column's narrowest is set from the codes it shows.
FLEXIBLE = {"signer": 6, "status": 6, "product": 10, "note": 6, "outlet": 0}
# ... and in one view only: the register's kind and quantity/serials (a long range).
FLEXIBLE_IN = {"register": {"kind": 4, "what": 12}}
# Per view, the flexible columns that other columns fold away for before they are cut.
KEEP_WHOLE = {"register": ("what", "kind"), "forms": ("status",)}
# Columns folded away, in this order, when the rest does not fit (80 columns).
OPTIONAL = ("page", "signed", "delivered", "delivered_since", "rate", "estimate", "cooling_off",
            "collected", "counted", "premium")
VIEW_KEYS = {"register": "r", "due": "u", "stock": "k", "forms": "f", "day": "e"}
STATUS_CYCLE = (None, "awaiting", "signed", "voided")
FORM_CYCLE = (None, "collected", "passed", "returned", "handed_over")


@dataclass(frozen=True)
class ViewData:
    """One load of a view: which view, and what it read."""

    view: str
    rows: Any
    outlet_count: int = -1  # 0: no outlets yet, nothing can be delivered


def days_text(days: int) -> str:
    if days < 0:
        return f"[b red]{t('roster.overdue', days=-days)}[/]"
    if days == 0:
        return f"[b yellow]{t('roster.due_today')}[/]"
    return t("roster.due_in", days=days)


def what_text(line: deliveries.Line, what: str) -> str:
    """A line's quantity, serials or policy (``what``) and its customer, masked."""
    return f"{what} {mask_name(line.customer)}" if line.customer else what


def status_text(status: str, void_reason: str | None = None) -> Text:
    """A line's status; a voided line's reason beside it (the register book's rule: a
    voided line stays, with why)."""
    text = t(f"deliveries.status.{status}")
    style = {"awaiting": "b yellow", "voided": "dim strike"}.get(status, "")
    reason = " " + " ".join(void_reason.split()) if status == "voided" and void_reason else ""
    # The status whole, the reason (typed: no markup) giving way at its end.
    cell = Shortened.around(text, reason, middle=False)
    cell.stylize(style, 0, len(text))
    cell.stylize("italic", len(text))
    return cell


class DeliveriesScreen(DataScreen):
    # Outlet names everywhere, signers' names in the register.
    SHOWS = REGISTER | {"outlets", "staff"}
    BINDINGS = [
        Binding("r", "view('register')", "key.view_register", id="deliveries_register",
                show=False),
        Binding("u", "view('due')", "key.view_due", id="deliveries_due",
                show=False),
        Binding("k", "view('stock')", "key.view_stock", id="deliveries_stock",
                show=False),
        Binding("f", "view('forms')", "key.view_forms", id="deliveries_forms",
                show=False),
        Binding("e", "view('day')", "key.view_day", id="deliveries_day",
                show=False),
        Binding("n", "new", "key.new_line", id="deliveries_new"),
        Binding("v", "void", "key.void", id="deliveries_void"),
        Binding("m", "mark", "key.mark", id="deliveries_mark"),
        Binding("i", "review", "key.review", id="deliveries_review", show=False),
        Binding("h", "hand_over", "key.hand_over", id="deliveries_hand_over", show=False),
        Binding("slash", "filter_outlet", "key.filter_outlet", id="deliveries_filter_outlet"),
        Binding("K", "cycle_kind", "key.filter_kind", id="deliveries_filter_kind",
                show=False),
        Binding("S", "cycle_status", "key.filter_status",
                id="deliveries_filter_status", show=False),
        Binding("D", "dates", "key.filter_dates", id="deliveries_filter_dates",
                show=False),
        Binding("right_square_bracket", "page(1)", "key.next_page", id="deliveries_next_page",
                show=False),
        Binding("left_square_bracket", "page(-1)", "key.prev_page", id="deliveries_prev_page",
                show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        self.view = "register"
        self.filters = deliveries.RegisterFilter()
        self.form_status: str | None = None
        self.page = 0
        self.total = 0
        self.items: dict[str, dict[str, Any]] = {view: {} for view in VIEWS}  # row key: item
        self.codes: set[str] = set()  # outlet codes of the rows being filled

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="deliveries-views", classes="status")
        # One table per view (columns fixed once): re-creating columns on a live table
        # leaves stale widths behind.
        with ContentSwitcher(initial="table-register", id="deliveries-views-switch"):
            for view in VIEWS:
                yield FitTable(id=f"table-{view}", cursor_type="row", zebra_stripes=True,
                               classes="deliveries-table", flexible={
                                   **{key: FLEXIBLE[key] for key in COLUMNS[view]
                                      if key in FLEXIBLE}, **FLEXIBLE_IN.get(view, {})},
                               optional=OPTIONAL,
                               keep_whole=KEEP_WHOLE.get(view, ()),
                               spare_first=("outlet",))
        # What the cursor row's cells hold beyond what its columns show (a name cut
        # at the end, a folded column): read whole without scrolling sideways.
        yield Static("", id="deliveries-detail")
        yield Static("", id="deliveries-status", classes="status")
        yield Footer()

    def on_mount(self) -> None:
        for view in VIEWS:
            table = self.query_one(f"#table-{view}", DataTable)
            for key in COLUMNS[view]:
                table.add_column(t(f"deliveries.col.{key}"), key=key)
        self._show_view()
        self.table.focus()
        self.app.when_ready(self.refresh_data)

    @property
    def table(self) -> DataTable:
        return self.query_one(f"#table-{self.view}", DataTable)

    # --- data --------------------------------------------------------------------

    def load(self, db: Database) -> ViewData:
        view = self.view
        return ViewData(view, getattr(self, f"_load_{view}")(db), outlets.count_outlets(db))

    EMPTY_HINT = "empty.register"

    def is_empty(self, data: ViewData) -> bool:
        return data.outlet_count == 0

    def show(self, data: ViewData) -> None:
        table = self.query_one(f"#table-{data.view}", FitTable)
        selected = table.cursor_row
        self.items[data.view] = {}
        self.codes = set()
        pending = PendingRows()
        getattr(self, f"_fill_{data.view}")(pending, data.rows)
        table.flexible["outlet"] = code_width(sorted(self.codes))
        if data.view == "register":
            # A void reason gives way, never the status (status_text), nor the kind or a
            # serial range: the outlet's name does (the detail line has it whole).
            table.flexible["outlet"] = code_width(sorted(self.codes), name_cells=3)
        replace_rows(table, pending.rows)
        if table.row_count:
            table.move_cursor(row=min(selected, table.row_count - 1))
        self.show_detail()

    def show_detail(self) -> None:
        """The detail line: the cursor row's values the table cuts or folds away."""
        table = self.query_one(f"#table-{self.view}", FitTable)
        whole = {}
        if self.view == "register" and table.row_count:
            line = self.items["register"].get(table.ordered_rows[table.cursor_row].key.value)
            if line is not None:  # the serial range in full, not short as its column has it
                whole["what"] = what_text(line, line.what)
        unseen = table.unseen_cells(table.cursor_row, whole)
        line = " · ".join(f"{label} {text}" for label, text in unseen)
        self.query_one("#deliveries-detail", Static).update(Text(line))

    def on_data_table_row_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_resize(self, _event: Any) -> None:
        self.call_after_refresh(self.show_detail)

    def _show_view(self) -> None:
        """Bring the current view's table (its last rows until the new ones load) to the front."""
        self.query_one(ContentSwitcher).current = f"table-{self.view}"
        # The view keys live here rather than in the footer, which keeps room for `g`.
        tabs = "  ".join(f"[reverse] {VIEW_KEYS[v]} {t(f'deliveries.view.{v}')} [/]"
                         if v == self.view else f" [b]{VIEW_KEYS[v]}[/] "
                         f"{t(f'deliveries.view.{v}')} " for v in VIEWS)
        self.query_one("#deliveries-views", Static).update(tabs)

    def outlet(self, code: str, name: str) -> Any:
        """The outlet cell of a row (code + name); its code widens the column's minimum."""
        self.codes.add(code)
        return outlet_cell(code, name)

    def _status(self, text: str) -> None:
        self.query_one("#deliveries-status", Static).update(text)

    def _load_register(self, db: Database) -> dict[str, Any]:
        filters = self.filters
        total = deliveries.register_count(db, filters)
        page = min(self.page, max(1, -(-total // PAGE_SIZE)) - 1)
        lines = deliveries.register(db, filters, limit=PAGE_SIZE, offset=page * PAGE_SIZE)
        outlet = outlets.get_outlet(db, filters.outlet_id).name if filters.outlet_id else None
        return {"total": total, "page": page, "lines": lines, "filters": filters,
                "outlet": outlet}

    def _fill_register(self, table: PendingRows, data: dict[str, Any]) -> None:
        self.total, self.page = data["total"], data["page"]
        pages = max(1, -(-self.total // PAGE_SIZE))
        for x in data["lines"]:
            self.items["register"][str(x.id)] = x
            what = what_text(x, x.short_what)
            signed = x.signed_at.strftime("%m-%d %H:%M") if x.signed_at else ""
            table.add_row(str(x.id), self.outlet(x.outlet_code, x.outlet_name),
                          cut_end(t(f"kind.{x.kind}")), what,
                          x.delivered_at.strftime("%m-%d %H:%M"),
                          status_text(x.status, x.void_reason), cut_end(x.signer or ""),
                          signed, x.page_no or "", key=str(x.id))
        f = data["filters"]
        parts = [t("deliveries.filter.outlet", value=data["outlet"] or t("deliveries.filter.any")),
                 t("deliveries.filter.kind", value=t(f"kind.{f.kind}") if f.kind
                   else t("deliveries.filter.any")),
                 t("deliveries.filter.status", value=t(f"deliveries.status.{f.status}")
                   if f.status else t("deliveries.filter.any"))]
        if f.date_from or f.date_to:
            parts.append(f"{f.date_from or '…'} — {f.date_to or '…'}")
        self._status(t("deliveries.register_status", count=self.total, page=self.page + 1,
                       pages=pages) + " · " + " · ".join(parts) + "  " + t("deliveries.keys_hint"))

    def _load_due(self, db: Database) -> list[tuple[str, Any]]:
        app = self.app
        rows = [("receipt", x) for x in receipts.receipts_due(db, app.today, app.config)]
        rows += [("callback", x) for x in receipts.callbacks_due(db, app.today, app.config)]
        rows.sort(key=lambda r: (r[1].due, r[0], r[1].outlet_code))
        return rows

    def _fill_due(self, table: PendingRows, rows: list[tuple[str, Any]]) -> None:
        for n, (kind, x) in enumerate(rows):
            key = f"{kind}:{x.delivery_id}:{n}"
            self.items["due"][key] = (kind, x)
            table.add_row(t(f"due.{kind}"), self.outlet(x.outlet_code, x.outlet_name),
                          x.policy_no, x.customer_masked,
                          x.signed_on.isoformat(), x.due.isoformat(), days_text(x.days_left),
                          x.cooling_off_end.isoformat() + ("*" if x.estimated else ""), key=key)
        overdue = sum(1 for _, x in rows if x.overdue)
        self._status(t("due.status", count=len(rows), overdue=overdue))

    def _load_stock(self, db: Database) -> list[stock.StockLevel]:
        return stock.stock_levels(db, self.app.today, self.app.config)

    def _fill_stock(self, table: PendingRows, levels: list[stock.StockLevel]) -> None:
        for n, s in enumerate(levels):
            key = f"{s.outlet_id}:{s.kind}:{n}"
            self.items["stock"][key] = s
            flag = f"[b red]{t('stock.low')}[/]" if s.low else ""
            table.add_row(self.outlet(s.outlet_code, s.outlet_name), t(f"kind.{s.kind}"),
                          f"{s.counted} ({s.counted_on:%m-%d})",
                          str(s.delivered_since),
                          f"{s.rate_per_day:.1f}" if s.rate_per_day is not None else "—",
                          str(s.estimate),
                          f"{s.days_left:.0f}" if s.days_left is not None else "—", flag,
                          str(s.suggested) if s.suggested else "", key=key)
        self._status(t("stock.status", count=len(levels), low=sum(s.low for s in levels)))

    def _load_forms(self, db: Database) -> dict[str, Any]:
        return {"rows": apps.applications(db, status=self.form_status,
                                          outlet_id=self.filters.outlet_id),
                "day": apps.day_view(db, self.app.today),
                "pending": len(apps.applications_pending(db)), "status": self.form_status}

    def _fill_forms(self, table: PendingRows, data: dict[str, Any]) -> None:
        rows, day = data["rows"], data["day"]
        for a in rows:
            self.items["forms"][str(a.id)] = a
            table.add_row(self.outlet(a.outlet_code, a.outlet_name), a.serial,
                          a.applicant_masked, cut_end(a.product), f"{a.premium:,.0f}",
                          a.collected_at.strftime("%m-%d %H:%M"),
                          cut_end(t(f"apps.status.{a.status}")), cut_end(a.return_reason or ""),
                          key=str(a.id))
        collected = sum(d.collected for d in day)
        handed = sum(d.handed_over for d in day)
        status = t("apps.status_line", count=len(rows), pending=data["pending"],
                   collected=collected, handed=handed,
                   awaiting=sum(d.awaiting_signature for d in day))
        if data["status"]:
            status += " · " + t(f"apps.status.{data['status']}")
        self._status(status)

    def _load_day(self, db: Database) -> list[apps.DayView]:
        return apps.day_view(db, self.app.today)

    def _fill_day(self, table: PendingRows, rows: list[apps.DayView]) -> None:
        """End of day per outlet: forms collected vs handed over, lines awaiting signature."""
        for r in rows:
            self.items["day"][str(r.outlet_id)] = r
            gap = r.collected - r.handed_over
            table.add_row(self.outlet(r.outlet_code, r.outlet_name), str(r.collected),
                          str(r.handed_over) + (f"  [b yellow]({gap:+d})[/]" if gap > 0 else ""),
                          f"[b yellow]{r.awaiting_signature}[/]" if r.awaiting_signature
                          else "0", key=str(r.outlet_id))
        self._status(t("day.status", day=self.app.today.isoformat(),
                       collected=sum(r.collected for r in rows),
                       handed=sum(r.handed_over for r in rows),
                       awaiting=sum(r.awaiting_signature for r in rows)))

    def selected(self) -> Any:
        key = cursor_key(self.table)
        return None if key is None else self.items[self.view].get(key)

    # --- actions ------------------------------------------------------------------

    def action_view(self, view: str) -> None:
        self.view = view
        self.page = 0
        self._show_view()
        self.table.focus()
        self.refresh_data()

    def action_page(self, step: int) -> None:
        if self.view == "register":
            pages = max(1, -(-self.total // PAGE_SIZE))
            self.page = max(0, min(pages - 1, self.page + step))
            self.refresh_data()

    def action_new(self) -> None:
        app = self.app
        chosen = self.selected()
        outlet_id = getattr(chosen, "outlet_id", None) if self.view == "stock" else None
        if self.view == "stock":
            forms.pick_outlet(app, t("stock.pick_outlet"),
                              lambda oid: forms.stock_count_form(
                                  app, oid,
                                  chosen.kind if chosen and chosen.outlet_id == oid else None),
                              outlet_id)
        elif self.view == "forms":
            forms.pick_outlet(app, t("apps.pick_outlet"),
                              lambda oid: forms.collect_form(app, oid))
        else:
            forms.open_log_delivery(app, self.filters.outlet_id)

    def action_void(self) -> None:
        line = self.selected()
        if self.view == "register" and isinstance(line, deliveries.Line):
            forms.void_form(self.app, line.id)

    def action_mark(self) -> None:
        chosen = self.selected()
        if self.view == "due" and chosen:
            forms.policy_event_form(self.app, chosen[1], chosen[0])
        elif self.view == "register" and isinstance(chosen, deliveries.Line):
            if chosen.status == "awaiting":
                open_sign_off(self.app, chosen.outlet_id)
        elif self.view == "forms" and isinstance(chosen, apps.Application):
            self.action_review()
        elif self.view == "day" and isinstance(chosen, apps.DayView):
            if chosen.awaiting_signature:
                open_sign_off(self.app, chosen.outlet_id)

    def action_review(self) -> None:
        chosen = self.selected()
        if self.view == "forms" and isinstance(chosen, apps.Application):
            if chosen.status != "collected":
                self.app.notify(t("apps.error.not_collected",
                                  status=t(f"apps.status.{chosen.status}")), severity="warning")
                return
            forms.review_form(self.app, chosen.id)

    def action_hand_over(self) -> None:
        if self.view == "forms":
            forms.handover_form(self.app, self.filters.outlet_id)

    def action_filter_outlet(self) -> None:
        app = self.app

        def picked(chosen: int | None) -> None:
            if chosen is None:
                return
            self.filters = deliveries.RegisterFilter(**{**self.filters.__dict__,
                                                        "outlet_id": chosen or None})
            self.page = 0
            self.refresh_data()

        app.push_screen(OutletPicker(t("deliveries.pick_outlet_filter"),
                                     outlets.all_active_outlets(app.db),
                                     all_label=t("deliveries.filter.all_outlets")), picked)

    def action_cycle_kind(self) -> None:
        kinds = (None, *self.app.config.deliveries.kinds)
        i = kinds.index(self.filters.kind) if self.filters.kind in kinds else 0
        self._set(kind=kinds[(i + 1) % len(kinds)])

    def action_cycle_status(self) -> None:
        if self.view == "forms":
            i = FORM_CYCLE.index(self.form_status)
            self.form_status = FORM_CYCLE[(i + 1) % len(FORM_CYCLE)]
            self.refresh_data()
            return
        i = STATUS_CYCLE.index(self.filters.status)
        self._set(status=STATUS_CYCLE[(i + 1) % len(STATUS_CYCLE)])

    def _set(self, **changes: Any) -> None:
        self.filters = deliveries.RegisterFilter(**{**self.filters.__dict__, **changes})
        self.view = "register"
        self.page = 0
        self._show_view()
        self.table.focus()
        self.refresh_data()

    def action_dates(self) -> None:
        from workbench.core import validate as v

        def submit(values: dict[str, str]) -> tuple[date | None, date | None]:
            start = v.iso_date("date_from", values["date_from"])
            end = v.iso_date("date_to", values["date_to"])
            if start and end and end < start:
                raise ValidationError("date_to", "deliveries.error.dates_reversed")
            return start, end

        def after(result: Any) -> None:
            if result:
                self._set(date_from=result[0], date_to=result[1])

        f = self.filters
        fields = [Field("date_from", t("field.date_from"), placeholder=t("form.date_placeholder")),
                  Field("date_to", t("field.date_to"), placeholder=t("form.date_placeholder"))]
        self.app.push_screen(FormScreen(t("deliveries.dates_title"), fields, {
            "date_from": f.date_from.isoformat() if f.date_from else "",
            "date_to": f.date_to.isoformat() if f.date_to else ""}, submit), after)
