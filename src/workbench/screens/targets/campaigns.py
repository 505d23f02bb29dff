"""The campaign list (激励方案与新险种推广): window, outlets, progress; n adds, e edits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from workbench.core.i18n import t
from workbench.screens.common.changes import TARGETS, announce
from workbench.screens.common.data_screen import DataScreen
from workbench.screens.common.footer import Footer
from workbench.screens.common.form import Field, FormScreen
from workbench.screens.common.keys import translate_bindings
from workbench.screens.common.tables import FitTable, cursor_id, cut_end, replace_rows
from workbench.screens.roster.targets import wan, wan_plain
from workbench.targets import campaigns as domain

if TYPE_CHECKING:
    from sqlite_utils import Database
    from textual.app import App

COLUMNS = ("name", "kind", "window", "outlets", "done", "share", "state")


def state_text(p: domain.CampaignProgress) -> str:
    """剩 12 天 / 今天结束 / 3 天后开始 / 已结束."""
    if p.running:
        return (t("campaign.state.last_day") if p.days_left == 0
                else t("campaign.state.running", days=p.days_left))
    if p.campaign.starts > p.day:
        return t("campaign.state.coming", days=(p.campaign.starts - p.day).days)
    return t("campaign.state.over")


def campaign_line(p: domain.CampaignProgress) -> str:
    """One line for the self screen: kind, name, done/target, share, days left."""
    share = f"{p.share:.0%}" if p.share is not None else ""
    return t("campaign.line", kind=t(f"campaign.kind.{p.campaign.kind}"), name=p.campaign.name,
             done=wan(p.premium), target=wan(p.campaign.target_premium), share=share,
             state=state_text(p))


def campaign_fields() -> list[Field]:
    return [
        Field("campaign_name", t("field.campaign_name"), required=True),
        Field("campaign_kind", t("field.campaign_kind"), "select",
              [(t(f"campaign.kind.{k}"), k) for k in domain.KINDS], required=True),
        Field("campaign_starts", t("field.campaign_starts"), "date", placeholder="2026-12-01",
              required=True),
        Field("campaign_ends", t("field.campaign_ends"), "date", placeholder="2026-12-31",
              required=True),
        Field("campaign_target", t("field.campaign_target"), "number", placeholder="100"),
        Field("campaign_outlets", t("field.campaign_outlets"), placeholder="ICBC-102 CCB-105"),
        Field("campaign_product", t("field.campaign_product")),
        Field("campaign_notes", t("field.campaign_notes"), "area"),
    ]


def open_campaign_form(app: App, campaign_id: int | None = None) -> None:
    """The campaign form, new or on an existing campaign; saving announces campaigns."""
    values: dict[str, str] = {"campaign_kind": "incentive",
                              "campaign_starts": app.today.isoformat()}
    title = t("campaign.add_title")
    if campaign_id is not None:
        c = domain.get_campaign(app.db, campaign_id)
        title = t("campaign.edit_title", name=c.name)
        values = {"campaign_name": c.name, "campaign_kind": c.kind,
                  "campaign_starts": c.starts.isoformat(), "campaign_ends": c.ends.isoformat(),
                  "campaign_outlets": " ".join(c.outlet_codes),
                  "campaign_product": c.product or "", "campaign_notes": c.notes or "",
                  "campaign_target": wan_plain(c.target_premium)}

    def submit(form: dict[str, str]) -> str:
        domain.save_campaign(app.db, domain.CampaignDraft(**form), app.now(), campaign_id)
        return form.get("campaign_name", "")

    def after(result: object) -> None:
        if result:
            app.notify(t("campaign.saved", name=str(result).strip()))
            announce(app, "campaigns", "campaign_outlets")

    app.push_screen(FormScreen(title, campaign_fields(), values, submit), after)


class CampaignsScreen(DataScreen):
    SHOWS = TARGETS | {"policies", "outlets"}
    EMPTY_HINT = "empty.campaigns"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back", id="campaigns_back"),
        Binding("n", "add", "key.campaign_add", id="campaigns_add"),
        Binding("e", "edit", "key.campaign_edit", id="campaigns_edit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("campaign.title"), classes="section-title")
        yield FitTable(id="campaigns", cursor_type="row", zebra_stripes=True,
                       flexible={"name": 8, "outlets": 4}, optional=("outlets", "kind"))
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in COLUMNS:
            table.add_column(t(f"campaign.col.{key}"), key=key)
        table.focus()
        self.app.when_ready(self.first_load)

    def load(self, db: Database) -> list[domain.CampaignProgress]:
        return domain.campaigns(db, self.app.today)

    def is_empty(self, data: list[domain.CampaignProgress]) -> bool:
        return not data

    def show(self, data: list[domain.CampaignProgress]) -> None:
        rows = []
        for p in data:
            c = p.campaign
            window = f"{c.starts.strftime('%m-%d')}~{c.ends.strftime('%m-%d')}"
            if c.starts.year != c.ends.year or c.starts.year != self.app.today.year:
                window = f"{c.starts.isoformat()}~{c.ends.strftime('%m-%d')}"
            outlets = " ".join(c.outlet_codes) or t("campaign.all_outlets")
            target = f"/{wan(c.target_premium)}" if c.target_premium is not None else ""
            rows.append((str(c.id), (cut_end(c.name), t(f"campaign.kind.{c.kind}"), window,
                                     cut_end(outlets),
                                     wan(p.premium) + target,
                                     f"{p.share:.0%}" if p.share is not None else "",
                                     state_text(p))))
        replace_rows(self.query_one(DataTable), rows)

    def action_add(self) -> None:
        open_campaign_form(self.app)

    def action_edit(self) -> None:
        campaign = cursor_id(self.query_one(DataTable))
        if campaign is not None:
            open_campaign_form(self.app, campaign)
