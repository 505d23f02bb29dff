"""The notes a check-in carries under the check-in rules (``roster.visits.VisitRules``):
counted from the start of the working day, too short to clear "visit due". One text for
the plan's audit and the outlet card."""

from __future__ import annotations

from datetime import datetime

from workbench.core.i18n import t


def visit_rule_notes(clipped_from: datetime | None, start: datetime, short: bool) -> str:
    """The notes after a visit's verdict ("" when none applies), each led by two spaces."""
    out = ""
    if clipped_from is not None:
        out += "  " + t("visit.clipped", typed=clipped_from.strftime("%H:%M"),
                        start=start.strftime("%H:%M"))
    if short:
        out += "  " + t("visit.short_not_due")
    return out
