"""The custody register's rules: logging, serial ranges, policies, sign-off, voids,
the hash chain and the SQLite guards (also through a plain sqlite3 connection)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest

from tests.conftest import NOW
from tests.register_helpers import outlet, staff
from workbench.core.errors import ValidationError, WorkbenchError
from workbench.register import chain, voids
from workbench.register import deliveries as reg
from workbench.storage import open_db, repair


@pytest.fixture
def place(db):
    a = outlet(db, "CCB-1", "中国建设银行朝阳支行", NOW)
    b = outlet(db, "ICBC-2", "中国工商银行海淀支行", NOW)
    return {"a": a, "b": b, "wf": staff(db, a, "王芳", NOW), "lq": staff(db, a, "李强", NOW),
            "other": staff(db, b, "赵敏", NOW)}


def forms(db, config, outlet_id, serials, qty, now=NOW):
    return reg.add_delivery(db, config, outlet_id=outlet_id, kind="application_form",
                            quantity=qty, serials=serials, now=now)


def policy(db, config, outlet_id, number, now=NOW):
    return reg.add_delivery(db, config, outlet_id=outlet_id, kind="original_policy",
                            policy_no=number, customer="张三丰", now=now)


def count(db, table):
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


# --- logging --------------------------------------------------------------------------


@pytest.mark.parametrize("qty", ["0", "-5", "", "abc", "2.5"])
def test_bad_quantity_writes_nothing(db, config, place, qty):
    with pytest.raises(ValidationError) as err:
        reg.add_delivery(db, config, outlet_id=place["a"], kind="brochure", quantity=qty,
                         now=NOW)
    assert err.value.field == "quantity"
    assert count(db, "deliveries") == 0


def test_serial_count_must_equal_quantity(db, config, place):
    with pytest.raises(ValidationError) as err:
        forms(db, config, place["a"], "A000101-A000150", 40)
    assert "holds 50, not the quantity 40" in str(err.value)
    assert count(db, "deliveries") == 0


def test_reversed_range_refused(db, config, place):
    with pytest.raises(ValidationError) as err:
        forms(db, config, place["a"], "A000150-A000101", 50)
    assert "reversed" in str(err.value)


def test_overlapping_range_refused_even_at_another_outlet(db, config, place):
    first = forms(db, config, place["a"], "A000101-A000150", 50)
    with pytest.raises(ValidationError) as err:
        forms(db, config, place["b"], "A000150-A000159", 10)
    assert f"line {first}" in str(err.value)
    # Adjacent ranges and another prefix are fine.
    forms(db, config, place["b"], "A000151-160", 10)
    forms(db, config, place["b"], "B000101-B000150", 50)
    assert count(db, "deliveries") == 3


def test_voided_range_can_be_issued_again(db, config, place):
    first = forms(db, config, place["a"], "A000101-A000150", 50)
    voids.void_line(db, first, "wrong book", NOW)
    forms(db, config, place["a"], "A000101-A000150", 50)


def test_policy_number_only_once_unless_voided(db, config, place):
    first = policy(db, config, place["a"], "P2026001")
    with pytest.raises(ValidationError) as err:
        policy(db, config, place["b"], "P2026001")
    assert "already in the register" in str(err.value)
    voids.void_line(db, first, "reprinted", NOW)
    policy(db, config, place["b"], "P2026001")


def test_policy_line_is_one_policy(db, config, place):
    with pytest.raises(ValidationError):
        reg.add_delivery(db, config, outlet_id=place["a"], kind="original_policy",
                         quantity="3", policy_no="P1", now=NOW)
    with pytest.raises(ValidationError) as err:
        reg.add_delivery(db, config, outlet_id=place["a"], kind="original_policy", now=NOW)
    assert err.value.field == "policy_no"


def test_future_delivery_refused(db, config, place):
    with pytest.raises(ValidationError) as err:
        reg.add_delivery(db, config, outlet_id=place["a"], kind="poster", quantity=2,
                         delivered_at=NOW + timedelta(hours=2), now=NOW)
    assert err.value.field == "delivered_at"


# --- sign-off ---------------------------------------------------------------------------


def test_sign_all_lines_at_once(db, config, place):
    ids = [forms(db, config, place["a"], "A000101-A000150", 50),
           reg.add_delivery(db, config, outlet_id=place["a"], kind="poster", quantity=4,
                            now=NOW),
           policy(db, config, place["a"], "P1")]
    assert [x.id for x in reg.awaiting_signature(db, place["a"])] == ids
    sid = chain.sign_off(db, outlet_id=place["a"], delivery_ids=ids, staff_id=place["wf"],
                         now=NOW + timedelta(minutes=5), page_no="12")
    assert reg.awaiting_signature(db, place["a"]) == []
    line = reg.get_line(db, ids[2])
    assert (line.status, line.signer, line.page_no, line.signoff_id) == ("signed", "王芳", "12",
                                                                          sid)
    assert count(db, "signoffs") == 1 and count(db, "signoff_lines") == 3


def test_signer_from_another_outlet_refused(db, config, place):
    line = policy(db, config, place["a"], "P1")
    with pytest.raises(ValidationError) as err:
        chain.sign_off(db, outlet_id=place["a"], delivery_ids=[line], staff_id=place["other"],
                       now=NOW)
    assert err.value.field == "signer" and "赵敏" in str(err.value)
    assert count(db, "signoffs") == 0


def test_future_signoff_refused_and_earlier_needs_reason(db, config, place):
    line = policy(db, config, place["a"], "P1", now=NOW - timedelta(hours=3))
    kwargs = dict(outlet_id=place["a"], delivery_ids=[line], staff_id=place["wf"], now=NOW)
    with pytest.raises(ValidationError) as err:
        chain.sign_off(db, signed_at=NOW + timedelta(minutes=10), **kwargs)
    assert err.value.field == "signed_at"
    with pytest.raises(ValidationError) as err:
        chain.sign_off(db, signed_at=NOW - timedelta(hours=1), **kwargs)
    assert err.value.field == "late_reason"
    assert count(db, "signoffs") == 0
    chain.sign_off(db, signed_at=NOW - timedelta(hours=1), late_reason="系统故障,补登", **kwargs)
    assert reg.get_line(db, line).signed_at == NOW - timedelta(hours=1)


def test_line_of_another_outlet_or_signed_twice_refused(db, config, place):
    mine = policy(db, config, place["a"], "P1")
    theirs = policy(db, config, place["b"], "P2")
    with pytest.raises(ValidationError):
        chain.sign_off(db, outlet_id=place["a"], delivery_ids=[mine, theirs],
                       staff_id=place["wf"], now=NOW)
    assert count(db, "signoffs") == 0 and count(db, "signoff_lines") == 0
    chain.sign_off(db, outlet_id=place["a"], delivery_ids=[mine], staff_id=place["wf"], now=NOW)
    with pytest.raises(ValidationError) as err:
        chain.sign_off(db, outlet_id=place["a"], delivery_ids=[mine], staff_id=place["lq"],
                       now=NOW)
    assert "already signed" in str(err.value)


# --- voids ------------------------------------------------------------------------------


def test_void_needs_reason_and_happens_once(db, config, place):
    line = policy(db, config, place["a"], "P1")
    chain.sign_off(db, outlet_id=place["a"], delivery_ids=[line], staff_id=place["wf"], now=NOW)
    with pytest.raises(ValidationError) as err:
        voids.void_line(db, line, "   ", NOW)
    assert err.value.field == "reason"
    assert count(db, "voids") == 0
    voids.void_line(db, line, "保单信息有误", NOW)
    with pytest.raises(ValidationError) as err:
        voids.void_line(db, line, "again", NOW)
    assert "already voided" in str(err.value)
    assert count(db, "voids") == 1
    fixed = reg.add_delivery(db, config, outlet_id=place["a"], kind="original_policy",
                             policy_no="P1", corrects_id=line, now=NOW)
    assert reg.get_line(db, fixed).corrects_id == line
    assert reg.get_line(db, line).status == "voided"
    assert chain.verify_chain(db).ok


def test_voided_line_cannot_be_signed(db, config, place):
    line = policy(db, config, place["a"], "P1")
    voids.void_line(db, line, "not needed", NOW)
    with pytest.raises(ValidationError):
        chain.sign_off(db, outlet_id=place["a"], delivery_ids=[line], staff_id=place["wf"],
                       now=NOW)


# --- the chain ---------------------------------------------------------------------------


def _three_signoffs(db, config, place):
    sids = []
    for n in range(3):
        line = policy(db, config, place["a"], f"P{n}")
        sids.append(chain.sign_off(db, outlet_id=place["a"], delivery_ids=[line],
                                   staff_id=place["wf"], now=NOW + timedelta(minutes=n)))
    return sids


def test_chain_links_every_signoff(db, config, place):
    assert chain.verify_chain(db) == chain.ChainReport(0, chain.GENESIS)
    sids = _three_signoffs(db, config, place)
    rows = db.execute("SELECT id, prev_hash, hash FROM signoffs ORDER BY id").fetchall()
    assert rows[0][1] == chain.GENESIS
    assert [r[1] for r in rows[1:]] == [r[2] for r in rows[:-1]]
    report = chain.verify_chain(db)
    assert report.ok and report.count == 3 and report.head == rows[-1][2]
    assert [r[0] for r in rows] == sids


def _raw(db_path):
    conn = sqlite3.connect(db_path)
    conn.isolation_level = None
    return conn


def test_tampered_signoff_is_found(db, db_path, config, place):
    sids = _three_signoffs(db, config, place)
    raw = _raw(db_path)
    raw.execute("DROP TRIGGER signoffs_no_update")
    raw.execute("UPDATE signoffs SET signer = '李四' WHERE id = ?", [sids[1]])
    raw.close()
    report = chain.verify_chain(db)
    assert (report.broken_id, report.problem) == (sids[1], "hash")


def test_tampered_line_is_found(db, db_path, config, place):
    sids = _three_signoffs(db, config, place)
    line = chain.signoffs(db)[0].delivery_ids[0]  # the newest sign-off's line
    raw = _raw(db_path)
    raw.execute("DROP TRIGGER deliveries_no_update_signed")
    raw.execute("UPDATE deliveries SET policy_no = 'P999' WHERE id = ?", [line])
    raw.close()
    assert chain.verify_chain(db).broken_id == sids[2]


def test_deleted_signoff_breaks_the_next_link(db, db_path, config, place):
    sids = _three_signoffs(db, config, place)
    raw = _raw(db_path)
    raw.execute("DROP TRIGGER signoffs_no_delete")
    raw.execute("DROP TRIGGER signoff_lines_no_delete")
    raw.execute("DELETE FROM signoff_lines WHERE signoff_id = ?", [sids[0]])
    raw.execute("DELETE FROM signoffs WHERE id = ?", [sids[0]])
    raw.close()
    report = chain.verify_chain(db)
    assert (report.broken_id, report.problem) == (sids[1], "prev_hash")


# --- guards through a plain sqlite3 connection ---------------------------------------------


@pytest.fixture
def signed(db, config, place):
    line = policy(db, config, place["a"], "P1")
    sid = chain.sign_off(db, outlet_id=place["a"], delivery_ids=[line], staff_id=place["wf"],
                         now=NOW)
    open_line = policy(db, config, place["a"], "P2")
    void = voids.void_line(db, open_line, "dup", NOW)
    return {"line": line, "signoff": sid, "voided": open_line, "void": void}


GUARDED = [
    "UPDATE signoffs SET signer = 'x'",
    "DELETE FROM signoffs",
    "UPDATE signoff_lines SET delivery_id = 99",
    "DELETE FROM signoff_lines",
    "UPDATE voids SET reason = 'x'",
    "DELETE FROM voids",
    "UPDATE deliveries SET quantity = 1, note = 'x' WHERE id = {line}",
    "DELETE FROM deliveries WHERE id = {line}",
    "UPDATE deliveries SET note = 'x' WHERE id = {voided}",
    "DELETE FROM deliveries WHERE id = {voided}",
    "INSERT OR REPLACE INTO deliveries (id, outlet_id, kind, quantity, delivered_at, created_at)"
    " VALUES ({line}, 1, 'other', 1, '2026-01-01', '2026-01-01')",
    "REPLACE INTO deliveries (id, outlet_id, kind, quantity, delivered_at, created_at)"
    " VALUES ({voided}, 1, 'other', 1, '2026-01-01', '2026-01-01')",
    "INSERT INTO deliveries (id, outlet_id, kind, quantity, delivered_at, created_at)"
    " VALUES ({line}, 1, 'other', 1, '2026-01-01', '2026-01-01')"
    " ON CONFLICT(id) DO UPDATE SET quantity = 7",
    "INSERT OR REPLACE INTO signoffs SELECT * FROM signoffs",
    "INSERT OR REPLACE INTO signoff_lines VALUES (1, {line})",
    "INSERT OR REPLACE INTO voids (delivery_id, reason, voided_at) VALUES ({voided}, 'r', 't')",
]


@pytest.mark.parametrize("sql", GUARDED)
def test_plain_sqlite3_cannot_change_the_register(db, db_path, signed, sql):
    before = [db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
              for t in ("deliveries", "signoffs", "signoff_lines", "voids")]
    raw = _raw(db_path)
    assert raw.execute("PRAGMA recursive_triggers").fetchone()[0] == 0
    with pytest.raises(sqlite3.DatabaseError, match="register"):
        raw.execute(sql.format(**signed))
    raw.close()
    after = [db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
             for t in ("deliveries", "signoffs", "signoff_lines", "voids")]
    assert after == before
    assert chain.verify_chain(db).ok


def test_unsigned_line_can_still_be_fixed_by_sql(db, db_path, config, place):
    line = policy(db, config, place["a"], "P1")
    raw = _raw(db_path)
    raw.execute("UPDATE deliveries SET note = 'ok' WHERE id = ?", [line])
    raw.close()
    assert reg.get_line(db, line).note == "ok"


def test_a_dropped_guard_is_refused_on_open_and_returns_by_repair(db, db_path, config, place):
    """Dropped behind the app's back (not by an upgrade): opening to write refuses and
    names it, nothing is written; the explicit repair brings it back."""
    raw = _raw(db_path)
    raw.execute("DROP TRIGGER signoffs_no_update")
    raw.close()
    with pytest.raises(WorkbenchError, match="signoffs_no_update"):
        open_db(db_path)
    repair(db_path)
    again = open_db(db_path)
    names = {r[0] for r in again.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    again.close()
    assert "signoffs_no_update" in names


def test_register_pages_and_filters(db, config, place):
    for n in range(7):
        reg.add_delivery(db, config, outlet_id=place["a" if n % 2 else "b"], kind="poster",
                         quantity=n + 1, delivered_at=NOW - timedelta(days=n), now=NOW)
    everything = reg.RegisterFilter()
    page1 = reg.register(db, everything, limit=3)
    page3 = reg.register(db, everything, limit=3, offset=6)
    assert [x.quantity for x in page1] == [1, 2, 3] and [x.quantity for x in page3] == [7]
    only_a = reg.RegisterFilter(outlet_id=place["a"])
    assert reg.register_count(db, only_a) == 3
    recent = reg.RegisterFilter(date_from=(NOW - timedelta(days=2)).date(),
                                date_to=NOW.date())
    assert reg.register_count(db, recent) == 3
    assert reg.register_count(db, reg.RegisterFilter(status="signed")) == 0


def test_register_queries_use_indexes(db):
    plans = {
        "outlet": "SELECT * FROM deliveries WHERE outlet_id = 1 ORDER BY delivered_at",
        "serial": "SELECT * FROM deliveries WHERE kind = 'a' AND serial_prefix = 'A' "
                  "AND serial_from <= 5",
        "policy": "SELECT * FROM deliveries WHERE policy_no = 'P1'",
        "day": "SELECT * FROM deliveries WHERE delivered_at >= '2026-11-27'",
        "stock": "SELECT * FROM stock_counts WHERE outlet_id = 1 AND kind = 'poster'",
    }
    for name, sql in plans.items():
        plan = " ".join(str(r[-1]) for r in db.execute("EXPLAIN QUERY PLAN " + sql).fetchall())
        assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, (name, plan)


def test_policies_to_deliver(db, config, place):
    p1 = policy(db, config, place["a"], "P1")
    p2 = policy(db, config, place["b"], "P2")
    reg.add_delivery(db, config, outlet_id=place["a"], kind="poster", quantity=2, now=NOW)
    chain.sign_off(db, outlet_id=place["b"], delivery_ids=[p2], staff_id=place["other"], now=NOW)
    todo = reg.policies_to_deliver(db, config)
    assert [(x.id, x.outlet_code, x.outlet_name) for x in todo] == [
        (p1, "CCB-1", "中国建设银行朝阳支行")]
    assert reg.awaiting_counts(db) == {place["a"]: 2}


def test_signoff_time_uses_now_not_the_clock(db, config, place):
    line = policy(db, config, place["a"], "P1", now=datetime(2026, 11, 26, 9))
    chain.sign_off(db, outlet_id=place["a"], delivery_ids=[line], staff_id=place["wf"],
                   now=datetime(2026, 11, 26, 10, 0, 30, 999))
    assert reg.get_line(db, line).signed_at == datetime(2026, 11, 26, 10, 0, 30)


def _open_set(db):
    return set(db.execute("SELECT delivery_id, outlet_id FROM open_lines").fetchall())


def test_open_lines_follow_the_register(db, db_path, config, place):
    a = policy(db, config, place["a"], "P1")
    b = policy(db, config, place["a"], "P2")
    c = policy(db, config, place["b"], "P3")
    assert _open_set(db) == {(a, place["a"]), (b, place["a"]), (c, place["b"])}
    chain.sign_off(db, outlet_id=place["a"], delivery_ids=[a], staff_id=place["wf"], now=NOW)
    voids.void_line(db, c, "dup", NOW)
    assert _open_set(db) == {(b, place["a"])}
    assert [x.id for x in reg.awaiting_signature(db)] == [b]
    assert reg.register_count(db, reg.RegisterFilter(status="awaiting")) == 1
    # A trigger dropped behind the app's back: the repair rebuilds the table.
    raw = _raw(db_path)
    raw.execute("DROP TRIGGER open_lines_signed")
    raw.execute("INSERT INTO open_lines VALUES (?, ?)", [a, place["a"]])
    raw.close()
    repair(db_path)
    again = open_db(db_path)
    assert _open_set(again) == {(b, place["a"])}
    again.close()


def test_two_instances_signing_at_once_keep_one_chain(db, db_path, config, place):
    import threading

    lines = [policy(db, config, place["a"], f"P{n}") for n in range(30)]
    errors: list[BaseException] = []

    def sign(mine):
        conn = open_db(db_path)
        try:
            for line in mine:
                chain.sign_off(conn, outlet_id=place["a"], delivery_ids=[line],
                               staff_id=place["wf"], now=NOW)
        except BaseException as exc:  # reported below, never lost in the thread
            errors.append(exc)
        finally:
            conn.close()

    threads = [threading.Thread(target=sign, args=(lines[i::2],)) for i in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []
    report = chain.verify_chain(db)
    assert report.ok and report.count == 30
