"""Exports and reports: owner-only files written whole, never over a file without --force,
customers' names and phones masked unless asked."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import NOW, TODAY
from workbench.cli import main
from workbench.storage import open_db


@pytest.fixture
def demo(tmp_path, demo_template):
    path = tmp_path / "wb.db"
    shutil.copy(demo_template, path)
    database = open_db(path)
    facts = {
        "outlet": database.execute(
            "SELECT o.code FROM deliveries d JOIN outlets o ON o.id = d.outlet_id "
            "WHERE d.customer IS NOT NULL GROUP BY o.code ORDER BY count(*) DESC").fetchone()[0],
        "handover": database.execute("SELECT min(id) FROM handovers").fetchone()[0],
        # Staff names are printed in full on purpose; a customer who shares one is left out.
        "names": {r[0] for r in database.execute(
            "SELECT customer FROM deliveries UNION SELECT applicant FROM applications "
            "UNION SELECT customer_name FROM policies UNION SELECT customer FROM contacts "
            "EXCEPT SELECT name FROM staff") if r[0] and len(r[0]) > 1},
        "phones": {r[0] for r in database.execute(
            "SELECT customer_phone FROM policies WHERE customer_phone <> ''")},
    }
    database.close()
    return path, facts


def exports(db_path, facts):
    """Every command that writes customers' data, as argument lists (without --out)."""
    base = ["--db", str(db_path), "--lang", "en", "--today", TODAY.isoformat()]
    return {
        "register.md": ["export", "register", "--outlet", facts["outlet"], *base],
        "register.csv": ["export", "register", "--outlet", facts["outlet"], "--format", "csv",
                         *base],
        "handover.csv": ["export", "handover", "--id", str(facts["handover"]), "--format", "csv",
                         *base],
        "week.md": ["report", "week", *base],
        "week.csv": ["report", "week", "--format", "csv", *base],
    }


def test_exports_are_owner_only_and_mask_customers_unless_asked(demo, tmp_path, capsys):
    db_path, facts = demo
    assert facts["names"] and facts["phones"]
    shown_unmasked = set()
    for name, argv in exports(db_path, facts).items():
        target = tmp_path / name
        assert main([*argv, "--out", str(target)]) == 0, capsys.readouterr().err
        assert target.stat().st_mode & 0o777 == 0o600, name
        text = target.read_bytes().decode("utf-8-sig")
        leaked = [n for n in facts["names"] | facts["phones"] if n in text]
        assert leaked == [], f"{name} shows {leaked[:3]}"
        if not name.startswith("week"):  # the week lists customers only in some weeks
            assert "*" in text, name
        full = tmp_path / f"full-{name}"
        assert main([*argv, "--unmasked", "--out", str(full)]) == 0
        assert full.stat().st_mode & 0o777 == 0o600
        shown_unmasked |= {n for n in facts["names"] if n in full.read_text("utf-8-sig")}
    capsys.readouterr()
    assert shown_unmasked  # the names are there to mask: --unmasked shows them
    assert not list(tmp_path.glob(".*.partial"))


@pytest.mark.parametrize("what", ["register", "handover"])
def test_export_never_replaces_a_file_without_force(demo, tmp_path, capsys, what):
    db_path, facts = demo
    argv = exports(db_path, facts)[f"{what}.csv"]
    target = tmp_path / "mine.csv"
    target.write_text("precious")
    assert main([*argv, "--out", str(target)]) == 1
    err = capsys.readouterr().err
    assert "--force" in err and len(err.strip().splitlines()) == 1
    assert target.read_text() == "precious"
    assert main([*argv, "--out", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8").startswith(("Line,", "Outlet,"))
    assert target.stat().st_mode & 0o777 == 0o600
    assert not list(tmp_path.glob(".*.partial"))


def test_export_into_a_missing_or_read_only_folder_writes_nothing(demo, tmp_path, capsys):
    import os

    db_path, facts = demo
    argv = exports(db_path, facts)["register.md"]
    assert main([*argv, "--out", str(tmp_path / "no" / "book.md")]) == 1
    err = capsys.readouterr().err
    assert "does not exist" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "no").exists()
    if os.geteuid() == 0:
        return  # root writes anywhere
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    assert main([*argv, "--out", str(locked / "book.md")]) == 1
    err = capsys.readouterr().err
    assert "not writable" in err and len(err.strip().splitlines()) == 1
    assert list(locked.iterdir()) == []


def test_a_write_that_fails_midway_leaves_no_file(demo, tmp_path, capsys, monkeypatch):
    """A full disk while writing the export: no file appears, not even a partial one."""
    import os

    db_path, facts = demo
    real_fsync = os.fsync

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    target = tmp_path / "book.md"
    assert main([*exports(db_path, facts)["register.md"], "--out", str(target)]) == 1
    monkeypatch.setattr(os, "fsync", real_fsync)
    err = capsys.readouterr().err
    assert "No space left" in err and len(err.strip().splitlines()) == 1
    assert not target.exists() and not list(tmp_path.glob(".*.partial"))


FORMULAS = ('=HYPERLINK("http://evil.example","open")', "@SUM(1+1)", "+1+cmd|' /C calc'!A0")


def _cells_of(path):
    """Every cell of a CSV or .xlsx export, with whether it is a formula (xlsx)."""
    import csv
    import io

    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(path).active
        return [(c.value, c.data_type == "f") for row in sheet.iter_rows() for c in row
                if c.value is not None]
    text = path.read_bytes().decode("utf-8-sig")
    return [(c, False) for row in csv.reader(io.StringIO(text, newline="")) for c in row]


def test_exports_neutralise_formulas_in_notes_names_and_summaries(demo, tmp_path, capsys):
    """A note, an applicant or a summary typed as a formula is shown as text in every
    CSV and .xlsx export (a leading quote), never run; numbers stay numbers."""
    from workbench.core.cells import TRIGGERS, is_number_text
    from workbench.review.week import save_summary, week_of

    db_path, facts = demo
    database = open_db(db_path)
    with database.atomic():
        outlet_id = database.execute("SELECT id FROM outlets WHERE code = ?",
                                     [facts["outlet"]]).fetchone()[0]
        database.execute("UPDATE deliveries SET note = ? WHERE id IN (SELECT delivery_id FROM "
                         "open_lines WHERE outlet_id = ?)", [FORMULAS[0], outlet_id])
        database.execute("UPDATE applications SET applicant = ? WHERE handover_id = ?",
                         [FORMULAS[1], facts["handover"]])
    assert database.execute("SELECT changes()").fetchone()[0] > 0
    save_summary(database, week_of(TODAY), FORMULAS[2], NOW)
    database.close()
    argv = exports(db_path, facts)
    runs = {name: [*argv[name], "--unmasked"] for name in ("register.csv", "handover.csv",
                                                            "week.csv")}
    runs["week.xlsx"] = ["report", "week", "--format", "xlsx", *argv["week.csv"][4:]]
    seen = set()
    for name, args in runs.items():
        target = tmp_path / name
        assert main([*args, "--out", str(target)]) == 0, capsys.readouterr().err
        for value, formula in _cells_of(target):
            assert not formula, (name, value)
            if isinstance(value, str):
                assert not value.startswith(TRIGGERS) or is_number_text(value), (name, value)
                seen |= {f for f in FORMULAS if value == "'" + f}
    assert seen == set(FORMULAS)
