"""One message catalogue for every user-facing string, in Chinese and English.

Each capability keeps its messages in ``workbench/messages/<capability>.py`` as a
``MESSAGES`` dict of ``key -> (zh, en)``; this module merges them into one
catalogue, so a key can never exist in one language only. ``t(key, **params)``
looks a message up in the current language and formats it.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping

from rich.cells import cell_len

LANGUAGES = ("zh", "en")
_current = "zh"
_catalogue: dict[str, tuple[str, str]] | None = None


def catalogue() -> Mapping[str, tuple[str, str]]:
    """The merged catalogue (built on first use, not at import time)."""
    global _catalogue
    if _catalogue is None:
        from workbench.core.messages import ALL

        merged: dict[str, tuple[str, str]] = {}
        for messages in ALL:
            for key, pair in messages.items():
                if key in merged:
                    raise KeyError(f"message key defined twice: {key}")
                merged[key] = pair
        _catalogue = merged
    return _catalogue


def resolve_language(setting: str) -> str:
    """Map a config value (zh, en or auto) to zh or en; auto follows the locale."""
    if setting in LANGUAGES:
        return setting
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    try:
        loc = locale.getlocale()[0] or ""
    except ValueError:
        loc = ""
    return "zh" if loc.lower().startswith("zh") else "en"


def set_language(lang: str) -> None:
    global _current
    _current = resolve_language(lang)


def language() -> str:
    return _current


def t(key: str, /, **params: object) -> str:
    """Translate ``key`` into the current language; unknown keys show as themselves."""
    pair = catalogue().get(key)
    if pair is None:
        return key
    text = pair[0] if _current == "zh" else pair[1]
    return text.format(**params) if params else text


def pad(text: str, width: int, align: str = "left") -> str:
    """Pad ``text`` to ``width`` terminal cells (CJK characters take two cells)."""
    gap = max(0, width - cell_len(text))
    return " " * gap + text if align == "right" else text + " " * gap


def columns(rows: list[list[str]], right: set[int] | None = None) -> list[str]:
    """Lay rows out as aligned plain-text columns measured in cells, not characters."""
    if not rows:
        return []
    right = right or set()
    widths = [max(cell_len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            pad(cell, widths[i], "right" if i in right else "left") for i, cell in enumerate(row)
        ).rstrip()
        for row in rows
    ]
