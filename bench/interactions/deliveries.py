"""Custody-register interactions: sign for a delivery at the counter (the save)."""

from __future__ import annotations

from . import Interaction, press, settle


def _signing(app):
    from workbench.screens.register.sign_off import SignOffScreen

    return app.screen if isinstance(app.screen, SignOffScreen) else None


async def open_signing(pilot):
    """A fresh line at the first outlet, then the counter flow with its signer chosen."""
    from workbench.register import deliveries
    from workbench.roster import outlets
    from workbench.screens.register.sign_off import open_sign_off

    app = pilot.app
    outlet_id = outlets.all_active_outlets(app.db)[0][0]
    line = deliveries.add_delivery(app.db, app.config, outlet_id=outlet_id, kind="brochure",
                                   quantity=10, now=app.now())
    open_sign_off(app, outlet_id)
    await settle(pilot, lambda: _signing(app) is not None and _signing(app).is_mounted)
    screen = _signing(app)
    # Only the fresh line: the heavy day's other lines may carry a later time of day than
    # the clock shows now, and a signature cannot come before the delivery.
    from textual.widgets import SelectionList

    lines = screen.query_one("#so-lines", SelectionList)
    lines.deselect_all()
    lines.select(line)
    person = screen.staff[0]
    screen._take(str(person.id))
    await settle(pilot, lambda: screen.staff_id == person.id)


async def sign(pilot):
    await press(pilot, "ctrl+s")
    await settle(pilot, lambda: _signing(pilot.app) is None)


ACTIONS = [
    Interaction("sign for a delivery at the counter (ctrl+s)", sign, prepare=open_signing,
                twin=True),
]
