"""Type-ahead pickers: an outlet by name, code or pinyin initials (jsyh -> 建设银行),
through the one matcher of core.matching.

``OutletPicker`` is a small modal: type to narrow, up/down to move, Enter to take the
highlighted outlet. Each outlet may carry a hint (e.g. "3 awaiting signature"); the
ones with a hint come first.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from workbench.core.matching import found
from workbench.screens.common.inputs import PlainInput
from workbench.screens.common.keys import translate_bindings
from workbench.screens.common.sizing import born_sized


def move_highlight(options: OptionList, event: Key) -> bool:
    """Let up/down typed in an input move the highlight of the list under it."""
    if event.key not in ("up", "down") or options.option_count == 0:
        return False
    current = options.highlighted if options.highlighted is not None else -1
    step = 1 if event.key == "down" else -1
    options.highlighted = max(0, min(options.option_count - 1, current + step))
    event.stop()
    event.prevent_default()
    return True


class TypeAheadPicker(ModalScreen):
    """A modal list filtered as you type (``#picker-input`` over ``#picker-options``):
    ↑↓ move, Enter or a click takes the highlighted option, Escape cancels.

    A subclass composes both widgets, fills the list in ``_fill(query)`` and may turn
    the chosen option's id into its result in ``_take``.
    """

    def __init__(self) -> None:
        super().__init__()
        born_sized(self)

    def _fill(self, query: str) -> None:
        raise NotImplementedError

    def _take(self, option_id: str | None) -> None:
        self.dismiss(option_id)

    @on(Input.Changed, "#picker-input")
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_key(self, event: Key) -> None:
        move_highlight(self.query_one("#picker-options", OptionList), event)

    @on(Input.Submitted, "#picker-input")
    def _submitted(self) -> None:
        options = self.query_one("#picker-options", OptionList)
        if options.highlighted is not None:
            self._take(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected, "#picker-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._take(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class OutletPicker(TypeAheadPicker):
    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="picker_cancel")]

    def __init__(self, title: str, rows: list[tuple[int, str, str, str]],
                 hints: dict[int, str] | None = None, all_label: str | None = None) -> None:
        super().__init__()
        translate_bindings(self)
        self.picker_title = title
        self.hints = hints or {}
        # Outlets with a hint (work waiting there) first, then by code.
        self.rows = sorted(rows, key=lambda r: (r[0] not in self.hints, r[1]))
        self.all_label = all_label

    def compose(self) -> ComposeResult:
        with Vertical(id="picker", classes="modal-box"):
            yield Static(self.picker_title, classes="form-title")
            yield PlainInput(id="picker-input")
            yield OptionList(id="picker-options")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#picker-input", Input).focus()

    def _fill(self, query: str) -> None:
        options = self.query_one("#picker-options", OptionList)
        options.clear_options()
        items = []
        if self.all_label and not query.strip():
            items.append(Option(self.all_label, id="all"))
        for outlet_id, code, name, _initials in found(
                query, self.rows, lambda row: ((row[2], row[1]), (row[3],))):
            hint = self.hints.get(outlet_id)
            label = f"{name}  [dim]{code}[/]" + (f"  [b]{hint}[/]" if hint else "")
            items.append(Option(label, id=str(outlet_id)))
        options.add_options(items)
        if items:
            options.highlighted = 0

    def _take(self, option_id: str | None) -> None:
        if option_id == "all":
            self.dismiss(0)
        elif option_id is not None:
            self.dismiss(int(option_id))

