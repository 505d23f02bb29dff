"""Domain tests of policies sold: standard premium, validation, voiding, totals and the
documents awaiting registration."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.assessment_helpers import GOALS, draft
from tests.conftest import NOW, TODAY
from workbench.assessment import grades, policies
from workbench.core import privacy
from workbench.core.errors import ValidationError
from workbench.roster import outlets


def test_factor_table():
    factors = GOALS.standard_factors
    assert policies.factor_for(1, factors) == 0.1
    assert policies.factor_for(2, factors) == 0.1
    assert policies.factor_for(5, factors) == 0.5
    assert policies.factor_for(20, factors) == 1.0
    assert policies.standard_premium(50000, 10, factors) == 50000


def test_masking():
    assert privacy.mask_name("张三") == "张*"
    assert privacy.mask_name("欧阳娜娜") == "欧***"
    assert privacy.mask_phone("13812345678") == "138****5678"
    assert privacy.mask_phone(None) == ""


def test_log_policy_computes_standard_premium(db, outlet):
    pid = policies.log_policy(db, draft(), GOALS, TODAY, NOW)
    policy = policies.get_policy(db, pid)
    assert policy.standard_premium == 50000 and policy.factor == 1.0
    assert policy.masked_name == "张**" and policy.masked_phone == "138****5678"
    assert [p.id for p in policies.policies_awaiting_document(db)] == [pid]
    policies.mark_document_registered(db, pid)
    assert policies.policies_awaiting_document(db) == []


def test_override_needs_a_reason(db, outlet):
    with pytest.raises(ValidationError) as err:
        policies.log_policy(db, draft(standard_override="30000"), GOALS, TODAY, NOW)
    assert err.value.field == "policy_override_reason"
    pid = policies.log_policy(db, draft(standard_override="30000", override_reason="公司特批系数"),
                              GOALS, TODAY, NOW)
    policy = policies.get_policy(db, pid)
    assert policy.standard_premium == 30000 and policy.factor is None


@pytest.mark.parametrize("change, field", [
    ({"premium": "-100"}, "policy_premium"),
    ({"premium": "0"}, "policy_premium"),
    ({"premium": "lots"}, "policy_premium"),
    ({"term_years": "0"}, "policy_term"),
    ({"term_years": "2.5"}, "policy_term"),
    ({"outlet": "NOPE"}, "policy_outlet"),
    ({"issue_date": "2026-12-01"}, "policy_issue_date"),
    ({"issue_date": "2026-02-30"}, "policy_issue_date"),
    ({"customer_name": ""}, "policy_customer"),
    ({"customer_phone": "12ab"}, "policy_phone"),
    ({"policy_no": ""}, "policy_no"),
])
def test_bad_policies_write_nothing(db, outlet, change, field):
    with pytest.raises(ValidationError) as err:
        policies.log_policy(db, draft(**change), GOALS, TODAY, NOW)
    assert err.value.field == field
    assert db.execute("SELECT count(*) FROM policies").fetchone()[0] == 0


def test_duplicate_policy_number(db, outlet):
    policies.log_policy(db, draft(), GOALS, TODAY, NOW)
    with pytest.raises(ValidationError) as err:
        policies.log_policy(db, draft(premium="1000"), GOALS, TODAY, NOW)
    assert "already logged" in str(err.value)
    assert db.execute("SELECT count(*) FROM policies").fetchone()[0] == 1


@given(premium=st.one_of(st.floats(allow_nan=True, allow_infinity=True),
                         st.text(max_size=8)),
       term=st.one_of(st.integers(-5, 120), st.text(max_size=4)))
@settings(max_examples=80, deadline=None)
def test_policy_validation_never_writes_bad_values(tmp_path_factory, premium, term):
    from workbench.storage import open_db

    db = open_db(tmp_path_factory.mktemp("h") / "p.db")
    try:
        outlets.add_outlet(db, outlets.OutletDraft(code="CCB-1", name="建行"), ["C"], NOW)
        try:
            policies.log_policy(db, draft(premium=premium, term_years=term), GOALS, TODAY, NOW)
        except ValidationError:
            assert db.execute("SELECT count(*) FROM policies").fetchone()[0] == 0
            return
        row = db.execute("SELECT premium, term_years FROM policies").fetchone()
        assert row[0] > 0 and row[1] >= 1
    finally:
        db.close()


def test_per_outlet_and_per_day_policy_queries_use_indexes(db):
    for sql in ("SELECT 1 FROM policies WHERE outlet_id = 1 AND issue_date >= '2026-10-01'",
                "SELECT sum(standard_premium) FROM policies WHERE issue_date >= '2026-10-01'"):
        plan = " ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN " + sql).fetchall())
        assert "USING" in plan, plan


def test_void_a_mistake_and_log_the_correct_policy_with_the_same_number(db, outlet):
    wrong = policies.log_policy(db, draft(premium="500000"), GOALS, TODAY, NOW)
    with pytest.raises(ValidationError):
        policies.void_policy(db, wrong, "  ", NOW)
    policies.void_policy(db, wrong, "保费多打了一个0", NOW)
    with pytest.raises(ValidationError):
        policies.void_policy(db, wrong, "again", NOW)
    right = policies.log_policy(db, draft(premium="50000"), GOALS, TODAY, NOW)
    assert grades.current_status(db, 10, TODAY, GOALS).achieved == pytest.approx(5.0)
    period = grades.period_of(TODAY, "quarter")
    assert [p.id for p in policies.policies_between(db, period.start, TODAY)] == [right]
    assert [p.id for p in policies.policies_awaiting_document(db)] == [right]
    # The voided row is kept, with its reason.
    assert db.execute("SELECT void_reason FROM policies WHERE id = ?", [wrong]).fetchone()[0]
    with pytest.raises(ValidationError):
        policies.log_policy(db, draft(), GOALS, TODAY, NOW)


def test_policy_totals(db, outlet):
    policies.log_policy(db, draft(), GOALS, TODAY, NOW)
    policies.log_policy(db, draft(policy_no="P2", premium="10000", term_years="1"), GOALS, TODAY,
                        NOW)
    assert policies.policy_totals(db, date(2026, 10, 1), TODAY) == (2, 60000.0, 51000.0)
    assert policies.count_awaiting_documents(db) == 2


def test_the_outlet_is_named_by_id_first_then_by_code(db, outlet):
    digits = outlets.add_outlet(db, outlets.OutletDraft(code=str(outlet), name="代码是数字"),
                                ["C"], NOW)
    long = outlets.add_outlet(db, outlets.OutletDraft(code="9" * 20, name="代码很长"), ["C"],
                              NOW)
    by_id = policies.log_policy(db, draft(outlet=f" {outlet} "), GOALS, TODAY, NOW)
    assert policies.get_policy(db, by_id).outlet_id == outlet  # not the outlet coded "1"
    by_code = policies.log_policy(db, draft(policy_no="P2", outlet="9" * 20), GOALS, TODAY, NOW)
    assert policies.get_policy(db, by_code).outlet_id == long != digits
    for unknown in ("404", "²", "CCB-404"):
        with pytest.raises(ValidationError) as err:
            policies.log_policy(db, draft(policy_no="P3", outlet=unknown), GOALS, TODAY, NOW)
        assert err.value.field == "policy_outlet"
