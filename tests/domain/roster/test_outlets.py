"""Domain tests for outlets, staff and visits on a tmp_path database."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.conftest import NOW, TODAY
from workbench.core.errors import ValidationError
from workbench.roster import outlets, staff, visits
from workbench.roster.outlets import OutletDraft
from workbench.roster.staff import StaffDraft

TIERS = ["A", "B", "C", "D"]
ROLES = ["head", "deputy", "wealth_manager", "key_teller", "teller", "other"]


def add(db, code="CCB-1", name="中国建设银行朝阳支行", **extra):
    return outlets.add_outlet(db, OutletDraft(code=code, name=name, **extra), TIERS, NOW)


def count(db, table):
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_add_and_read_back_every_field(db):
    oid = add(db, bank="中国建设银行", tier="a", address="北京市朝阳区朝阳路1号",
              phone="010-12345678", head="王伟", deposits_time="12,000", deposits_demand="4000",
              plan_year="500", target="400", achieved="120.5", traffic_daily="300",
              traffic_monthly="7800", customers_total="12000", enquiries="15", notes="'; DROP")
    o = outlets.get_outlet(db, oid)
    assert (o.tier, o.deposits_time, o.plan_year, o.traffic_daily) == ("A", 12000, 500, 300)
    assert o.deposits_ratio == 3
    # 任务 and 完成 are no longer typed on the card (targets, and progress from policies)
    assert (o.target, o.achieved) == (None, None)
    assert "zgjsyhcyzh" in o.initials.split()
    assert o.notes == "'; DROP"
    assert o.updated_at == "2026-11-27 09:30:00"


@pytest.mark.parametrize("field,value,key", [
    ("name", "", "error.required"),
    ("name", "x" * 10_000, "error.too_long"),
    ("code", "", "error.required"),
    ("code", "a b", "error.bad_code"),
    ("phone", "call me", "error.bad_phone"),
    ("traffic_daily", "-1", "error.too_small"),
    ("traffic_daily", "1.5", "error.not_integer"),
    ("plan_year", "abc", "error.not_number"),
    ("tier", "Z", "error.bad_choice"),
])
def test_bad_outlet_input_is_rejected_and_nothing_written(db, field, value, key):
    values = {"code": "C1", "name": "网点", field: value}
    with pytest.raises(ValidationError) as info:
        outlets.add_outlet(db, OutletDraft(**values), TIERS, NOW)
    assert (info.value.field, info.value.key) == (field, key)
    assert str(info.value)  # translated, never empty
    assert count(db, "outlets") == 0


def test_duplicate_code_rejected_on_add_and_edit(db):
    add(db, code="C1")
    other = add(db, code="C2")
    with pytest.raises(ValidationError, match="already in use"):
        add(db, code="C1")
    with pytest.raises(ValidationError, match="already in use"):
        outlets.update_outlet(db, other, OutletDraft(code="C1", name="x"), TIERS, NOW)
    assert outlets.get_outlet(db, other).code == "C2"
    assert count(db, "outlets") == 2


def test_emoji_cjk_and_sql_metacharacters_are_stored_as_typed(db):
    oid = add(db, name="🏦 工行'\"%_; --")
    assert outlets.get_outlet(db, oid).name == "🏦 工行'\"%_; --"
    rows = outlets.roster(db, TODAY, {"C": 30}, query="%")
    assert [r.id for r in rows] == [oid]  # % matches literally, not as a wildcard


def test_next_due_from_last_completed_visit(db):
    cadence = {"A": 7, "B": 14}
    assert outlets.next_due(None, "A", cadence, TODAY) == TODAY
    assert outlets.next_due(date(2026, 1, 31), "A", cadence, TODAY) == date(2026, 2, 7)
    assert outlets.next_due(date(2028, 2, 22), "A", cadence, TODAY) == date(2028, 2, 29)
    assert outlets.next_due(date(2026, 12, 25), "B", cadence, TODAY) == date(2027, 1, 8)
    # Unknown tier: the longest cadence.
    assert outlets.next_due(date(2026, 1, 1), "Z", cadence, TODAY) == date(2026, 1, 15)


def test_roster_counts_only_completed_visits_and_sorts_by_due(db):
    a = add(db, code="A1", name="甲", tier="A")
    b = add(db, code="B1", name="乙", tier="B")
    visits.record_visit(db, a, datetime(2026, 11, 10, 9), datetime(2026, 11, 10, 11), "stationed")
    visits.record_visit(db, b, datetime(2026, 11, 20, 9), datetime(2026, 11, 20, 11), "training")
    visits.check_in(db, a, datetime(2026, 11, 27, 9), "stationed")  # open: does not count
    rows = outlets.roster(db, TODAY, {"A": 7, "B": 14})
    assert [(r.code, r.last_visit, r.days_left) for r in rows] == [
        ("A1", date(2026, 11, 10), -10), ("B1", date(2026, 11, 20), 7)]


def test_filter_by_initials_code_address_and_hide_inactive(db):
    a = add(db, code="CCB-1", name="中国建设银行朝阳支行", address="朝阳路")
    add(db, code="ICBC-2", name="中国工商银行海淀支行", address="中关村")
    q = lambda text, **kw: [r.code for r in outlets.roster(db, TODAY, {"C": 30}, query=text, **kw)]  # noqa: E731
    assert q("jsyh") == ["CCB-1"]
    assert q("icbc") == ["ICBC-2"]
    assert q("中关村") == ["ICBC-2"]
    outlets.set_outlet_active(db, a, False, NOW)
    assert q("jsyh") == []
    assert q("jsyh", include_inactive=True) == ["CCB-1"]
    assert outlets.get_outlet(db, a).active is False  # hidden, never deleted


def test_the_roster_filter_finds_initials_with_gaps_as_the_pickers_do(db):
    add(db, code="BOCOM-108", name="交通银行北京大兴支行")
    add(db, code="BOCOM-104", name="交通银行北京西城支行")
    q = lambda text: [r.code for r in outlets.roster(db, TODAY, {"C": 30}, query=text)]  # noqa: E731
    assert q("jtyhdx") == ["BOCOM-108"]
    assert q("jtdx") == ["BOCOM-108"]  # letters skipped, in order
    assert q("jtyh") == ["BOCOM-104", "BOCOM-108"]
    assert [c for _, c, _ in outlets.find_outlets(db, "jtdx")] == ["BOCOM-108"]


def test_staff_validation_and_listing(db):
    oid = add(db)
    sid = staff.add_staff(db, oid, StaffDraft(name="李娜", role="key_teller",
                                              phone="13800000000", birthday="1990-02-28"),
                          ROLES, NOW)
    with pytest.raises(ValidationError, match="not a real date"):
        staff.add_staff(db, oid, StaffDraft(name="张三", birthday="2026-02-30"), ROLES, NOW)
    with pytest.raises(ValidationError):
        staff.add_staff(db, oid, StaffDraft(name="张三", role="boss"), ROLES, NOW)
    with pytest.raises(ValidationError):
        staff.add_staff(db, 999, StaffDraft(name="张三"), ROLES, NOW)
    listed = staff.list_staff(db, oid)
    assert [(s.id, s.role, s.birthday) for s in listed] == [(sid, "key_teller", date(1990, 2, 28))]
    staff.set_staff_active(db, sid, False, NOW)
    assert staff.list_staff(db, oid) == []
    assert len(staff.list_staff(db, oid, include_inactive=True)) == 1


def test_check_in_and_out_rules(db):
    a = add(db, code="A1")
    b = add(db, code="B1")
    vid = visits.check_in(db, a, datetime(2026, 11, 27, 9, 0), "stationed", "驻点")
    with pytest.raises(ValidationError, match="still checked in"):
        visits.check_in(db, b, datetime(2026, 11, 27, 10, 0), "training")
    with pytest.raises(ValidationError, match="before the check-in"):
        visits.check_out(db, vid, datetime(2026, 11, 27, 8, 59))
    assert visits.open_visit(db).id == vid
    visits.check_out(db, vid, datetime(2026, 11, 27, 10, 30))
    visit = visits.visits_for(db, a)[0]
    assert visit.hours == 1.5 and visit.notes == "驻点"
    with pytest.raises(ValidationError, match="already checked out"):
        visits.check_out(db, vid, datetime(2026, 11, 27, 11, 0))
    with pytest.raises(ValidationError):
        visits.check_in(db, b, datetime(2026, 11, 27, 12, 0), "sleeping")
    assert [v.id for v in visits.visits_on(db, TODAY)] == [vid]


def test_inactive_outlet_cannot_be_checked_in(db):
    a = add(db)
    outlets.set_outlet_active(db, a, False, NOW)
    with pytest.raises(ValidationError, match="deactivated"):
        visits.check_in(db, a, NOW, "stationed")
