"""Text helpers for Chinese names: pinyin initials for search (建设银行 -> jsyh)."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice, product

MAX_VARIANTS = 64

_word_variants: dict[str, tuple[str, ...]] = {}
_WORD_CACHE_MAX = 200_000
_tools: list = []


def _pinyin_tools() -> list:
    """pypinyin is imported on first use: loading its dictionary costs time we do not
    want on the app's first paint."""
    if not _tools:
        from pypinyin import Style, pinyin
        from pypinyin.constants import RE_HANS
        from pypinyin.seg.mmseg import seg

        chars = RE_HANS.pattern.removeprefix("^(?:").removesuffix(")+$")
        _tools[:] = [re.compile(f"({chars}+)"), seg,
                     lambda w: pinyin(w, style=Style.FIRST_LETTER, heteronym=True,
                                      errors="default", strict=False)]
    return _tools


def _combine(options) -> tuple[str, ...]:
    variants = ("".join(combo) for combo in product(*options))
    return tuple(dict.fromkeys(islice(variants, MAX_VARIANTS)))


def _variants_of_word(word: str, convert) -> tuple[str, ...]:
    """Every reading of one segmented word; cached because outlet and staff names
    share most of their words (银行, 支行, 城东...), which keeps big imports fast."""
    found = _word_variants.get(word)
    if found is None:
        options = [[r.lower().replace(" ", "") for r in dict.fromkeys(choices)] or [""]
                   for choices in convert(word)]
        found = _combine(options)
        if len(_word_variants) < _WORD_CACHE_MAX:
            _word_variants[word] = found
    return found


@lru_cache(maxsize=4096)
def initials(text: str | None) -> str:
    """Lower-case pinyin initials of ``text``, every reading of polyphones included.

    Place names are often read differently from a character's usual reading
    (朝阳 is cháoyáng, 支行 is zhīháng, but a dictionary may say zhāo, xíng), so the
    result lists each combination, space-separated, usual reading first:
    ``"zyzx cyzh ..."``. A search for "cyzh" then matches. Non-Chinese characters are
    kept as typed (spaces dropped).
    """
    if not text:
        return ""
    splitter, seg, convert = _pinyin_tools()
    parts: list[tuple[str, ...]] = []
    for i, part in enumerate(splitter.split(text)):
        if not part:
            continue
        if i % 2 == 0:  # not Chinese: kept as typed
            parts.append((part.lower().replace(" ", ""),))
        else:
            parts.extend(_variants_of_word(word, convert) for word in seg.cut(part))
    return " ".join(_combine(parts))
