"""An outlet's register book (登记本) as CSV or Markdown, and the chain check for the CLI.

Customers' names are masked unless the user asks for them (``unmasked``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from workbench.core.cells import csv_text
from workbench.core.errors import WorkbenchError
from workbench.core.i18n import t
from workbench.core.privacy import mask_name
from workbench.register.deliveries import Line, RegisterFilter, register, register_count
from workbench.roster import outlets

if TYPE_CHECKING:
    from sqlite_utils import Database

COLUMNS = ("line", "delivered_at", "kind", "what", "customer", "status", "signer", "signed_at",
           "page_no", "note")
BATCH = 500


def _cells(line: Line, unmasked: bool) -> list[str]:
    note = line.note or ""
    if line.void_reason:
        voided = f"{t('deliveries.status.voided')}: {line.void_reason}"
        note = voided + (f"; {note}" if note else "")
    if line.corrects_id:
        note = t("deliveries.corrects_line", line=line.corrects_id) + (f"; {note}" if note else "")
    return [str(line.id), line.delivered_at.strftime("%Y-%m-%d %H:%M"), t(f"kind.{line.kind}"),
            line.what, (line.customer or "") if unmasked else mask_name(line.customer),
            t(f"deliveries.status.{line.status}"), line.signer or "",
            line.signed_at.strftime("%Y-%m-%d %H:%M") if line.signed_at else "",
            line.page_no or "", note]


def export_register(db: Database, outlet_code: str, fmt: str, *, date_from: date | None = None,
                    date_to: date | None = None, unmasked: bool = False) -> str:
    """The register book of one outlet, oldest line first."""
    outlet = outlets.outlet_by_code(db, outlet_code)
    if outlet is None:
        raise WorkbenchError("export.no_outlet", code=outlet_code)
    if fmt not in ("csv", "md"):
        raise WorkbenchError("export.bad_format", format=fmt)
    f = RegisterFilter(outlet_id=outlet.id, date_from=date_from, date_to=date_to)
    total = register_count(db, f)
    # register() pages newest first; walk the pages backwards for the book's order.
    rows: list[list[str]] = []
    for offset in range(0, total, BATCH):
        rows[:0] = [_cells(x, unmasked) for x in reversed(register(db, f, limit=BATCH,
                                                                   offset=offset))]
    head = [t(f"export.col.{c}") for c in COLUMNS]
    if fmt == "csv":
        return csv_text([head, *rows])
    span = f"{date_from or '…'} — {date_to or '…'}"
    out = [f"# {t('export.title', name=outlet.name, code=outlet.code)}", "",
           t("export.meta", span=span, count=total), "",
           "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(c.replace("|", "/") for c in r) + " |" for r in rows]
    return "\n".join(out) + "\n"
