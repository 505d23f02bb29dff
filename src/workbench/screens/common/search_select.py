"""A select with type-to-search for long lists (an outlet, a document kind).

``SearchSelect`` is a ``Select`` that, when a letter or a character is typed on it,
opens ``ChoicePicker``: the list narrowed as you type through core.matching (the
labels as shown, pinyin initials in order with gaps, aliases), up/down to move, Enter to
take. No 8× Down to reach an outlet; no IME needed when the options carry initials.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from workbench.core.i18n import t
from workbench.core.matching import found
from workbench.screens.common.inputs import PlainInput
from workbench.screens.common.keys import translate_bindings
from workbench.screens.common.pickers import TypeAheadPicker

# Longer lists than this get type-to-search (and any list given search keys); up to it,
# Down reaches any option quickly.
SEARCH_OVER = 8


def outlet_keys(rows: list[tuple[int, str, str, str]]) -> dict[str, str]:
    """value -> searched readings for outlets given as ``outlets.all_active_outlets``
    rows: the stored pinyin initials and the code."""
    return {str(oid): f"{initials} {code}" for oid, code, _, initials in rows}


class ChoicePicker(TypeAheadPicker):
    """Type to narrow ``options`` ((label, value) pairs; ``keys[value]`` are stored
    readings such as pinyin initials); dismisses with the chosen value or None."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="choice_cancel")]

    def __init__(self, title: str, options: list[tuple[str, str]],
                 keys: Mapping[str, str] | None = None, typed: str = "") -> None:
        super().__init__()
        translate_bindings(self)
        self.picker_title = title
        self.options = options
        self.keys = keys or {}
        self.typed = typed

    def compose(self) -> ComposeResult:
        with Vertical(id="picker", classes="modal-box"):
            yield Static(self.picker_title, classes="form-title")
            yield PlainInput(self.typed, placeholder=t("picker.type_to_search"), id="picker-input")
            yield OptionList(id="picker-options")

    def on_mount(self) -> None:
        self._fill(self.typed)
        field = self.query_one("#picker-input", Input)
        field.focus()
        field.cursor_position = len(self.typed)

    def _fill(self, query: str) -> None:
        options = self.query_one("#picker-options", OptionList)
        options.clear_options()
        items = [Option(label, id=value) for label, value in
                 found(query, self.options,
                       lambda option: (option, (self.keys.get(option[1], ""),)))]
        options.add_options(items)
        if items:
            options.highlighted = 0


class SearchSelect(Select[str]):
    """A ``Select`` whose first typed character opens a ``ChoicePicker`` with it."""

    def __init__(self, options: list[tuple[str, str]], *, title: str,
                 keys: Mapping[str, str] | None = None, **kwargs) -> None:
        super().__init__(options, type_to_search=False, **kwargs)
        self.choices = options
        self.picker_title = title
        self.keys = keys or {}

    def on_key(self, event: Key) -> None:
        if self.expanded or not event.is_printable or not event.character \
                or event.character.isspace():
            return
        event.stop()
        event.prevent_default()

        def chosen(value: str | None) -> None:
            if value is not None:
                self.value = value
            self.focus()

        self.app.push_screen(ChoicePicker(self.picker_title, self.choices, self.keys,
                                          event.character), chosen)
