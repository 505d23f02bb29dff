"""A customer's card (客户卡): who they are, then one list of their deposits, policies
(next renewal, cooling-off end) and follow-ups, due ones first. Enter on a line due logs
the conversation; keys add a deposit or a case, convert into a policy, erase on request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from workbench.core.i18n import columns, t
from workbench.customers import deposits, followups, links, records, renewals
from workbench.customers.stages import stage_label
from workbench.screens.common.cell_cuts import Shortened
from workbench.screens.common.changes import CUSTOMERS, PLAN, ROSTER
from workbench.screens.common.data_screen import DataScreen
from workbench.screens.common.footer import Footer
from workbench.screens.common.keys import translate_bindings
from workbench.screens.common.tables import FitTable, cursor_key, cut_end, replace_rows
from workbench.screens.customers import forms

if TYPE_CHECKING:
    from sqlite_utils import Database

AHEAD = 366  # the card lists a year of dated moments ahead


@dataclass(frozen=True)
class CardData:
    customer: records.Customer
    deposits: list[deposits.Deposit]
    policies: list[tuple[links.LinkedPolicy, date | None, date]]  # next renewal, cooling-off
    pending: list[followups.FollowUp]
    history: list[followups.Logged]


def card_data(db: Database, app, customer_id: int) -> CardData:
    customer = records.get_customer(db, customer_id)
    held = []
    for linked in links.policies_of(db, customer_id):
        p = linked.policy
        coming = renewals.renewals_between(p.issue_date, p.term_years, linked.frequency,
                                           app.today, date.max)
        held.append((linked, coming[0] if coming else None,
                     renewals.cooling_off_end(db, p.policy_no, p.issue_date, app.config)))
    return CardData(customer, deposits.deposits_of(db, customer_id), held,
                    followups.pending(db, app.today, app.config, ahead=AHEAD,
                                      customer_id=customer_id),
                    [h for h in followups.history(db, customer_id) if h.status == "done"])


class CustomerCardScreen(DataScreen):
    SHOWS = CUSTOMERS | ROSTER | PLAN | {"policies"}
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back", id="customer_back"),
        Binding("l", "talk", "key.customer_talk", id="customer_talk"),
        Binding("e", "edit", "key.customer_edit", id="customer_edit"),
        Binding("d", "deposit", "key.customer_deposit", id="customer_deposit"),
        Binding("n", "case", "key.customer_case", id="customer_case"),
        Binding("p", "convert", "key.customer_convert", id="customer_convert"),
        Binding("X", "erase", "key.customer_erase", id="customer_erase", show=False),
    ]

    def __init__(self, customer_id: int) -> None:
        super().__init__()
        translate_bindings(self)
        self.customer_id = customer_id
        self.data: CardData | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="customer-main", classes="card")
        # What an item is about and a deposit's notes give way; a policy's number and
        # premium, a band and every date stay whole (cell_cuts).
        yield FitTable(id="customer-lines", cursor_type="row", zebra_stripes=True,
                       show_header=False, flexible={"what": 10, "state": 8})
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in ("kind", "what", "when", "state"):
            table.add_column("", key=key)
        table.focus()
        self.app.when_ready(self.first_load)

    def load(self, db: Database) -> CardData:
        return card_data(db, self.app, self.customer_id)

    def show(self, data: CardData) -> None:
        self.data = data
        c = data.customer
        self.sub_title = t("customers.erased") if c.erased else c.masked_name
        dash = "—"
        main = [
            (t("customers.col.name"), t("customers.erased") if c.erased else c.masked_name),
            (t("customers.col.phone"), c.masked_phone or dash),
            (t("customers.col.stage"), stage_label(c.stage)),
            (t("customers.col.outlet"), c.outlet_name or dash),
            (t("customers.col.referrer"), c.referrer_name or dash),
            (t("customers.card.source"), c.source_shown),
            (t("customers.card.consent"), t("customers.yes") if c.consent else t("customers.no")),
        ]
        lines = columns([[k, v] for k, v in main])
        if c.notes:
            lines.append(c.notes)
        self.query_one("#customer-main", Static).update(Text("\n".join(lines)))
        rows: list[tuple[str, tuple]] = []
        for item in data.pending:
            when = f"{item.due.isoformat()}"
            state = (t("plan.overdue", days=-item.days) if item.days < 0 else
                     t("plan.due_today") if item.days == 0 else
                     t("plan.cust.in_days", days=item.days))
            rows.append((f"item:{item.ref}", (t(f"customers.kind.{item.kind}"),
                                              cut_end(item.what), when, state)))
        for d in data.deposits:
            rows.append((f"dep:{d.id}", (t("customers.card.deposits"), Text(d.band_label),
                                         d.matures_on.isoformat(), cut_end(d.notes or ""))))
        for linked, renewal, cooling in data.policies:
            p = linked.policy
            # Only the product gives way: the number, premium and term read whole.
            before, after = t("customers.card.policy_line", number=p.policy_no, product="\0",
                              premium=f"{p.premium:,.0f}", term=p.term_years,
                              frequency=t(f"customers.frequency.{linked.frequency}"),
                              voided=t("customers.card.voided") if linked.voided else ""
                              ).split("\0")
            what = Shortened.around(before, p.product, after)
            state = (t("customers.card.next_renewal", date=renewal.isoformat())
                     if renewal else t("customers.card.cooling_off", date=cooling.isoformat()))
            rows.append((f"pol:{p.id}", (t("customers.card.policies"), what,
                                         p.issue_date.isoformat(), state)))
        for h in data.history[:50]:
            rows.append((f"done:{h.id}", (t(f"customers.kind.{h.kind}"),
                                          cut_end(h.notes or (h.what if ":" not in h.what
                                                              else "")),
                                          (h.done_at or "")[:10], t("customers.status.done"))))
        replace_rows(self.query_one(DataTable), rows)

    def _row(self) -> str | None:
        return cursor_key(self.query_one(DataTable))

    def action_talk(self) -> None:
        row = self._row() or ""
        if row.startswith("item:"):
            item = next((i for i in self.data.pending if f"item:{i.ref}" == row), None)
            forms.talk(self.app, row[5:], forms.next_text(item))
        else:
            forms.talk(self.app, f"customer:{self.customer_id}")

    @on(DataTable.RowSelected, "#customer-lines")
    def _enter(self) -> None:
        self.action_talk()

    def action_edit(self) -> None:
        forms.edit_customer(self.app, self.customer_id)

    def action_deposit(self) -> None:
        forms.add_deposit(self.app, self.customer_id)

    def action_case(self) -> None:
        forms.add_case(self.app, self.customer_id)

    def action_convert(self) -> None:
        forms.convert(self.app, self.customer_id)

    def action_erase(self) -> None:
        forms.erase(self.app, self.customer_id)
