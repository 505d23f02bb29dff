"""The pinyin the delivery kinds are searched by (宣传资料: ``xczl``, ``xuanchuanziliao``).

The built-in kinds' Chinese names live in the message catalogue; their readings are
written down here beside them (what ``core.text.search_keys`` gives for each name), so
a kind's select finds ``xczl`` without loading pypinyin. ``readings`` computes them only
for a kind the user added in the config (its name is its text).
tests/domain/register/test_kind_readings.py recomputes the table.
"""

from __future__ import annotations

READINGS = {
    "application_form": "tbd dbd toubaodan doubaodan",
    "brochure": "xczl xuanchuanziliao",
    "poster": "hb haibao",
    "original_policy": "zbbd zhengbenbaodan",
    "summary_sheet": "hzd hzc hzs huizongdan huizongchan huizongshan",
    "other": "qt qita",
}


def readings(kind: str) -> str:
    """The stored readings of a built-in kind; a configured one's computed from its name
    (the only case that loads pypinyin, and only for a name that is not plain ASCII)."""
    if kind in READINGS:
        return READINGS[kind]
    if kind.isascii():
        return ""
    from workbench.core.text import search_keys

    return search_keys(kind)
