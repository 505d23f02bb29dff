"""``workbench check`` reads only: an empty, truncated or newer file and dropped guards
are each reported with a non-zero exit and the file is left byte for byte as it was;
``workbench repair`` acts only after showing its plan and getting a yes; a newer file is
never written to by a writing command."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from tests.safety.test_safety_tamper import sign_some
from workbench import storage
from workbench.cli import main
from workbench.commands.check import run_repair
from workbench.core.errors import WorkbenchError


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def settled(db, db_path):
    """A signed register, checkpointed into the main file and closed."""
    sign_some(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return digest(db_path)


def check(capsys, path):
    code = main(["check", "--db", str(path), "--lang", "en"])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out + out.err


def test_a_sound_file_is_left_byte_for_byte(db, db_path, capsys):
    before = settled(db, db_path)
    code, text = check(capsys, db_path)
    assert code == 0 and "Database intact" in text and "Matches its outside witness" in text
    assert digest(db_path) == before


def test_an_empty_file_is_reported_not_turned_into_a_database(tmp_path, capsys):
    empty = tmp_path / "empty.db"
    empty.touch()
    code, text = check(capsys, empty)
    assert code == 1 and "empty (0 bytes)" in text
    assert empty.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]


def test_a_truncated_file_is_reported_and_kept(db, db_path, tmp_path, capsys):
    settled(db, db_path)
    cut = tmp_path / "cut.db"
    cut.write_bytes(db_path.read_bytes()[: 4096 * 3 + 100])
    before = digest(cut)
    code, text = check(capsys, cut)
    assert code == 1 and len(text.strip().splitlines()) >= 1
    assert digest(cut) == before


@pytest.mark.parametrize("how", ["user_version", "unknown_step"])
def test_a_newer_file_is_reported_and_never_written(db, db_path, capsys, how):
    settled(db, db_path)
    raw = sqlite3.connect(db_path)
    if how == "user_version":
        raw.execute("PRAGMA user_version = 999")
    else:
        raw.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                    "VALUES ('workbench.deliveries', 'm999_from_the_future', 'x')")
    raw.commit()
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    before = digest(db_path)
    code, text = check(capsys, db_path)
    assert code == 1 and "newer version" in text
    with pytest.raises(WorkbenchError, match="newer version"):
        storage.open_db(db_path)
    for argv in (["backup"], ["today"], ["repair", "--yes"]):
        assert main([*argv, "--db", str(db_path), "--lang", "en"]) == 1
        err = capsys.readouterr().err
        assert "newer version" in err and "Traceback" not in err
    assert digest(db_path) == before


def test_missing_guards_each_reported_and_only_repair_brings_them_back(db, db_path, capsys):
    settled(db, db_path)
    raw = sqlite3.connect(db_path)
    raw.execute("DROP TRIGGER voids_no_update")
    raw.execute("DROP TRIGGER ledger_no_delete")
    raw.commit()
    raw.close()
    code, text = check(capsys, db_path)
    assert code == 1 and "voids_no_update" in text and "ledger_no_delete" in text
    code, text = check(capsys, db_path)  # still missing: check re-created nothing
    assert code == 1 and "voids_no_update" in text
    # repair shows its plan and asks; "no" changes nothing
    assert run_repair(db_path, yes=False, ask=lambda prompt: "n") == 1
    out = capsys.readouterr().out
    assert "voids_no_update" in out and "Not repaired" in out
    assert check(capsys, db_path)[0] == 1
    # without a terminal and without --yes it refuses
    assert main(["repair", "--db", str(db_path), "--lang", "en"]) == 1
    assert "--yes" in capsys.readouterr().err
    assert run_repair(db_path, yes=False, ask=lambda prompt: "y") == 0
    capsys.readouterr()
    code, text = check(capsys, db_path)
    assert code == 0, text
