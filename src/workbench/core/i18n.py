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
    """Translate ``key`` into the current language; unknown keys show as themselves.

    An English text may write ``{count} line{s}``: ``s`` follows ``count`` (one line,
    two lines); Chinese needs no plural and never writes it.
    """
    pair = catalogue().get(key)
    if pair is None:
        return key
    text = pair[0] if _current == "zh" else pair[1]
    if "{s}" in text and "s" not in params:
        params["s"] = "" if params.get("count") == 1 else "s"
    return text.format(**params) if params else text


def pad(text: str, width: int, align: str = "left") -> str:
    """Pad ``text`` to ``width`` terminal cells (CJK characters take two cells)."""
    gap = max(0, width - cell_len(text))
    return " " * gap + text if align == "right" else text + " " * gap


def kept_ends(text: str, width: int, middle: bool = False) -> tuple[int, int]:
    """How many characters of ``text`` stay at its start and at its end when it is cut
    to ``width`` cells with one … between them (at the end: none kept at the end)."""
    tail = 0
    if middle:
        room = (width - 1) // 2 + (width - 1) % 2
        while tail < len(text) and cell_len(text[len(text) - tail - 1:]) <= room:
            tail += 1
    room = width - 1 - cell_len(text[len(text) - tail:]) if tail else width - 1
    head = 0
    while head < len(text) - tail and cell_len(text[:head + 1]) <= room:
        head += 1
    return head, tail


def cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells: cut at the end with … when it is wider."""
    if cell_len(text) <= width:
        return text
    head, _tail = kept_ends(text, width)
    return text[:head] + "…"


def cut_middle(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells, its middle given up for …: the end of an
    outlet's name (昌平支行, 昌平分理处) is what tells two of them apart."""
    if cell_len(text) <= width:
        return text
    head, tail = kept_ends(text, width, middle=True)
    return text[:head] + "…" + (text[len(text) - tail:] if tail else "")


def holds_figure(cell: str) -> bool:
    """A cell holding a number, an amount, a date or a code: never cut, as a cut figure
    reads as another one (¥100,000 cut to ¥10, 2026-11-02 to 2026-1…).

    A figure is a word with a digit and no Chinese character in it (``18`` in 逾期 18 天,
    ``¥100,000``, ``P20260110039``): the app writes its figures apart from their words, while
    a bank's name for an outlet runs its number into the name (金融街27号支行), and a name
    gives way in its middle like any other.
    """
    return any(any(ch.isdigit() for ch in word) and cell_len(word) == len(word)
               for word in cell.split())


# The narrowest a column is cut to so that rows fit a width (a name keeps a few cells).
MIN_CUT = 6


def columns(rows: list[list[str]], right: set[int] | None = None,
            width: int | None = None, prose: frozenset[int] = frozenset()) -> list[str]:
    """Lay rows out as aligned plain-text columns measured in cells, not characters.

    With ``width``, rows wider than that give up cells from their widest columns, one at
    a time (a name, cut in its middle, never under ``MIN_CUT``), so the last column (a
    count of days, a state) stays whole on a narrow terminal. A cell holding a figure
    (``holds_figure``) is never cut: its column gives way no further than its widest figure;
    but the columns in ``prose`` (text a user typed: a task's title) are cut whatever
    they hold (下午 3 点… is no figure to keep whole).
    """
    if not rows:
        return []
    right = right or set()
    widths = [max(cell_len(row[i]) for row in rows) for i in range(len(rows[0]))]
    if width is not None and len(widths) > 1:
        # A cell at a time off the widest column but the last (a state, a count of days),
        # never under MIN_CUT nor under its widest figure; prose in one column is left to
        # the screen to cut.
        natural = list(widths)
        def figure(i: int, cell: str) -> bool:
            return i not in prose and holds_figure(cell)

        floor = [max([MIN_CUT, *(cell_len(row[i]) for row in rows if figure(i, row[i]))])
                 for i in range(len(widths))]
        over = sum(widths) + 2 * (len(widths) - 1) - width
        while over > 0:
            cuttable = [i for i in range(len(widths) - 1) if widths[i] > floor[i]]
            if not cuttable:
                break
            widest = max(cuttable, key=lambda i: widths[i])
            widths[widest] -= 1
            over -= 1
        # A Chinese name keeps its end (昌平分理处); a label in English its start.
        rows = [[(cut(cell, widths[i]) if cell.isascii() else cut_middle(cell, widths[i]))
                 if widths[i] < natural[i] and not figure(i, cell) else cell
                 for i, cell in enumerate(row)] for row in rows]
    return [
        "  ".join(
            pad(cell, widths[i], "right" if i in right else "left") for i, cell in enumerate(row)
        ).rstrip()
        for row in rows
    ]
