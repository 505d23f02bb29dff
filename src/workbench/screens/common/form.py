"""A generic modal form: labelled fields, inline validation, save on ctrl+s or Enter.

The form knows nothing of the database. It is given a ``submit`` callback that calls
a domain function; if that raises ``ValidationError`` the message is shown under the
offending field and nothing closes. A write the file refused (busy past the busy
timeout, disk full, read-only) is shown the same way, above the buttons, and the form
keeps what was typed. On success the form dismisses with whatever the callback
returned; escape dismisses with ``None``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, SelectionList, Static, TextArea

from workbench.core.errors import ValidationError
from workbench.core.i18n import t
from workbench.screens.common.failures import failure_line
from workbench.screens.common.inputs import PlainInput
from workbench.screens.common.keys import translate_bindings
from workbench.screens.common.search_select import SEARCH_OVER, SearchSelect
from workbench.screens.common.sizing import born_sized


@dataclass(frozen=True)
class Field:
    """One form field. ``kind``: text, number, date, select, multi (several of the
    options, collected comma-separated) or area."""

    name: str
    label: str
    kind: str = "text"
    options: list[tuple[str, str]] = field(default_factory=list)  # (label, value) for select
    # value -> stored readings (pinyin initials, aliases) a long select is searched by
    keys: Mapping[str, str] = field(default_factory=dict)
    placeholder: str = ""
    required: bool = False


class FormScreen(ModalScreen[Any]):
    """Modal form over ``fields``; ``submit(values)`` validates and writes."""

    # The first field takes the keys at once (the scroll container would otherwise).
    AUTO_FOCUS = "Input, Select, SelectionList, TextArea"

    BINDINGS = [
        Binding("escape", "cancel", "key.cancel", id="form_cancel"),
        Binding("ctrl+s", "save", "key.save", id="form_save"),
    ]

    def __init__(self, title: str, fields: list[Field], values: Mapping[str, Any],
                 submit: Callable[[dict[str, str]], Any]) -> None:
        super().__init__()
        born_sized(self)
        translate_bindings(self)
        self.form_title = title
        self.fields = fields
        self.values = values
        self.submit = submit

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="form"):
            yield Static(self.form_title, classes="form-title")
            for f in self.fields:
                label = f.label + (" *" if f.required else "")
                yield Label(label, classes="form-label")
                value = self.values.get(f.name)
                value = "" if value is None else str(value)
                if f.kind == "select" and (f.keys or len(f.options) > SEARCH_OVER):
                    yield SearchSelect(f.options, title=f.label, keys=f.keys,
                                       prompt=t("form.select_prompt_search"),
                                       value=value if value else Select.NULL,
                                       allow_blank=not f.required, id=f"f-{f.name}")
                elif f.kind == "select":
                    yield Select(f.options, value=value if value else Select.NULL,
                                 prompt=t("form.select_prompt"),
                                 allow_blank=not f.required, id=f"f-{f.name}")
                elif f.kind == "multi":
                    chosen = set(value.split(","))
                    yield SelectionList[str](*[(label, option, option in chosen)
                                               for label, option in f.options],
                                             id=f"f-{f.name}", classes="form-multi")
                elif f.kind == "area":
                    yield TextArea(value, id=f"f-{f.name}", classes="form-area")
                else:
                    yield PlainInput(value, placeholder=f.placeholder, id=f"f-{f.name}")
                yield Static("", id=f"e-{f.name}", classes="form-error")
            yield Static("", id="e-_form", classes="form-error")
            with Horizontal(classes="form-buttons"):
                yield Button(t("form.save"), variant="primary", id="save")
                yield Button(t("form.cancel"), id="cancel")

    def on_mount(self) -> None:
        # Focusing the first field scrolls the box before its layout is final, which
        # left the title and the first label above the top on a short screen; the
        # first field is near the top, so from the top all three are in view.
        self.call_after_refresh(self.query_one("#form", VerticalScroll).scroll_home,
                                animate=False)

    def collect(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for f in self.fields:
            widget = self.query_one(f"#f-{f.name}")
            if isinstance(widget, SelectionList):
                out[f.name] = ",".join(str(x) for x in widget.selected)
            elif isinstance(widget, Select):
                out[f.name] = "" if widget.value is Select.NULL else str(widget.value)
            elif isinstance(widget, TextArea):
                out[f.name] = widget.text
            else:
                out[f.name] = widget.value
        return out

    def show_error(self, error: ValidationError | str) -> None:
        """``error`` under its field (a plain line: above the buttons)."""
        for node in self.query(".form-error"):
            node.update("")
            node.display = False  # an empty line is no row (a short screen has few)
        self.query(".-invalid").remove_class("-invalid")
        names = {f.name for f in self.fields}
        field = error.field if isinstance(error, ValidationError) else ""
        target = field if field in names else "_form"
        line = self.query_one(f"#e-{target}", Static)
        line.update(str(error))
        line.display = True
        if target != "_form":
            widget = self.query_one(f"#f-{target}")
            widget.add_class("-invalid")
            widget.focus()
        # After the refresh (the focus has scrolled to the field by then): the error line
        # under it comes into view too, in a form taller than the screen.
        self.call_after_refresh(line.scroll_visible, animate=False)

    def action_save(self) -> None:
        try:
            result = self.submit(self.collect())
        except ValidationError as error:
            self.show_error(error)
            return
        except Exception as error:
            # Busy past the busy timeout, disk full, read-only file: the transaction
            # rolled back, the form stays open with what was typed. A bug propagates.
            line = failure_line(self.app, error)
            if line is None:
                raise
            self.show_error(line)
            return
        self.dismiss(result if result is not None else True)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _enter(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#save")
    def _save_button(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_button(self) -> None:
        self.action_cancel()
