"""A refused choice lists the allowed ones as the language lists things (issue #15):
``只能是 A、B、C、D 之一`` in Chinese, ``must be one of A, B, C, D`` in English."""

from __future__ import annotations

import pytest

from workbench.core import i18n
from workbench.core import validate as v
from workbench.core.errors import ValidationError


@pytest.mark.parametrize(("language", "shown"), [("zh", "只能是 A、B、C、D 之一"),
                                                 ("en", "must be one of A, B, C, D")])
def test_a_refused_tier_lists_the_tiers_in_the_users_words(language, shown):
    before = i18n.language()
    i18n.set_language(language)
    try:
        with pytest.raises(ValidationError) as caught:
            v.choice("tier", "Z", ["A", "B", "C", "D"])
        assert i18n.t(caught.value.key, **caught.value.params) == shown
    finally:
        i18n.set_language(before)
