"""The customers (客户) mode: every customer with their stage and next follow-up, filtered
by stage (``f`` cycles 全部 → 准客户 → 意向 → 已成交 → 售后); Enter opens the card.

Names and phones are masked here as everywhere (``core.privacy``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from workbench.core.i18n import t
from workbench.customers import followups, records
from workbench.customers.stages import STAGES, stage_label
from workbench.screens.common.changes import CUSTOMERS, PLAN, ROSTER
from workbench.screens.common.data_screen import DataScreen
from workbench.screens.common.footer import Footer
from workbench.screens.common.keys import translate_bindings
from workbench.screens.common.tables import (
    FitTable,
    code_width,
    cursor_id,
    name_cell,
    outlet_cell,
    replace_rows,
)
from workbench.screens.customers import forms
from workbench.screens.customers.forms import next_text

if TYPE_CHECKING:
    from sqlite_utils import Database

# Follow-ups looked at for a customer's "next" column: the coming month's.
NEXT_DAYS = 31


@dataclass(frozen=True)
class CustomersData:
    rows: list[records.Customer]
    next: dict[int, followups.FollowUp]  # customer id -> their most urgent item
    total: int = 0  # customers of the stage, listed or not (the list stops at its limit)


class CustomersScreen(DataScreen):
    SHOWS = CUSTOMERS | ROSTER | PLAN | {"policies"}
    EMPTY_HINT = "customers.empty"
    BINDINGS = [
        Binding("a", "add", "key.customers_add", id="customers_add"),
        Binding("f", "stage", "key.customers_stage", id="customers_stage"),
        Binding("e", "edit", "key.customer_edit", id="customers_edit"),
        Binding("l", "talk", "key.customer_talk", id="customers_talk"),
        Binding("u", "import_list", "key.customers_import", id="customers_import", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        self.stage: str | None = None
        self.data: CustomersData | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="customers-filter", classes="status")
        yield FitTable(id="customers", cursor_type="row", zebra_stripes=True,
                       flexible={"outlet": 6, "referrer": 4}, optional=("referrer", "phone"))
        yield Static(t("customers.loading"), id="customers-status", classes="status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in ("name", "phone", "stage", "outlet", "referrer", "next"):
            table.add_column(t(f"customers.col.{key}"), key=key)
        table.focus()
        self.app.when_ready(self.refresh_data)

    def load(self, db: Database) -> CustomersData:
        app = self.app
        rows = records.list_customers(db, self.stage)
        first: dict[int, followups.FollowUp] = {}
        for item in followups.pending(db, app.today, app.config, ahead=NEXT_DAYS):
            first.setdefault(item.customer_id, item)
        return CustomersData(rows, first, records.count_customers(db, self.stage))

    def is_empty(self, data: CustomersData) -> bool:
        return not data.rows and self.stage is None

    def show(self, data: CustomersData) -> None:
        self.data = data
        table = self.query_one("#customers", FitTable)
        rows = []
        for c in data.rows:
            name = t("customers.erased") if c.erased else c.masked_name
            rows.append((str(c.id), (Text(name), c.masked_phone, stage_label(c.stage),
                                     _outlet(c), name_cell(c.referrer_name or ""),
                                     next_text(data.next.get(c.id)))))
        codes = sorted({c.outlet_code for c in data.rows if c.outlet_code})
        if codes:  # every code whole, then what is left of the name
            table.flexible["outlet"] = code_width(codes, name_cells=4)
        replace_rows(table, rows)
        stage = stage_label(self.stage) if self.stage else t("customers.all")
        line = (t("customers.filter", stage=stage, count=data.total)
                if data.total <= len(data.rows) else
                t("customers.filter_cut", stage=stage, count=data.total, shown=len(data.rows)))
        self.query_one("#customers-filter", Static).update(line)
        self.query_one("#customers-status", Static).update("")

    def selected_id(self) -> int | None:
        return cursor_id(self.query_one(DataTable))

    @on(DataTable.RowSelected, "#customers")
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            open_card(self.app, int(event.row_key.value))

    def action_import_list(self) -> None:
        from workbench.screens.customers.import_customers import ImportCustomersScreen

        self.app.push_screen(ImportCustomersScreen())

    def action_stage(self) -> None:
        order = [None, *STAGES]
        self.stage = order[(order.index(self.stage) + 1) % len(order)]
        self.refresh_data()

    def action_add(self) -> None:
        if self.app.db is not None:
            forms.add_customer(self.app)

    def _selected(self) -> int | None:
        chosen = self.selected_id()
        if chosen is None:
            self.app.notify(t("customers.pick_customer"), severity="warning")
        return chosen

    def action_edit(self) -> None:
        chosen = self._selected()
        if chosen is not None:
            forms.edit_customer(self.app, chosen)

    def action_talk(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        item = self.data.next.get(chosen) if self.data else None
        if item is not None and item.days <= 0:
            forms.talk(self.app, item.ref, next_text(item))
        else:
            forms.talk(self.app, f"customer:{chosen}")


def _outlet(customer: records.Customer) -> Text:
    """The outlet cell: its code first, so a cut name still tells outlets apart."""
    if customer.outlet_code:
        return outlet_cell(customer.outlet_code, customer.outlet_name or "")
    return name_cell(customer.outlet_name or "")


def open_card(app, customer_id: int) -> None:
    from workbench.screens.customers.card import CustomerCardScreen

    app.push_screen(CustomerCardScreen(customer_id))
