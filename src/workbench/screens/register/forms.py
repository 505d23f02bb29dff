"""The register's forms: log a delivery, void a line, receipts and callbacks, stock
counts, collected application forms (collect, initial review, hand-over).

Each flow is a ``FormScreen`` whose ``submit`` calls one domain function; bad input
shows under its field and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import App

from workbench.core import validate
from workbench.core.i18n import catalogue, t
from workbench.register import applications as apps
from workbench.register import deliveries, receipts, stock, voids
from workbench.register.kind_readings import readings
from workbench.roster import outlets, visits
from workbench.screens.common.changes import announce
from workbench.screens.common.form import Field, FormScreen
from workbench.screens.common.pickers import OutletPicker


class Form(FormScreen):
    """A FormScreen that starts with the cursor in ``focus`` (the field typed first)."""

    def __init__(self, *args, focus: str | None = None) -> None:
        super().__init__(*args)
        self.focus_field = focus or self.fields[0].name

    def on_mount(self) -> None:
        self.query_one(f"#f-{self.focus_field}").focus()


def _stamp(app: App) -> str:
    return app.now().strftime("%Y-%m-%d %H:%M")


def kind_options(app: App, kinds: list[str] | None = None) -> list[tuple[str, str]]:
    return [(t(f"kind.{k}"), k) for k in (kinds or app.config.deliveries.kinds)]


def kind_keys(app: App, kinds: list[str] | None = None) -> dict[str, str]:
    """A kind is also found by its id, its name in the other language (poster, 海报) and
    its pinyin (``hb``, ``haibao``: register.kind_readings)."""
    names = catalogue()
    return {k: " ".join((k, *names.get(f"kind.{k}", ()), readings(k))).strip()
            for k in (kinds or app.config.deliveries.kinds)}


def pick_outlet(app: App, title: str, then: Callable[[int], None],
                outlet_id: int | None = None) -> None:
    """``then(outlet_id)`` for the given outlet, the one checked in at, or a picked one."""
    if outlet_id is None:
        visit = visits.open_visit(app.db)
        outlet_id = visit.outlet_id if visit else None
    if outlet_id is not None:
        then(outlet_id)
        return
    app.push_screen(OutletPicker(title, outlets.all_active_outlets(app.db)),
                    lambda chosen: then(chosen) if chosen else None)


def delivery_fields(app: App) -> list[Field]:
    return [
        Field("kind", t("field.kind"), "select", kind_options(app), keys=kind_keys(app),
              required=True),
        Field("quantity", t("field.quantity"), placeholder=t("deliveries.quantity_hint")),
        Field("serials", t("field.serials"), placeholder=t("deliveries.serials_hint")),
        Field("policy_no", t("field.policy_no"), placeholder=t("deliveries.policy_hint")),
        Field("customer", t("field.customer")),
        Field("delivered_at", t("field.delivered_at"), placeholder=t("form.moment_placeholder")),
        Field("note", t("field.note")),
    ]


def log_delivery_form(app: App, outlet_id: int, values: dict | None = None,
                      corrects_id: int | None = None) -> None:
    outlet = outlets.get_outlet(app.db, outlet_id)

    def submit(v: dict[str, str]) -> int:
        at = None  # empty: delivered now
        if v["delivered_at"].strip():
            at = validate.moment("delivered_at", v["delivered_at"], app.today)
        return deliveries.add_delivery(
            app.db, app.config, outlet_id=outlet_id, kind=v["kind"], quantity=v["quantity"],
            serials=v["serials"], policy_no=v["policy_no"], customer=v["customer"],
            note=v["note"], delivered_at=at, corrects_id=corrects_id, now=app.now())

    def after(result: object) -> None:
        if result:
            app.notify(t("deliveries.logged", line=result, name=outlet.name))
            announce(app, "deliveries")
            # The next line at the same outlet: several are usually brought at once.
            log_delivery_form(app, outlet_id, {"kind": last_kind[0]})

    initial = {"kind": app.config.deliveries.kinds[0], "delivered_at": _stamp(app)}
    initial.update(values or {})
    last_kind = [initial["kind"]]
    title = t("deliveries.log_title", name=outlet.name)
    if corrects_id:
        title = t("deliveries.correct_title", line=corrects_id, name=outlet.name)

    def submit_and_remember(v: dict[str, str]) -> int:
        last_kind[0] = v["kind"]
        return submit(v)

    policy = initial["kind"] == app.config.deliveries.policy_kind
    field = "policy_no" if policy else "quantity"
    app.push_screen(Form(title, delivery_fields(app), initial, submit_and_remember, focus=field),
                    after)


def open_log_delivery(app: App, outlet_id: int | None = None) -> None:
    """Log deliveries at ``outlet_id`` (else the outlet checked in at, else pick one)."""
    if app.db is None:
        return
    pick_outlet(app, t("deliveries.pick_outlet_log"),
                lambda oid: log_delivery_form(app, oid), outlet_id)


def void_form(app: App, delivery_id: int) -> None:
    line = deliveries.get_line(app.db, delivery_id)
    if line.status == "voided":
        app.notify(t("deliveries.error.already_voided", line=line.id), severity="warning")
        return

    def submit(v: dict[str, str]) -> int:
        return voids.void_line(app.db, delivery_id, v["reason"], app.now())

    def after(result: object) -> None:
        if not result:
            return
        app.notify(t("deliveries.voided", line=line.id))
        announce(app, "voids")
        # A corrected line replaces the voided one; escape if none is needed.
        values = {"kind": line.kind, "quantity": str(line.quantity),
                  "serials": str(line.serials) if line.serials else "",
                  "policy_no": line.policy_no or "", "customer": line.customer or "",
                  "delivered_at": line.delivered_at.strftime("%Y-%m-%d %H:%M")}
        log_delivery_form(app, line.outlet_id, values, corrects_id=line.id)

    title = t("deliveries.void_title", line=line.id, what=f"{t(f'kind.{line.kind}')} {line.what}")
    app.push_screen(Form(title, [Field("reason", t("field.reason"), "text",
                                       required=True)], {}, submit), after)


def policy_event_form(app: App, item: receipts.PolicyDue, event: str) -> None:
    mark = receipts.mark_receipt_returned if event == "receipt" else receipts.mark_callback_done

    def submit(v: dict[str, str]) -> int:
        return mark(app.db, app.config, item.delivery_id, v["on_date"], app.now(), v["note"])

    def after(result: object) -> None:
        if result:
            app.notify(t(f"due.{event}_noted", policy=item.policy_no))
            announce(app, "policy_events")

    label = t("due.receipt_date") if event == "receipt" else t("due.callback_date")
    fields = [Field("on_date", label, placeholder=t("form.date_placeholder"), required=True),
              Field("note", t("field.note"))]
    app.push_screen(Form(t(f"due.{event}_title", policy=item.policy_no), fields,
                               {"on_date": app.today.isoformat()}, submit), after)


def stock_count_form(app: App, outlet_id: int, kind: str | None = None) -> None:
    outlet = outlets.get_outlet(app.db, outlet_id)
    visit = visits.open_visit(app.db)
    visit_id = visit.id if visit and visit.outlet_id == outlet_id else None
    kinds = app.config.deliveries.stock_kinds

    def submit(v: dict[str, str]) -> int:
        return stock.record_count(app.db, app.config, outlet_id=outlet_id, kind=v["kind"],
                                  quantity=v["quantity"], counted_at=app.now(), now=app.now(),
                                  visit_id=visit_id, note=v["note"])

    def after(result: object) -> None:
        if result:
            app.notify(t("stock.counted", name=outlet.name))
            announce(app, "stock_counts")

    fields = [Field("kind", t("field.kind"), "select", kind_options(app, kinds),
                    keys=kind_keys(app, kinds), required=True),
              Field("quantity", t("field.quantity"), required=True),
              Field("note", t("field.note"))]
    app.push_screen(Form(t("stock.count_title", name=outlet.name), fields,
                         {"kind": kind or kinds[0]}, submit, focus="quantity"), after)


def collect_form(app: App, outlet_id: int) -> None:
    outlet = outlets.get_outlet(app.db, outlet_id)

    def submit(v: dict[str, str]) -> int:
        collected = validate.moment("collected_at", v["collected_at"], app.today)
        return apps.collect(app.db, outlet_id=outlet_id, serial=v["serial"],
                            applicant=v["applicant"], product=v["product"],
                            premium=v["premium"], collected_at=collected, now=app.now())

    def after(result: object) -> None:
        if result:
            app.notify(t("apps.collected", name=outlet.name))
            announce(app, "applications")

    fields = [Field("serial", t("field.serial"), required=True),
              Field("applicant", t("field.applicant"), required=True),
              Field("product", t("field.product"), required=True),
              Field("premium", t("field.premium"), required=True),
              Field("collected_at", t("field.collected_at"),
                    placeholder=t("form.moment_placeholder"))]
    app.push_screen(Form(t("apps.collect_title", name=outlet.name), fields,
                               {"collected_at": _stamp(app)}, submit), after)


def review_form(app: App, app_id: int) -> None:
    form = apps.get_application(app.db, app_id)
    items = app.config.deliveries.review_checklist
    yes_no = [(t("apps.check_ok"), "ok"), (t("apps.check_missing"), "missing")]

    def submit(v: dict[str, str]) -> str:
        checked = [item for item in items if v[f"check_{item}"] == "ok"]
        return apps.review(app.db, app.config, app_id, checked=checked, now=app.now(),
                           return_reason=v["return_reason"])

    def after(result: object) -> None:
        if result:
            app.notify(t("apps.reviewed", serial=form.serial,
                         status=t(f"apps.status.{result}")))
            announce(app, "applications")

    def label(item: str) -> str:
        text = t(f"check.{item}")
        return item if text == f"check.{item}" else text

    fields = [Field(f"check_{item}", label(item), "select", yes_no, required=True)
              for item in items]
    fields.append(Field("return_reason", t("field.return_reason")))
    values = {f"check_{item}": "ok" for item in items}
    app.push_screen(Form(t("apps.review_title", serial=form.serial,
                           name=form.outlet_name), fields, values, submit,
                         focus="return_reason"), after)


def handover_form(app: App, outlet_id: int | None = None) -> None:
    passed = apps.applications(app.db, status="passed", outlet_id=outlet_id, limit=10_000)
    if not passed:
        app.notify(t("apps.error.nothing_selected"), severity="warning")
        return

    def submit(v: dict[str, str]) -> int:
        return apps.hand_over(app.db, [f.id for f in passed], receiver=v["receiver"],
                              handed_at=validate.moment("handed_at", v["handed_at"], app.today),
                              now=app.now(), note=v["note"])

    def after(result: object) -> None:
        if not result:
            return
        sheet = apps.handover_sheet(app.db, int(result), "md")
        folder = Path(app.db_path).expanduser().parent if app.db_path else Path.cwd()
        target = folder / f"handover-{int(result)}.md"
        try:
            target.write_text(sheet, encoding="utf-8")
            app.notify(t("apps.handed_over", count=len(passed), path=str(target)))
        except OSError:
            app.notify(t("apps.handed_over_nofile", count=len(passed)))
        announce(app, "handovers", "applications")

    total = sum(f.premium for f in passed)
    fields = [Field("receiver", t("field.receiver"), required=True),
              Field("handed_at", t("field.handed_at"), placeholder=t("form.moment_placeholder")),
              Field("note", t("field.note"))]
    app.push_screen(Form(t("apps.handover_title", count=len(passed), total=f"{total:,.0f}"),
                               fields, {"handed_at": _stamp(app)}, submit), after)
