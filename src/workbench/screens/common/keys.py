"""Key bindings declared with catalogue keys, translated per instance.

``BINDINGS`` are class attributes, evaluated at import time, before the user's
language is known; so descriptions hold catalogue keys (``key.save``) and each
screen or app calls ``translate_bindings(self)`` in ``__init__`` to show them in
the current language. Tooltips default to the description.
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


def translate_bindings(node: DOMNode) -> None:
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        translated = []
        for b in bindings:
            description = t(b.description) if b.description else ""
            tooltip = t(b.tooltip) if b.tooltip else description
            group = b.group
            if group is not None and group.description:
                group = _translated_group(group)
            translated.append(replace(b, description=description, tooltip=tooltip,
                                      group=group))
        table[key] = translated
