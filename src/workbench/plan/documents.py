"""The documents part of today's plan (单证): what the custody register asks of today.

Policies sold whose original document has not been registered yet; original policies
waiting to go to the counter; other lines awaiting a bank employee's signature (one
item per outlet); outlets about to run out of forms, with the suggested quantity;
policy receipts (回执) and callbacks (回访) due or overdue; application forms awaiting
initial review (初审, one item per form) or hand-over to the company (one item per
outlet). The rules themselves live in the register's and the policies' modules; this only
gathers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from workbench.assessment import policies
from workbench.core.config import Config
from workbench.core.privacy import mask_name
from workbench.register import applications, deliveries, receipts, stock

if TYPE_CHECKING:
    from sqlite_utils import Database

# Per kind, the plan shows the most urgent few and one "more" line with the rest; years
# of receipts nobody marked returned must not bury today's work (or slow the screen).
DOC_LIMIT = 8

DOC_KINDS = ("unregistered", "policy", "awaiting", "stock", "receipt", "callback", "review",
             "handover")


@dataclass(frozen=True)
class DocItem:
    kind: str  # one of DOC_KINDS
    ref: int  # policy (unregistered), delivery (policy, receipt, callback), form (review),
    # else outlet id
    outlet_id: int
    outlet_code: str
    outlet_name: str
    what: str  # policy number, document kind, form serial
    who: str  # the customer or applicant, masked; empty when none
    count: int  # lines, forms or suggested quantity
    days: int | None  # overdue (> 0) or waiting days; None when unknown


def documents(db: Database, today: date, config: Config,
              limit: int | None = None) -> list[DocItem]:
    """What waits on paper today, at most ``limit`` per kind (None: ``DOC_LIMIT``; -1:
    every one, for ``workbench today --all``) plus one "more" item per cut kind."""
    limit = DOC_LIMIT if limit is None else limit
    out: list[DocItem] = []
    # First in the chain: a sold policy's original must be in the register before it
    # can be taken to the counter, signed for, and start its receipt and callback clocks.
    for p in policies.policies_awaiting_document(db, limit):
        out.append(DocItem("unregistered", p.id, p.outlet_id, p.outlet_code, p.outlet_name,
                           p.policy_no, p.masked_name, 1, (today - p.issue_date).days))
    _more(out, "unregistered", policies.count_awaiting_documents(db))
    policy_kind = config.deliveries.policy_kind
    for line in deliveries.awaiting_signature(db, kind=policy_kind):
        out.append(DocItem("policy", line.id, line.outlet_id, line.outlet_code,
                           line.outlet_name, line.policy_no or "",
                           mask_name(line.customer), 1,
                           (today - line.delivered_at.date()).days))
    for outlet_id, code, name, kinds, count, oldest in deliveries.awaiting_by_outlet(
            db, policy_kind):
        out.append(DocItem("awaiting", outlet_id, outlet_id, code, name, kinds, "", count,
                           (today - oldest.date()).days))
    for level in stock.low_stock(db, today, config):
        days = None if level.days_left is None else int(level.days_left)
        out.append(DocItem("stock", level.outlet_id, level.outlet_id, level.outlet_code,
                           level.outlet_name, level.kind, "", level.suggested, days))
    for kind in ("receipt", "callback"):
        total, due_items = receipts.due_now(db, today, config, kind, limit)
        for item in due_items:
            out.append(DocItem(kind, item.delivery_id, item.outlet_id, item.outlet_code,
                               item.outlet_name, item.policy_no, item.customer_masked, 1,
                               -item.days_left))
        _more(out, kind, total)
    handover: dict[int, list[applications.Application]] = {}
    for form in applications.applications_pending(db):
        if form.status == "collected":
            out.append(DocItem("review", form.id, form.outlet_id, form.outlet_code,
                               form.outlet_name, form.serial, form.applicant_masked, 1,
                               (today - form.collected_at.date()).days))
        else:
            handover.setdefault(form.outlet_id, []).append(form)
    for outlet_id, forms in handover.items():
        first = forms[0]
        out.append(DocItem("handover", outlet_id, outlet_id, first.outlet_code,
                           first.outlet_name, "", "", len(forms),
                           (today - min(f.collected_at for f in forms).date()).days))
    return capped(out, limit if limit >= 0 else max(len(out), 1))




def _more(out: list[DocItem], kind: str, total: int) -> None:
    """The "more" line of a list fetched already capped, when ``total`` exceeds the cap."""
    shown = sum(1 for d in out if d.kind == kind)
    if total > shown:
        out.append(DocItem("more", 0, 0, "", "", kind, "", total - shown, None))


def capped(items: list[DocItem], limit: int | None = None) -> list[DocItem]:
    """At most ``limit`` (default ``DOC_LIMIT``) items of each kind, longest waiting or
    most overdue first, then one ``more`` item (``what`` = the kind, ``count`` = how many
    were left out)."""
    limit = DOC_LIMIT if limit is None else limit
    by_kind: dict[str, list[DocItem]] = {}
    for item in items:
        by_kind.setdefault(item.what if item.kind == "more" else item.kind, []).append(item)
    out: list[DocItem] = []
    for kind, group in by_kind.items():
        shown = [d for d in group if d.kind != "more"]
        hidden = sum(d.count for d in group if d.kind == "more")
        if len(shown) > limit:
            if kind != "stock":  # stock keeps the register's own order (soonest out first)
                shown = sorted(shown, key=lambda d: -(d.days or 0))
            hidden += len(shown) - limit
            shown = shown[:limit]
        out += shown
        if hidden:
            out.append(DocItem("more", 0, 0, "", "", kind, "", hidden, None))
    return out
