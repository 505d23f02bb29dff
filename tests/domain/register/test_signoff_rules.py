"""The sign-off's rules at their exact boundaries: the late-entry grace, no signature
before the delivery, and who may sign (active staff of the outlet)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tests.register_helpers import outlet, staff
from workbench.core.errors import ValidationError
from workbench.register import chain, deliveries
from workbench.roster import staff as roster_staff

NOW = datetime(2026, 11, 27, 9, 30, 0, 700_000)  # sub-second part: ignored by the rules
SECOND = timedelta(seconds=1)


@pytest.fixture
def place(db):
    a = outlet(db, "CCB-1", "中国建设银行朝阳支行", NOW)
    b = outlet(db, "ICBC-2", "中国工商银行海淀支行", NOW)
    return {"a": a, "b": b, "wf": staff(db, a, "王芳", NOW), "other": staff(db, b, "赵敏", NOW)}


def line(db, config, place, delivered_at=NOW - timedelta(hours=3)):
    return deliveries.add_delivery(db, config, outlet_id=place["a"], kind="poster",
                                   quantity=2, delivered_at=delivered_at, now=NOW)


def sign(db, place, ids, **kwargs):
    kwargs.setdefault("staff_id", place["wf"])
    return chain.sign_off(db, outlet_id=place["a"], delivery_ids=ids, now=NOW, **kwargs)


def signoffs(db) -> int:
    return db.execute("SELECT count(*) FROM signoffs").fetchone()[0]


# --- the late-entry grace ---------------------------------------------------------------


def test_grace_is_one_minute():
    assert chain.LATE_GRACE == timedelta(minutes=1)


def test_a_time_exactly_the_grace_earlier_needs_no_reason(db, config, place):
    first = line(db, config, place)
    at = NOW.replace(microsecond=0) - chain.LATE_GRACE
    sign(db, place, [first], signed_at=at)
    got = deliveries.get_line(db, first)
    assert got.signed_at == at
    assert chain.signoffs(db)[0].late_reason is None


def test_a_second_beyond_the_grace_needs_a_reason(db, config, place):
    first = line(db, config, place)
    at = NOW.replace(microsecond=0) - chain.LATE_GRACE - SECOND
    with pytest.raises(ValidationError) as err:
        sign(db, place, [first], signed_at=at)
    assert err.value.field == "late_reason"
    assert signoffs(db) == 0
    sign(db, place, [first], signed_at=at, late_reason="系统故障,补登")
    assert deliveries.get_line(db, first).signed_at == at
    assert chain.signoffs(db)[0].late_reason == "系统故障,补登"


def test_a_blank_reason_is_no_reason(db, config, place):
    first = line(db, config, place)
    with pytest.raises(ValidationError) as err:
        sign(db, place, [first], signed_at=NOW - timedelta(hours=1), late_reason="   ")
    assert err.value.field == "late_reason"


def test_now_is_fine_and_a_second_later_is_the_future(db, config, place):
    first, second = line(db, config, place), line(db, config, place)
    with pytest.raises(ValidationError) as err:
        sign(db, place, [first], signed_at=NOW.replace(microsecond=0) + SECOND)
    assert err.value.field == "signed_at"
    assert signoffs(db) == 0
    # Within the same second as "now" is now (the rules compare whole seconds).
    sign(db, place, [first], signed_at=NOW + timedelta(microseconds=200_000))
    sign(db, place, [second], signed_at=NOW.replace(microsecond=0))
    assert signoffs(db) == 2


# --- not before the delivery --------------------------------------------------------------


def test_signing_at_the_delivery_time_is_allowed(db, config, place):
    delivered = NOW.replace(microsecond=0) - timedelta(seconds=30)  # within the grace
    first = line(db, config, place, delivered_at=delivered)
    sign(db, place, [first], signed_at=delivered)
    assert deliveries.get_line(db, first).signed_at == delivered


def test_a_second_before_the_delivery_is_refused(db, config, place):
    delivered = NOW.replace(microsecond=0) - timedelta(seconds=30)
    early, fine = (line(db, config, place, delivered_at=delivered),
                   line(db, config, place, delivered_at=delivered - timedelta(hours=1)))
    with pytest.raises(ValidationError) as err:
        sign(db, place, [fine, early], signed_at=delivered - SECOND)
    assert err.value.field == "signed_at"
    assert f"line {early}" in str(err.value)
    assert signoffs(db) == 0  # one line too early refuses the whole signature
    assert [x.id for x in deliveries.awaiting_signature(db, place["a"])] == [fine, early]


def test_a_late_entry_before_the_delivery_is_refused_even_with_a_reason(db, config, place):
    delivered = NOW.replace(microsecond=0) - timedelta(hours=2)
    first = line(db, config, place, delivered_at=delivered)
    with pytest.raises(ValidationError) as err:
        sign(db, place, [first], signed_at=delivered - SECOND, late_reason="补登")
    assert err.value.field == "signed_at"
    sign(db, place, [first], signed_at=delivered, late_reason="补登")
    assert chain.verify_chain(db).ok


# --- who may sign ---------------------------------------------------------------------------


def test_only_active_staff_sign(db, config, place):
    first, second = line(db, config, place), line(db, config, place)
    roster_staff.set_staff_active(db, place["wf"], False, NOW)
    with pytest.raises(ValidationError) as err:
        sign(db, place, [first])
    assert err.value.field == "signer" and "王芳" in str(err.value)
    assert "deactivated" in str(err.value)
    assert signoffs(db) == 0
    roster_staff.set_staff_active(db, place["wf"], True, NOW)
    sign(db, place, [first])
    assert deliveries.get_line(db, first).signer == "王芳"
    # A new colleague at the same outlet signs as well.
    sign(db, place, [second], staff_id=staff(db, place["a"], "李强", NOW))
    assert deliveries.get_line(db, second).signer == "李强"


def test_the_signer_belongs_to_the_outlet(db, config, place):
    first = line(db, config, place)
    with pytest.raises(ValidationError) as err:
        sign(db, place, [first], staff_id=place["other"])
    assert err.value.field == "signer" and "赵敏" in str(err.value)
    # Staff of another outlet is refused as such even when deactivated there.
    roster_staff.set_staff_active(db, place["other"], False, NOW)
    with pytest.raises(ValidationError) as err:
        sign(db, place, [first], staff_id=place["other"])
    assert "is not on the staff of" in str(err.value)
    assert signoffs(db) == 0


@pytest.mark.parametrize("staff_id", [9999, "", None, "王芳"])
def test_an_unknown_signer_is_refused(db, config, place, staff_id):
    first = line(db, config, place)
    with pytest.raises(ValidationError) as err:
        sign(db, place, [first], staff_id=staff_id)
    assert err.value.field == "signer"
    assert signoffs(db) == 0
