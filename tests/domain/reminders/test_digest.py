"""``remind``'s digest: due today and overdue, most urgent first, customers masked."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import TODAY
from tests.domain.reminders import day
from workbench.core.i18n import set_language
from workbench.reminders import digest as d


@pytest.fixture
def fixture_day(db, config):
    return day.build(db, config)


def kinds_and_lateness(items):
    return [(r.kind, r.late) for r in items]


def test_overdue_first_most_days_first_then_legal_weight(db, config, fixture_day):
    found = d.build_digest(db, TODAY, config)
    order = kinds_and_lateness(found.items)
    overdue = [x for x in order if x[1] > 0]
    assert overdue == [("callback", 5), ("receipt", 5), ("visit", 3), ("callback", 2),
                       ("receipt", 2), ("task", 1)]
    # Everything overdue before anything due today; nothing due later is in the list.
    assert order[:len(overdue)] == overdue
    assert all(late == 0 for _, late in order[len(overdue):])
    assert found.overdue == 6
    today_kinds = [k for k, late in order if late == 0]
    assert today_kinds.index("cooling_off") < today_kinds.index("visit") < \
        today_kinds.index("task")
    assert ("task", 0) in order  # the weekly call, due today
    titles = [r.cells for r in found.items if r.kind == "task"]
    assert not any("next week" in cell for cells in titles for cell in cells)


def test_cooling_off_ends_today_only_on_its_day(db, config, fixture_day):
    found = d.build_digest(db, TODAY, config)
    cooling = [r.cells[2] for r in found.items if r.kind == "cooling_off"]
    assert cooling == ["P-OLD"]  # P-NEW's ends in 3 days
    before = d.build_digest(db, TODAY - timedelta(days=1), config)
    assert not [r for r in before.items if r.kind == "cooling_off"]
    after = d.build_digest(db, TODAY + timedelta(days=1), config)
    assert not [r for r in after.items if r.kind == "cooling_off"]  # P-OLD's ended
    evening_before = d.build_digest(db, TODAY - timedelta(days=1), config, "evening")
    assert [r.cells[2] for r in evening_before.tomorrow if r.kind == "cooling_off"] == ["P-OLD"]


def test_evening_adds_must_dos_and_tomorrow(db, config, fixture_day):
    found = d.build_digest(db, TODAY, config, "evening")
    assert [r.kind for r in found.items].count("must") == 3  # nothing done today
    assert sorted((r.kind, r.cells[2]) for r in found.tomorrow) == [
        ("callback", "P-EVE"), ("receipt", "P-EVE")]
    assert all(r.late == -1 for r in found.tomorrow)
    morning = d.build_digest(db, TODAY, config, "morning")
    assert not morning.tomorrow and "must" not in [r.kind for r in morning.items]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_text_in_both_languages_masks_customers(db, config, fixture_day, lang):
    set_language(lang)
    text = d.text(d.build_digest(db, TODAY, config, "evening"))
    for name in day.CUSTOMERS:
        assert name not in text
    assert "张**" in text and "李**" in text and "王*" in text
    lines = text.splitlines()
    if lang == "zh":
        assert lines[0] == "晚间提醒 2026-11-27 星期五:还有 {} 项未办,其中逾期 6 项".format(
            len(d.build_digest(db, TODAY, config, "evening").items))
        assert lines[2].startswith("逾期 5 天") and "回访待做" in lines[2]
        assert lines[3].startswith("逾期 5 天") and "回执待收" in lines[3]
        assert lines[4].startswith("逾期 3 天") and "甲支行" in lines[4]
        assert "== 明天到期(2) ==" in lines
        assert any(x.startswith("今天到期") and "犹豫期结束" not in x for x in lines)
        assert any("犹豫期结束" in x and "今天结束" in x for x in lines)
    else:
        assert lines[0].startswith("Evening reminders for Fri 2026-11-27:")
        assert lines[2].startswith("5 d overdue") and "Callback due" in lines[2]
        assert lines[4].startswith("3 d overdue") and "Visit" in lines[4]
        assert "== Due tomorrow (2) ==" in lines
        assert any("Cooling-off ends" in x and "ends today" in x for x in lines)
    set_language("en")


def test_nothing_due_is_one_line(db, config):
    found = d.build_digest(db, TODAY, config)
    assert found.empty
    assert d.text(found) == "Nothing due or overdue on 2026-11-27\n"
    set_language("zh")
    assert d.text(found) == "2026-11-27 没有到期或逾期的事项\n"


def test_cooling_off_shown_while_only_the_callback_is_open(db, config, fixture_day):
    from workbench.register import receipts

    # P-OLD's receipt is back, signed by the customer on the sign-off day: its cooling-off
    # still ends today, and its callback is still to do.
    receipts.mark_receipt_returned(db, config, fixture_day["old"], day.at(15).date(),
                                   day.at(0))
    found = d.build_digest(db, TODAY, config)
    assert [r.cells[2] for r in found.items if r.kind == "cooling_off"] == ["P-OLD"]
    assert [r.cells[2] for r in found.items if r.kind == "receipt"] == ["P-NEW"]
    receipts.mark_callback_done(db, config, fixture_day["old"], TODAY, day.at(0))
    found = d.build_digest(db, TODAY, config)
    assert not [r for r in found.items if r.kind == "cooling_off"]  # nothing left to chase
