"""The benchmark's heavy-user generator: its customers, field work and targets steps fill
their tables through the domain, the file passes ``workbench check``, and the plan on the
benchmark's day has their work to show (at a hundredth of the heavy user's size)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bench.generate import generate
from bench.steps.context import TODAY
from tests.domain.demo.test_demo_clock import latest_stamp
from workbench.commands.check import run_check
from workbench.core.config import Config
from workbench.customers import deposits, followups, referrals
from workbench.fieldwork import displays, route, trainings
from workbench.storage import open_db
from workbench.targets import campaigns, progress, targets

SCALE = 0.01


@pytest.fixture(scope="module")
def heavy(tmp_path_factory) -> tuple[Path, Path, dict[str, float]]:
    """(file, the witness folder it was written with, seconds per step)."""
    state = tmp_path_factory.mktemp("bench-state")
    path = tmp_path_factory.mktemp("bench") / "heavy.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_STATE_HOME", str(state))
        took = generate(path, SCALE, verbose=False)
    return path, state, took


@pytest.fixture()
def db(heavy):
    opened = open_db(heavy[0])
    yield opened
    opened.close()


def test_the_new_steps_run_after_the_ones_they_read(heavy):
    names = list(heavy[2])
    assert names[-3:] == ["customers", "fieldwork", "targets"]
    assert names.index("assessment") < names.index("customers")


def test_the_file_passes_check(heavy, monkeypatch, capsys):
    monkeypatch.setenv("XDG_STATE_HOME", str(heavy[1]))
    assert run_check(heavy[0]) == 0
    capsys.readouterr()


def test_nothing_is_written_after_the_benchmark_day(db):
    assert latest_stamp(db)[0] < (TODAY + timedelta(days=1)).isoformat()


def count(db, table: str, where: str = "1") -> int:
    return db.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0]


def test_customers_have_a_history_and_work_due_around_the_day(db):
    n = count(db, "customers")
    assert n == round(6000 * SCALE)
    assert count(db, "followups") >= 3 * n  # ~20,000 at scale 1
    assert count(db, "customer_policies") == round(2000 * SCALE)
    assert count(db, "customers", "referrer_id IS NOT NULL") > n // 3
    due = followups.pending(db, TODAY, Config())
    kinds = {item.kind for item in due}
    assert "next_step" in kinds and kinds & {"renewal", "cooling_off", "deposit"}
    assert any(item.kind == "next_step" and item.days <= 0 for item in due)
    coming = followups.pending(db, TODAY, Config(), ahead=14)
    assert any(item.kind == "next_step" and item.days > 0 for item in coming)
    assert deposits.maturing(db, TODAY, TODAY + timedelta(days=28))
    assert referrals.by_outlet(db)


def test_field_work_leaves_the_plan_something_to_do(db):
    assert count(db, "trainings") == round(3000 * SCALE)
    assert count(db, "training_attendees") > count(db, "trainings")
    assert count(db, "display_checks") >= round(10000 * SCALE)
    config = Config().fieldwork
    assert trainings.untrained(db, TODAY, config.training_days)
    stale = displays.stale_displays(db, TODAY, config.display_days)
    assert any(item.up for item in stale)  # not seen for too long
    assert count(db, "display_checks", "up = 0")  # found down now and then
    assert route.route_for(db, TODAY)
    days = count(db, "(SELECT DISTINCT day FROM route_stops)")
    assert days == round(700 * SCALE) + 1  # the past days and today
    planned, visited = route.week_calls(db, TODAY - timedelta(days=3 * 365), TODAY)
    assert 0 < visited < planned


def test_every_outlet_has_three_years_of_targets_and_campaigns_run(db):
    outlets = count(db, "outlets")
    assert count(db, "outlet_targets") == outlets * (36 + 12 + 3)
    assert len(targets.targets_on(db, TODAY)) == outlets * 3
    assert campaigns.campaigns(db, TODAY, running_only=True)


def test_targets_ask_about_what_the_outlets_sell(db):
    # This month so far (the one period a hundredth of the heavy user has sales for in
    # full): each outlet's task is near its sales, so progress reads like a real file's,
    # neither all far past nor all far short.
    month = progress.progress_by_outlet(db, TODAY, "month")
    shares = [p.share for p in month.values() if p.share is not None]
    assert len(shares) == count(db, "outlets")
    assert all(0.4 < share < 2.5 for share in shares)
    total = sum(p.premium for p in month.values()) / sum(
        p.target_premium or 0 for p in month.values())
    assert 0.6 < total < 1.4
