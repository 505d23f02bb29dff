"""Collected application forms: collection, initial review, hand-over and its sheet."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.conftest import NOW
from tests.register_helpers import outlet
from workbench.core.errors import ValidationError
from workbench.register import applications as apps
from workbench.register import deliveries as reg


@pytest.fixture
def forms(db):
    o = outlet(db, "CCB-1", "中国建设银行朝阳支行", NOW)
    ids = [apps.collect(db, outlet_id=o, serial=f"a2026{n:06d}", applicant="李小龙",
                        product="鑫享年金", premium="20,000", collected_at=NOW, now=NOW)
           for n in range(3)]
    return o, ids


def test_collect_validates(db, forms):
    o, _ = forms
    bad = [dict(serial="", applicant="李", product="p", premium="1"),
           dict(serial="A1", applicant="", product="p", premium="1"),
           dict(serial="A1", applicant="李", product="p", premium="0"),
           dict(serial="A2026000000", applicant="李", product="p", premium="1")]  # twice
    for values in bad:
        with pytest.raises(ValidationError):
            apps.collect(db, outlet_id=o, collected_at=NOW, now=NOW, **values)
    assert len(apps.applications(db)) == 3


def test_review_pass_or_return_with_reason(db, config, forms):
    _, (a, b, c) = forms
    items = list(config.deliveries.review_checklist)
    assert apps.review(db, config, a, checked=items, now=NOW) == "passed"
    with pytest.raises(ValidationError) as err:
        apps.review(db, config, b, checked=items[:-1], now=NOW)
    assert err.value.field == "return_reason"
    assert apps.get_application(db, b).status == "collected"
    assert apps.review(db, config, b, checked=items[:-1], now=NOW,
                       return_reason="缺受益人签名") == "returned"
    with pytest.raises(ValidationError):
        apps.review(db, config, a, checked=items, now=NOW)
    with pytest.raises(ValidationError):
        apps.review(db, config, c, checked=["not-an-item"], now=NOW)
    pending = apps.applications_pending(db)
    assert {(p.id, p.status) for p in pending} == {(a, "passed"), (c, "collected")}
    assert pending[0].outlet_code == "CCB-1"


def test_hand_over_and_sheet(db, config, forms):
    _, (a, b, c) = forms
    items = list(config.deliveries.review_checklist)
    apps.review(db, config, a, checked=items, now=NOW)
    apps.review(db, config, b, checked=items, now=NOW)
    with pytest.raises(ValidationError):
        apps.hand_over(db, [a, c], receiver="运营部 刘敏", handed_at=NOW, now=NOW)
    with pytest.raises(ValidationError):
        apps.hand_over(db, [a], receiver="", handed_at=NOW, now=NOW)
    assert db.execute("SELECT count(*) FROM handovers").fetchone()[0] == 0
    hid = apps.hand_over(db, [a, b], receiver="运营部 刘敏", handed_at=NOW, now=NOW)
    assert {f.status for f in apps.get_handover(db, hid).forms} == {"handed_over"}
    md = apps.handover_sheet(db, hid, "md")
    assert "李**" in md and "李小龙" not in md and "A2026000000" in md and "40,000.00" in md
    csv_text = apps.handover_sheet(db, hid, "csv", unmasked=True)
    assert csv_text.count("李小龙") == 2
    [row] = apps.day_view(db, date(2026, 11, 27))
    assert (row.collected, row.handed_over, row.awaiting_signature) == (3, 2, 0)


def test_day_view_counts_lines_awaiting_signature(db, config, forms):
    o, _ = forms
    reg.add_delivery(db, config, outlet_id=o, kind="poster", quantity=2, now=NOW)
    [row] = apps.day_view(db, date(2026, 11, 28))
    assert (row.outlet_code, row.collected, row.awaiting_signature) == ("CCB-1", 0, 1)
    assert apps.day_view(db, datetime(2026, 11, 28).date())[0].outlet_name == "中国建设银行朝阳支行"
