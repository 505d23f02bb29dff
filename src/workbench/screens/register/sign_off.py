"""Sign-off at the counter (柜面签收): reachable from any screen with ``g``.

Flow: the outlet you are checked in at (or pick one: type-ahead with pinyin
initials) -> its lines awaiting signature, all ticked (space unticks one) -> type
the signer's name or initials, Enter takes the highlighted staff member (or adds the
typed name as a new staff member) -> Enter signs. Checked in at the outlet, that is
``g``, two initials, Enter, Enter. The time is now; an earlier time needs a reason.

The signers are listed with their role, who signed here last first. When the typed
initials fit more than one person, Enter does not take the first: it asks for ↑↓.
"""

from __future__ import annotations

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from workbench.core import validate
from workbench.core.errors import ValidationError
from workbench.core.i18n import t
from workbench.core.matching import found
from workbench.register import chain, deliveries
from workbench.roster import outlets, staff, visits
from workbench.screens.common.changes import announce
from workbench.screens.common.failures import failure_line
from workbench.screens.common.inputs import PlainInput
from workbench.screens.common.keys import translate_bindings
from workbench.screens.common.pickers import OutletPicker, move_highlight
from workbench.screens.common.sizing import born_sized


def line_label(line: deliveries.Line) -> str:
    what = line.what
    return (f"#{line.id}  {t(f'kind.{line.kind}')}  {what}  "
            f"[dim]{line.delivered_at.strftime('%m-%d %H:%M')}[/]")


class SignOffScreen(ModalScreen[int | None]):
    BINDINGS = [
        Binding("escape", "cancel", "key.cancel", id="signoff_cancel"),
        Binding("ctrl+s", "sign", "key.sign_now", id="signoff_sign"),
        Binding("ctrl+a", "toggle_all", "key.toggle_all", id="signoff_toggle_all"),
    ]

    def __init__(self, outlet_id: int) -> None:
        super().__init__()
        born_sized(self)
        translate_bindings(self)
        self.outlet_id = outlet_id
        self.staff_id: int | None = None
        self.default_time = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="signoff", classes="modal-box"):
            yield Static("", id="so-title", classes="form-title")
            with VerticalScroll(id="so-body"):
                yield SelectionList[int](id="so-lines")
                yield Label(t("signoff.signer_label"), classes="form-label")
                yield PlainInput(placeholder=t("signoff.signer_placeholder"), id="so-signer")
                yield OptionList(id="so-staff")
                with Horizontal(id="so-extra"):
                    with Vertical():
                        yield Label(t("field.page_no"), classes="form-label")
                        yield PlainInput(id="so-page")
                    with Vertical():
                        yield Label(t("field.signed_at"), classes="form-label")
                        yield PlainInput(id="so-time")
                    with Vertical():
                        yield Label(t("signoff.reason_label"), classes="form-label")
                        yield PlainInput(id="so-reason")
                yield Static("", id="so-error", classes="form-error")
            yield Static(t("signoff.hint"), classes="status")

    def on_mount(self) -> None:
        app = self.app
        outlet = outlets.get_outlet(app.db, self.outlet_id)
        lines = deliveries.awaiting_signature(app.db, self.outlet_id)
        self.query_one("#so-title", Static).update(
            t("signoff.title", name=outlet.name, count=len(lines)))
        box = self.query_one("#so-lines", SelectionList)
        box.add_options([(line_label(x), x.id, True) for x in lines])
        self.staff = chain.ranked_signers(app.db, self.outlet_id)
        self.chosen_by_keys = False  # the highlight was moved with ↑↓ since the last typing
        self.default_time = app.now().strftime("%H:%M")
        self.query_one("#so-time", Input).value = self.default_time
        self._fill_staff("")
        if not lines:
            self.say(t("signoff.nothing_awaiting"))
        self.query_one("#so-signer", Input).focus()

    # --- signer type-ahead ------------------------------------------------------

    def _fill_staff(self, query: str) -> None:
        options = self.query_one("#so-staff", OptionList)
        options.clear_options()
        items = [Option(f"{s.name}  [dim]{s.role_shown}[/]", id=str(s.id))
                 for s in found(query, self.staff, lambda s: ((s.name,), (s.initials,)))]
        typed = query.strip()
        if typed and not any(s.name == typed for s in self.staff) and (
                not items or not typed.isascii()):
            items.append(Option(t("signoff.add_staff", name=typed), id="new"))
        options.add_options(items)
        if items:
            options.highlighted = 0

    @on(Input.Changed, "#so-signer")
    def _signer_changed(self, event: Input.Changed) -> None:
        chosen = next((s for s in self.staff if s.id == self.staff_id), None)
        if chosen is None or chosen.name != event.value:
            self.staff_id = None
            self.chosen_by_keys = False
            self._fill_staff(event.value)

    def on_key(self, event: Key) -> None:
        if self.focused is self.query_one("#so-signer") and move_highlight(
                self.query_one("#so-staff", OptionList), event):
            self.chosen_by_keys = True

    @on(Input.Submitted, "#so-signer")
    def _signer_entered(self) -> None:
        if self.staff_id is not None:
            self.action_sign()
            return
        if not self.query_one("#so-signer", Input).value.strip():
            # Never pick a signer nobody typed: a stray Enter must not sign for a person.
            self.say(t("signoff.pick_signer"))
            return
        options = self.query_one("#so-staff", OptionList)
        people = [options.get_option_at_index(i).id for i in range(options.option_count)]
        people = [p for p in people if p != "new"]
        if len(people) > 1 and not self.chosen_by_keys:
            # Two people share the initials (谢涛 and 许涛 are both xt): the first Enter
            # must not sign for whoever is listed first. Ask, and wait for ↑↓.
            options.highlighted = None
            options.focus()
            self.say(t("signoff.ambiguous", count=len(people),
                       typed=self.query_one("#so-signer", Input).value.strip()))
            return
        if options.highlighted is not None:
            self._take(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected, "#so-staff")
    def _staff_selected(self, event: OptionList.OptionSelected) -> None:
        self._take(event.option.id)

    def _take(self, option_id: str | None) -> None:
        app = self.app
        signer = self.query_one("#so-signer", Input)
        if option_id == "new":
            try:
                roles = list(app.config.staff.roles)
                role = "teller" if "teller" in roles else roles[-1]
                new_id = staff.add_staff(app.db, self.outlet_id,
                                           staff.StaffDraft(name=signer.value, role=role),
                                           roles, app.now())
            except Exception as error:
                if not self._error(error):
                    raise
                return
            app.notify(t("signoff.staff_added", name=signer.value.strip()))
            announce(app, "staff")
            self.staff = chain.ranked_signers(app.db, self.outlet_id)
            option_id = str(new_id)
        if option_id is None:
            return
        person = next(s for s in self.staff if s.id == int(option_id))
        self.staff_id = person.id
        signer.value = person.name
        self.query_one("#so-staff", OptionList).clear_options()
        self.say("")
        self.query_one("#so-page", Input).focus()

    # --- signing ------------------------------------------------------------------

    @on(Input.Submitted, "#so-page, #so-time, #so-reason")
    def _enter(self) -> None:
        self.action_sign()

    def _error(self, error: Exception) -> bool:
        """Show ``error`` on the form (which keeps what was typed); False for a bug."""
        line = failure_line(self.app, error)
        if line is None:
            return False
        target = {"signer": "#so-signer", "signed_at": "#so-time", "late_reason": "#so-reason",
                  "page_no": "#so-page"}.get(getattr(error, "field", ""))
        if target:
            self.query_one(target).focus()
        self.say(line)
        return True

    def say(self, line: str) -> None:
        """Show ``line`` on the error line, scrolled into view (Enter must never seem to
        do nothing because the reason is below the screen)."""
        error = self.query_one("#so-error", Static)
        error.update(line)
        error.display = bool(line)
        if line:
            # After the refresh: the focus change above scrolls first, then this.
            self.call_after_refresh(error.scroll_visible, animate=False)

    def action_sign(self) -> None:
        app = self.app
        ids = list(self.query_one("#so-lines", SelectionList).selected)
        try:
            if self.staff_id is None:
                raise ValidationError("signer", "signoff.pick_signer")
            typed = self.query_one("#so-time", Input).value
            when = (None if typed.strip() == self.default_time
                    else validate.moment("signed_at", typed, app.today))
            signoff_id = chain.sign_off(
                app.db, outlet_id=self.outlet_id, delivery_ids=ids, staff_id=self.staff_id,
                now=app.now(), signed_at=when,
                late_reason=self.query_one("#so-reason", Input).value,
                page_no=self.query_one("#so-page", Input).value)
        except Exception as error:  # a file busy past the busy timeout: the same, keep it
            if not self._error(error):
                raise
            return
        signer = self.query_one("#so-signer", Input).value
        app.notify(t("signoff.done", count=len(ids), name=signer))
        self.dismiss(signoff_id)

    def action_toggle_all(self) -> None:
        box = self.query_one("#so-lines", SelectionList)
        if len(box.selected) == box.option_count:
            box.deselect_all()
        else:
            box.select_all()

    def action_cancel(self) -> None:
        self.dismiss(None)


def open_sign_off(app: App, outlet_id: int | None = None) -> None:
    """Start the counter sign-off from anywhere: at ``outlet_id``, else the outlet you
    are checked in at, else pick one (outlets with lines awaiting signature first)."""
    if app.db is None or isinstance(app.screen, (SignOffScreen, OutletPicker)):
        return  # already signing (a stray `g` in the list must not stack a second flow)
    if outlet_id is None:
        visit = visits.open_visit(app.db)
        outlet_id = visit.outlet_id if visit is not None else None

    def signed(result: int | None) -> None:
        if result:
            announce(app, "signoffs", "signoff_lines")

    if outlet_id is not None:
        app.push_screen(SignOffScreen(outlet_id), signed)
        return
    counts = deliveries.awaiting_counts(app.db)
    hints = {oid: t("signoff.awaiting_hint", count=n) for oid, n in counts.items()}

    def picked(chosen: int | None) -> None:
        if chosen:
            app.push_screen(SignOffScreen(chosen), signed)

    app.push_screen(OutletPicker(t("signoff.pick_outlet"), outlets.all_active_outlets(app.db),
                                 hints), picked)
