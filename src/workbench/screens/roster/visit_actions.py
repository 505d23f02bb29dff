"""Check-in and check-out flows shared by the roster and the resource card."""

from __future__ import annotations

from textual.screen import Screen

from workbench.core import validate as v
from workbench.core.errors import ValidationError
from workbench.core.i18n import t
from workbench.roster import outlets, visits
from workbench.screens.common.changes import announce
from workbench.screens.common.form import FormScreen
from workbench.screens.roster.forms import checkin_fields, checkout_fields


def _on_time_field(error: ValidationError) -> ValidationError:
    """The domain names the stored column; the form shows it under "time"."""
    if error.field in ("started_at", "ended_at"):
        return ValidationError("time", error.key, **error.params)
    return error


def check_in(screen: Screen, outlet_id: int) -> None:
    app = screen.app
    outlet = outlets.get_outlet(app.db, outlet_id)

    def submit(values: dict[str, str]) -> int:
        at = v.time_on("time", values["time"], app.today)
        try:
            return visits.check_in(app.db, outlet_id, at, values["purpose"], values["notes"],
                                   visits.visit_rules(app.config, app.now()))
        except ValidationError as error:
            raise _on_time_field(error) from None

    def after(result: object) -> None:
        if result:
            current = visits.open_visit(app.db)
            if current is not None and current.clipped_from is not None:
                app.notify(t("visit.checked_in_clipped", name=outlet.name,
                             typed=current.clipped_from.strftime("%H:%M"),
                             start=current.started_at.strftime("%H:%M")))
            else:
                app.notify(t("visit.checked_in", name=outlet.name))
            announce(app, "visits")

    form = FormScreen(t("visit.checkin_title", name=outlet.name),
                      checkin_fields(visits.VISIT_PURPOSES),
                      {"purpose": "stationed", "time": app.now().strftime("%H:%M")}, submit)
    app.push_screen(form, after)


def check_out(screen: Screen) -> None:
    app = screen.app
    visit = visits.open_visit(app.db)
    if visit is None:
        app.notify(t("visit.not_checked_in"), severity="warning")
        return
    outlet = outlets.get_outlet(app.db, visit.outlet_id)

    def submit(values: dict[str, str]) -> bool:
        at = v.time_on("time", values["time"], app.today)
        try:
            visits.check_out(app.db, visit.id, at, values["notes"],
                             visits.visit_rules(app.config, app.now()))
        except ValidationError as error:
            raise _on_time_field(error) from None
        return True

    def after(result: object) -> None:
        if result:
            app.notify(t("visit.checked_out", name=outlet.name))
            announce(app, "visits")

    form = FormScreen(t("visit.checkout_title", name=outlet.name,
                        start=visit.started_at.strftime("%H:%M")),
                      checkout_fields(),
                      {"time": app.now().strftime("%H:%M"), "notes": visit.notes or ""}, submit)
    app.push_screen(form, after)
