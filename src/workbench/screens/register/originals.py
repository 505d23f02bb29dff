"""The original policy arrived: one form that registers it (self screen ``r``, the plan's
documents, and right after logging a policy).

Everything the register line needs comes from the policy; the form only asks when it
arrived (now, prefilled) and an optional note, so ``enter`` registers it. A policy that
cannot be registered (voided, already registered) is refused with a message before any
form opens.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App

from workbench.core import validate
from workbench.core.errors import ValidationError
from workbench.core.i18n import t
from workbench.register import originals
from workbench.screens.common.changes import announce
from workbench.screens.common.form import Field, FormScreen

Done = Callable[[Any], None] | None


def open_register_policy(app: App, policy_id: int, done: Done = None, *,
                         just_logged: bool = False) -> None:
    """Register policy ``policy_id``'s original; ``done(result)`` afterwards (None: skipped).

    ``just_logged`` words the title as an offer (the policy form has just closed), so
    that ``esc`` reads as "later" rather than as cancelling something.
    """
    try:
        policy = originals.registrable(app.db, policy_id)
    except ValidationError as error:
        app.notify(str(error), severity="warning")
        if done is not None:
            done(None)
        return
    title = t("self.register_offer_title" if just_logged else "self.register_title",
              number=policy.policy_no, outlet=policy.outlet_name,
              customer=policy.masked_name)
    fields = [Field("delivered_at", t("field.delivered_at"),
                    placeholder=t("form.moment_placeholder")),
              Field("note", t("field.note"))]

    def submit(v: dict[str, str]) -> originals.Registered:
        at = None  # empty: it arrived now
        if v["delivered_at"].strip():
            at = validate.moment("delivered_at", v["delivered_at"], app.today)
        return originals.register_document(app.db, app.config, policy_id,
                                                 now=app.now(), delivered_at=at,
                                                 note=v["note"])

    def after(result: Any) -> None:
        if isinstance(result, originals.Registered):
            key = "self.registered_existing" if result.existed else "self.registered"
            app.notify(t(key, number=result.policy_no, line=result.line_id))
            announce(app, "deliveries", "policies")
        if done is not None:
            done(result)

    app.push_screen(FormScreen(title, fields,
                               {"delivered_at": app.now().strftime("%Y-%m-%d %H:%M")},
                               submit), after)
