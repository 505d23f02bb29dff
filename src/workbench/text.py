"""Text helpers for Chinese names: pinyin initials for search (建设银行 -> jsyh)."""

from __future__ import annotations

from functools import lru_cache
from itertools import islice, product

MAX_VARIANTS = 64


@lru_cache(maxsize=4096)
def initials(text: str | None) -> str:
    """Lower-case pinyin initials of ``text``, every reading of polyphones included.

    Place names are often read differently from a character's usual reading
    (朝阳 is cháoyáng, 支行 is zhīháng, but a dictionary may say zhāo, xíng), so the
    result lists each combination, space-separated, usual reading first:
    ``"zyzx cyzh ..."``. A search for "cyzh" then matches. Non-Chinese characters are
    kept as typed. pypinyin is imported on first use: loading its dictionary costs
    time we do not want on the app's first paint.
    """
    if not text:
        return ""
    from pypinyin import Style, pinyin

    readings = pinyin(text, style=Style.FIRST_LETTER, heteronym=True, errors="default",
                      strict=False)
    options = [[r.lower().replace(" ", "") for r in dict.fromkeys(choices)] or [""]
               for choices in readings]
    variants = ("".join(combo) for combo in product(*options))
    return " ".join(dict.fromkeys(islice(variants, MAX_VARIANTS)))
