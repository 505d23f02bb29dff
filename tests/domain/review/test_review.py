"""The weekly review: weeks, the hand-computed fixture week, summary, reports."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

import pytest

from tests.conftest import NOW
from workbench import cli
from workbench.core import privacy
from workbench.core.errors import ValidationError, WorkbenchError
from workbench.review import reports
from workbench.review import week as review
from workbench.roster import outlets, visits


def test_weeks_parse_shift_and_reject_impossible_ones():
    w = review.parse_week("2026-W48")
    assert (w.start, w.end, w.label) == (date(2026, 11, 23), date(2026, 11, 29), "2026-W48")
    assert w.shift(-1).label == "2026-W47"
    assert review.parse_week("2026-W53").start == date(2026, 12, 28)  # 2026 has 53 weeks
    assert review.parse_week("2026-W53").shift(1).label == "2027-W01"
    with pytest.raises(ValidationError, match="does not exist"):
        review.parse_week("2026-W54")
    with pytest.raises(ValidationError, match="not a week"):
        review.parse_week("last week")
    assert review.week_of(date(2026, 11, 27)).label == "2026-W48"
    sunday_week = review.week_of(date(2026, 11, 27), "sunday")
    assert sunday_week.start == date(2026, 11, 22)


def fixture_week(db):
    """Three outlets, visits hand-placed in weeks 47 and 48 of 2026."""
    tiers = ["A", "B", "C", "D"]
    a = outlets.add_outlet(db, outlets.OutletDraft(code="A", name="甲", tier="A"), tiers, NOW)
    b = outlets.add_outlet(db, outlets.OutletDraft(code="B", name="乙", tier="B"), tiers, NOW)
    outlets.add_outlet(db, outlets.OutletDraft(code="C", name="丙", tier="C"), tiers, NOW)

    def visit(oid, day, h1, h2):
        visits.record_visit(db, oid, datetime(2026, 11, day, h1), datetime(2026, 11, day, h2),
                             "stationed")

    visit(a, 10, 9, 11)   # week 46: A's last visit before week 47
    visit(a, 17, 9, 12)   # week 47: A due (10 + 7 = 17), 3 h
    visit(b, 18, 14, 15)  # week 47: B never visited before -> due, 1 h
    visit(a, 24, 9, 10)   # week 48: A due (17 + 7 = 24), 1 h
    visit(a, 26, 9, 11)   # week 48: 2 h
    # week 48: B next due 18 + 14 = Dec 2 -> not due; C never visited -> due, not visited
    return a, b


def test_fixture_week_by_hand(db, config):
    fixture_week(db)
    data = review.compute_week(db, review.parse_week("2026-W48"), config)
    got = {f.key: (f.value, f.previous) for f in data.figures}
    assert got["visits_made"] == (2, 2)
    assert got["outlets_visited"] == (1, 2)
    assert got["outlets_due"] == (2, 3)        # 48: A, C   47: A, B, C
    assert got["coverage"] == (0.5, 2 / 3)     # 48: A of {A, C}   47: A, B of {A, B, C}
    assert got["hours_stationed"] == (3, 4)


def test_summary_saved_and_read_back(db, config):
    week = review.parse_week("2026-W48")
    review.save_summary(db, week, "本周拜访两家网点。\n下周:培训柜员。", NOW)
    review.save_summary(db, week, "改过的总结", NOW)
    assert review.compute_week(db, week, config).summary == "改过的总结"
    with pytest.raises(ValidationError):
        review.save_summary(db, week, "bad\x00text", NOW)
    assert review.summary_for(db, week) == "改过的总结"


def test_reports_round_trip(db, config, tmp_path):
    fixture_week(db)
    week = review.parse_week("2026-W48")
    review.save_summary(db, week, "总结:驻点 3 小时", NOW)
    md = reports.build(db, week, config, "md").decode("utf-8")
    assert "2026-W48" in md and "2026-11-23" in md and "Contact-plan coverage | 50% | 67%" in md
    assert "总结:驻点 3 小时" in md
    raw = reports.build(db, week, config, "csv")
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    # Plain numbers: no change is 0 (a number, never a bare "=" a spreadsheet would run).
    assert ["Visits", "Visits made", "", "2", "2", "0"] in rows
    path = reports.write_file(tmp_path / "w.xlsx", reports.build(db, week, config, "xlsx"))
    from openpyxl import load_workbook

    sheet = load_workbook(path).active
    values = {row[1]: (row[2], row[3]) for row in sheet.iter_rows(values_only=True)}
    assert values["Hours at outlets"] == (3, 4)
    assert values["Outlets due a visit"] == (2, 3)


def test_write_file_refuses_existing_missing_folder_and_keeps_nothing_half(tmp_path):
    target = tmp_path / "r.md"
    reports.write_file(target, b"one")
    with pytest.raises(WorkbenchError, match="already exists"):
        reports.write_file(target, b"two")
    assert target.read_bytes() == b"one"
    reports.write_file(target, b"two", force=True)
    assert target.read_bytes() == b"two"
    with pytest.raises(WorkbenchError, match="does not exist"):
        reports.write_file(tmp_path / "missing" / "r.md", b"x")
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]


def test_masking():
    assert privacy.mask_name("张三丰") == "张**"
    assert privacy.mask_phone("13812345678") == "138****5678"
    assert privacy.mask_phone("") == ""


def test_cli_report(db, db_path, tmp_path, capsys):
    fixture_week(db)
    assert cli.main(["report", "week", "--week", "2026-W48", "--out", "-", "--db",
                     str(db_path), "--lang", "en"]) == 0
    assert "Account manager weekly report 2026-W48" in capsys.readouterr().out
    out = tmp_path / "w.csv"
    args = ["report", "week", "--week", "2026-W48", "--format", "csv", "--out", str(out),
            "--db", str(db_path), "--lang", "en"]
    assert cli.main(args) == 0
    assert cli.main(args) == 1 and "--force" in capsys.readouterr().err
    assert cli.main([*args, "--force"]) == 0
    bad = ["report", "week", "--week", "2026-W54", "--db", str(db_path), "--lang", "en"]
    # A week that does not exist is bad usage: exit code 2, as the README says.
    assert cli.main(bad) == 2 and "does not exist" in capsys.readouterr().err
    ro = ["report", "week", "--format", "md", "--out", str(tmp_path / "no" / "w.md"),
          "--db", str(db_path), "--lang", "en"]
    assert cli.main(ro) == 1 and "does not exist" in capsys.readouterr().err
