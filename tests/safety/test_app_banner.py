"""The app says so: a file with a cut tail, a rewritten history, dropped guards or from a
newer release opens read-only with a banner naming why (writes refused, nothing
changed); a missing witness opens writable with a warning; a sound file without a word."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import TODAY, wait_ready
from tests.safety.test_safety_witness import register, tamper  # noqa: F401 - the fixture
from workbench.app import UNPROVEN_TOAST_SECONDS, WorkbenchApp
from workbench.register import ledger, witness
from workbench.storage import open_db


async def opened(db_path, config):
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en",
                       daily_backup=False)
    async with app.run_test() as pilot:
        await wait_ready(app, pilot)
        shown = [n.message for n in app._notifications]
        writes = None
        if not app.writable:
            with pytest.raises(sqlite3.DatabaseError):
                app.db.execute("INSERT INTO tasks (title) VALUES ('x')")
            writes = "refused"
    return app, shown, writes


async def test_a_sound_file_opens_without_a_word(register, db_path, config):  # noqa: F811
    app, shown, _ = await opened(db_path, config)
    assert app.writable and app.banner is None and shown == []


async def test_a_cut_tail_opens_read_only(register, db_path, config):  # noqa: F811
    db = open_db(db_path)
    path = witness.path_for(db)
    db.close()
    tamper(db_path, "DELETE FROM ledger WHERE seq > 6", "DELETE FROM policy_events",
           "DELETE FROM deliveries WHERE corrects_id IS NOT NULL",
           "DELETE FROM voids WHERE id > 1")
    db = open_db(db_path, migrate=False)
    from workbench.register import schema

    schema.install_guards(db)  # the forger puts the guards back, too
    db.close()
    assert path.exists()
    app, shown, writes = await opened(db_path, config)
    assert not app.writable and writes == "refused"
    assert app.banner.startswith("Opened read-only: head at ")
    assert "its tail was removed" in app.banner and "read-only" in app.sub_title
    assert any("its tail was removed" in m for m in shown)


async def test_a_recomputed_history_opens_read_only(register, db_path, config):  # noqa: F811
    tamper(db_path, "UPDATE voids SET reason = 'typo' WHERE id = 1")
    db = open_db(db_path, migrate=False)
    with db.atomic():
        db.execute("DELETE FROM ledger")
        ledger.build_over_existing(db)
    from workbench.register import schema

    schema.install_guards(db)
    db.close()
    app, _, writes = await opened(db_path, config)
    assert not app.writable and writes == "refused"
    assert "its history was rewritten" in app.banner


async def test_dropped_guards_open_read_only(register, db_path, config):  # noqa: F811
    raw = sqlite3.connect(db_path)
    raw.execute("DROP TRIGGER voids_no_update")
    raw.close()
    app, _, writes = await opened(db_path, config)
    assert not app.writable and writes == "refused"
    assert "voids_no_update" in app.banner and "workbench repair" in app.banner


async def test_a_newer_file_opens_read_only(register, db_path, config):  # noqa: F811
    raw = sqlite3.connect(db_path)
    raw.execute("PRAGMA user_version = 999")
    raw.close()
    app, _, writes = await opened(db_path, config)
    assert not app.writable and writes == "refused"
    assert "newer version" in app.banner
    raw = sqlite3.connect(db_path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 999
    raw.close()


async def test_a_missing_witness_is_a_warning_and_the_file_stays_writable(
        register, db_path, config):  # noqa: F811
    db = open_db(db_path)
    witness.path_for(db).unlink()
    db.close()
    app, shown, _ = await opened(db_path, config)
    assert app.writable and app.banner.startswith("Not proven: No outside witness")
    # The header says so all day; the toast (what to run) goes after a while, so it
    # does not cover the forms at the counter.
    assert "Not proven" in app.sub_title
    assert [n.timeout for n in app._notifications] == [UNPROVEN_TOAST_SECONDS]


async def test_a_forged_void_opens_read_only(register, db_path, config):  # noqa: F811
    tamper(db_path, "INSERT INTO voids (delivery_id, reason, voided_at) VALUES "
                    f"({register['noted']}, 'x', '2026-11-27 09:30:00')")
    db = open_db(db_path, migrate=False)
    from workbench.register import schema

    schema.install_guards(db)
    db.close()
    app, _, writes = await opened(db_path, config)
    assert not app.writable and writes == "refused"
    assert "void 3 is not in the ledger chain" in app.banner


async def test_a_truncated_file_is_named_damaged_by_the_app_and_the_commands(
        register, db_path, config, capsys):  # noqa: F811
    raw = sqlite3.connect(db_path)
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    whole = db_path.read_bytes()
    db_path.write_bytes(whole[: len(whole) // 2])
    from workbench.cli import main

    assert main(["today", "--db", str(db_path), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "is damaged or truncated" in err and "not an SQLite file" not in err
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en",
                       daily_backup=False)
    async with app.run_test() as pilot:
        await pilot.pause()
        from tests.conftest import wait_until

        await wait_until(pilot, lambda: app.error is not None, "the app to stop")
    assert "is damaged or truncated" in app.error and "Traceback" not in app.error
