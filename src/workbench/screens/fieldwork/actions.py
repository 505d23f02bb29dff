"""What the field work's keys and plan items do, shared by the plan, the roster, the
card and the palette: record a training, check the displays, plan the route, act on a
``route:`` / ``train:`` / ``display:`` item of the plan."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workbench.core.i18n import t
from workbench.roster import outlets
from workbench.screens.common.pickers import OutletPicker
from workbench.screens.fieldwork import forms

# Plan items whose reference is an outlet id.
OUTLET_ITEMS = ("visit", "neglect", "route", "train", "display")


def on_outlet(app: Any, outlet_id: int | None, title: str,
              then: Callable[[Any, int], None]) -> None:
    """``then(app, outlet_id)``, asking for the outlet first when none is given."""
    if app.db is None:
        return
    if outlet_id is not None:
        then(app, outlet_id)
        return

    def chosen(picked: int | None) -> None:
        if picked:
            then(app, picked)

    app.push_screen(OutletPicker(title, outlets.all_active_outlets(app.db)), chosen)


def record_training(app: Any, outlet_id: int | None) -> None:
    on_outlet(app, outlet_id, t("train.pick_outlet"), forms.record_training)


def check_displays(app: Any, outlet_id: int | None) -> None:
    on_outlet(app, outlet_id, t("display.pick_outlet"), forms.check_displays)


def outlet_of(item_id: str | None) -> int | None:
    """The outlet a plan item names, if it names one."""
    kind, _, ref = (item_id or "").partition(":")
    outlet = ref.partition(":")[0]
    return int(outlet) if kind in OUTLET_ITEMS and outlet.isdigit() else None


def act(screen: Any, kind: str, ref: str) -> None:
    """Enter on a field work item of the plan (a route stop checks in or out there: the
    plan's own visit action)."""
    app = screen.app
    if kind == "route" and ref == "plan":
        from workbench.plan.route import route_suggestions
        from workbench.screens.fieldwork.route import open_route

        agenda = getattr(screen, "agenda", None)
        open_route(app, route_suggestions(agenda) if agenda is not None else None)
    elif kind == "train":
        forms.record_training(app, int(ref.partition(":")[0]))
    elif kind == "display":
        forms.check_displays(app, int(ref.partition(":")[0]))


def outlet_here(screen: Any) -> int | None:
    """The outlet the plan's selected line names (a check-in of the audit too), if any."""
    item = screen.selected_id() or ""
    outlet = outlet_of(item)
    agenda = getattr(screen, "agenda", None)
    if outlet is None and item.startswith("audit:") and agenda is not None:
        outlet = next((a.outlet_id for a in agenda.audit if f"audit:{a.visit_id}" == item),
                      None)
    return outlet


def plan_key(screen: Any, what: str) -> None:
    """The plan's ``r`` (route), ``t`` (training) and ``b`` (displays) keys."""
    if what == "route":
        act(screen, "route", "plan")
    elif what == "training":
        record_training(screen.app, outlet_here(screen))
    elif what == "displays":
        check_displays(screen.app, outlet_here(screen))
