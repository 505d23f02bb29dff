"""Every per-outlet and per-day query uses an index (EXPLAIN QUERY PLAN, no timing).

The domain functions run on a small demo database while a trace callback on the
connection records each statement (with its values bound). Each SELECT, UPDATE and
DELETE is then explained; a full ``SCAN`` of a table that grows with the user's
history (everything except the outlets themselves) fails the test unless the
statement is listed in ``WHOLE_TABLE`` with the reason it must read everything.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import datetime, timedelta

import pytest

from tests.conftest import NOW, TODAY
from workbench.demo.build import populate
from workbench.roster import outlets

# Tables that grow with years of work; outlets (a few hundred rows) may be scanned.
from workbench.roster import staff as roster_staff
from workbench.roster import visits as roster_visits

SMALL = {"outlets", "_sqlite_migrations"}

# Statements allowed to read a whole growing table, by a regex on their SQL, with why.
WHOLE_TABLE: dict[str, str] = {}


@contextmanager
def traced(db):
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        yield statements
    finally:
        db.conn.set_trace_callback(None)


KEYWORDS = {"WHERE", "ON", "JOIN", "LEFT", "INNER", "CROSS", "GROUP", "ORDER", "LIMIT", "USING",
            "NATURAL", "UNION", "SET", "AND", "OR"}


def aliases(sql: str) -> dict[str, str]:
    """alias -> table for ``FROM t a`` / ``JOIN t AS a`` in a statement."""
    found = {}
    for table, alias in re.findall(r"(?:FROM|JOIN|UPDATE)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?", sql,
                                   re.I):
        found[table] = table
        if alias and alias.upper() not in KEYWORDS:
            found[alias] = table
    return found


def full_scans(db, statements: list[str]) -> list[tuple[str, str]]:
    """(statement, plan line) for every full scan of a growing table."""
    found = []
    # A scan of a partial index reads only the rows it holds (e.g. open visits).
    partial = {name for name, sql in db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
        if re.search(r"\bWHERE\b", sql, re.I)}
    for sql in dict.fromkeys(statements):
        head = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
        if head not in ("SELECT", "UPDATE", "DELETE", "WITH"):
            continue
        if any(re.search(pattern, sql, re.S) for pattern in WHOLE_TABLE):
            continue
        # A CTE's rows were already read through the plans of its own SELECT (checked here
        # too); scanning that result is not a scan of a table.
        ctes = set(re.findall(r"(?:\bWITH|,)\s*(\w+)\s*(?:\([\w\s,]*\))?\s+AS\s*\(", sql,
                              re.I))
        for row in db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall():
            detail = row[-1]
            if re.match(r"SCAN (\w+)", detail) and re.match(r"SCAN (\w+)", detail)[1] in ctes:
                continue
            # Literal rows (VALUES, SELECT 'x') are not a table.
            if re.match(r"SCAN (\d+ )?CONSTANT ROWS?$", detail):
                continue
            match = re.match(r"SCAN (\w+)", detail)
            table = aliases(sql).get(match.group(1), match.group(1)) if match else ""
            via = re.search(r"USING (?:COVERING )?INDEX (\w+)", detail)
            if via and via.group(1) in partial:
                continue
            # A skip-scan (ANY(col)) reads the whole index too.
            skip = re.match(r"SEARCH (\w+) .*\(ANY\(", detail)
            if skip and not match:
                match = skip
                table = aliases(sql).get(skip.group(1), skip.group(1))
            if match and table not in SMALL and not table.startswith("sqlite_"):
                found.append((" ".join(sql.split()), detail))
    return found


def test_the_checker_catches_a_full_scan(db):
    """A filter on an unindexed column is reported (so the tests below can fail)."""
    with traced(db) as statements:
        db.execute("SELECT id FROM visits WHERE notes = 'x'").fetchall()
        db.execute("SELECT id FROM visits WHERE outlet_id = 1").fetchall()
    scans = full_scans(db, statements)
    assert [s for s, _ in scans] == ["SELECT id FROM visits WHERE notes = 'x'"]


@pytest.fixture
def demo(db, config):
    """The demo data, without ANALYZE: statistics of a few dozen rows would steer the
    planner to plans that a heavy user's file does not get."""
    populate(db, config, TODAY)
    return db


def test_outlet_staff_and_visit_queries_use_indexes(demo, config):
    db = demo
    tiers = list(config.visits.cadence_days)
    roles = list(config.staff.roles)
    outlet_id = outlets.all_active_outlets(db)[0][0]
    with traced(db) as statements:
        for sort in outlets.ROSTER_SORTS:
            outlets.roster(db, TODAY, config.visits.cadence_days, sort=sort)
        outlets.roster(db, TODAY, config.visits.cadence_days, query="jsyh",
                       include_inactive=True)
        outlets.find_outlets(db, "建设")
        outlet = outlets.get_outlet(db, outlet_id)
        outlets.outlet_by_code(db, outlet.code)
        draft = outlets.OutletDraft.from_outlet(outlet)
        outlets.update_outlet(db, outlet_id, draft, tiers, NOW)
        new_id = outlets.add_outlet(db, outlets.OutletDraft(code="T-1", name="测试网点"),
                                    tiers, NOW)
        outlets.set_outlet_active(db, new_id, False, NOW)
        staff = roster_staff.list_staff(db, outlet_id, include_inactive=True)
        roster_staff.list_staff(db, outlet_id)
        roster_staff.get_staff(db, staff[0].id)
        staff_id = roster_staff.add_staff(db, outlet_id, roster_staff.StaffDraft(name="王芳"),
                                          roles, NOW)
        roster_staff.update_staff(db, staff_id, roster_staff.StaffDraft(name="王芳", role="head"),
                                  roles, NOW)
        roster_staff.set_staff_active(db, staff_id, False, NOW)
        roster_visits.visits_for(db, outlet_id)
        roster_visits.visits_on(db, TODAY - timedelta(days=3))
        roster_visits.open_visit(db)
        visit_id = roster_visits.check_in(db, outlet_id, NOW, "stationed")
        roster_visits.check_out(db, visit_id, NOW + timedelta(hours=1))
        roster_visits.record_visit(db, outlet_id, datetime(2026, 11, 20, 9),
                                   datetime(2026, 11, 20, 10), "training")
    assert len(statements) > 20
    scans = full_scans(db, statements)
    assert scans == [], "\n".join(f"{plan}: {sql}" for sql, plan in scans)


def test_weekly_review_queries_use_indexes(demo, config):
    from workbench.review import week as review

    db = demo
    week = review.week_of(TODAY)
    with traced(db) as statements:
        review.compute_week(db, week, config)
        review.compute_week(db, week.shift(-3), config)
        review.save_summary(db, week, "本周拜访正常", NOW)
        review.summary_for(db, week)
    assert statements
    scans = full_scans(db, statements)
    assert scans == [], "\n".join(f"{plan}: {sql}" for sql, plan in scans)


def indexes_used(db, statements: list[str], table: str) -> set[str]:
    """Names of the indexes through which ``statements`` read ``table`` (by its alias)."""
    found = set()
    for sql in dict.fromkeys(statements):
        names = aliases(sql)
        for row in db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall():
            match = re.match(r"(?:SEARCH|SCAN) (\w+) USING (?:COVERING )?INDEX (\w+)", row[-1])
            if match and names.get(match.group(1), match.group(1)) == table:
                found.add(match.group(2))
    return found


@pytest.mark.parametrize(("event", "index"), [("receipt", "open_policies_receipt"),
                                              ("callback", "open_policies_callback")])
def test_policy_deadlines_due_now_read_the_open_policies_index(demo, config, event, index):
    """What the plan shows this morning is found, counted and ordered on the base-date
    index of the trigger-kept ``open_policies``, never by walking every policy signed."""
    from workbench.register import receipts

    db = demo
    with traced(db) as statements:
        receipts.due_now(db, TODAY, config, event, 5)
    assert len(statements) == 2  # the count, then the first few
    assert full_scans(db, statements) == []
    for sql in statements:
        plan = " | ".join(r[-1] for r in db.execute(f"EXPLAIN QUERY PLAN {sql}"))
        # kind = ? and the base date bounded by today minus the setting: both on the index
        assert re.search(rf"SEARCH op USING (COVERING )?INDEX {index} \(kind=\? AND "
                         rf"(signed_on|<expr>)<\?\)", plan), plan
    with traced(db) as statements:
        (receipts.receipts_due if event == "receipt" else receipts.callbacks_due)(
            db, TODAY, config)
    assert full_scans(db, statements) == []
    assert indexes_used(db, statements, "open_policies") == {index}


def test_the_week_reads_open_policies_and_the_events_after_its_end(demo, config):
    """Receipts and callbacks open at a past week's end: the open ones through the
    indexes of ``open_policies``, plus the events recorded after the end through
    ``policy_events_on`` leading the join (never every policy line of the kind)."""
    from workbench.review import week as review

    db = demo
    with traced(db) as statements:
        review.compute_week(db, review.week_of(TODAY).shift(-1), config)
    at_cut = [sql for sql in statements if "open_at_cut" in sql]
    # the counts (this week and the one before, for comparison) and the overdue lists
    assert len(at_cut) == 3
    assert full_scans(db, at_cut) == []
    assert indexes_used(db, at_cut, "open_policies") == {"open_policies_receipt",
                                                          "open_policies_callback"}
    for sql in at_cut:
        plan = [r[-1] for r in db.execute(f"EXPLAIN QUERY PLAN {sql}")]
        events = [n for n, line in enumerate(plan)
                  if line.startswith("SEARCH e USING INDEX policy_events_on (on_date>?)")]
        lines = [n for n, line in enumerate(plan) if line.startswith("SEARCH d ")]
        assert events and events[0] < lines[0], plan


def test_the_start_up_look_for_unsealed_rows_reads_indexes_only(demo):
    """``unsealed(newest_only=True)`` asks each kind for a row above its newest sealed
    one. A kind filtered on more than its id (corrections: lines that correct one) must
    find it through an index: with no correction sealed yet, a search "above id 0" on
    the lines' own key read every line of the register."""
    from workbench.register import ledger

    db = demo
    with traced(db) as statements:
        ledger.unsealed(db, newest_only=True)
    plans = {sql: [r[3] for r in db.execute(f"EXPLAIN QUERY PLAN {sql}")]
             for sql in statements if sql.lstrip().upper().startswith("SELECT")}
    filtered = {sql: plan for sql, plan in plans.items() if "corrects_id" in sql}
    assert filtered, "the corrections' statement was not traced"
    for sql, plan in filtered.items():
        assert any("deliveries_corrections" in line for line in plan), (sql, plan)
