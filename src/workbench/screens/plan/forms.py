"""The forms the plan opens: add a task, log a staff or customer contact."""

from __future__ import annotations

from typing import Any

from workbench.core import validate as v
from workbench.core.i18n import t
from workbench.plan import contacts, tasks
from workbench.roster import outlets
from workbench.roster import staff as roster_staff
from workbench.roster import visits as roster_visits
from workbench.screens.common.changes import announce
from workbench.screens.common.form import Field, FormScreen
from workbench.screens.common.search_select import outlet_keys


def _outlet_field(app: Any) -> Field:
    """The outlet a task or contact is about: a select searched by name, code, initials."""
    rows = outlets.all_active_outlets(app.db)
    return Field("outlet", t("field.outlet"), "select",
                 [(f"{name} ({code})", str(oid)) for oid, code, name, _ in rows],
                 keys=outlet_keys(rows))


def add_task(app: Any, outlet_id: int | None = None) -> None:
    """The task form; the due date accepts 2026-12-01, 周五/fri, 明天/tomorrow, +3d."""
    fields = [
        Field("task_title", t("field.task_title"), required=True),
        Field("task_due", t("field.task_due"), placeholder=t("task.due_hint"), required=True),
        _outlet_field(app),
        Field("task_repeat", t("field.task_repeat"), "select",
              [(t(f"task.repeat.{r}"), r) for r in tasks.REPEATS if r]),
        Field("task_repeat_detail", t("field.task_repeat_detail"),
              placeholder=t("task.repeat_hint")),
    ]

    def submit(values: dict[str, str]) -> int:
        return tasks.add_task(
            app.db, values["task_title"], values["task_due"], app.today, app.now(),
            outlet_id=int(values["outlet"]) if values["outlet"] else None,
            repeat=values["task_repeat"], repeat_detail=values["task_repeat_detail"])

    def after(result: object) -> None:
        if result:
            task = tasks.get_task(app.db, int(result), app.today)  # type: ignore[arg-type]
            app.notify(t("plan.task_added", date=task.due.isoformat()))
            announce(app, "tasks")

    initial = {"task_due": t("plan.today"), "outlet": str(outlet_id) if outlet_id else ""}
    app.push_screen(FormScreen(t("task.add_title"), fields, initial, submit), after)


def log_contact(app: Any, kind: str = "staff",
                staff_id: int | None = None, outlet_id: int | None = None) -> None:
    """One form for both kinds: a staff member from the picker, or a customer's name.

    Opened for one outlet or staff member (a neglected outlet, a birthday), the picker
    lists that outlet's staff only.
    """
    if staff_id is not None:
        outlet_id = roster_staff.get_staff(app.db, staff_id).outlet_id
    elif outlet_id is None:
        # Most contacts are logged where you are: the outlet checked in at.
        visit = roster_visits.open_visit(app.db)
        outlet_id = visit.outlet_id if visit is not None else None
    staff = contacts.staff_choices(app.db, outlet_id)
    if staff_id is None and outlet_id is not None and staff and kind == "staff":
        staff_id = staff[0][0]
    fields = [
        Field("contact_kind", t("field.contact_kind"), "select",
              [(t(f"contact.kind.{k}"), k) for k in contacts.KINDS], required=True),
        Field("staff", t("field.staff"), "select",
              [(f"{name} · {outlet}", str(sid)) for sid, name, outlet in staff]),
        Field("contact_customer", t("field.contact_customer"),
              placeholder=t("contact.customer_hint")),
        _known_customer_field(app),
        _outlet_field(app),
        Field("time", t("field.time"), placeholder="09:30", required=True),
        Field("contact_note", t("field.contact_note"), "area"),
    ]

    def submit(values: dict[str, str]) -> int:
        known = values.get("contact_customer_id")
        if values["contact_kind"] == "customer" and known:
            return _known_customer_contact(app, known, values)
        return contacts.log_contact(
            app.db, values["contact_kind"], v.time_on("time", values["time"], app.today),
            staff_id=values["staff"] or None, customer=values["contact_customer"],
            outlet_id=values["outlet"] or None, note=values["contact_note"])

    def after(result: object) -> None:
        if result:
            app.notify(t("plan.contact_logged"))
            announce(app, "contacts", "followups")

    initial = {"contact_kind": kind, "staff": str(staff_id) if staff_id else "",
               "outlet": str(outlet_id) if outlet_id else "",
               "time": app.now().strftime("%H:%M")}
    app.push_screen(FormScreen(t("contact.title"), fields, initial, submit), after)


def _known_customer_field(app: Any) -> Field:
    """A customer of the customers' list, named instead of typed (masked, found by pinyin):
    the conversation then goes into their history too."""
    from workbench.customers import records

    known = [c for c in records.list_customers(app.db) if not c.erased]
    return Field("contact_customer_id", t("field.contact_customer_id"), "select",
                 [(f"{c.masked_name} · {c.outlet_name or ''}", str(c.id)) for c in known],
                 keys={str(c.id): c.initials for c in known})


def _known_customer_contact(app: Any, customer_id: str, values: dict[str, str]) -> int:
    """The contact with a known customer: logged as a conversation in their history (one
    write: the contact and the follow-up, ``plan.customers``)."""
    from workbench.customers.followups import Conversation
    from workbench.plan import customers as plan_customers

    plan_customers.log_conversation(
        app.db, f"customer:{v.record_id('contact_customer_id', customer_id)}",
        Conversation(note=values["contact_note"]), app.today,
        v.time_on("time", values["time"], app.today), app.now())
    return 1
