"""Text helpers for Chinese names: pinyin initials for search (建设银行 -> jsyh)."""

from __future__ import annotations

import re
from functools import lru_cache

_word_initials: dict[str, str] = {}
_run_initials: dict[str, str] = {}
_WORD_CACHE_MAX = 200_000
_tools: list = []


def _pinyin_tools() -> list:
    """pypinyin is imported on first use: loading its dictionary costs time we do not
    want on the app's first paint."""
    if not _tools:
        from pypinyin import Style, lazy_pinyin
        from pypinyin.constants import RE_HANS
        from pypinyin.seg.mmseg import seg

        chars = RE_HANS.pattern.removeprefix("^(?:").removesuffix(")+$")
        _tools[:] = [re.compile(f"({chars}+)"), seg,
                     lambda w: lazy_pinyin(w, style=Style.FIRST_LETTER, errors="default",
                                           strict=False)]
    return _tools


def _word(word: str, convert) -> str:
    found = _word_initials.get(word)
    if found is None:
        found = "".join(p for p in convert(word) if not p.isspace()).lower()
        if len(_word_initials) < _WORD_CACHE_MAX:
            _word_initials[word] = found
    return found


@lru_cache(maxsize=4096)
def initials(text: str | None) -> str:
    """Lower-case pinyin initials of ``text``; non-Chinese characters are kept as typed.

    Same result as pypinyin's ``lazy_pinyin(text, style=FIRST_LETTER)`` joined without
    whitespace parts, but cached word by word (pypinyin converts each run of Chinese
    characters word by word, with its own segmentation), so importing 200,000 outlet
    names that share 银行, 支行, 城东... stays fast.
    """
    if not text:
        return ""
    splitter, seg, convert = _pinyin_tools()
    out = []
    for i, part in enumerate(splitter.split(text)):
        if not part:
            continue
        if i % 2 == 0:
            out.append(_word(part, convert))
            continue
        found = _run_initials.get(part)
        if found is None:
            found = "".join(_word(word, convert) for word in seg.cut(part))
            if len(_run_initials) < _WORD_CACHE_MAX:
                _run_initials[part] = found
        out.append(found)
    return "".join(out)
