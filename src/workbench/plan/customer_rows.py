"""The plan's rows of customer follow-ups (``plan.customers``), one per item, as cells;
and one row per customer with something due who gave no consent to be contacted."""

from __future__ import annotations

from workbench.core.i18n import t
from workbench.customers.followups import FollowUp


def _when(item: FollowUp) -> str:
    if item.days < 0:
        return t("plan.overdue", days=-item.days)
    if item.days == 0:
        return t("plan.due_today")
    return t("plan.cust.in_days", days=item.days)


def _what(item: FollowUp) -> str:
    day = f"{item.due.month:02d}-{item.due.day:02d}"
    if item.kind == "deposit":
        return f"{item.what} · " + t("plan.cust.matures", date=day)
    if item.kind == "renewal":
        return f"{item.what} · " + t("plan.cust.renews", date=day)
    if item.kind == "cooling_off":
        return f"{item.what} · " + t("plan.cust.cooling", date=day)
    return item.what


def customer_rows(items: tuple[FollowUp, ...]) -> list[tuple[str, tuple[str, ...]]]:
    """(item id, cells: kind, what and when, customer masked, outlet, how late) per
    follow-up."""
    return [(f"cust:{i.ref}", (t(f"customers.kind.{i.kind}"), _what(i), i.name,
                               i.outlet_name or "", _when(i))) for i in items]


def consent_rows(items: tuple[FollowUp, ...]) -> list[tuple[str, tuple[str, ...]]]:
    """(``cust:consent:<customer>``, cells) per customer awaiting consent: what is due
    is shown, but as consent to ask for, never as a call."""
    return [(f"cust:consent:{i.customer_id}", (t("plan.cust.consent"), _what(i), i.name,
                                                i.outlet_name or "", _when(i))) for i in items]
