"""Type-ahead matching of the pickers: substrings, and pinyin initials in order."""

from hypothesis import given
from hypothesis import strategies as st

from workbench.core.text import initials
from workbench.screens.common.pickers import in_order, matches


def test_initials_match_without_the_city():
    name = "交通银行北京大兴支行"
    assert matches("jtyhdx", name, "BOCOM-108", initials(name))
    assert matches("大兴", name, "BOCOM-108", initials(name))
    assert matches("bocom-1", name, "BOCOM-108", initials(name))
    assert not matches("jtyhxc", name, "BOCOM-108", initials(name))  # 西城 is elsewhere
    assert not matches("jx", name, "BOCOM-108", initials(name))  # too short to skip letters


@given(st.text("abcdefg", max_size=12), st.text("abcdefg", max_size=6))
def test_in_order_is_subsequence(text, query):
    # a query built by dropping letters of the text always matches in order
    kept = "".join(ch for i, ch in enumerate(text) if i % 2 == 0)
    assert in_order(kept, text)
    assert in_order(query, text) == _subsequence(query, text)


def _subsequence(query, text):
    i = 0
    for ch in text:
        if i < len(query) and query[i] == ch:
            i += 1
    return i == len(query)
