"""Original policies' receipt, cooling-off and callback dates; stock forecast."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from tests.register_helpers import outlet, staff
from workbench.core.config import Config
from workbench.core.errors import ValidationError
from workbench.register import chain, receipts, stock, voids
from workbench.register import deliveries as reg


def signed_policy(db, config, at: datetime, number="P1"):
    o = outlet(db, f"O-{number}", "中国银行测试支行", at)
    s = staff(db, o, "王芳", at)
    line = reg.add_delivery(db, config, outlet_id=o, kind="original_policy", policy_no=number,
                            customer="张三丰", now=at)
    chain.sign_off(db, outlet_id=o, delivery_ids=[line], staff_id=s, now=at)
    return line


def with_days(config, **days):
    return replace(config, deliveries=replace(config.deliveries, **days))


@pytest.mark.parametrize(("signed", "days", "due"), [
    (date(2026, 1, 31), 10, date(2026, 2, 10)),
    (date(2026, 1, 31), 30, date(2026, 3, 2)),
    (date(2024, 2, 20), 10, date(2024, 3, 1)),      # leap year
    (date(2026, 12, 25), 10, date(2027, 1, 4)),     # year end
])
def test_receipt_due_over_month_ends(db, config, signed, days, due):
    cfg = with_days(config, receipt_days=days)
    line = signed_policy(db, cfg, datetime.combine(signed, datetime.min.time()).replace(hour=10))
    [item] = receipts.receipts_due(db, signed, cfg)
    assert (item.delivery_id, item.due, item.days_left) == (line, due, (due - signed).days)
    [later] = receipts.receipts_due(db, due + timedelta(days=2), cfg)
    assert later.overdue and later.days_left == -2
    assert (later.outlet_code, later.customer_masked) == ("O-P1", "张**")


def test_cooling_off_and_callback_follow_the_customers_receipt(db, config):
    line = signed_policy(db, config, datetime(2026, 2, 10, 10))
    [cb] = receipts.callbacks_due(db, date(2026, 2, 11), config)
    assert cb.estimated and cb.received_on == date(2026, 2, 10)
    assert (cb.due, cb.cooling_off_end) == (date(2026, 2, 20), date(2026, 2, 25))
    receipts.mark_receipt_returned(db, config, line, "2026-02-14", datetime(2026, 2, 18, 9))
    assert receipts.receipts_due(db, date(2026, 2, 18), config) == []
    [cb] = receipts.callbacks_due(db, date(2026, 2, 18), config)
    assert not cb.estimated
    assert (cb.due, cb.cooling_off_end) == (date(2026, 2, 24), date(2026, 3, 1))
    receipts.mark_callback_done(db, config, line, "2026-02-20", datetime(2026, 2, 20, 18))
    assert receipts.callbacks_due(db, date(2026, 2, 20), config) == []


def test_receipt_rules(db, config):
    line = signed_policy(db, config, datetime(2026, 2, 10, 10))
    now = datetime(2026, 2, 12, 9)
    for bad in ("2026-02-09", "2026-02-13", "2026-02-30", ""):
        with pytest.raises(ValidationError):
            receipts.mark_receipt_returned(db, config, line, bad, now)
    receipts.mark_receipt_returned(db, config, line, "2026-02-11", now)
    with pytest.raises(ValidationError):
        receipts.mark_receipt_returned(db, config, line, "2026-02-11", now)
    assert db.execute("SELECT count(*) FROM policy_events").fetchone()[0] == 1


def test_voided_policy_leaves_the_lists(db, config):
    line = signed_policy(db, config, datetime(2026, 2, 10, 10))
    voids.void_line(db, line, "重新打印", datetime(2026, 2, 11))
    assert receipts.receipts_due(db, date(2026, 2, 11), config) == []
    assert receipts.callbacks_due(db, date(2026, 2, 11), config) == []


# --- stock ---------------------------------------------------------------------------


@pytest.fixture
def counted(db, config):
    """100 brochures counted on day 0, 20 delivered on day 4, 60 counted on day 10:
    60 used in 10 days -> 6 a day."""
    day0 = datetime(2026, 11, 1, 10)
    o = outlet(db, "S-1", "中国建设银行库存支行", day0)
    stock.record_count(db, config, outlet_id=o, kind="brochure", quantity=100, counted_at=day0,
                       now=day0)
    reg.add_delivery(db, config, outlet_id=o, kind="brochure", quantity=20,
                     delivered_at=day0 + timedelta(days=4), now=day0 + timedelta(days=4))
    stock.record_count(db, config, outlet_id=o, kind="brochure", quantity=60,
                       counted_at=day0 + timedelta(days=10), now=day0 + timedelta(days=10))
    return o


def test_forecast_from_history(db, config, counted):
    [lv] = stock.stock_levels(db, date(2026, 11, 13), config)
    assert lv.rate_per_day == pytest.approx(6.0)
    assert (lv.estimate, lv.days_left, lv.low, lv.suggested) == (48, 8.0, False, 0)
    assert stock.low_stock(db, date(2026, 11, 13), config) == []
    [low] = stock.low_stock(db, date(2026, 11, 16), config)
    # 60 - 5 days x 6 = 30 left, 5 days; cover 30 days = 180, minus 30 -> 150.
    assert (low.estimate, low.days_left, low.suggested) == (30, 5.0, 150)
    assert (low.outlet_id, low.outlet_code, low.kind) == (counted, "S-1", "brochure")


def test_deliveries_after_the_count_add_to_stock(db, config, counted):
    reg.add_delivery(db, config, outlet_id=counted, kind="brochure", quantity=50,
                     delivered_at=datetime(2026, 11, 14, 9), now=datetime(2026, 11, 14, 9))
    voided = reg.add_delivery(db, config, outlet_id=counted, kind="brochure", quantity=500,
                              delivered_at=datetime(2026, 11, 14, 9),
                              now=datetime(2026, 11, 14, 9))
    voids.void_line(db, voided, "typo", datetime(2026, 11, 14, 10))
    [lv] = stock.stock_levels(db, date(2026, 11, 16), config)
    assert (lv.delivered_since, lv.estimate, lv.low) == (50, 80, False)


def test_single_count_has_no_rate(db, config):
    at = datetime(2026, 11, 1, 10)
    o = outlet(db, "S-2", "单次盘点支行", at)
    stock.record_count(db, config, outlet_id=o, kind="poster", quantity=3, counted_at=at, now=at)
    [lv] = stock.stock_levels(db, date(2026, 11, 20), config)
    assert (lv.rate_per_day, lv.days_left, lv.low, lv.estimate) == (None, None, False, 3)


def test_bad_counts(db, config):
    at = datetime(2026, 11, 1, 10)
    o = outlet(db, "S-3", "盘点支行", at)
    for kind, qty in (("brochure", "-1"), ("original_policy", "3"), ("brochure", "x")):
        with pytest.raises(ValidationError):
            stock.record_count(db, config, outlet_id=o, kind=kind, quantity=qty, counted_at=at,
                               now=at)
    with pytest.raises(ValidationError):
        stock.record_count(db, config, outlet_id=o, kind="poster", quantity=1,
                           counted_at=at + timedelta(days=1), now=at)
    assert db.execute("SELECT count(*) FROM stock_counts").fetchone()[0] == 0


def test_config_toml_equals_defaults():
    from pathlib import Path

    from workbench.core import config as config_mod

    assert config_mod.load(Path(__file__).resolve().parents[3] / "config.toml") == Config()


def test_bad_register_config_names_the_key():
    from workbench.core import config as config_mod

    cases = [({"serial_kinds": ["stamps"]}, "deliveries.serial_kinds"),
             ({"policy_kind": "application_form"}, "deliveries.policy_kind"),
             ({"receipt_days": 0}, "deliveries.receipt_days"),
             ({"cooling_off_days": "15"}, "deliveries.cooling_off_days"),
             ({"kinds": ["poster", "poster"]}, "deliveries.kinds")]
    for section, key in cases:
        with pytest.raises(config_mod.ConfigError) as err:
            config_mod.from_dict({"deliveries": section})
        assert key in str(err.value)
