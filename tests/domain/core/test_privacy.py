"""Masking of customer names and phone numbers (``core.privacy``), pinned at each boundary.

The rule: a masked name keeps its first character only when it has two or more, and a
masked number keeps 3 + 4 digits from 11 digits up, its last 2 from 3 to 10 digits, and
none below; so a masked value never shows a whole name or number, however short.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.core.privacy import mask_name, mask_phone


@pytest.mark.parametrize(("name", "masked"), [
    (None, ""), ("", ""), ("   ", ""),
    ("王", "*"), (" 王 ", "*"),  # one character: nothing shown
    ("张三", "张*"),  # two: the surname only
    ("张三丰", "张**"), ("欧阳娜娜", "欧***"), ("Smith", "S****"),
    ("王\u200b", "*"), ("\ufeff王", "*"),  # an invisible character is not a second letter
    ("e\u0301", "*"), ("e\u0301ric", "e\u0301***"),  # an accent stays with its letter
])
def test_mask_name(name, masked):
    assert mask_name(name) == masked


@pytest.mark.parametrize(("phone", "masked"), [
    (None, ""), ("", ""), ("call me", ""),
    ("5", "*"), ("12", "**"),  # two digits or fewer: all hidden
    ("123", "*23"), ("8123", "**23"),  # three and more: the last two shown
    ("0123456789", "********89"),  # ten digits: still the short form
    ("13812345678", "138****5678"),  # eleven: a mobile number, 3 + 4 shown
    ("+86 138-1234-5678", "861****5678"),
])
def test_mask_phone(phone, masked):
    assert mask_phone(phone) == masked


def visible(text: str) -> str:
    return "".join(c for c in text if unicodedata.category(c) != "Cf").strip()


@given(st.text(max_size=12))
def test_a_masked_name_shows_at_most_a_first_letter_and_never_the_whole_name(name):
    masked = mask_name(name)
    shown = masked.rstrip("*")
    assert "*" not in shown  # what is shown comes first, then only stars
    assert visible(name).startswith(shown)
    if visible(name):
        assert shown != visible(name)  # never the whole name, not even a one-letter one
        assert masked != visible(name) or set(visible(name)) == {"*"}


@given(st.text(max_size=8), st.lists(st.characters(categories=("Nd",)), max_size=16))
def test_a_masked_phone_never_shows_all_its_digits(noise, digit_list):
    phone = "".join(d + noise[i % len(noise)] if noise else d for i, d in enumerate(digit_list))
    digits = "".join(c for c in phone if c.isdigit())
    masked = mask_phone(phone)
    shown = [c for c in masked if c != "*"]
    assert all(c.isdigit() for c in shown)
    if len(digits) >= 11:
        assert masked == digits[:3] + "****" + digits[-4:]
    elif len(digits) > 2:
        assert masked == "*" * (len(digits) - 2) + digits[-2:]
    else:
        assert masked == "*" * len(digits)
    assert len(shown) < len(digits) or not digits
