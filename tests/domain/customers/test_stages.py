"""The stage machine: every allowed move and every refused one, and random walks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import NOW
from tests.domain.customers.helpers import customer
from workbench.core.errors import ValidationError
from workbench.customers import records
from workbench.customers.stages import MOVES, STAGES, can_move, check_move

ALLOWED = {("prospect", "intention"), ("prospect", "sold"), ("intention", "prospect"),
           ("intention", "sold"), ("sold", "service"), ("service", "sold")}


@pytest.mark.parametrize("current", STAGES)
@pytest.mark.parametrize("target", STAGES)
def test_each_move(current, target):
    expected = current == target or (current, target) in ALLOWED
    assert can_move(current, target) is expected
    if expected:
        assert check_move(current, target) == target
    else:
        with pytest.raises(ValidationError):
            check_move(current, target)


def test_unknown_stage_refused():
    assert not can_move("prospect", "won")
    with pytest.raises(ValidationError) as caught:
        check_move("prospect", "won")
    assert caught.value.key == "error.bad_choice"


@given(st.lists(st.sampled_from(STAGES), max_size=12))
def test_walks_never_leave_sold_for_prospect_or_intention(targets):
    stage, sold = "prospect", False
    for target in targets:
        if can_move(stage, target):
            stage = target
        sold = sold or stage in ("sold", "service")
        if sold:
            assert stage in ("sold", "service")
        assert stage in MOVES


def test_an_edit_refuses_a_move_back_and_writes_nothing(db):
    cid = customer(db, stage="sold")
    draft = records.CustomerDraft(name="张三丰", phone="13812345678", stage="prospect")
    with pytest.raises(ValidationError):
        records.update_customer(db, cid, draft, NOW)
    assert records.get_customer(db, cid).stage == "sold"
    records.move_stage(db, cid, "service", NOW)
    assert records.get_customer(db, cid).stage == "service"
