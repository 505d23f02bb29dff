"""Text helpers for Chinese names: the pinyin a name is searched by, computed when the
name is written (建设银行 -> ``jsyh`` and ``jiansheyinhang``).

``search_keys`` is what the roster stores with every outlet and staff name (the
``initials`` column): its initials, every polyphone reading, then its full pinyin. The
matcher (core.matching) reads that stored text, so searching never loads pypinyin (about
57 MB); it is imported here, on the first name written.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice, product

MAX_VARIANTS = 64
# Full readings kept per name: each is long, and a place name's usual reading comes first.
MAX_FULL_VARIANTS = 4

_word_variants: dict[str, tuple[str, ...]] = {}
_word_full: dict[str, tuple[str, ...]] = {}
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
                                      errors="default", strict=False),
                     lambda w: pinyin(w, style=Style.NORMAL, heteronym=True,
                                      errors="default", strict=False)]
    return _tools


def _combine(options) -> tuple[str, ...]:
    variants = ("".join(combo) for combo in product(*options))
    return tuple(dict.fromkeys(islice(variants, MAX_VARIANTS)))


def _variants_of_word(word: str, convert, cache: dict[str, tuple[str, ...]] | None = None,
                      ) -> tuple[str, ...]:
    """Every reading of one segmented word; cached because outlet and staff names
    share most of their words (银行, 支行, 城东...), which keeps big imports fast."""
    cache = _word_variants if cache is None else cache
    found = cache.get(word)
    if found is None:
        options = [[r.lower().replace(" ", "") for r in dict.fromkeys(choices)] or [""]
                   for choices in convert(word)]
        found = _combine(options)
        if len(cache) < _WORD_CACHE_MAX:
            cache[word] = found
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
    convert = _pinyin_tools()[2]
    return " ".join(_combine(_word_readings(text, convert, _word_variants)))


@lru_cache(maxsize=4096)
def _segments(text: str) -> tuple[tuple[bool, str], ...]:
    """``text`` cut into its Chinese words (True) and the rest (False), in order: cut
    once for a name's initials and its full pinyin alike (the cutting costs more than
    reading the words)."""
    splitter, seg, _initials, _full = _pinyin_tools()
    parts: list[tuple[bool, str]] = []
    for i, part in enumerate(splitter.split(text)):
        if not part:
            continue
        if i % 2 == 0:  # not Chinese: kept as typed
            parts.append((False, part.lower().replace(" ", "")))
        else:
            parts.extend((True, word) for word in seg.cut(part))
    return tuple(parts)


def _word_readings(text: str, convert, cache: dict[str, tuple[str, ...]],
                   ) -> list[tuple[str, ...]]:
    """The readings of each part of ``text`` in order: Chinese words as ``convert``
    reads them, anything else as typed (lower case, no spaces)."""
    return [_variants_of_word(part, convert, cache) if chinese else (part,)
            for chinese, part in _segments(text)]


@lru_cache(maxsize=4096)
def full_pinyin(text: str | None) -> str:
    """Lower-case full pinyin of ``text`` without tones or spaces, its usual reading
    first, then up to ``MAX_FULL_VARIANTS`` in all (``zhongguoyinhang``)."""
    if not text:
        return ""
    convert = _pinyin_tools()[3]
    parts = _word_readings(text, convert, _word_full)
    return " ".join(_combine(parts)[:MAX_FULL_VARIANTS])


def search_keys(text: str | None) -> str:
    """What a name is stored with to be searched by: its initials (every reading) and
    its full pinyin, space-separated, initials first (the roster sorts by them)."""
    if not text:
        return ""
    first = initials(text)
    shown = set(first.split())
    full = [reading for reading in full_pinyin(text).split() if reading not in shown]
    return " ".join([first, *full]).strip()
