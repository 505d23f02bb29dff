"""Domain tests of policies, grade thresholds, periods, pace, issuing rate and career goals."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import NOW, TODAY
from workbench.assessment import goals as g
from workbench.core import privacy
from workbench.core.config import GoalsConfig
from workbench.core.errors import ValidationError
from workbench.roster import outlets

# The source material's table: grade -> (maintain, promote), in 10,000 CNY.
SOURCE_TABLE = {
    1: (56, 70), 2: (49, 61), 3: (42.5, 53), 4: (37, 46), 5: (32, 40), 6: (28, 35),
    7: (24.5, 30.5), 8: (21, 26.5), 9: (18.5, 23), 10: (16, 20), 11: (12, 17.5),
    12: (12, 15), 13: (10.5, 13),
}
GOALS = GoalsConfig()


@pytest.mark.parametrize("grade", range(1, 14))
def test_default_thresholds_are_the_source_table(grade):
    assert g.thresholds(grade, GOALS) == SOURCE_TABLE[grade]


def test_grade_10_with_17_3_kept_and_2_7_short_of_promotion():
    period = g.period_of(TODAY, "quarter")
    status = g.grade_status(10, 17.3, period, TODAY, GOALS)
    assert status.kept and not status.promoted
    assert status.maintain == 16 and status.promote == 20
    assert status.need_maintain == 0
    assert status.need_promote == pytest.approx(2.7)


@pytest.mark.parametrize("bad", [0, 14, -1, "abc", "", "10.5"])
def test_grade_outside_the_table_refused(bad):
    with pytest.raises(ValidationError) as err:
        g.thresholds(bad, GOALS)
    assert "not in the table" in str(err.value)


@pytest.mark.parametrize("day, kind, start, end", [
    (date(2026, 11, 27), "quarter", date(2026, 10, 1), date(2026, 12, 31)),
    (date(2026, 3, 31), "quarter", date(2026, 1, 1), date(2026, 3, 31)),
    (date(2026, 4, 1), "quarter", date(2026, 4, 1), date(2026, 6, 30)),
    (date(2026, 6, 30), "quarter", date(2026, 4, 1), date(2026, 6, 30)),
    (date(2026, 9, 30), "quarter", date(2026, 7, 1), date(2026, 9, 30)),
    (date(2028, 2, 29), "quarter", date(2028, 1, 1), date(2028, 3, 31)),
    (date(2026, 11, 27), "half", date(2026, 7, 1), date(2026, 12, 31)),
    (date(2028, 2, 29), "half", date(2028, 1, 1), date(2028, 6, 30)),
    (date(2026, 11, 27), "year", date(2026, 1, 1), date(2026, 12, 31)),
])
def test_period_boundaries(day, kind, start, end):
    assert g.period_of(day, kind) == g.Period(kind, start, end)


def test_leap_year_quarter_has_one_more_day_and_working_day():
    q2027 = g.period_of(date(2027, 2, 1), "quarter")
    q2028 = g.period_of(date(2028, 2, 1), "quarter")
    assert (q2027.end - q2027.start).days + 1 == 90
    assert (q2028.end - q2028.start).days + 1 == 91
    # 2028-02-29 is a Tuesday: one more working day than 2027's first quarter.
    every = [1, 2, 3, 4, 5, 6, 7]
    assert g.working_days(q2028.start, q2028.end, every) == 91
    assert g.working_days(date(2028, 2, 28), date(2028, 3, 1), [1, 2, 3, 4, 5]) == 3


@given(st.dates(date(2000, 1, 1), date(2100, 1, 1)), st.integers(0, 60),
       st.sets(st.integers(1, 7), min_size=1))
@settings(max_examples=60)
def test_working_days_matches_counting_one_by_one(start, length, days):
    from datetime import timedelta

    end = start + timedelta(days=length)
    slow = sum(1 for i in range(length + 1)
               if (start + timedelta(days=i)).isoweekday() in days)
    assert g.working_days(start, end, sorted(days)) == slow


def test_pace_and_projection():
    period = g.period_of(TODAY, "quarter")
    status = g.grade_status(10, 12.0, period, TODAY, GOALS)
    # Q4 2026 has 66 weekdays; Oct 1 - Nov 27 has 42; Nov 27 - Dec 31 has 25.
    assert status.working_days_total == 66
    assert status.working_days_elapsed == 42
    assert status.working_days_left == 25
    assert status.need_maintain == pytest.approx(4.0)
    assert status.pace_maintain == pytest.approx(4.0 / 25)
    assert status.pace_promote == pytest.approx(8.0 / 25)
    assert status.projection == pytest.approx(12.0 / 42 * 66)
    assert status.projected_outcome == "maintain"


def test_pace_after_the_period_and_on_its_first_day():
    period = g.period_of(TODAY, "quarter")
    after = g.grade_status(10, 10.0, period, date(2027, 1, 5), GOALS)
    assert after.working_days_left == 0 and after.pace_promote is None
    assert after.projection == pytest.approx(10.0)
    first = g.grade_status(10, 0.0, period, date(2026, 10, 1), GOALS)
    assert first.working_days_left == 66 and first.projection == 0


def test_factor_table():
    factors = GOALS.standard_factors
    assert g.factor_for(1, factors) == 0.1
    assert g.factor_for(2, factors) == 0.1
    assert g.factor_for(5, factors) == 0.5
    assert g.factor_for(20, factors) == 1.0
    assert g.standard_premium(50000, 10, factors) == 50000


def test_masking():
    assert privacy.mask_name("张三") == "张*"
    assert privacy.mask_name("欧阳娜娜") == "欧***"
    assert privacy.mask_phone("13812345678") == "138****5678"
    assert privacy.mask_phone(None) == ""


@pytest.fixture
def outlet(db):
    return outlets.add_outlet(db, outlets.OutletDraft(code="CCB-1", name="建行朝阳支行"),
                              ["A", "B", "C"], NOW)


def draft(**kw) -> g.PolicyDraft:
    base = dict(policy_no="P2026001", outlet="CCB-1", product="鑫享年金", premium="50000",
                term_years="10", issue_date="2026-11-20", customer_name="张三丰",
                customer_phone="13812345678")
    return g.PolicyDraft(**{**base, **kw})


def test_log_policy_computes_standard_premium(db, outlet):
    pid = g.log_policy(db, draft(), GOALS, TODAY, NOW)
    policy = g.get_policy(db, pid)
    assert policy.standard_premium == 50000 and policy.factor == 1.0
    assert policy.masked_name == "张**" and policy.masked_phone == "138****5678"
    assert [p.id for p in g.policies_awaiting_document(db)] == [pid]
    g.mark_document_registered(db, pid)
    assert g.policies_awaiting_document(db) == []


def test_override_needs_a_reason(db, outlet):
    with pytest.raises(ValidationError) as err:
        g.log_policy(db, draft(standard_override="30000"), GOALS, TODAY, NOW)
    assert err.value.field == "policy_override_reason"
    pid = g.log_policy(db, draft(standard_override="30000", override_reason="公司特批系数"),
                       GOALS, TODAY, NOW)
    policy = g.get_policy(db, pid)
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
        g.log_policy(db, draft(**change), GOALS, TODAY, NOW)
    assert err.value.field == field
    assert db.execute("SELECT count(*) FROM policies").fetchone()[0] == 0


def test_duplicate_policy_number(db, outlet):
    g.log_policy(db, draft(), GOALS, TODAY, NOW)
    with pytest.raises(ValidationError) as err:
        g.log_policy(db, draft(premium="1000"), GOALS, TODAY, NOW)
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
            g.log_policy(db, draft(premium=premium, term_years=term), GOALS, TODAY, NOW)
        except ValidationError:
            assert db.execute("SELECT count(*) FROM policies").fetchone()[0] == 0
            return
        row = db.execute("SELECT premium, term_years FROM policies").fetchone()
        assert row[0] > 0 and row[1] >= 1
    finally:
        db.close()


def test_period_status_and_issuing_rate(db, outlet):
    other = outlets.add_outlet(db, outlets.OutletDraft(code="ICBC-2", name="工行海淀支行"),
                               ["C"], NOW)
    g.log_policy(db, draft(premium="173000"), GOALS, TODAY, NOW)  # 10 years: 17.3 std
    g.log_policy(db, draft(policy_no="OLD-1", issue_date="2026-09-30"), GOALS, TODAY, NOW)
    status = g.current_status(db, 10, TODAY, GOALS)
    assert status.achieved == pytest.approx(17.3)
    assert status.kept and status.need_promote == pytest.approx(2.7)
    rate = g.issuing_rate(db, status.period, TODAY, 0.6)
    assert (rate.active, rate.issued, rate.rate) == (2, 1, 0.5)
    assert not rate.on_target
    assert [z[0] for z in rate.zero_outlets] == [other]
    series = g.cumulative_by_day(db, status.period, TODAY, GOALS.unit)
    assert series[0] == (date(2026, 10, 1), 0.0)
    assert series[-1] == (TODAY, pytest.approx(17.3))


def test_half_year_period_from_config(db, outlet):
    half = replace(GOALS, period="half")
    g.log_policy(db, draft(policy_no="OLD-1", issue_date="2026-09-30"), half, TODAY, NOW)
    assert g.current_status(db, 10, TODAY, half).achieved == pytest.approx(5.0)


def test_career_goals(db):
    gid = g.add_career_goal(db, "short", "career", "晋升到9级", "", "", NOW)
    g.update_career_goal(db, gid, "short", "career", "晋升到9级", "in_progress",
                         "2026-11-27", TODAY)
    goal = g.get_career_goal(db, gid)
    assert goal.status == "in_progress" and goal.reviewed_on == TODAY
    with pytest.raises(ValidationError):
        g.add_career_goal(db, "forever", "career", "x", "", "", NOW)
    with pytest.raises(ValidationError):
        g.add_career_goal(db, "mid", "career", "", "", "", NOW)
    with pytest.raises(ValidationError):
        g.add_career_goal(db, "mid", "career", "x", "", "2026-12-01",
                          datetime(2026, 11, 27, 9))
    assert len(g.career_goals(db)) == 1


def test_per_outlet_and_per_day_policy_queries_use_indexes(db):
    for sql in ("SELECT 1 FROM policies WHERE outlet_id = 1 AND issue_date >= '2026-10-01'",
                "SELECT sum(standard_premium) FROM policies WHERE issue_date >= '2026-10-01'"):
        plan = " ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN " + sql).fetchall())
        assert "USING" in plan, plan


def test_void_a_mistake_and_log_the_correct_policy_with_the_same_number(db, outlet):
    wrong = g.log_policy(db, draft(premium="500000"), GOALS, TODAY, NOW)
    with pytest.raises(ValidationError):
        g.void_policy(db, wrong, "  ", NOW)
    g.void_policy(db, wrong, "保费多打了一个0", NOW)
    with pytest.raises(ValidationError):
        g.void_policy(db, wrong, "again", NOW)
    right = g.log_policy(db, draft(premium="50000"), GOALS, TODAY, NOW)
    assert g.current_status(db, 10, TODAY, GOALS).achieved == pytest.approx(5.0)
    period = g.period_of(TODAY, "quarter")
    assert [p.id for p in g.policies_between(db, period.start, TODAY)] == [right]
    assert [p.id for p in g.policies_awaiting_document(db)] == [right]
    # The voided row is kept, with its reason.
    assert db.execute("SELECT void_reason FROM policies WHERE id = ?", [wrong]).fetchone()[0]
    with pytest.raises(ValidationError):
        g.log_policy(db, draft(), GOALS, TODAY, NOW)


def test_policy_totals(db, outlet):
    g.log_policy(db, draft(), GOALS, TODAY, NOW)
    g.log_policy(db, draft(policy_no="P2", premium="10000", term_years="1"), GOALS, TODAY, NOW)
    assert g.policy_totals(db, date(2026, 10, 1), TODAY) == (2, 60000.0, 51000.0)
    assert g.count_awaiting_documents(db) == 2
