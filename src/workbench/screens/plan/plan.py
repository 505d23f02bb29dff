"""Today's plan (今日), the default screen: one list of sections, each item acted on
with Enter; Tab and Shift+Tab jump between sections.

The screen loads ``plan_view.sections(build_agenda(...))`` in a thread worker (the
agenda reads nearly every table) and renders it on the UI thread; it calls domain
functions, and holds no SQL and no rules of its own. It is the first screen drawn, so
it imports the domain and its forms where they are used: the first frame waits for
Textual only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from workbench.core.errors import ValidationError
from workbench.core.i18n import t
from workbench.screens.common.changes import (
    CUSTOMERS,
    FIELDWORK,
    JOURNAL,
    PLAN,
    REGISTER,
    ROSTER,
    announce,
)
from workbench.screens.common.data_screen import DataScreen
from workbench.screens.common.footer import Footer
from workbench.screens.common.keys import translate_bindings

if TYPE_CHECKING:
    from sqlite_utils import Database

    from workbench.plan.agenda import Agenda
    from workbench.plan.view import Section


class PlanScreen(DataScreen):
    # The agenda reads nearly everything: visits, contacts, tasks, the register's open
    # work, policies awaiting their original, the morning score and the five ones, the
    # field work and the customers' follow-ups.
    SHOWS = ROSTER | REGISTER | PLAN | JOURNAL | FIELDWORK | CUSTOMERS | {"policies"}
    BINDINGS = [
        Binding("tab", "section(1)", "key.plan_next_section", id="plan_next_section",
                show=False),
        Binding("shift+tab", "section(-1)", "key.plan_prev_section", id="plan_prev_section",
                show=False),
        Binding("enter", "act", "key.plan_act", id="plan_act"),
        Binding("a", "add_task", "key.plan_add_task", id="plan_add_task"),
        Binding("x,space", "toggle_task", "key.plan_done", id="plan_done"),
        Binding("z", "snooze", "key.plan_snooze", id="plan_snooze"),
        Binding("l", "log_contact", "key.plan_contact", id="plan_contact"),
        Binding("c", "check_out", "key.plan_check_out", id="plan_check_out"),
        Binding("m", "mood", "key.plan_mood", id="plan_mood"),
        Binding("f", "first_run", "key.plan_first_run", id="plan_first_run", show=False),
        # "c" checks out; the help panel (?) lists this one.
        Binding("C", "calendar", "key.plan_calendar", id="plan_calendar", show=False),
        Binding("r", "fieldwork('route')", "key.plan_route", id="plan_route", show=False),
        Binding("t", "fieldwork('training')", "key.record_training", id="plan_training",
                show=False),
        Binding("b", "fieldwork('displays')", "key.check_displays", id="plan_displays",
                show=False),
        Binding("k", "add_prospect", "key.plan_prospect", id="plan_prospect", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        self.agenda: Agenda | None = None
        self.sections: list[Section] = []
        self.drawn: list[tuple[str | None, str, bool] | None] = []  # the options, as text
        self.whole: frozenset[str] = frozenset()  # long sections the user opened in full

    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(Option(t("plan.loading"), disabled=True), id="agenda")
        yield Static("", id="plan-status", classes="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#agenda", OptionList).focus()
        self.app.when_ready(self.refresh_data)

    # --- data ----------------------------------------------------------------------

    def load(self, db: Database) -> tuple[Agenda, list[Section]]:
        from workbench.plan.agenda import build_agenda
        from workbench.plan.view import sections

        app = self.app
        agenda = build_agenda(db, app.today, app.config)
        return agenda, sections(agenda, whole=self.whole)

    EMPTY_HINT = "empty.plan"

    def action_first_run(self) -> None:
        from workbench.screens.onboarding.guide import open_guide

        open_guide(self.app, self.app.config_path)

    def is_empty(self, data: tuple[Agenda, list[Section]]) -> bool:
        return data[0].outlet_count == 0

    def show(self, data: tuple[Agenda, list[Section]]) -> None:
        self.agenda, self.sections = data
        agenda = self.query_one("#agenda", OptionList)
        keep = self.selected_id()
        options: list[Option | None] = []
        # Rows fit the list's width: a long outlet name is cut, never the days at the end.
        room = agenda.size.width - agenda.styles.scrollbar_size_vertical - 2
        width = room if room > 0 else None
        for section in self.sections:
            if options:
                options.append(None)
            options.append(Option(Text(section.title, style="bold"), id=f"h:{section.key}",
                                  disabled=True))
            for item_id, line in section.lines(width):
                if item_id is None:
                    options.append(Option(Text("  " + line, style="italic"), disabled=True))
                else:
                    # Text, not markup: "[x]" and user-typed titles must show as typed.
                    # One row per item (app.tcss #agenda: nowrap, ellipsis): on a narrow
                    # terminal the end is cut, never wrapped onto a line of its own.
                    options.append(Option(Text(line), id=item_id))
        # A write elsewhere (a line signed, a habit ticked) reloads the plan; when its
        # lines read the same, the list is left as drawn: rebuilding it lays out and
        # renders every option again (a quarter of a second for a heavy user's plan).
        drawn = [None if o is None else (o.id, str(o.prompt), o.disabled) for o in options]
        if drawn != self.drawn:
            agenda.set_options(options)
            self.drawn = drawn
        if keep is not None and self._index_of(keep) is not None:
            agenda.highlighted = self._index_of(keep)
        else:
            agenda.action_first()
        self._status()

    def on_resize(self, _event: events.Resize) -> None:
        # The rows were cut for the old width: lay them out again for this one.
        if self.agenda is not None:
            self.call_after_refresh(self.show, (self.agenda, self.sections))

    def _status(self) -> None:
        agenda = self.agenda
        if agenda is None:
            return
        done = sum(1 for m in agenda.must_dos if m.done)
        late = sum(1 for x in agenda.tasks if not x.done and x.days_late > 0)
        text = t("plan.status", done=done, visits=len(agenda.visits_due),
                 tasks=sum(1 for x in agenda.tasks if not x.done), late=late)
        if agenda.mood is not None:
            text = t("plan.mood_today", score=agenda.mood) + " · " + text
        self.query_one("#plan-status", Static).update(text)

    def _index_of(self, option_id: str) -> int | None:
        try:
            return self.query_one("#agenda", OptionList).get_option_index(option_id)
        except Exception:  # OptionDoesNotExist: the item is gone after a change
            return None

    def selected_id(self) -> str | None:
        option = self.query_one("#agenda", OptionList).highlighted_option
        return option.id if option is not None and not option.disabled else None

    def select(self, option_id: str) -> None:
        index = self._index_of(option_id)
        if index is not None:
            self.query_one("#agenda", OptionList).highlighted = index

    # --- keyboard ------------------------------------------------------------------

    def action_section(self, step: int) -> None:
        """Move to the first item of the next (or previous) section that has one."""
        agenda = self.query_one("#agenda", OptionList)
        firsts = []
        for section in self.sections:
            ids = [i for i, _ in section.lines() if i is not None]
            if ids:
                firsts.append((section.key, ids))
        if not firsts:
            return
        current = self.selected_id()
        at = next((n for n, (_, ids) in enumerate(firsts) if current in ids), -1)
        target = firsts[(at + step) % len(firsts)] if at >= 0 else firsts[0]
        self.select(target[1][0])
        agenda.focus()

    @on(OptionList.OptionSelected, "#agenda")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.act(event.option.id)

    def action_act(self) -> None:
        self.act(self.selected_id())

    def act(self, item_id: str | None) -> None:
        """Enter on an item: the action its kind calls for."""
        from workbench.roster import visits
        from workbench.screens.plan import forms
        from workbench.screens.roster import visit_actions

        if not item_id or self.app.db is None:
            return
        kind, _, ref = item_id.partition(":")
        app = self.app
        if kind == "mood":
            self.action_mood()
        elif kind == "habit":
            self._toggle_habit(ref)
        elif kind == "doc":
            self._document(ref)
        elif kind in ("more", "fewer"):
            self._open_section(ref, kind == "more")
        elif kind == "must":
            if ref == "stationed":
                self._stationed()
            else:
                forms.log_contact(app, kind="staff" if ref == "staff" else "customer")
        elif kind == "visit" or (kind == "route" and ref != "plan"):
            ref = ref.partition(":")[0]  # a stop of today's route: the outlet
            current = visits.open_visit(app.db)
            if current is not None and current.outlet_id == int(ref):
                visit_actions.check_out(self)
            else:
                visit_actions.check_in(self, int(ref))
        elif kind == "task":
            if ref == "add":
                self.action_add_task()
            else:
                self._toggle(int(ref))
        elif kind == "bday":
            forms.log_contact(app, staff_id=int(ref))
        elif kind == "neglect":
            forms.log_contact(app, outlet_id=int(ref))
        elif kind in ("route", "train", "display"):
            from workbench.screens.fieldwork import actions

            actions.act(self, kind, ref)
        elif kind == "cust":
            self._customer(ref)
        elif kind == "audit":
            visit = next((a for a in self.agenda.audit if a.visit_id == int(ref)), None)
            if visit is not None and visit.end is None:
                visit_actions.check_out(self)
            elif visit is not None:
                app.open_outlet(visit.outlet_id)

    def _open_section(self, key: str, whole: bool) -> None:
        """Show a cut section whole (or cut it again): the agenda in hand is laid out
        again, nothing is read."""
        from workbench.plan.view import sections

        self.whole = self.whole | {key} if whole else self.whole - {key}
        if self.agenda is not None:
            self.show((self.agenda, sections(self.agenda, whole=self.whole)))
            self.select(self._first_hidden(key) if whole else f"more:{key}")

    def _first_hidden(self, key: str) -> str:
        """The first row the cut had left out, where the reader's eye goes next."""
        section = next((s for s in self.sections if s.key == key), None)
        from workbench.plan.view import SECTION_ROWS

        if section is None or len(section.items) <= SECTION_ROWS:
            return f"h:{key}"
        return section.items[SECTION_ROWS].id or f"h:{key}"

    # --- customers --------------------------------------------------------------------

    def _customer(self, ref: str) -> None:
        """Enter on a customer follow-up: one form logs the talk and sets the next step."""
        from workbench.screens.customers import forms

        if ref == "add":
            self.action_add_prospect()
            return
        if ref.startswith("consent:"):  # no call without consent: the form to record it
            forms.edit_customer(self.app, int(ref.partition(":")[2]))
            return
        item = next((i for i in self.agenda.customers if i.ref == ref), None)
        if item is not None:
            forms.talk(self.app, ref, forms.next_text(item))

    def action_add_prospect(self) -> None:
        """准客户: a prospect a teller referred, noted from the plan."""
        from workbench.screens.customers import forms

        if self.app.db is not None:
            forms.add_customer(self.app, prospect=True)

    # --- morning score, five ones, documents ----------------------------------------

    def action_mood(self) -> None:
        if self.app.db is not None:
            from workbench.screens.assessment.forms import open_mood_form

            open_mood_form(self.app)

    def _toggle_habit(self, habit: str) -> None:
        from workbench.assessment import journal

        app = self.app
        try:
            if habit in journal.ticks_on(app.db, app.today):
                journal.untick_habit(app.db, app.today, habit, app.today)
            else:
                journal.tick_habit(app.db, app.today, habit, app.today)
        except ValidationError as error:
            app.notify(str(error), severity="error")
        announce(app, "habits")

    def _document(self, ref: str) -> None:
        """Enter on a register item: the register's own form for it."""
        from workbench.register import receipts
        from workbench.screens.register import forms
        from workbench.screens.register.sign_off import open_sign_off

        app = self.app
        kind, _, rest = ref.partition(":")
        key, _, extra = rest.partition(":")
        ident = int(key)
        item = next((d for d in self.agenda.documents
                     if d.kind == kind and d.ref == ident and (not extra or d.what == extra)),
                    None)
        if item is None:
            return
        if kind == "more":  # the rest of a long list lives on its own screen
            app.switch_mode("self" if item.what == "unregistered" else "deliveries")
        elif kind == "unregistered":
            from workbench.screens.register.originals import open_register_policy

            open_register_policy(app, ident)
        elif kind in ("policy", "awaiting"):
            open_sign_off(app, item.outlet_id)
        elif kind == "stock":
            forms.log_delivery_form(app, item.outlet_id,
                                    {"kind": item.what, "quantity": str(item.count)})
        elif kind in ("receipt", "callback"):
            source = receipts.receipts_due if kind == "receipt" else receipts.callbacks_due
            due = next((p for p in source(app.db, app.today, app.config)
                        if p.delivery_id == ident), None)
            if due is not None:
                forms.policy_event_form(app, due, kind)
        elif kind == "review":
            forms.review_form(app, ident)
        elif kind == "handover":
            forms.handover_form(app, item.outlet_id)

    def _stationed(self) -> None:
        from workbench.roster import visits
        from workbench.screens.roster import visit_actions

        if visits.open_visit(self.app.db) is not None:
            visit_actions.check_out(self)
            return
        first = next((s for s in self.sections if s.key == "visits"), None)
        ids = [i for i, _ in first.lines() if i] if first else []
        if ids:
            self.select(ids[0])
        self.app.notify(t("plan.pick_outlet"))

    # --- tasks ---------------------------------------------------------------------

    def _selected_task(self) -> int | None:
        item = self.selected_id() or ""
        if item.startswith("task:") and item != "task:add":
            return int(item[5:])
        self.app.notify(t("plan.not_a_task"), severity="warning")
        return None

    def _toggle(self, task_id: int) -> None:
        from workbench.plan import tasks

        app = self.app
        try:
            task = tasks.get_task(app.db, task_id, app.today)
            if task.done:
                tasks.undo_task(app.db, task_id, app.today, app.now())
                app.notify(t("plan.task_undone", title=task.title))
            else:
                result = tasks.complete_task(app.db, task_id, app.today, app.now())
                message = t("plan.task_done", title=task.title)
                if result.next_due is not None:
                    message += " · " + t("plan.task_next", date=result.next_due.isoformat())
                elif task.rule:
                    message += " · " + t("plan.task_series_end")
                app.notify(message)
        except ValidationError as error:
            app.notify(str(error), severity="error")
        announce(app, "tasks")

    def action_toggle_task(self) -> None:
        task_id = self._selected_task()
        if task_id is not None:
            self._toggle(task_id)

    def action_snooze(self) -> None:
        from workbench.plan import tasks

        task_id = self._selected_task()
        if task_id is None:
            return
        try:
            day = tasks.snooze_task(self.app.db, task_id, self.app.today, self.app.now())
        except ValidationError as error:
            self.app.notify(str(error), severity="error")
            return
        self.app.notify(t("plan.task_snoozed", date=day.isoformat()))
        announce(self.app, "tasks")

    def action_add_task(self) -> None:
        from workbench.screens.plan import forms

        if self.app.db is not None:
            item = self.selected_id() or ""
            outlet_id = int(item[6:]) if item.startswith("visit:") else None
            forms.add_task(self.app, outlet_id=outlet_id)

    # --- contacts and visits -------------------------------------------------------

    def action_log_contact(self) -> None:
        from workbench.screens.plan import forms

        if self.app.db is None:
            return
        item = self.selected_id() or ""
        kind, _, ref = item.partition(":")
        if kind == "bday":
            forms.log_contact(self.app, staff_id=int(ref))
        elif kind in ("visit", "neglect"):
            forms.log_contact(self.app, outlet_id=int(ref))
        else:
            forms.log_contact(self.app, kind="customer" if item == "must:customers" else "staff")

    def action_check_out(self) -> None:
        from workbench.screens.roster import visit_actions

        if self.app.db is not None:
            visit_actions.check_out(self)

    def action_fieldwork(self, what: str) -> None:
        from workbench.screens.fieldwork import actions

        actions.plan_key(self, what)

    def action_calendar(self) -> None:
        from workbench.screens.plan.calendar import export_calendar

        export_calendar(self.app)
