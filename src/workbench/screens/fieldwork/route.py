"""Planning the day's route (今日路线): today's stops in order above the outlets the plan
suggests (visits due, documents waiting, training due). Enter puts a suggestion on the
route or takes a stop off; shift+↑/↓ (or K/J) move a stop; ``a`` adds any outlet. Each
change is saved at once (``fieldwork.route.set_route``) and announced, so the plan
shows the route as it is planned."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from workbench.core.errors import ValidationError
from workbench.core.i18n import t
from workbench.fieldwork import route
from workbench.plan.route import Suggestion
from workbench.roster import outlets
from workbench.screens.common.changes import announce
from workbench.screens.common.failures import notify_failure
from workbench.screens.common.keys import translate_bindings
from workbench.screens.common.pickers import OutletPicker
from workbench.screens.common.sizing import born_sized


class RouteScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "key.close", id="route_close"),
        Binding("shift+up,K", "move(-1)", "key.route_up", id="route_up"),
        Binding("shift+down,J", "move(1)", "key.route_down", id="route_down"),
        Binding("a", "add", "key.route_add", id="route_add"),
    ]

    def __init__(self, suggestions: list[Suggestion]) -> None:
        super().__init__()
        born_sized(self)
        translate_bindings(self)
        self.suggestions = suggestions
        self.stops: list[tuple[int, str, str]] = []  # outlet id, code, name

    def compose(self) -> ComposeResult:
        with Vertical(id="route-box", classes="modal-box"):
            yield Static(t("route.title"), classes="form-title")
            yield OptionList(id="route-list")
            yield Static(t("route.keys"), id="route-keys")

    def on_mount(self) -> None:
        app = self.app
        self.stops = [(s.outlet_id, s.code, s.name) for s in route.route_for(app.db, app.today)]
        self.fill()
        self.query_one("#route-list", OptionList).focus()

    def fill(self, keep: str | None = None) -> None:
        box = self.query_one("#route-list", OptionList)
        planned = {oid for oid, _, _ in self.stops}
        options: list[Option | None] = [
            Option(Text(t("route.planned", count=len(self.stops)), style="bold"), disabled=True)]
        options += [Option(Text(f"{n}. {code}  {name}"), id=f"stop:{oid}")
                    for n, (oid, code, name) in enumerate(self.stops, start=1)]
        if not self.stops:
            options.append(Option(Text("  " + t("route.empty"), style="italic"), disabled=True))
        rest = [s for s in self.suggestions if s.outlet_id not in planned]
        options += [None, Option(Text(t("route.suggested", count=len(rest)), style="bold"),
                                 disabled=True)]
        for s in rest:
            why = t("plan.list_sep").join(t(r) for r in s.reasons)
            options.append(Option(Text(f"+ {s.code}  {s.name}  · {why}"), id=f"sug:{s.outlet_id}"))
        box.set_options(options)
        ids = [o.id for o in options if o is not None and o.id]
        target = keep if keep in ids else (ids[0] if ids else None)
        if target is not None:
            box.highlighted = box.get_option_index(target)

    def save(self, keep: str | None) -> None:
        app = self.app
        try:
            route.set_route(app.db, app.today, [oid for oid, _, _ in self.stops], app.today)
        except ValidationError as error:
            app.notify(str(error), severity="error")
            self.on_mount()
            return
        except Exception as error:
            # Busy, full or read-only: rolled back; say so and show the route as stored.
            if not notify_failure(app, error):
                raise
            self.on_mount()
            return
        announce(app, "route_stops")
        self.fill(keep)

    def selected(self) -> str | None:
        box = self.query_one("#route-list", OptionList)
        if box.highlighted is None:
            return None
        return box.get_option_at_index(box.highlighted).id

    @on(OptionList.OptionSelected, "#route-list")
    def _toggle(self, event: OptionList.OptionSelected) -> None:
        kind, _, ref = (event.option.id or "").partition(":")
        if kind == "stop":
            self.stops = [s for s in self.stops if s[0] != int(ref)]
            self.save(None)
        elif kind == "sug":
            self.add_stop(int(ref))

    def add_stop(self, outlet_id: int) -> None:
        if any(oid == outlet_id for oid, _, _ in self.stops):
            return
        outlet = outlets.get_outlet(self.app.db, outlet_id)
        self.stops.append((outlet.id, outlet.code, outlet.name))
        self.save(f"stop:{outlet_id}")

    def action_move(self, step: int) -> None:
        current = self.selected() or ""
        if not current.startswith("stop:"):
            return
        ids = [oid for oid, _, _ in self.stops]
        at = ids.index(int(current[5:]))
        to = at + step
        if 0 <= to < len(self.stops):
            self.stops[at], self.stops[to] = self.stops[to], self.stops[at]
            self.save(current)

    def action_add(self) -> None:
        def chosen(outlet_id: int | None) -> None:
            if outlet_id:
                self.add_stop(outlet_id)

        self.app.push_screen(OutletPicker(t("route.add_title"),
                                          outlets.all_active_outlets(self.app.db)), chosen)

    def action_close(self) -> None:
        self.dismiss(None)


def open_route(app: Any, suggestions: list[Suggestion] | None = None) -> None:
    """Plan today's route; without ``suggestions`` (the palette) they are read now."""
    if app.db is None:
        return
    if suggestions is None:
        from workbench.plan.agenda import build_agenda
        from workbench.plan.route import route_suggestions

        suggestions = route_suggestions(build_agenda(app.db, app.today, app.config))
    app.push_screen(RouteScreen(suggestions))
