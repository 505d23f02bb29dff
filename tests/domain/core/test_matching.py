"""The one type-ahead matcher (core.matching): one table for every place that searches.

The roster filter, the outlet and signer pickers, the searchable selects and the command
palette all call it, so each row here holds for all of them.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.core.matching import (
    IN_ORDER,
    MIN_GAPPED,
    PLACE_ONLY,
    command_score,
    found,
    in_order,
    matches,
    score,
)

JT_DX = ("交通银行北京大兴支行", "BOCOM-108")
JT_DX_KEYS = ("jtyhbjdxzh jtyhbjdxzx",)  # as core.text stores it: every reading
# As core.text.search_keys stores a name: initials (every reading), then full pinyin.
ZG = ("中国银行北京分行", "BOC-101")
ZG_KEYS = ("zgyhbjfh zhongguoyinhangbeijingfenhang",)
XT_KEYS = ("xt xietao",)
# A delivery kind's select: its id, both names, its stored pinyin (register.kind_readings).
XCZL = ("宣传资料",)
XCZL_KEYS = ("brochure 宣传资料 Brochures xczl xuanchuanziliao",)
QIANDAO = ("签到",)
QIANDAO_KEYS = ("qd qiandao checkin check-in",)

TABLE = [
    # query, texts, keys, found
    ("", JT_DX, JT_DX_KEYS, True),  # nothing typed: everything
    ("jtyhdx", JT_DX, JT_DX_KEYS, True),  # initials in order, the city skipped
    ("JTYHDX", JT_DX, JT_DX_KEYS, True),  # case does not matter
    (" jtyhdx ", JT_DX, JT_DX_KEYS, True),  # nor surrounding spaces
    ("jtyhbj", JT_DX, JT_DX_KEYS, True),  # a prefix of the initials
    ("dxzh", JT_DX, JT_DX_KEYS, True),  # inside the initials
    ("大兴", JT_DX, JT_DX_KEYS, True),  # the name as typed
    ("bocom-1", JT_DX, JT_DX_KEYS, True),  # the code, any case
    ("jtyhxc", JT_DX, JT_DX_KEYS, False),  # 西城 is another outlet
    ("jx", JT_DX, JT_DX_KEYS, False),  # two letters never skip any
    ("jyx", JT_DX, JT_DX_KEYS, True),  # three letters may
    ("xdj", JT_DX, JT_DX_KEYS, False),  # in order only
    ("大北", JT_DX, JT_DX_KEYS, False),  # Chinese is matched as typed, no gaps
    ("bcm", JT_DX, JT_DX_KEYS, False),  # gaps only in the stored readings, not the code
    ("qd", QIANDAO, QIANDAO_KEYS, True),  # a command's initials
    ("qiandao", QIANDAO, QIANDAO_KEYS, True),  # its full pinyin
    ("checkin", QIANDAO, QIANDAO_KEYS, True),  # its English alias
    ("chkin", QIANDAO, QIANDAO_KEYS, True),  # the alias with gaps
    ("签", QIANDAO, QIANDAO_KEYS, True),  # its label
    ("lx", QIANDAO, QIANDAO_KEYS, False),
    ("xt", ("谢涛",), ("xt",), True),
    ("xt", ("许涛",), ("xt",), True),
    ("xt", ("徐婷婷",), ("xtt",), True),
    ("xtx", ("谢涛",), ("xt",), False),
    ("zhongguoyinhang", ZG, ZG_KEYS, True),  # full pinyin of the bank
    ("zhongguo", ZG, ZG_KEYS, True),  # its start
    ("beijingfenhang", ZG, ZG_KEYS, True),  # inside it
    ("zgyh", ZG, ZG_KEYS, True),  # the initials still
    ("zhongguoyh", ZG, ZG_KEYS, True),  # full pinyin, then initials: in order with gaps
    ("zhongguojianshe", ZG, ZG_KEYS, False),  # 建设 is another bank
    ("xietao", ("谢涛",), XT_KEYS, True),
    ("xutao", ("谢涛",), XT_KEYS, False),  # 许涛 is someone else
    ("xczl", XCZL, XCZL_KEYS, True),  # a kind by its initials
    ("xuanchuan", XCZL, XCZL_KEYS, True),  # by its full pinyin
    ("brochure", XCZL, XCZL_KEYS, True),  # by its English name
    ("hb", XCZL, XCZL_KEYS, False),  # 海报 is another kind
]


@pytest.mark.parametrize(("query", "texts", "keys", "found"), TABLE)
def test_the_table(query, texts, keys, found):
    assert matches(query, texts, keys) is found
    assert (score(query, texts, keys) > 0) is found


def test_a_better_match_scores_higher():
    assert score("checkin", QIANDAO, QIANDAO_KEYS) > score("chkin", QIANDAO, QIANDAO_KEYS)
    assert score("签到", QIANDAO, QIANDAO_KEYS) == 1.0


letters = st.text("abcdefghjklmnpqrstwxyz", min_size=1, max_size=14)


@given(letters, st.data())
def test_any_letters_kept_in_order_find_the_reading(reading, data):
    """Dropping any letters of a stored reading still finds it (from three letters)."""
    keep = data.draw(st.lists(st.booleans(), min_size=len(reading), max_size=len(reading)))
    query = "".join(ch for ch, k in zip(reading, keep, strict=True) if k)
    assert in_order(query, reading)
    if len(query) >= MIN_GAPPED:
        assert matches(query, (), ("other " + reading,))


@given(letters, letters)
def test_gaps_never_reorder(reading, query):
    """A query matches with gaps exactly when it is a subsequence of a reading."""
    if len(query) < MIN_GAPPED:
        return
    assert matches(query, (), (reading,)) == _subsequence(query, reading)


def _subsequence(query, text):
    i = 0
    for ch in text:
        if i < len(query) and query[i] == ch:
            i += 1
    return i == len(query)


SIGN = ("签收:交通银行北京大兴支行(BOCOM-108)",)
SIGN_KEYS = ("sign qs qianshou 签收",)
PLACE = ("交通银行北京大兴支行", "BOCOM-108")

COMMANDS = [
    # query, found, better than the place alone
    ("qs jtyhdx", True, True),
    ("jtyhdx qs", True, True),  # any order of words
    ("sign 大兴", True, True),
    ("qs bocom-108", True, True),
    ("jtyhdx", True, False),  # the place alone lists its commands, ranked lower
    ("qs", True, True),
    ("qs jtyhxc", False, False),  # another outlet
    ("lx jtyhdx", False, False),  # another command
    ("qs sign", False, False),  # several words: one of them must name the place
]


@pytest.mark.parametrize(("query", "found", "named"), COMMANDS)
def test_a_command_at_a_place(query, found, named):
    got = command_score(query, SIGN, SIGN_KEYS, PLACE, JT_DX_KEYS)
    assert (got > 0) is found
    if found:
        assert (got > PLACE_ONLY) is named


def test_the_tables_keys_are_what_core_text_stores():
    """The rows above use stored text as the roster and kind_readings write it."""
    from workbench.core.text import search_keys
    from workbench.register.kind_readings import READINGS

    assert search_keys(ZG[0]) == ZG_KEYS[0]
    assert search_keys("谢涛") == XT_KEYS[0]
    assert XCZL_KEYS[0].endswith(READINGS["brochure"])


def test_a_filter_shows_the_names_that_hold_the_letters_as_typed_when_there_are_any():
    from workbench.core.text import search_keys

    names = ["中国建设银行北京门头沟营业部427", "中国农业银行北京石景山营业部63",
             "交通银行北京顺义支行125"]
    terms = {name: ((name,), (search_keys(name),)) for name in names}
    # 农业银行…石景山 and 顺义 hold j, s, y, h only far apart: not shown beside 建设银行.
    assert found("jsyh", names, terms.get) == ["中国建设银行北京门头沟营业部427"]
    # Nothing holds "nyysy" as typed: the names that hold it with gaps are shown.
    assert found("nyysy", names, terms.get) == ["中国农业银行北京石景山营业部63"]


reading_lists = st.lists(letters, min_size=1, max_size=6)


@given(reading_lists, letters)
def test_found_is_the_matches_at_the_best_kind_of_match(readings, query):
    def terms(reading):
        return ((), (reading,))

    shown = found(query, readings, terms)
    matching = [r for r in readings if matches(query, *terms(r))]
    assert set(shown) <= set(matching) and (shown or not matching)
    assert [r for r in readings if r in shown] == shown  # in the list's order
    as_typed = [r for r in matching if score(query, *terms(r)) > IN_ORDER]
    assert shown == (as_typed or matching)
