"""The field work's part of today's plan, read once by ``agenda.build_agenda``: staff
untrained for ``[fieldwork] training_days``, training follow-ups due, displays gone
stale, and today's route beside today's visits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from workbench.fieldwork import displays, route, trainings

if TYPE_CHECKING:
    from sqlite_utils import Database

    from workbench.core.config import Config


@dataclass(frozen=True)
class FollowUp:
    training_id: int
    outlet_id: int
    outlet_name: str
    topic: str
    due: date


@dataclass(frozen=True)
class FieldworkAgenda:
    untrained: tuple[trainings.Untrained, ...]
    follow_ups: tuple[FollowUp, ...]
    stale: tuple[displays.DisplayState, ...]
    route: route.RouteAudit  # today's planned stops, each visited or not
    training_days: int
    display_days: int
    display_items: tuple[str, ...] = ()  # the configured order, for the display lines


def fieldwork_agenda(db: Database, today: date, config: Config) -> FieldworkAgenda:
    fw = config.fieldwork
    return FieldworkAgenda(
        untrained=tuple(trainings.untrained(db, today, fw.training_days)),
        follow_ups=tuple(FollowUp(*f) for f in trainings.follow_ups_due(db, today)),
        stale=tuple(displays.stale_displays(db, today, fw.display_days)),
        route=route.route_audit(db, today),
        training_days=fw.training_days, display_days=fw.display_days,
        display_items=tuple(fw.display_items))
