"""Bad files and bad places, through the command line and the app: a clear translated line,
a non-zero exit, and nothing created or half-written."""

from __future__ import annotations

import os
import sqlite3

import pytest

from tests.conftest import NOW, TODAY, wait_until
from tests.register_helpers import outlet, staff
from workbench import storage
from workbench.app import WorkbenchApp
from workbench.cli import main
from workbench.core import db as dbmod
from workbench.core import i18n
from workbench.core.config import Config
from workbench.register import chain
from workbench.register import deliveries as reg


def one_line_error(capsys, code, argv):
    assert main(argv) == code
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    return err


def test_huge_and_binary_import_files_change_nothing(tmp_path, capsys):
    db_path = tmp_path / "wb.db"
    big_cell = tmp_path / "big-cell.csv"
    big_cell.write_text("code,name\nA1," + "网" * 300_000 + "\n", encoding="utf-8")
    noise = tmp_path / "noise.csv"
    noise.write_bytes(os.urandom(4_000_000))
    for path in (big_cell, noise):
        for lang in ("en", "zh"):
            err = one_line_error(capsys, 1, ["--db", str(db_path), "--lang", lang, "import",
                                             "outlets", str(path)])
            assert str(path) in err or path.name in err
            assert ("网点" not in err) if lang == "en" else any("一" <= c <= "鿿" for c in err)
    assert not db_path.exists()  # a bad file is read before the database is touched


def test_huge_import_is_all_there(tmp_path, capsys):
    path = tmp_path / "many.csv"
    lines = ["网点代码,网点名称"] + [f"H{i:06d},网点{i}" for i in range(20_000)]
    path.write_text("\n".join(lines), encoding="gb18030")
    db_path = tmp_path / "wb.db"
    assert main(["--db", str(db_path), "--lang", "en", "import", "outlets", str(path)]) == 0
    assert "20000 added" in capsys.readouterr().out
    db = storage.open_db(db_path)
    assert db.execute("SELECT count(*) FROM outlets").fetchone()[0] == 20_000
    db.close()


def test_a_file_that_is_not_sqlite_is_refused_everywhere(tmp_path, capsys, config):
    junk = tmp_path / "notes.db"
    junk.write_bytes(b"PK\x03\x04 a spreadsheet saved as .db" * 50)
    before = junk.read_bytes()
    csv_file = tmp_path / "o.csv"
    csv_file.write_text("code,name\nA1,x\n", encoding="utf-8")
    for argv in (["--db", str(junk)], ["check", "--db", str(junk)],
                 ["import", "outlets", str(csv_file), "--db", str(junk)],
                 ["report", "week", "--db", str(junk)], ["backup", "--db", str(junk)],
                 ["today", "--db", str(junk)], ["export", "register", "--outlet", "A1", "--db",
                                                str(junk)]):
        err = one_line_error(capsys, 1, [*argv, "--lang", "en"])
        assert "not an SQLite file" in err, argv
    assert junk.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db", "o.csv"]


async def test_the_app_on_a_file_that_is_not_sqlite_says_so_and_changes_nothing(tmp_path):
    junk = tmp_path / "notes.db"
    junk.write_bytes(b"not a database at all\n" * 100)
    i18n.set_language("zh")
    app = WorkbenchApp(db_path=junk, config=Config(), today=TODAY, language="zh")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.error is not None, "the app to refuse the file")
    assert app.error and "SQLite" in app.error and "不是" in app.error
    assert junk.read_bytes() == b"not a database at all\n" * 100


def test_a_missing_folder_via_the_command_line(tmp_path, capsys):
    csv_file = tmp_path / "o.csv"
    csv_file.write_text("code,name\nA1,x\n", encoding="utf-8")
    target = tmp_path / "gone" / "wb.db"
    for argv in (["--db", str(target)], ["import", "outlets", str(csv_file), "--db",
                                         str(target)]):
        err = one_line_error(capsys, 1, [*argv, "--lang", "en"])
        assert "Folder does not exist" in err
    assert not (tmp_path / "gone").exists()


@pytest.fixture
def full_disk(monkeypatch):
    """Every database the CLI opens is one page short of room (SQLITE_FULL on the next
    page it needs), as if the disk filled up during the write."""
    real = storage.open_db

    def open_full(*args, **kwargs):
        db = real(*args, **kwargs)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")
        return db

    monkeypatch.setattr(storage, "open_db", open_full)


def test_a_full_disk_during_an_import(tmp_path, capsys, full_disk):
    db_path = tmp_path / "wb.db"
    dbmod.connect(db_path).close()
    good = tmp_path / "o.csv"
    good.write_text("code,name\n" + "".join(f"F{i},网点{i}\n" for i in range(3000)),
                    encoding="utf-8")
    for lang, words in (("en", "disk is full"), ("zh", "磁盘已满")):
        err = one_line_error(capsys, 1, ["--db", str(db_path), "--lang", lang, "import",
                                         "outlets", str(good)])
        assert words in err
    raw = sqlite3.connect(db_path)
    assert raw.execute("SELECT count(*) FROM outlets").fetchone()[0] == 0
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    raw.close()


def test_a_full_disk_during_a_sign_off_keeps_the_chain(db, config):
    place = outlet(db, "CCB-1", "中国建设银行", NOW)
    signer = staff(db, place, "王芳", NOW)
    lines = [reg.add_delivery(db, config, outlet_id=place, kind=config.deliveries.policy_kind,
                              policy_no=f"P{n}", customer="张" * 40, now=NOW) for n in range(400)]
    chain.sign_off(db, outlet_id=place, delivery_ids=lines[:1], staff_id=signer, now=NOW)
    head = chain.verify_chain(db)
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(sqlite3.OperationalError, match="full"):
        for start in range(1, 400, 100):
            chain.sign_off(db, outlet_id=place, delivery_ids=lines[start:start + 100],
                           staff_id=signer, now=NOW)
    db.execute(f"PRAGMA max_page_count = {pages * 100}")
    after = chain.verify_chain(db)
    assert after.ok
    signed = db.execute("SELECT count(*) FROM signoff_lines").fetchone()[0]
    assert signed == 1 + 100 * (after.count - head.count)  # whole sign-offs only
    assert db.execute("SELECT count(*) FROM open_lines").fetchone()[0] == 400 - signed
