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


def check_in(screen: Screen, outlet_id: int) -> None:
    app = screen.app
    outlet = outlets.get_outlet(app.db, outlet_id)

    def submit(values: dict[str, str]) -> int:
        return visits.check_in(app.db, outlet_id, v.time_on("time", values["time"], app.today),
                                values["purpose"], values["notes"])

    def after(result: object) -> None:
        if result:
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
        try:
            at = v.time_on("time", values["time"], app.today)
            visits.check_out(app.db, visit.id, at, values["notes"])
        except ValidationError as error:
            if error.field != "ended_at":
                raise
            # The domain names the stored column; the form shows it under "time".
            raise ValidationError("time", error.key, **error.params) from None
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
