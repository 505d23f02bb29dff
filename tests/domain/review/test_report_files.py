"""Reports a channel manager can combine: the .xlsx read back with openpyxl (sheets,
types, number formats, frozen bold headers), the CSV parsed (plain numbers), the manager
and grade on each, mood and habits only on opt-in."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from tests.conftest import TODAY, copy_database
from workbench.core.config import Config, ManagerConfig, ReviewConfig
from workbench.review import reports
from workbench.review import week as review
from workbench.review.periods import parse_span, span_of
from workbench.storage import open_db

CONFIG = replace(Config(), manager=ManagerConfig(name="王小明", grade=9))


@pytest.fixture
def demo(demo_template, tmp_path):
    path = tmp_path / "demo.db"
    copy_database(demo_template, path)
    database = open_db(path)
    yield database
    database.close()


def xlsx(demo, tmp_path, kind="month", config=CONFIG, **kw):
    span = span_of(TODAY, kind) if kind != "week" else review.week_of(TODAY)
    path = tmp_path / f"{kind}.xlsx"
    path.write_bytes(reports.build(demo, span, config, "xlsx", today=TODAY, kind=kind, **kw))
    return load_workbook(path)


def test_the_monthly_xlsx_has_its_sheets_with_formatted_numbers(demo, tmp_path):
    book = xlsx(demo, tmp_path)
    assert book.sheetnames == ["Summary", "Outlets", "Policies", "Register"]
    summary = book["Summary"]
    meta = {row[0]: row[1] for row in summary.iter_rows(max_row=4, values_only=True)}
    assert meta["Manager"] == "王小明"
    assert meta["Grade"] == "Grade 9 Account manager"
    assert "monthly report 2026-11" in summary["A1"].value
    assert summary.freeze_panes == "A7" and summary["A6"].font.b
    rows = {r[1].value: r for r in summary.iter_rows(min_row=7) if r[1].value}
    coverage = rows["Contact-plan coverage"]
    assert isinstance(coverage[2].value, float) and coverage[2].number_format == "0.0%"
    assert rows["Premium (CNY)"][2].number_format == "#,##0.00"
    assert isinstance(rows["Visits made"][2].value, int)
    outlets = book["Outlets"]
    assert outlets.freeze_panes == "A2" and all(c.font.b for c in outlets[1])
    header = [c.value for c in outlets[1]]
    assert header[:3] == ["Code", "Outlet", "Tier"] and "Completion" in header
    done = header.index("Completion") + 1
    target = header.index("Premium target (CNY)") + 1
    body = list(outlets.iter_rows(min_row=2))
    assert len(body) == 15
    for row in body:
        assert isinstance(row[target - 1].value, (int, float))  # the demo sets every target
        assert row[done - 1].number_format == "0.0%"
        assert row[target - 1].number_format == "#,##0.00"
    assert outlets.column_dimensions["B"].width > outlets.column_dimensions["C"].width
    # The field work's trainings, 早会 and events per outlet (the demo holds some).
    trained = header.index("Trainings, meetings, events")
    counts = [row[trained].value for row in body]
    assert all(isinstance(n, int) for n in counts) and sum(counts) > 0
    policies = book["Policies"]
    first = [c for c in policies[2]]
    assert isinstance(first[0].value, datetime) and first[0].number_format == "yyyy-mm-dd"
    assert first[2].value and first[3].value  # the outlet's code and name
    assert "*" in first[8].value  # masked customer


def test_mood_and_habits_only_on_opt_in(demo, tmp_path):
    def figures(book):
        return {r[1] for r in book["Summary"].iter_rows(min_row=7, values_only=True) if r[1]}

    left_out = figures(xlsx(demo, tmp_path))
    assert "Morning mood (average)" not in left_out and "Habits kept" not in left_out
    opted = figures(xlsx(demo, tmp_path, include_self=True))
    assert {"Habits kept"} <= opted
    by_config = replace(CONFIG, review=ReviewConfig(share_self=True))
    assert figures(xlsx(demo, tmp_path, config=by_config)) == opted
    md = reports.build(demo, review.week_of(TODAY), CONFIG, "md", today=TODAY).decode()
    assert "Mood and habits left out" in md and "Grade 9 Account manager" in md


def test_the_csv_holds_plain_numbers(demo):
    raw = reports.build(demo, span_of(TODAY, "quarter"), CONFIG, "csv", today=TODAY,
                        kind="quarter").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw)))
    assert ["Manager", "王小明"] in rows and ["Grade", "Grade 9 Account manager"] in rows
    header = rows.index(["Area", "Figure", "Unit", "This quarter", "Last quarter", "Change"])
    numbers = 0
    for row in rows[header + 1:]:
        if not row:
            break
        for cell in row[3:]:
            assert "," not in cell and "%" not in cell and "−" not in cell
            if cell:
                float(cell)  # parses
                numbers += 1
    assert numbers > 20
    coverage = next(r for r in rows if len(r) > 1 and r[1] == "Contact-plan coverage")
    assert coverage[2] == "%" and 0 <= float(coverage[3]) <= 100
    start = rows.index(["Outlets"])
    assert len(rows[start + 1]) == len(rows[start + 2]) and float(rows[start + 2][8]) >= 0


def test_a_negative_change_is_an_ascii_minus():
    assert reports.plain(-2.0, "count") == -2 and str(reports.plain(-2.0, "count")) == "-2"
    assert reports.plain(0.5556, "percent") == 55.56
    assert reports.plain(290000.0, "money") == 290000
    assert reports.plain(None, "money") == ""


@pytest.mark.parametrize("text, kind, start, end", [
    ("2026-11", "month", date(2026, 11, 1), date(2026, 11, 30)),
    ("2026-Q1", "quarter", date(2026, 1, 1), date(2026, 3, 31)),
    ("2026-12-31", "quarter", date(2026, 10, 1), date(2026, 12, 31)),
])
def test_spans(text, kind, start, end):
    span = parse_span(text, kind)
    assert (span.start, span.end) == (start, end)
    before = span.shift(-1)
    assert before.end.toordinal() + 1 == span.start.toordinal()


def test_the_command_writes_a_monthly_report(demo_template, tmp_path, capsys):
    from workbench.cli import main

    path = tmp_path / "demo.db"
    copy_database(demo_template, path)
    args = ["report", "month", "--period", "2026-11", "--format", "xlsx", "--db", str(path),
            "--lang", "en", "--today", TODAY.isoformat()]
    assert main(args) == 0
    written = tmp_path / "reports" / "monthly-2026-11.xlsx"
    assert written.exists() and "Report written" in capsys.readouterr().out
    assert load_workbook(written).sheetnames[1] == "Outlets"
    bad = ["report", "quarter", "--period", "2026-Q5", "--db", str(path), "--lang", "en"]
    assert main(bad) == 2 and "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["count", "money", "units", "percent", "hours", "score"])
def test_every_plain_number_parses_back(kind):
    from hypothesis import given
    from hypothesis import strategies as st

    @given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
    def check(value):
        text = csv.reader(io.StringIO(reports.render_plain_row([value], kind))).__next__()[0]
        assert "," not in text and "%" not in text and "−" not in text
        expected = value * 100 if kind == "percent" else value
        assert float(text) == pytest.approx(expected, rel=1e-12, abs=0.006)

    check()
