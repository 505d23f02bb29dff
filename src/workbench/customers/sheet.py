"""Customers from and to a spreadsheet: the outlets' importer rules, customers' columns.

Import reads the file with ``roster.sheets`` (CSV as Excel writes it: UTF-8, BOM,
GB18030; .xlsx), matches the headers with ``roster.headers`` (``CUSTOMER_ALIASES``:
手机号, 开户网点, 推荐柜员, 到期金额(万元), 存款到期日 …) and runs the rows through
``roster.importer.import_sheet``: each row cleaned by the form's own rule
(``records.clean_customer``), every bad cell reported, a customer (name + phone) once
per file, all rows written in one transaction or none. A customer already known (same
name and phone) is updated, not duplicated; a deposit on the row is added once.
The branch's words are read by ``roster.vocabulary``: the outlet by code or name, dates
in every form a list writes them, a source kept as written and filed under its kind
(产说会 is an event; 电话 is other), an amount (in the header's unit) as its band only
(``deposits.band_of_amount``: the exact sum is not kept). A list without a consent
column leaves consent at no: the plan then asks for consent before any call
(``plan.customers``).

Export writes the same columns (so an export imports again), names and phones masked
unless the caller asks for them whole (``workbench customers export --unmasked``), every
cell through ``core.cells`` (no formula runs when Excel opens it).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from workbench.core.cells import csv_text, xlsx_row
from workbench.core.clock import stamp
from workbench.core.config import Config
from workbench.core.errors import ValidationError
from workbench.core.i18n import catalogue, t
from workbench.customers import deposits, records
from workbench.customers.stages import STAGES, check_move
from workbench.roster import bulk, outlets
from workbench.roster.headers import CUSTOMER_ALIASES, match_headers
from workbench.roster.importer import ImportSummary, SheetKind, import_sheet
from workbench.roster.vocabulary import (
    SOURCE_WORDS,
    header_unit,
    kind_lookup,
    lowest_yuan,
    sheet_date,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

COLUMNS = ("name", "phone", "outlet_code", "referrer", "source", "stage", "notes", "consent",
           "deposit_band", "deposit_matures")
# A sheet's column -> the form field whose rule cleans it (errors name the column).
FIELD_OF = {"name": "customer_name", "phone": "customer_phone", "outlet_code": "customer_outlet",
            "referrer": "customer_referrer", "source": "customer_source",
            "stage": "customer_stage", "notes": "customer_notes",
            "consent": "customer_consent", "deposit_band": "deposit_band",
            "deposit_matures": "deposit_matures"}
COLUMN_OF = {f: c for c, f in FIELD_OF.items()}


def _norm(text: Any) -> str:
    """A label as compared: no case, no spaces, every dash and 至/~ one hyphen (5-20万)."""
    out = re.sub(r"\s+", "", str(text if text is not None else "")).lower()
    return re.sub(r"[‐-―−~～至]", "-", out)


def _lookup(field: str, prefix: str, ids: Sequence[str]) -> Callable[[Any], str]:
    """An id from itself or its label in either language (意向 -> intention); an empty
    cell is ""; anything else is refused, listing the labels in the user's language."""
    labels = catalogue()
    found = {}
    for ident in ids:
        for name in (ident, *labels.get(f"{prefix}.{ident}", ())):
            found[_norm(name)] = ident

    def lookup(text: Any) -> str:
        key = _norm(text)
        if not key:
            return ""
        if key not in found:
            raise ValidationError(field, "error.bad_choice", options=t("list.sep").join(
                t(f"{prefix}.{i}") for i in ids))
        return found[key]

    return lookup


# A file's column -> the stored columns it writes, for a customer already in the file:
# left as they are when the file says nothing (no such column, an empty cell). Name,
# phone and outlet find the customer; a stage left empty keeps it (below).
KEPT_UNLESS_WRITTEN = {"referrer": ("referrer_id",), "source": ("source", "source_text"),
                       "notes": ("notes",), "consent": ("consent",)}


def _customer_kind(db: Database, columns: Mapping[str, str]) -> SheetKind:
    outlet_of = outlets.outlet_finder(db)
    staff = {(oid, name): sid for sid, oid, name in db.execute(
        "SELECT id, outlet_id, name FROM staff").fetchall()}
    labels = catalogue()
    source_of = kind_lookup(SOURCE_WORDS, records.SOURCES, {
        s: labels.get(f"customers.source.{s}", ()) for s in records.SOURCES})
    stage_of = _lookup("stage", "customers.stage", STAGES)
    band_of = _lookup("deposit_band", "customers.band", deposits.BANDS)
    unit = header_unit(columns.get("deposit_band", ""))

    def band(text: Any) -> str:
        """A band as labelled (5-20万), else the band of an amount (30, 30万, 300,000元)."""
        try:
            return band_of(text)
        except ValidationError:
            yuan = lowest_yuan("deposit_band", text, unit)
            return deposits.band_of_amount(yuan) if yuan is not None else ""

    def clean(values: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        source, source_text = source_of(values.get("source", ""))
        stage = stage_of(values.get("stage", "")) or "prospect"
        held = band(values.get("deposit_band", ""))
        code = str(values.get("outlet_code", "")).strip()
        outlet_id = outlet_of(code) if code else None
        if code and outlet_id is None:
            raise ValidationError("outlet_code", "import.no_outlet", code=code)
        referrer = str(values.get("referrer", "")).strip()
        referrer_id = ""
        if referrer:
            found = staff.get((outlet_id, referrer))
            if found is None:
                raise ValidationError("referrer", "customers.error.no_referrer", name=referrer)
            referrer_id = str(found)
        draft = records.CustomerDraft(
            name=values.get("name", ""), phone=values.get("phone", ""),
            outlet=str(outlet_id) if outlet_id else "", referrer=referrer_id,
            source=source or "referral", stage=stage, notes=values.get("notes", ""),
            consent=values.get("consent", ""), source_text=source_text or "")
        try:
            row = records.clean_customer(db, draft)
            if "source" not in columns:
                del row["source_text"]
            known = records.find_customer(db, row["name"], row["phone"], row["outlet_id"])
            if known is not None:
                # A known customer keeps what the file does not say (a column it lacks, an
                # empty cell): consent or a note recorded in the app survives a re-import.
                for column, stored in KEPT_UNLESS_WRITTEN.items():
                    if not str(values.get(column, "")).strip():
                        for name in stored:
                            row.pop(name, None)
                # A stage written must be a move the form would allow (never back from
                # sold to prospect).
                current = records.get_customer(db, known).stage
                row["stage"] = check_move(current, stage_of(values.get("stage", ""))
                                          or current)
            matures = sheet_date("deposit_matures", values.get("deposit_matures", ""))
            if held and matures is None:
                raise ValidationError("deposit_matures", "error.required")
            if matures and not held:
                raise ValidationError("deposit_band", "error.required")
        except ValidationError as exc:
            raise ValidationError(COLUMN_OF.get(exc.field, exc.field), exc.key,
                                  **exc.params) from None
        row["deposit"] = (held, matures.isoformat()) if matures else None
        # A customer may be on several rows, one per deposit.
        return (row["name"], row["phone"], row["deposit"]), row

    stand_in = {"name": "x", "source": "referral", "stage": "prospect"}
    return SheetKind(clean, "name", stand_in, _write)


def _write(db: Database, rows: list[dict[str, Any]], now: datetime) -> bulk.Written:
    added = updated = 0
    with db.atomic():
        for row in rows:
            deposit = row.pop("deposit")
            found = records.find_customer(db, row["name"], row["phone"], row["outlet_id"])
            if found is None:
                row.update(created_at=stamp(now), updated_at=stamp(now))
                found = db.table("customers").insert(row).last_pk
                added += 1
            else:
                row["updated_at"] = stamp(now)
                db.table("customers").update(found, row)
                updated += 1
            if deposit and not db.execute(
                    "SELECT 1 FROM deposits WHERE customer_id = ? AND band = ? AND matures_on = ?",
                    [found, *deposit]).fetchone():
                db.table("deposits").insert({"customer_id": found, "band": deposit[0],
                                             "matures_on": deposit[1],
                                             "created_at": stamp(now)})
    return bulk.Written(added, updated, 0)


def import_customers(db: Database, rows: Sequence[Mapping[str, str]], config: Config, *,
                     skip_invalid: bool, now: datetime,
                     progress: Callable[[int, int], None] | None = None) -> ImportSummary:
    """Validate every row, then write them all in one transaction (or none)."""
    columns = match_customer_headers(rows)
    return import_sheet(db, _customer_kind(db, columns), columns, rows,
                        skip_invalid=skip_invalid, now=now, progress=progress)


def match_customer_headers(rows: Sequence[Mapping[str, str]]) -> dict[str, str]:
    labels = catalogue()
    # The label in the user's language first: an unknown column's message lists those.
    known = {c: (t(f"field.customer_{c}"), *CUSTOMER_ALIASES[c],
                 *labels.get(f"field.customer_{c}", ())) for c in COLUMNS}
    return match_headers("customers", list(rows[0].keys()) if rows else [], known, ("name",))


def export_rows(db: Database, unmasked: bool = False) -> list[list[Any]]:
    """The header and one row per customer (and per deposit), masked unless ``unmasked``."""
    header = [t(f"field.customer_{c}") for c in COLUMNS]
    out: list[list[Any]] = [header]
    codes = {oid: code for code, oid in outlets.ids_by_code(db).items()}
    for c in records.list_customers(db, limit=1_000_000):
        name = c.name if unmasked or c.erased else c.masked_name
        phone = (c.phone or "") if unmasked else c.masked_phone
        base = [name, phone, codes.get(c.outlet_id, "") if c.outlet_id else "",
                c.referrer_name or "", c.source_shown,
                t(f"customers.stage.{c.stage}"), c.notes or "", t("customers.yes") if c.consent
                else t("customers.no")]
        held = deposits.deposits_of(db, c.id)
        if not held:
            out.append([*base, "", ""])
        for d in held:
            out.append([*base, d.band_label, d.matures_on.isoformat()])
    return out


def render(rows: list[list[Any]], fmt: str) -> bytes:
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        for row in rows:
            sheet.append(xlsx_row(row))
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
    return csv_text(rows).encode("utf-8-sig")  # with BOM: Excel opens the Chinese intact
