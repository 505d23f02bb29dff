"""Text helpers for Chinese names: pinyin initials for search (建设银行 -> jsyh)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def initials(text: str | None) -> str:
    """Lower-case pinyin initials of ``text``; non-Chinese characters are kept as typed.

    pypinyin is imported on first use: loading its dictionary costs time we do not
    want on the app's first paint.
    """
    if not text:
        return ""
    from pypinyin import Style, lazy_pinyin

    parts = lazy_pinyin(text, style=Style.FIRST_LETTER, errors="default", strict=False)
    return "".join(p for p in parts if not p.isspace()).lower()
