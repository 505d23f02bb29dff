"""Collected application forms (投保单): collection, initial review (初审), hand-over.

A form collected at an outlet is ``collected``; the initial review against the
configured checklist either ``passed`` it or ``returned`` it with a reason (a returned
form goes back to the outlet and may be collected again as a new row). Passed forms
go to the company in a hand-over batch (``handovers``), which makes them
``handed_over``. The hand-over sheet lists counts and serials; applicants are masked
unless asked otherwise.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from workbench.core import validate as v
from workbench.core.cells import csv_text
from workbench.core.clock import stamp
from workbench.core.config import Config
from workbench.core.errors import ValidationError
from workbench.core.i18n import t
from workbench.core.privacy import mask_name
from workbench.roster import outlets

if TYPE_CHECKING:
    from sqlite_utils import Database

@dataclass(frozen=True)
class Application:
    id: int
    outlet_id: int
    outlet_code: str
    outlet_name: str
    serial: str
    applicant: str
    product: str
    premium: float
    collected_at: datetime
    status: str
    checklist: tuple[str, ...]
    reviewed_at: datetime | None
    return_reason: str | None
    handover_id: int | None

    @property
    def applicant_masked(self) -> str:
        return mask_name(self.applicant)


@dataclass(frozen=True)
class Handover:
    id: int
    receiver: str
    handed_at: datetime
    note: str | None
    forms: tuple[Application, ...]


@dataclass(frozen=True)
class DayView:
    """End of day at one outlet: collected vs handed over, lines awaiting signature."""

    outlet_id: int
    outlet_code: str
    outlet_name: str
    collected: int
    handed_over: int
    awaiting_signature: int


_COLS = """a.id, a.outlet_id, o.code, o.name, a.serial, a.applicant, a.product, a.premium,
           a.collected_at, a.status, a.checklist, a.reviewed_at, a.return_reason,
           a.handover_id"""
_FROM = " FROM applications a JOIN outlets o ON o.id = a.outlet_id "


def _app(r: tuple) -> Application:
    return Application(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7],
                       datetime.fromisoformat(r[8]), r[9], tuple(json.loads(r[10] or "[]")),
                       datetime.fromisoformat(r[11]) if r[11] else None, r[12], r[13])


def get_application(db: Database, app_id: int) -> Application:
    r = db.execute(f"SELECT {_COLS}{_FROM}WHERE a.id = ?", [app_id]).fetchone()
    if r is None:
        raise ValidationError("application", "apps.error.no_such_form")
    return _app(r)


def collect(db: Database, *, outlet_id: int, serial: Any, applicant: Any, product: Any,
            premium: Any, collected_at: datetime, now: datetime) -> int:
    """Log a completed application form picked up at an outlet."""
    outlet = outlets.chosen_outlet(db, outlet_id)
    number = v.code("serial", str(serial or "").strip().upper())
    person = v.name("applicant", applicant)
    prod = v.name("product", product)
    amount = v.number("premium", premium, required=True, minimum=0.01, maximum=1e9)
    if collected_at > now + timedelta(minutes=1):
        raise ValidationError("collected_at", "deliveries.error.future")
    taken = db.execute("SELECT id FROM applications WHERE serial = ? AND status != 'returned'",
                       [number]).fetchone()
    if taken:
        raise ValidationError("serial", "apps.error.serial_twice", serial=number)
    with db.atomic():
        return db.table("applications").insert({
            "outlet_id": outlet.id, "serial": number, "applicant": person, "product": prod,
            "premium": amount, "collected_at": stamp(collected_at), "status": "collected",
            "created_at": stamp(now)}).last_pk


def review(db: Database, config: Config, app_id: int, *, checked: list[str], now: datetime,
           return_reason: Any = "") -> str:
    """Initial review: every checklist item ticked passes it; otherwise it is returned
    with a reason (required). Returns the new status."""
    form = get_application(db, app_id)
    if form.status != "collected":
        raise ValidationError("application", "apps.error.not_collected",
                              status=t(f"apps.status.{form.status}"))
    items = list(config.deliveries.review_checklist)
    for item in checked:
        v.choice("checklist", item, items)
    reason = v.text("return_reason", return_reason, max_len=500)
    complete = set(items) <= set(checked)
    if complete and reason:
        status = "returned"
    elif complete:
        status = "passed"
    elif not reason:
        raise ValidationError("return_reason", "apps.error.reason_needed")
    else:
        status = "returned"
    with db.atomic():
        db.table("applications").update(app_id, {
            "status": status, "checklist": json.dumps(sorted(set(checked)), ensure_ascii=False),
            "reviewed_at": stamp(now), "return_reason": reason if status == "returned" else None})
    return status


def hand_over(db: Database, app_ids: list[int], *, receiver: Any, handed_at: datetime,
              now: datetime, note: Any = "") -> int:
    """One hand-over batch of passed forms to the company; returns the batch id."""
    who = v.name("receiver", receiver)
    if not app_ids:
        raise ValidationError("application", "apps.error.nothing_selected")
    if handed_at > now + timedelta(minutes=1):
        raise ValidationError("handed_at", "deliveries.error.future")
    forms = [get_application(db, i) for i in sorted(set(app_ids))]
    for form in forms:
        if form.status != "passed":
            raise ValidationError("application", "apps.error.not_passed", serial=form.serial)
    with db.atomic():
        hid = db.table("handovers").insert({
            "receiver": who, "handed_at": stamp(handed_at), "note": v.text("note", note),
            "created_at": stamp(now)}).last_pk
        for form in forms:
            db.table("applications").update(form.id, {"status": "handed_over",
                                                      "handover_id": hid})
    return hid


def applications(db: Database, *, status: str | None = None, outlet_id: int | None = None,
                 limit: int = 300, offset: int = 0) -> list[Application]:
    where, params = [], []
    if status:
        where.append("a.status = ?")
        params.append(status)
    if outlet_id is not None:
        where.append("a.outlet_id = ?")
        params.append(outlet_id)
    cond = ("WHERE " + " AND ".join(where)) if where else ""
    return [_app(r) for r in db.execute(
        f"SELECT {_COLS}{_FROM}{cond} ORDER BY a.collected_at DESC, a.id DESC LIMIT ? OFFSET ?",
        params + [limit, offset]).fetchall()]


def applications_pending(db: Database) -> list[Application]:
    """Forms awaiting initial review (collected) or hand-over (passed), oldest first."""
    return [_app(r) for r in db.execute(
        f"SELECT {_COLS}{_FROM}WHERE a.status IN ('collected', 'passed') "
        "ORDER BY a.collected_at, a.id").fetchall()]


def get_handover(db: Database, handover_id: int) -> Handover:
    r = db.execute("SELECT id, receiver, handed_at, note FROM handovers WHERE id = ?",
                   [handover_id]).fetchone()
    if r is None:
        raise ValidationError("handover", "apps.error.no_such_handover")
    forms = tuple(_app(x) for x in db.execute(
        f"SELECT {_COLS}{_FROM}WHERE a.handover_id = ? ORDER BY a.serial", [r[0]]).fetchall())
    return Handover(r[0], r[1], datetime.fromisoformat(r[2]), r[3], forms)


def handover_sheet(db: Database, handover_id: int, fmt: str, unmasked: bool = False) -> str:
    """The hand-over sheet (交接单) as Markdown or CSV, for both sides to sign."""
    h = get_handover(db, handover_id)
    head = [t("apps.col.outlet"), t("apps.col.serial"), t("apps.col.applicant"),
            t("apps.col.product"), t("apps.col.premium"), t("apps.col.collected")]
    rows = [[f.outlet_code, f.serial, f.applicant if unmasked else f.applicant_masked,
             f.product, f"{f.premium:.2f}", f.collected_at.strftime("%Y-%m-%d")]
            for f in h.forms]
    total = sum(f.premium for f in h.forms)
    if fmt == "csv":
        return csv_text([head, *rows])
    lines = [f"# {t('apps.sheet_title', id=h.id)}", "",
             t("apps.sheet_meta", receiver=h.receiver,
               at=h.handed_at.strftime("%Y-%m-%d %H:%M"), count=len(h.forms),
               total=f"{total:,.2f}"), "",
             "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    lines += ["", t("apps.sheet_signatures"), ""]
    return "\n".join(lines)


def day_view(db: Database, day: date) -> list[DayView]:
    """Per outlet on ``day``: forms collected, forms handed over, lines awaiting signature."""
    start, end = day.isoformat(), (day + timedelta(days=1)).isoformat()
    out = []
    for r in db.execute(
        """SELECT o.id, o.code, o.name,
             (SELECT count(*) FROM applications a WHERE a.outlet_id = o.id
                AND a.collected_at >= :s AND a.collected_at < :e),
             (SELECT count(*) FROM applications a JOIN handovers h ON h.id = a.handover_id
                WHERE a.outlet_id = o.id AND h.handed_at >= :s AND h.handed_at < :e),
             (SELECT count(*) FROM open_lines ol WHERE ol.outlet_id = o.id)
           FROM outlets o WHERE o.active = 1 ORDER BY o.code""", {"s": start, "e": end}):
        if r[3] or r[4] or r[5]:
            out.append(DayView(*r))
    return out
