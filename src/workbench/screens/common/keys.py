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
# The other built-in widgets a user meets (Input, TextArea, Select, OptionList, Tabs,
# Checkbox, the scrolling containers, the palette): every description and tooltip their
# bindings carry (tests/screens/common/test_builtin_keys.py keeps the list complete).
TEXTUAL_KEYS |= {
    "Copy": "key.tx.copy",
    "Cursor Down": "key.tx.cursor_down",
    "Cursor Up": "key.tx.cursor_up",
    "Cursor down select": "key.tx.cursor_down_select",
    "Cursor up select": "key.tx.cursor_up_select",
    "Cursor left select": "key.tx.cursor_left_select",
    "Cursor right select": "key.tx.cursor_right_select",
    "Cursor left word select": "key.tx.cursor_left_word_select",
    "Cursor right word select": "key.tx.cursor_right_word_select",
    "Cursor line end": "key.tx.cursor_line_end",
    "Cursor line end select": "key.tx.cursor_line_end_select",
    "Cursor line start": "key.tx.cursor_line_start",
    "Cursor line start select": "key.tx.cursor_line_start_select",
    "Cursor page down": "key.tx.cursor_page_down",
    "Cursor page up": "key.tx.cursor_page_up",
    "Cursor to next ancestor": "key.tx.cursor_to_next_ancestor",
    "Cursor to next sibling": "key.tx.cursor_to_next_sibling",
    "Cursor to parent": "key.tx.cursor_to_parent",
    "Cursor to previous sibling": "key.tx.cursor_to_previous_sibling",
    "Cursor word left": "key.tx.cursor_word_left",
    "Cursor word right": "key.tx.cursor_word_right",
    "Cut": "key.tx.cut",
    "Cut selected text": "key.tx.cut_selected_text",
    "Delete all to the left": "key.tx.delete_all_to_the_left",
    "Delete all to the right": "key.tx.delete_all_to_the_right",
    "Delete character right": "key.tx.delete_character_right",
    "Delete left to start of word": "key.tx.delete_left_to_start_of_word",
    "Delete line": "key.tx.delete_line",
    "Delete right to start of word": "key.tx.delete_right_to_start_of_word",
    "Delete to line end": "key.tx.delete_to_line_end",
    "Delete to line start": "key.tx.delete_to_line_start",
    "Dismiss menu": "key.tx.dismiss_menu",
    "Exit the command palette": "key.tx.exit_the_command_palette",
    "Expand or collapse all": "key.tx.expand_or_collapse_all",
    "Go to bottom": "key.tx.go_to_bottom",
    "Go to end": "key.tx.go_to_end",
    "Go to start": "key.tx.go_to_start",
    "Go to top": "key.tx.go_to_top",
    "Move cursor left": "key.tx.move_cursor_left",
    "Move cursor left a word": "key.tx.move_cursor_left_a_word",
    "Move cursor left a word and select": "key.tx.move_cursor_left_a_word_and_select",
    "Move cursor left and select": "key.tx.move_cursor_left_and_select",
    "Move cursor right a word": "key.tx.move_cursor_right_a_word",
    "Move cursor right a word and select": "key.tx.move_cursor_right_a_word_and_select",
    "Move cursor right and select": "key.tx.move_cursor_right_and_select",
    "Move cursor right or accept the completion suggestion": "key.tx.right_or_accept",
    "Next command": "key.tx.next_command",
    "Next option": "key.tx.next_option",
    "Next page": "key.tx.next_page",
    "Next tab": "key.tx.next_tab",
    "Open link": "key.tx.open_link",
    "Paste text from the clipboard": "key.tx.paste_text_from_the_clipboard",
    "Press button": "key.tx.press_button",
    "Previous command": "key.tx.previous_command",
    "Previous option": "key.tx.previous_option",
    "Previous page": "key.tx.previous_page",
    "Previous tab": "key.tx.previous_tab",
    "Redo": "key.tx.redo",
    "Scroll End": "key.tx.scroll_end",
    "Scroll Home": "key.tx.scroll_home",
    "Select all": "key.tx.select_all",
    "Select line": "key.tx.select_line",
    "Select line end": "key.tx.select_line_end",
    "Select line start": "key.tx.select_line_start",
    "Show menu": "key.tx.show_menu",
    "Toggle": "key.tx.toggle",
    "Undo": "key.tx.undo",
}


def translate_bindings(node: DOMNode) -> None:
    """Show ``node``'s key descriptions (catalogue keys, Textual's English) translated."""
    node.keys_translated = True  # the app translates a focused widget's chain once
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
