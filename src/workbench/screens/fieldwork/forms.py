"""The training / 早会 form and the display check form, opened on an outlet from the plan,
the roster, the card and the palette. Field lists and the calls to the domain; no SQL."""

from __future__ import annotations

from typing import Any

from workbench.core.errors import ValidationError
from workbench.core.i18n import t
from workbench.fieldwork import displays, trainings
from workbench.plan.view_parts import label_of
from workbench.roster import outlets
from workbench.roster import staff as roster_staff
from workbench.screens.common.changes import announce
from workbench.screens.common.form import Field, FormScreen


def training_fields(topics: list[str], people: list[roster_staff.Staff]) -> list[Field]:
    return [
        Field("training_kind", t("field.training_kind"), "select",
              [(t(f"training_kind.{k}"), k) for k in trainings.KINDS], required=True),
        Field("topic", t("field.topic"), "select",
              [(label_of("topic", x), x) for x in topics], required=True),
        Field("topic_other", t("field.topic_other"), placeholder=t("train.topic_hint")),
        Field("attendees", t("field.attendees"), "multi",
              [(f"{p.name} {p.role_shown}", str(p.id)) for p in people]),
        Field("held_on", t("field.held_on"), "date", placeholder="2026-11-27", required=True),
        Field("minutes", t("field.minutes"), "number", placeholder="30", required=True),
        Field("materials", t("field.materials")),
        Field("follow_up", t("field.follow_up"), "date", placeholder="2026-12-04"),
        Field("notes", t("field.notes"), "area"),
    ]


def record_training(app: Any, outlet_id: int) -> None:
    """The form for a training, 早会 or event at ``outlet_id``."""
    outlet = outlets.get_outlet(app.db, outlet_id)
    people = roster_staff.list_staff(app.db, outlet_id)
    topics = list(app.config.fieldwork.topics)

    def submit(values: dict[str, str]) -> int:
        draft = trainings.TrainingDraft(
            kind=values["training_kind"],
            # A topic typed here is one of the user's own (the list is [fieldwork] topics).
            topic=values["topic_other"].strip() or values["topic"], held_on=values["held_on"],
            minutes=values["minutes"],
            attendees=trainings.parse_attendees(values["attendees"]),
            materials=values["materials"], follow_up=values["follow_up"],
            notes=values["notes"])
        try:
            return trainings.record_training(app.db, outlet_id, draft, app.today, app.now())
        except ValidationError as error:
            if error.field == "topic" and values["topic_other"].strip():
                raise ValidationError("topic_other", error.key, **error.params) from None
            raise

    def after(result: object) -> None:
        if result:
            app.notify(t("train.recorded", name=outlet.name))
            announce(app, "trainings", "training_attendees")

    initial = {"training_kind": "morning_meeting", "topic": topics[0] if topics else "",
               "held_on": app.today.isoformat(), "minutes": "30"}
    app.push_screen(FormScreen(t("train.title", name=outlet.name),
                               training_fields(topics, people), initial, submit), after)


UP, DOWN = "up", "down"


def display_fields(items: list[str]) -> list[Field]:
    state = [(t("display.is_up"), UP), (t("display.is_down"), DOWN)]
    return [Field("checked_on", t("field.checked_on"), "date", placeholder="2026-11-27",
                  required=True),
            *[Field(f"item_{n}", label_of("display", item), "select", state)
              for n, item in enumerate(items)]]


def check_displays(app: Any, outlet_id: int) -> None:
    """The checklist of display items at ``outlet_id``: each up, down or not looked at."""
    outlet = outlets.get_outlet(app.db, outlet_id)
    items = list(app.config.fieldwork.display_items)
    # Items tracked at this outlet that the config no longer lists stay on its checklist.
    items += [s.item for s in displays.displays_at(app.db, outlet_id) if s.item not in items]

    def submit(values: dict[str, str]) -> int:
        seen = {item: values[f"item_{n}"] == UP for n, item in enumerate(items)
                if values[f"item_{n}"]}
        return displays.record_check(app.db, outlet_id, seen, values["checked_on"],
                                     app.today, app.now())

    def after(result: object) -> None:
        if result:
            app.notify(t("display.recorded", name=outlet.name, count=result))
            announce(app, "display_checks")

    initial = {"checked_on": app.today.isoformat()}
    app.push_screen(FormScreen(t("display.title", name=outlet.name), display_fields(items),
                               initial, submit), after)
