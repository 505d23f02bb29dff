"""``workbench restore``: only a file that passes the full check, the current file always
kept first (even a damaged one), a restore to an older head said and witnessed, and
``--list`` showing every backup's head."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from tests.safety.test_safety_tamper import sign_some
from workbench.cli import main
from workbench.register import witness
from workbench.storage import open_db


def run(capsys, *argv):
    code = main([*argv, "--lang", "en"])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, out.err


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def saved(db, db_path, capsys):
    """A signed register with a good backup of it in the backup folder; more signed after."""
    sign_some(db)
    db.close()
    code, out, _ = run(capsys, "backup", "--db", str(db_path))
    assert code == 0
    good = next((db_path.parent / "backups").glob("wb-*.db"))
    return good


def spoiled(good, tmp_path, how):
    """A copy of ``good`` spoiled in one of the ways the issue's attacker tried."""
    bad = tmp_path / f"{how}.db"
    bad.write_bytes(good.read_bytes())
    raw = sqlite3.connect(bad)
    if how == "one_table":
        raw.close()
        bad.unlink()
        raw = sqlite3.connect(bad)
        raw.execute("CREATE TABLE t (x)")
    elif how == "chain_broken":
        raw.execute("DROP TRIGGER signoffs_no_update")
        raw.execute("UPDATE signoffs SET signer = 'x' WHERE id = 1")
    elif how == "no_guards":
        raw.execute("DROP TRIGGER voids_no_delete")
    elif how == "newer":
        raw.execute("PRAGMA user_version = 999")
    raw.commit()
    raw.close()
    return bad


@pytest.mark.parametrize("how", ["one_table", "chain_broken", "no_guards", "newer"])
def test_a_file_that_fails_the_check_is_refused_and_nothing_changes(
        saved, db_path, tmp_path, capsys, how):
    bad = spoiled(saved, tmp_path, how)
    before = digest(db_path)
    code, _, err = run(capsys, "restore", str(bad), "--db", str(db_path))
    assert code == 1 and "not restored" in err and len(err.strip().splitlines()) == 1
    assert digest(db_path) == before
    # and everything still works: check, a good restore
    assert run(capsys, "check", "--db", str(db_path))[0] == 0
    assert run(capsys, "restore", str(saved), "--db", str(db_path))[0] == 0
    assert run(capsys, "check", "--db", str(db_path))[0] == 0


@pytest.mark.parametrize("damage", ["empty", "junk", "truncated"])
def test_a_damaged_current_file_is_kept_and_replaced(saved, db_path, tmp_path, capsys, damage):
    whole = db_path.read_bytes()
    for suffix in ("-wal", "-shm"):
        db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
    damaged = {"empty": b"", "junk": b"not a database" * 300,
               "truncated": whole[: 4096 * 2 + 7]}[damage]
    db_path.write_bytes(damaged)
    code, out, err = run(capsys, "restore", str(saved), "--db", str(db_path))
    assert code == 0, err
    kept = list((db_path.parent / "backups").glob("wb-before-restore-*.db"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    code, out, _ = run(capsys, "check", "--db", str(db_path))
    assert code == 0, out
    db = open_db(db_path)
    assert db.execute("SELECT count(*) FROM signoffs").fetchone()[0] == 3
    db.close()


def test_an_older_backup_is_restored_aloud_and_check_then_passes(saved, db_path, capsys):
    from tests.conftest import NOW
    from workbench.core.config import Config
    from workbench.register import chain
    from workbench.register import deliveries as reg

    config = Config()
    db = open_db(db_path)
    line = reg.add_delivery(db, config, outlet_id=1, kind=config.deliveries.policy_kind,
                            policy_no="LATER", now=NOW)
    chain.sign_off(db, outlet_id=1, delivery_ids=[line], staff_id=1, now=NOW)
    db.close()
    code, out, _ = run(capsys, "restore", str(saved), "--db", str(db_path))
    assert code == 0
    assert "this restore takes the head back" in out and "with 4 sign-offs" in out
    code, out, _ = run(capsys, "check", "--db", str(db_path))
    assert code == 0, out
    assert "restored from a backup at" in out
    # the heads the restore went back over are no longer expected; new ones are
    db = open_db(db_path)
    line = reg.add_delivery(db, config, outlet_id=1, kind=config.deliveries.policy_kind,
                            policy_no="AGAIN", now=NOW)
    chain.sign_off(db, outlet_id=1, delivery_ids=[line], staff_id=1, now=NOW)
    db.close()
    assert run(capsys, "check", "--db", str(db_path))[0] == 0


def test_the_list_shows_every_backup_with_its_head(saved, db_path, capsys):
    db = open_db(db_path)
    head = witness.head_line(db)
    db.close()
    assert witness.parse(saved.with_name(saved.name + ".head").read_text()).head == \
        witness.parse(head).head
    code, out, _ = run(capsys, "restore", "--list", "--db", str(db_path))
    assert code == 0
    entry = witness.parse(head)
    assert f"{saved.name}  {entry.seq} links, 3 sign-offs, head {entry.head[:12]}" in out
    # a backup changed after it was made disagrees with its sidecar
    raw = sqlite3.connect(saved)
    raw.execute("DROP TRIGGER ledger_no_delete")
    raw.execute("DELETE FROM ledger WHERE seq = (SELECT max(seq) FROM ledger)")
    raw.commit()
    raw.close()
    code, out, _ = run(capsys, "restore", "--list", "--db", str(db_path))
    assert "the copy was changed after it was made" in out


def test_a_copy_that_fails_midway_is_one_line_and_names_the_kept_file(
        saved, db_path, capsys, monkeypatch):
    from workbench.core import backup

    def full_disk(source, target):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup, "copy_into", full_disk)
    code, _, err = run(capsys, "restore", str(saved), "--db", str(db_path))
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "disk is full" in err and "before-restore" in err
