"""Which outlets today's route could take, from what the plan already computed: visits
due, documents waiting at an outlet (to deliver, to sign, to hand over) and training
due there. Read from the ``Agenda``, never recomputed."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.plan.agenda import Agenda

# Register work that takes the manager to the outlet's counter.
AT_THE_COUNTER = ("policy", "awaiting", "handover")


@dataclass(frozen=True)
class Suggestion:
    outlet_id: int
    code: str
    name: str
    reasons: tuple[str, ...]  # catalogue keys (route.reason.*)


def route_suggestions(agenda: Agenda) -> list[Suggestion]:
    """Outlets worth a visit today, most pressing first: visits due (most overdue
    first), then documents waiting, then training due; an outlet once, with all its
    reasons."""
    found: dict[int, tuple[str, str, list[str]]] = {}

    def note(outlet_id: int, code: str, name: str, reason: str) -> None:
        entry = found.setdefault(outlet_id, (code, name, []))
        if reason not in entry[2]:
            entry[2].append(reason)

    for due in agenda.visits_due:
        note(due.outlet_id, due.code, due.name, "route.reason.due")
    for doc in agenda.documents:
        if doc.kind in AT_THE_COUNTER:
            note(doc.outlet_id, doc.outlet_code, doc.outlet_name, "route.reason.documents")
    if agenda.fieldwork is not None:
        for u in agenda.fieldwork.untrained:
            note(u.outlet_id, u.code, u.name, "route.reason.training")
        for f in agenda.fieldwork.follow_ups:
            note(f.outlet_id, "", f.outlet_name, "route.reason.follow_up")
    return [Suggestion(oid, code, name, tuple(reasons))
            for oid, (code, name, reasons) in found.items()]
