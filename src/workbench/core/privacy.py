"""Masking customer data for lists, exports and reports (names, phones, ID numbers).

One place, so every screen and file hides the same way: enough for the manager to
recognise a customer they know, not enough for anyone reading over a shoulder or a
forwarded report. Exports show data in full only when the user asks (``--unmasked``).
"""

from __future__ import annotations


def mask_name(name: str | None) -> str:
    """张三丰 -> 张**; Smith -> S****; a one-character name is all hidden."""
    name = (name or "").strip()
    if len(name) <= 1:
        return "*" * len(name)
    return name[0] + "*" * (len(name) - 1)


def mask_phone(phone: str | None) -> str:
    """13812345678 -> 138****5678; short numbers keep only their last two digits."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    if not digits:
        return ""
    if len(digits) >= 11:
        return f"{digits[:3]}****{digits[-4:]}"
    return "*" * max(0, len(digits) - 2) + digits[-2:]


def mask_id(number: str | None) -> str:
    """An ID card number keeps its first and last two characters: 11**************1X."""
    text = (number or "").strip()
    if len(text) <= 4:
        return "*" * len(text)
    return text[:2] + "*" * (len(text) - 4) + text[-2:]
