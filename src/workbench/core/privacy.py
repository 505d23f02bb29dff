"""Masking customer data for lists, exports and reports (names and phone numbers).

One place, so every screen and file hides the same way: enough for the manager to
recognise a customer they know, not enough for anyone reading over a shoulder or a
forwarded report. Exports show data in full only when the user asks (``--unmasked``).
A masked value never shows a whole name or a whole number, however short it is.
"""

from __future__ import annotations

import unicodedata

# A mobile number (11 digits) or longer keeps 3 + 4 digits: 138****5678, as banks print it.
LONG_PHONE = 11
# A shorter number (an extension, a landline without area code) keeps its last two
# digits, but only when more is hidden: a number of two digits or fewer is all stars.
SHORT_KEEP = 2


def _letters(text: str) -> list[str]:
    """The characters a reader sees: invisible format characters (zero-width space,
    joiners, BOM: pasted from chat apps) dropped, a combining accent kept with its letter.

    Without this, 王 followed by a zero-width space would count as two characters and
    show 王 whole.
    """
    visible = "".join(ch for ch in text if unicodedata.category(ch) != "Cf").strip()
    found: list[str] = []
    for ch in visible:
        if found and unicodedata.category(ch).startswith("M"):
            found[-1] += ch
        else:
            found.append(ch)
    return found


def mask_name(name: str | None) -> str:
    """张三丰 -> 张**; 张三 -> 张*; Smith -> S****; a one-character name is all hidden."""
    shown = _letters(name or "")
    if len(shown) <= 1:
        return "*" * len(shown)
    return shown[0] + "*" * (len(shown) - 1)


def mask_phone(phone: str | None) -> str:
    """13812345678 -> 138****5678; 8123 -> **23; a number of 1 or 2 digits -> * or **."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    if len(digits) >= LONG_PHONE:
        return f"{digits[:3]}****{digits[-4:]}"
    if len(digits) <= SHORT_KEEP:
        return "*" * len(digits)
    return "*" * (len(digits) - SHORT_KEEP) + digits[-SHORT_KEEP:]
