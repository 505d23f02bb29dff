"""Masking customer data for lists, exports and reports (names and phone numbers).

One place, so every screen and file hides the same way: enough for the manager to
recognise a customer they know, not enough for anyone reading over a shoulder or a
forwarded report. Exports show data in full only when the user asks (``--unmasked``).
A masked value never shows a whole name or a whole number, however short it is.
"""

from __future__ import annotations

import re
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
    masked = shown[0] + "*" * (len(shown) - 1)
    # A "name" that is one character and stars (张*, typed so) would show whole.
    return "*" * len(shown) if masked == "".join(shown) else masked


def mask_phone(phone: str | None) -> str:
    """13812345678 -> 138****5678; 8123 -> **23; a number of 1 or 2 digits -> * or **."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    if len(digits) >= LONG_PHONE:
        return f"{digits[:3]}****{digits[-4:]}"
    if len(digits) <= SHORT_KEEP:
        return "*" * len(digits)
    return "*" * (len(digits) - SHORT_KEEP) + digits[-SHORT_KEEP:]


# What may be customer data inside free text we did not write ourselves (an error
# message, a traceback line): a quoted literal, a run of CJK characters, a run of digits.
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+")
_DIGITS = re.compile(r"\d[\d \-]{2,}\d")


def mask_text(text: str) -> str:
    """Free text with anything that may be a customer's name or number masked.

    For the crash log: quoted literals keep their first character, Chinese runs are
    masked as names, runs of three or more digits as phone numbers. Code names, file
    paths and line numbers (short numbers) stay readable.
    """
    def quoted(m: re.Match[str]) -> str:
        inner = m[0][1:-1]
        return m[0][0] + mask_name(inner) + m[0][-1]

    text = _QUOTED.sub(quoted, text)
    text = _CJK.sub(lambda m: mask_name(m[0]), text)
    return _DIGITS.sub(lambda m: mask_phone(m[0]), text)
