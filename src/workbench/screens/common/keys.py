"""Key bindings declared with catalogue keys, translated per instance.

``BINDINGS`` are class attributes, evaluated at import time, before the user's
language is known; so descriptions hold catalogue keys (``key.save``) and each
screen or app calls ``translate_bindings(self)`` in ``__init__`` to show them in
the current language. Textual's own English descriptions (``Up``, ``Page Down`` …)
are translated through ``TEXTUAL_KEYS``.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding
from textual.dom import DOMNode

from workbench.core.i18n import t

_groups: dict[tuple[str, str], Binding.Group] = {}


def _translated_group(group: Binding.Group) -> Binding.Group:
    """One translated Group per catalogue key and language: the footer puts bindings
    whose groups are the same object under one entry."""
    key = (group.description, t(group.description))
    if key not in _groups:
        _groups[key] = Binding.Group(key[1], compact=group.compact)
    return _groups[key]


# Textual's own widgets describe their keys in English: these are shown through the
# catalogue too (the help panel lists the focused widget's keys).
TEXTUAL_KEYS = {
    "Up": "key.tx.up", "Down": "key.tx.down", "Left": "key.tx.left", "Right": "key.tx.right",
    "Scroll Up": "key.tx.up", "Scroll Down": "key.tx.down",
    "Cursor up": "key.tx.up", "Cursor down": "key.tx.down", "Cursor left": "key.tx.left",
    "Cursor right": "key.tx.right", "Page up": "key.tx.page_up",
    "Page down": "key.tx.page_down", "Top": "key.tx.first", "Bottom": "key.tx.last",
    "Scroll Left": "key.tx.scroll_left", "Scroll Right": "key.tx.scroll_right",
    "First": "key.tx.first", "Last": "key.tx.last", "Home": "key.tx.first", "End": "key.tx.last",
    "Page Up": "key.tx.page_up", "Page Down": "key.tx.page_down",
    "Page Left": "key.tx.page_left", "Page Right": "key.tx.page_right",
    "Select": "key.tx.select", "Toggle option": "key.tx.toggle", "Quit": "key.quit",
    "Submit": "key.tx.submit", "Show overlay": "key.tx.open", "Copy selected text": "key.tx.copy",
    "Delete character left": "key.tx.delete_left", "Paste": "key.tx.paste",
    "Focus Next": "key.tx.focus_next", "Focus Previous": "key.tx.focus_previous",
    "Quit the app and return to the command prompt.": "key.tx.quit_tooltip",
}


def translate_bindings(node: DOMNode) -> None:
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        translated = []
        for b in bindings:
            description = (t(TEXTUAL_KEYS.get(b.description, b.description))
                           if b.description else "")
            # No tooltip of its own: none, so the help panel does not say it twice
            # ("下一栏 下一栏").
            tooltip = t(TEXTUAL_KEYS.get(b.tooltip, b.tooltip)) if b.tooltip else ""
            group = b.group
            if group is not None and group.description:
                group = _translated_group(group)
            translated.append(replace(b, description=description, tooltip=tooltip,
                                      group=group))
        table[key] = translated
