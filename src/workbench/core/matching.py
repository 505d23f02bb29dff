"""The one type-ahead matcher: what a typed query finds, everywhere a list is searched.

The roster filter, the outlet and signer pickers, the searchable selects and the command
palette all ask ``score`` (or ``matches``), so ``jtyhdx`` finds 交通银行北京大兴支行 in
each of them. A text is searched as typed and, for stored pinyin (initials such as
``jtyhbjdxzh``, a full reading such as ``qiandao``, an English alias such as
``checkin``), letters may also be skipped: the query's letters in order, gaps allowed.

Pure and dictionary-free: it reads the initials stored with each name (core.text
computes them when a name is written), so searching never loads pypinyin.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")
Terms = tuple[Sequence[str | None], Sequence[str | None]]  # (texts, keys), as score takes

# Skipping letters with a shorter query finds nearly everything ("jx" is in most
# names' initials), so gaps are allowed from three letters on.
MIN_GAPPED = 3

EXACT, PREFIX, INSIDE, IN_ORDER, NONE = 1.0, 0.9, 0.8, 0.6, 0.0
PLACE_ONLY = 0.5


def in_order(query: str, text: str) -> bool:
    """Every character of ``query`` appears in ``text`` in the same order."""
    rest = iter(text)
    return all(ch in rest for ch in query)


def score(query: str, texts: Iterable[str | None], keys: Iterable[str | None] = ()) -> float:
    """How well ``query`` finds an item shown as ``texts`` and known by ``keys``.

    ``texts`` are what the user reads (a name, a code, an address): the query matches
    inside them. ``keys`` are readings stored for searching, each a space-separated list
    of variants (pinyin initials with every polyphone reading, full pinyin, aliases):
    the query matches inside a variant or, from ``MIN_GAPPED`` letters, in order with
    gaps. An empty query finds everything. Returns 0 for no match, higher is better.
    """
    q = query.strip().lower()
    if not q:
        return EXACT
    best = NONE
    for text in (*texts, *keys):
        low = (text or "").lower()
        if low == q:
            return EXACT
        if low.startswith(q):
            best = max(best, PREFIX)
        elif q in low:
            best = max(best, INSIDE)
    if best or not (len(q) >= MIN_GAPPED and q.isascii() and q.isalnum()):
        return best
    for key in keys:
        for variant in (key or "").lower().split():
            if variant.startswith(q):
                return PREFIX
            if in_order(q, variant):
                best = IN_ORDER
    return best


def matches(query: str, texts: Iterable[str | None], keys: Iterable[str | None] = ()) -> bool:
    """``query`` finds the item (see ``score``)."""
    return score(query, texts, keys) > NONE


def found(query: str, items: Iterable[T], terms: Callable[[T], Terms]) -> list[T]:
    """The items a list filtered by ``query`` shows, in their order.

    Those the query finds as typed (in a name, a code, a reading) when there are any;
    only when there are none, those it finds with letters skipped. Skipping is for a
    reading half remembered: when some names hold the letters as typed, the ones that
    hold them only far apart are noise (``jsyh`` finds the 28 建设银行 outlets of 500,
    not 147 whose initials hold j, s, y and h somewhere in that order, such as
    中国农业银行北京石景山营业部's). ``terms(item)`` gives the item's (texts, keys).
    """
    scored = [(score(query, *terms(item)), item) for item in items]
    floor = IN_ORDER if any(value > IN_ORDER for value, _item in scored) else NONE
    return [item for value, item in scored if value > floor]


def command_score(query: str, texts: Iterable[str | None], keys: Iterable[str | None],
                  place_texts: Iterable[str | None] = (),
                  place_keys: Iterable[str | None] = ()) -> float:
    """How well ``query`` finds a command, perhaps one at a place (an outlet).

    ``texts`` / ``keys`` name the command (its label; its aliases: pinyin initials, full
    pinyin, English words, so ``qd``, ``qiandao`` and ``checkin`` find 签到 without an
    IME); ``place_texts`` / ``place_keys`` name its place (name and code; the stored
    initials). The whole query may match either (the place alone scores lower);
    several words (``qd jtyhdx``) must each match the command or the place, and one of
    them the place.
    """
    texts, keys = tuple(texts), tuple(keys)
    place_texts, place_keys = tuple(place_texts), tuple(place_keys)
    # A place alone lists its commands, below a command that was named.
    whole = max(score(query, texts, keys),
                PLACE_ONLY * score(query, place_texts, place_keys) if place_texts or place_keys
                else NONE)
    words = query.split()
    if len(words) < 2 or not (place_texts or place_keys):
        return whole
    found, at_place = [], False
    for word in words:
        command = score(word, texts, keys)
        place = score(word, place_texts, place_keys)
        at_place = at_place or place > NONE
        found.append(max(command, place))
    both = min(found) if at_place else NONE
    return max(whole, both)
