"""Tamper evidence: upserts on signed rows fail through a plain sqlite3 connection, the
guards exist after every migration (from any older version of the file), and once a
guard is dropped and a signed line edited, ``workbench check`` names the sign-off."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import NOW
from tests.register_helpers import outlet, staff
from workbench import storage
from workbench.cli import main
from workbench.core import db as dbmod
from workbench.core.config import Config
from workbench.register import chain, voids
from workbench.register import deliveries as reg

GUARDS = {"deliveries_no_update_signed", "deliveries_no_delete_signed",
          "deliveries_no_replace_signed", "signoffs_no_update", "signoffs_no_delete",
          "signoffs_no_replace", "signoff_lines_no_update", "signoff_lines_no_delete",
          "signoff_lines_no_replace", "voids_no_update", "voids_no_delete", "voids_no_replace",
          "open_lines_add", "open_lines_gone", "open_lines_move", "open_policies_signed",
          "open_policies_voided", "open_policies_event"}


def sign_some(db, config=None):
    """Three signed policy lines and one voided line; returns their ids."""
    config = config or Config()
    place = outlet(db, "CCB-9", "中国建设银行", NOW)
    signer = staff(db, place, "王芳", NOW)
    lines = [reg.add_delivery(db, config, outlet_id=place, kind=config.deliveries.policy_kind,
                              policy_no=f"T{n}", customer="张三丰", now=NOW) for n in range(4)]
    sids = [chain.sign_off(db, outlet_id=place, delivery_ids=[line], staff_id=signer, now=NOW)
            for line in lines[:3]]
    voids.void_line(db, lines[3], "dup", NOW)
    return {"line": lines[1], "signoff": sids[1], "voided": lines[3]}


UPSERTS = [
    "INSERT INTO signoffs SELECT * FROM signoffs WHERE id = {signoff} "
    "ON CONFLICT(id) DO UPDATE SET signer = 'someone else'",
    "INSERT INTO signoffs SELECT * FROM signoffs WHERE id = {signoff} "
    "ON CONFLICT DO NOTHING",
    "INSERT INTO signoff_lines (signoff_id, delivery_id) VALUES ({signoff}, {line}) "
    "ON CONFLICT DO UPDATE SET signoff_id = 1",
    "INSERT INTO voids (delivery_id, reason, voided_at) VALUES ({voided}, 'r', 't') "
    "ON CONFLICT(delivery_id) DO UPDATE SET reason = 'changed'",
    "INSERT INTO deliveries SELECT * FROM deliveries WHERE id = {voided} "
    "ON CONFLICT(id) DO UPDATE SET note = 'changed'",
    "UPDATE OR REPLACE signoffs SET signer = 'x' WHERE id = {signoff}",
]


@pytest.mark.parametrize("sql", UPSERTS)
def test_upserts_on_signed_rows_fail_through_plain_sqlite3(db, db_path, sql):
    ids = sign_some(db)
    tables = ("deliveries", "signoffs", "signoff_lines", "voids")
    before = [db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables]
    raw = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.DatabaseError, match="register"):
        raw.execute(sql.format(**ids))
    raw.close()
    assert [db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables] == before
    assert chain.verify_chain(db).ok


def steps():
    """Every (set, migration) in the order open_db applies them."""
    return [(i, m.name) for i, s in enumerate(storage.migration_sets()) for m in s._migrations]


@pytest.mark.parametrize("done", range(len(steps())))
def test_guards_exist_after_migrating_from_every_older_version(tmp_path, done):
    """A file written by an older release (only the first ``done`` migrations) is opened
    by this one: afterwards every guard exists and works."""
    path = tmp_path / "old.db"
    old = dbmod.connect(path)
    stop = steps()[done]
    for i, migrations in enumerate(storage.migration_sets()):
        if i < stop[0]:
            migrations.apply(old)
        elif i == stop[0]:
            migrations.apply(old, stop_before=stop[1])
    old.close()
    db = storage.open_db(path)
    try:
        names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
        assert GUARDS <= names, sorted(GUARDS - names)
        ids = sign_some(db)
    finally:
        db.close()
    raw = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError, match="register"):
        raw.execute("UPDATE deliveries SET note = 'x' WHERE id = ?", [ids["line"]])
    raw.close()


def test_check_names_the_sign_off_whose_line_was_edited(db, db_path, capsys):
    ids = sign_some(db)
    db.close()
    raw = sqlite3.connect(db_path)
    raw.execute("DROP TRIGGER deliveries_no_update_signed")
    raw.execute("UPDATE deliveries SET customer = '李四' WHERE id = ?", [ids["line"]])
    raw.commit()
    raw.close()
    assert main(["check", "--db", str(db_path), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "Database check failed" in out
    assert f"broken at sign-off {ids['signoff']} " in out
    assert "deliveries_no_update_signed" in out  # the missing guard is named
    # check wrote nothing: the guard is still missing until the explicit repair
    names = {r[0] for r in sqlite3.connect(db_path).execute(
        "SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert "deliveries_no_update_signed" not in names
    assert main(["repair", "--yes", "--db", str(db_path), "--lang", "en"]) == 0
    again = storage.open_db(db_path)
    names = {r[0] for r in again.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    again.close()
    assert "deliveries_no_update_signed" in names
    # and the repair hid nothing: the edited row is still named
    assert main(["check", "--db", str(db_path), "--lang", "en"]) == 1
    assert f"broken at sign-off {ids['signoff']} " in capsys.readouterr().out
