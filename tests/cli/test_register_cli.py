"""`workbench check` proves the sign-off chain; `workbench export register` writes the book."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import copy_database
from workbench.cli import main
from workbench.register import chain
from workbench.storage import open_db


@pytest.fixture
def db(db_path, demo_template):
    """A private copy of the demo database at db_path."""
    copy_database(demo_template, db_path)
    database = open_db(db_path)
    yield database
    database.close()


def test_check_prints_the_head_hash(db, db_path, config, capsys):
    head = chain.verify_chain(db).head
    assert main(["check", "--db", str(db_path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Sign-off chain intact" in out and head in out


def test_check_names_the_edited_row(db, db_path, config, capsys):
    victim = db.execute("SELECT id FROM signoffs ORDER BY id LIMIT 1 OFFSET 40").fetchone()[0]
    db.close()
    # Someone edits the file with the sqlite3 shell, dropping the guard first.
    raw = sqlite3.connect(db_path)
    raw.execute("DROP TRIGGER signoffs_no_update")
    raw.execute("UPDATE signoffs SET signed_at = '2026-10-01 09:00:00' WHERE id = ?", [victim])
    raw.commit()
    raw.close()
    assert main(["check", "--db", str(db_path), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert f"broken at sign-off {victim} " in out
    assert "Database check failed" in out


def test_export_register_masks_customers(db, db_path, config, capsys):
    line = db.execute("SELECT d.id, o.code, d.customer FROM deliveries d JOIN outlets o "
                      "ON o.id = d.outlet_id WHERE d.customer IS NOT NULL LIMIT 1").fetchone()
    code, customer = line[1], line[2]
    assert main(["export", "register", "--outlet", code, "--format", "md", "--db",
                 str(db_path), "--lang", "zh"]) == 0
    md = capsys.readouterr().out
    assert md.startswith("# 单证登记本") and customer not in md and customer[0] + "*" in md
    assert main(["export", "register", "--outlet", code, "--format", "csv", "--unmasked",
                 "--db", str(db_path), "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert customer in text and text.splitlines()[0].startswith("Line,Delivered")
    rows = text.splitlines()[1:]
    assert rows == sorted(rows, key=lambda r: r.split(",")[1])  # oldest first


def test_export_period_and_file(db, db_path, config, tmp_path, capsys):
    code = db.execute("SELECT code FROM outlets ORDER BY code LIMIT 1").fetchone()[0]
    out = tmp_path / "book.csv"
    assert main(["export", "register", "--outlet", code, "--from", "2026-11-01", "--to",
                 "2026-11-15", "--format", "csv", "--out", str(out), "--db", str(db_path)]) == 0
    capsys.readouterr()
    dates = [r.split(",")[1][:10] for r in out.read_text(encoding="utf-8").splitlines()[1:]]
    assert dates and all("2026-11-01" <= d <= "2026-11-15" for d in dates)


def test_export_errors_are_one_line(db, db_path, capsys):
    db.close()
    cases = [
        (["export", "register", "--outlet", "NOPE", "--db", str(db_path)], 1, "NOPE"),
        (["export", "register", "--outlet", "X", "--from", "2026-13-01", "--db", str(db_path)],
         2, "--from"),
        (["export", "register", "--format", "xls", "--outlet", "X"], 2, "xls"),
    ]
    for argv, code, word in cases:
        assert main([*argv, "--lang", "en"]) == code
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and word in err


def test_export_handover_sheet(db, db_path, config, capsys):
    hid = db.execute("SELECT min(id) FROM handovers").fetchone()[0]
    db.close()
    assert main(["export", "handover", "--id", str(hid), "--format", "csv", "--db",
                 str(db_path), "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Outlet,Serial,Applicant") and len(lines) > 1
    assert all("*" in row.split(",")[2] for row in lines[1:])
    assert main(["export", "handover", "--id", "9999", "--db", str(db_path)]) == 1
    assert main(["export", "handover", "--db", str(db_path)]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 2
