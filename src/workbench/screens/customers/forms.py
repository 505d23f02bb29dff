"""The customers' forms: a customer (a prospect from the plan), a deposit, a follow-up or
case, one conversation with its next step, converting into a policy, erasure.

Each pushes a ``FormScreen`` whose submit calls one domain function (one write); a save
announces the tables it wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workbench.core import validate as v
from workbench.core.errors import ValidationError
from workbench.core.i18n import catalogue, t
from workbench.customers import deposits, followups, records
from workbench.customers.stages import STAGES, stage_label
from workbench.plan import contacts, tasks
from workbench.plan import customers as plan_customers
from workbench.roster import outlets
from workbench.roster import visits as roster_visits
from workbench.screens.common.changes import announce
from workbench.screens.common.form import Field, FormScreen
from workbench.screens.common.search_select import outlet_keys

Done = Callable[[Any], None] | None


def next_text(item: followups.FollowUp | None) -> str:
    """An item as a short label: its day and kind (12-03 存款到期)."""
    if item is None:
        return ""
    day = f"{item.due.month:02d}-{item.due.day:02d}"
    return f"{day} {t(f'customers.kind.{item.kind}')}"


def _outlet_field(app: Any) -> Field:
    rows = outlets.all_active_outlets(app.db)
    return Field("customer_outlet", t("field.customer_outlet"), "select",
                 [(f"{name} ({code})", str(oid)) for oid, code, name, _ in rows],
                 keys=outlet_keys(rows))


def customer_fields(app: Any, outlet_id: int | None) -> list[Field]:
    staff = contacts.staff_choices(app.db, outlet_id)
    return [
        Field("customer_name", t("field.customer_name"), required=True),
        Field("customer_phone", t("field.customer_phone"), placeholder="13800000000"),
        _outlet_field(app),
        Field("customer_referrer", t("field.customer_referrer"), "select",
              [(f"{name} · {outlet}", str(sid)) for sid, name, outlet in staff]),
        Field("customer_source", t("field.customer_source"), "select",
              [(t(f"customers.source.{s}"), s) for s in records.SOURCES], required=True),
        Field("customer_stage", t("field.customer_stage"), "select",
              [(stage_label(s), s) for s in STAGES], required=True),
        Field("customer_consent", t("field.customer_consent"), "select",
              [(t("customers.yes"), "1"), (t("customers.no"), "0")], required=True),
        Field("customer_notes", t("field.customer_notes"), "area"),
    ]


def _draft(values: dict[str, str]) -> records.CustomerDraft:
    return records.CustomerDraft(
        name=values["customer_name"], phone=values["customer_phone"],
        outlet=values["customer_outlet"], referrer=values["customer_referrer"],
        source=values["customer_source"], stage=values["customer_stage"],
        notes=values["customer_notes"], consent=values["customer_consent"])


def add_customer(app: Any, outlet_id: int | None = None, prospect: bool = False,
                 done: Done = None) -> None:
    """A new customer; from the plan a prospect a teller referred, at the outlet the
    manager is checked in at (the referrer list shows that outlet's staff)."""
    if outlet_id is None:
        visit = roster_visits.open_visit(app.db)
        outlet_id = visit.outlet_id if visit is not None else None

    def submit(values: dict[str, str]) -> int:
        return records.add_customer(app.db, _draft(values), app.now())

    def after(result: Any) -> None:
        if result:
            app.notify(t("customers.added",
                         name=records.get_customer(app.db, int(result)).masked_name))
            announce(app, "customers")
        if done is not None:
            done(result)

    initial = {"customer_outlet": str(outlet_id) if outlet_id else "",
               "customer_source": "referral", "customer_stage": "prospect",
               "customer_consent": "1"}
    title = t("customers.prospect_title" if prospect else "customers.add_title")
    app.push_screen(FormScreen(title, customer_fields(app, outlet_id), initial, submit), after)


def edit_customer(app: Any, customer_id: int) -> None:
    c = records.get_customer(app.db, customer_id)
    if c.erased:
        app.notify(t("customers.error.erased"), severity="warning")
        return

    def submit(values: dict[str, str]) -> bool:
        records.update_customer(app.db, customer_id, _draft(values), app.now())
        return True

    def after(result: Any) -> None:
        if result:
            app.notify(t("customers.saved"))
            announce(app, "customers")

    values = {"customer_name": c.name, "customer_phone": c.phone or "",
              "customer_outlet": str(c.outlet_id or ""),
              "customer_referrer": str(c.referrer_id or ""), "customer_source": c.source,
              "customer_stage": c.stage, "customer_consent": "1" if c.consent else "0",
              "customer_notes": c.notes or ""}
    app.push_screen(FormScreen(t("customers.edit_title", name=c.masked_name),
                               customer_fields(app, c.outlet_id), values, submit), after)


def talk(app: Any, ref: str, what: str = "") -> None:
    """One form: the conversation about ``ref`` (a follow-up item, or ``customer:<id>``)
    and the next step; saving closes the item, logs the day's customer contact and sets
    the next step in one write."""
    customer_id = (int(ref.partition(":")[2]) if ref.startswith("customer:")
                   else followups.customer_of_ref(app.db, ref))
    c = records.get_customer(app.db, customer_id)
    fields = [
        Field("talk_time", t("field.talk_time"), placeholder="09:30", required=True),
        Field("followup_notes", t("field.followup_notes"), "area"),
        Field("talk_next_what", t("field.talk_next_what")),
        Field("talk_next_due", t("field.talk_next_due"), placeholder=t("task.due_hint")),
        Field("talk_stage", t("field.talk_stage"), "select",
              [(stage_label(s), s) for s in STAGES]),
    ]

    def submit(values: dict[str, str]) -> Any:
        at = v.time_on("talk_time", values["talk_time"], app.today)
        try:
            # 明天, 周五, +3d or a date: the tasks' own reading of a day typed.
            due = values["talk_next_due"].strip()
            due = tasks.parse_due(due, app.today).isoformat() if due else ""
            talked = followups.Conversation(
                note=values["followup_notes"], next_what=values["talk_next_what"],
                next_due=due, stage=values["talk_stage"])
            return plan_customers.log_conversation(app.db, ref, talked, app.today, at,
                                                   app.now()) or 0
        except ValidationError as error:
            # The domain's field names, the form's own where they differ.
            field = {"followup_what": "talk_next_what", "followup_due": "talk_next_due",
                     "task_due": "talk_next_due",
                     "customer_stage": "talk_stage"}.get(error.field, error.field)
            raise ValidationError(field, error.key, **error.params) from None

    def after(result: Any) -> None:
        if result is None:
            return
        message = t("customers.talk_saved")
        if result:
            due = followups.history(app.db, customer_id)[0].due
            message += " · " + t("customers.talk_next", date=due.isoformat())
        app.notify(message)
        announce(app, "followups", "contacts", "customers")

    label = what or t("customers.talk_none")
    app.push_screen(FormScreen(t("customers.talk_title", name=c.masked_name, what=label),
                               fields, {"talk_time": app.now().strftime("%H:%M"),
                                        "talk_stage": c.stage}, submit), after)


def add_deposit(app: Any, customer_id: int) -> None:
    c = records.get_customer(app.db, customer_id)
    fields = [
        Field("deposit_band", t("field.deposit_band"), "select",
              [(deposits.band_label(b), b) for b in deposits.BANDS], required=True),
        Field("deposit_matures", t("field.deposit_matures"), placeholder="2026-12-20",
              required=True),
        Field("deposit_notes", t("field.deposit_notes")),
    ]

    def submit(values: dict[str, str]) -> str:
        deposits.add_deposit(app.db, customer_id, values["deposit_band"],
                             values["deposit_matures"], values["deposit_notes"], app.now())
        return v.iso_date("deposit_matures", values["deposit_matures"], required=True).isoformat()

    def after(result: Any) -> None:
        if result:
            app.notify(t("customers.deposit_saved", date=result))
            announce(app, "deposits")

    app.push_screen(FormScreen(t("customers.deposit_title", name=c.masked_name), fields, {},
                               submit), after)


def add_case(app: Any, customer_id: int) -> None:
    c = records.get_customer(app.db, customer_id)
    fields = [
        Field("followup_kind", t("field.followup_kind"), "select",
              [(t(f"customers.kind.{k}"), k) for k in followups.CASE_KINDS], required=True),
        Field("followup_what", t("field.followup_what"), required=True),
        Field("followup_due", t("field.followup_due"), placeholder=t("task.due_hint"),
              required=True),
        Field("followup_notes", t("field.followup_notes"), "area"),
    ]

    def submit(values: dict[str, str]) -> str:
        try:
            due = tasks.parse_due(values["followup_due"], app.today)
        except ValidationError as error:
            raise ValidationError("followup_due", error.key, **error.params) from None
        followups.add_followup(app.db, customer_id, values["followup_kind"], due,
                               values["followup_what"], app.now(), values["followup_notes"])
        return due.isoformat()

    def after(result: Any) -> None:
        if result:
            app.notify(t("customers.case_saved", date=result))
            announce(app, "followups")

    app.push_screen(FormScreen(t("customers.case_title", name=c.masked_name), fields,
                               {"followup_kind": "next_step",
                                "followup_due": app.today.isoformat()}, submit), after)


def convert(app: Any, customer_id: int) -> None:
    """成交: the self screen's policy form, filled with the customer and linked to them."""
    from workbench.screens.assessment.forms import open_policy_form

    c = records.get_customer(app.db, customer_id)
    if c.erased:
        app.notify(t("customers.error.erased"), severity="warning")
        return
    open_policy_form(app, customer=c)


def erase(app: Any, customer_id: int) -> None:
    """Erase on request, after the manager types the confirmation word."""
    c = records.get_customer(app.db, customer_id)
    if c.erased:
        app.notify(t("customers.error.erased"), severity="warning")
        return
    fields = [Field("erase_confirm", t("customers.erase_confirm"), required=True)]

    def submit(values: dict[str, str]) -> Any:
        # Either language's word: a counter terminal may have no Chinese input method.
        if values["erase_confirm"].strip().upper() not in {
                word.upper() for word in catalogue()["customers.erase_word"]}:
            raise ValidationError("erase_confirm", "customers.error.confirm")
        return plan_customers.erase_customer(app.db, customer_id, app.now())

    def after(result: Any) -> None:
        if result:
            app.notify(t("customers.erased_done", policies=result.policies,
                         lines=result.register_lines), timeout=10)
            announce(app, "customers", "deposits", "followups", "policies", "contacts")

    app.push_screen(FormScreen(t("customers.erase_title", name=c.masked_name), fields, {},
                               submit), after)

