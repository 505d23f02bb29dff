"""Each attack on the register from issue 14, made with the guard triggers dropped, is
named by ``workbench check``; the two the chains cannot see alone (the tail cut off with
its links, every later hash recomputed) are named by the outside witness."""

from __future__ import annotations

import sqlite3
import stat

import pytest

from tests.conftest import NOW
from tests.register_helpers import outlet, staff
from workbench.cli import main
from workbench.core.config import Config
from workbench.register import chain, ledger, receipts, voids, witness
from workbench.register import deliveries as reg
from workbench.storage import open_db

CONFIG = Config()


@pytest.fixture
def register(db, db_path):
    """Five signed policies (one with a note), a void of a signed line and of an
    unsigned one, a correction, a receipt and a callback; the file closed."""
    place = outlet(db, "CCB-9", "中国建设银行", NOW)
    signer = staff(db, place, "王芳", NOW)
    kind = CONFIG.deliveries.policy_kind
    lines = [reg.add_delivery(db, CONFIG, outlet_id=place, kind=kind, policy_no=f"T{n}",
                              customer="张三丰", note="客户要求上午送达" if n == 1 else "",
                              now=NOW) for n in range(7)]
    sids = [chain.sign_off(db, outlet_id=place, delivery_ids=[line], staff_id=signer, now=NOW)
            for line in lines[:5]]
    signed_void = voids.void_line(db, lines[4], "保单号录错", NOW)
    open_void = voids.void_line(db, lines[5], "重复登记", NOW)
    fixed = reg.add_delivery(db, CONFIG, outlet_id=place, kind=kind, policy_no="T40",
                             customer="张三丰", corrects_id=lines[4], now=NOW)
    receipt = receipts.mark_receipt_returned(db, CONFIG, lines[0], NOW.date(), NOW, note="本人")
    callback = receipts.mark_callback_done(db, CONFIG, lines[0], NOW.date(), NOW)
    db.close()
    return {"lines": lines, "signoffs": sids, "signed_void": signed_void,
            "open_void": open_void, "fixed": fixed, "receipt": receipt, "callback": callback,
            "noted": lines[1], "awaiting": lines[6]}


def tamper(db_path, *sql, params=()):
    raw = sqlite3.connect(db_path)
    raw.execute("PRAGMA foreign_keys = OFF")
    for name in [r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='trigger'")]:
        raw.execute(f"DROP TRIGGER {name}")
    for statement in sql:
        raw.execute(statement, params)
    raw.commit()
    raw.close()


def check(capsys, db_path):
    code = main(["check", "--db", str(db_path), "--lang", "en"])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out


def test_an_untouched_register_is_intact_and_witnessed(register, db_path, capsys):
    code, out = check(capsys, db_path)
    assert code == 0, out
    assert "Ledger chain intact: 10 links (5 sign-offs, 2 voids, 2 receipt/callback events, " \
           "1 corrections)" in out
    assert "Matches its outside witness" in out
    db = open_db(db_path)
    path = witness.path_for(db)
    db.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for folder in (path.parent, path.parent.parent):  # witness/, workbench/
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert len(witness.read(path)) == 10  # one head per sealed write


ATTACKS = {
    "delete the last sign-offs": (
        ["DELETE FROM signoff_lines WHERE signoff_id >= 4", "DELETE FROM signoffs WHERE id >= 4"],
        "(sign-off 4): the row it seals was deleted"),
    "edit a void": (["UPDATE voids SET reason = 'typo' WHERE id = {signed_void}"],
                    "(void {signed_void}): the row's content does not match its hash"),
    "delete a void": (["DELETE FROM voids WHERE id = {open_void}"],
                      "(void {open_void}): the row it seals was deleted"),
    "forge a void on a signed line": (
        ["INSERT INTO voids (delivery_id, reason, voided_at) VALUES ({noted}, 'x', "
         "'2026-11-27 09:30:00')"],
        "void 3 is not in the ledger chain"),
    "edit a receipt": (["UPDATE policy_events SET on_date = '2026-11-01' WHERE id = {receipt}"],
                       "(policy event {receipt}): the row's content does not match"),
    "edit a callback": (["UPDATE policy_events SET note = 'x' WHERE id = {callback}"],
                        "(policy event {callback}): the row's content does not match"),
    "delete a callback": (["DELETE FROM policy_events WHERE id = {callback}"],
                          "(policy event {callback}): the row it seals was deleted"),
    "edit a signed line's note": (["UPDATE deliveries SET note = '' WHERE id = {noted}"],
                                  "(sign-off 2): the row's content does not match"),
    "edit a correction": (["UPDATE deliveries SET corrects_id = NULL WHERE id = {fixed}"],
                          "(correction line {fixed}): the row's content does not match"),
    "forge a correction": (["UPDATE deliveries SET corrects_id = {open_void} "
                            "WHERE id = {awaiting}"],
                           "correction line {awaiting} is not in the ledger chain"),
}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_each_attack_is_named(register, db_path, capsys, attack):
    statements, expected = ATTACKS[attack]
    ids = {k: v for k, v in register.items() if isinstance(v, int)}
    tamper(db_path, *[s.format(**ids) for s in statements])
    code, out = check(capsys, db_path)
    assert code == 1, out
    assert "Database check failed" in out
    assert expected.format(**ids) in out, out


def test_the_tail_cut_off_with_its_links_is_named_by_the_witness(register, db_path, capsys):
    """Deleting the last sign-offs and every link after them leaves both chains whole:
    only the witness knows the file had more."""
    tamper(db_path, "DELETE FROM signoff_lines WHERE signoff_id >= 4",
           "DELETE FROM signoffs WHERE id >= 4",
           "DELETE FROM ledger WHERE seq >= (SELECT seq FROM ledger WHERE kind = 'signoff' "
           "AND ref_id = 4)",
           "DELETE FROM voids", "DELETE FROM policy_events",
           "UPDATE deliveries SET corrects_id = NULL")
    code, out = check(capsys, db_path)
    assert code == 1, out
    assert "with 5 sign-offs (10 links); the file now has 3 (3 links): its tail was removed" \
        in out


def test_one_link_cut_off_is_named_by_the_witness(register, db_path, capsys):
    """The boundary: the newest link alone, with its row (the callback)."""
    tamper(db_path, "DELETE FROM ledger WHERE seq = 10",
           f"DELETE FROM policy_events WHERE id = {register['callback']}")
    code, out = check(capsys, db_path)
    assert code == 1, out
    assert "with 5 sign-offs (10 links); the file now has 5 (9 links): its tail was removed" \
        in out


def test_a_row_edited_and_every_later_hash_recomputed_is_named_by_the_witness(
        register, db_path, capsys):
    tamper(db_path, "UPDATE voids SET reason = 'typo' WHERE id = ?",
           params=(register["signed_void"],))
    db = open_db(db_path, migrate=False)
    with db.atomic():  # the forger rebuilds the ledger with the app's own code
        db.execute("DELETE FROM ledger")
        ledger.build_over_existing(db)
    assert ledger.verify(db).ok and chain.verify_chain(db).ok
    db.close()
    code, out = check(capsys, db_path)
    assert code == 1, out
    assert "its history was rewritten" in out


def test_a_missing_witness_is_reported_and_not_recreated_by_a_write(register, db_path, capsys):
    db = open_db(db_path)
    path = witness.path_for(db)
    path.unlink()
    reg.add_delivery(db, CONFIG, outlet_id=1, kind=CONFIG.deliveries.policy_kind,
                     policy_no="T99", now=NOW)
    line = db.execute("SELECT max(id) FROM deliveries").fetchone()[0]
    chain.sign_off(db, outlet_id=1, delivery_ids=[line], staff_id=1, now=NOW)
    db.close()
    assert not path.exists()
    code, out = check(capsys, db_path)
    assert code == 3 and "No outside witness for this file" in out


def test_a_witness_behind_the_file_is_reported(register, db_path, capsys):
    db = open_db(db_path)
    path = witness.path_for(db)
    db.close()
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[:-1]) + "\n")  # one head short: the boundary
    code, out = check(capsys, db_path)
    assert code == 3 and "9 links) is behind the file (10 links)" in out


def test_the_weekly_report_prints_where_the_chain_is_broken(register, db_path, capsys):
    argv = ["report", "week", "--week", "2026-W48", "--out", "-", "--db", str(db_path),
            "--lang", "en"]
    assert main(argv) == 0
    assert "Register head: 10 links, 5 sign-offs, hash " in capsys.readouterr().out
    tamper(db_path, "UPDATE voids SET reason = 'typo' WHERE id = ?",
           params=(register["signed_void"],))
    db = open_db(db_path, migrate=False)  # the guards back, the edit stays
    db.close()
    assert main(["repair", "--yes", "--db", str(db_path)]) == 0
    capsys.readouterr()
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert f"Register head: chain broken at void {register['signed_void']}" in out
    assert "hash " not in out.split("Register head:")[1]


def test_a_file_from_before_the_ledger_migrates_with_its_chain_and_a_witness(tmp_path, capsys):
    """Rows written by the release before the ledger: one step seals them all, oldest
    first; the sign-off chain is untouched; the witness starts at the new head."""
    from workbench import storage
    from workbench.core import db as dbmod
    from workbench.register import schema

    path = tmp_path / "old.db"
    old = dbmod.connect(path)
    for migrations in storage.migration_sets():
        if migrations.name == schema.migrations.name:
            migrations.apply(old, stop_before="m004_ledger")
        else:
            migrations.apply(old)
    for hook in storage.guard_hooks():
        hook(old)
    place = outlet(old, "CCB-9", "中国建设银行", NOW)
    signer = staff(old, place, "王芳", NOW)
    kind = CONFIG.deliveries.policy_kind
    lines = [reg.add_delivery(old, CONFIG, outlet_id=place, kind=kind, policy_no=f"T{n}",
                              now=NOW) for n in range(3)]
    for line in lines[:2]:
        chain.sign_off(old, outlet_id=place, delivery_ids=[line], staff_id=signer, now=NOW)
    voids.void_line(old, lines[2], "dup", NOW)
    receipts.mark_receipt_returned(old, CONFIG, lines[0], NOW.date(), NOW)
    before = old.execute("SELECT id, hash FROM signoffs ORDER BY id").fetchall()
    assert "ledger" not in old.table_names()
    old.close()
    db = open_db(path)
    try:
        assert db.execute("SELECT id, hash FROM signoffs ORDER BY id").fetchall() == before
        report = ledger.verify(db)
        assert report.ok and report.head.counts == {"signoff": 2, "void": 1, "event": 1}
        assert witness.read(witness.path_for(db))[-1].head == report.head.hash
    finally:
        db.close()
    code, out = check(capsys, path)
    assert code == 0 and "Matches its outside witness" in out
