"""The company's target sheet: GB18030 or BOM CSV and .xlsx, all or nothing, per-row errors."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import NOW
from workbench.cli import main
from workbench.core.errors import WorkbenchError
from workbench.roster.sheets import read_rows
from workbench.targets import importer, targets

SHEET = "网点代码,期间,开始,保费任务(万元),标保任务(万元)\n" \
        "CCB-1,月,2026-11,5,0.5\nCCB-1,年度,2026,60,\nICBC-2,季,2026-Q4,,3\n"


def write(tmp_path, text, encoding="gb18030"):
    path = tmp_path / "tasks.csv"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig"])
def test_a_company_sheet_is_imported(db, two, tmp_path, encoding):
    rows = read_rows(write(tmp_path, SHEET, encoding))
    summary = importer.import_targets(db, rows, NOW)
    assert (summary.added, summary.updated, summary.errors) == (3, 0, ())
    month = [t for t in targets.outlet_targets(db, two[0]) if t.period.kind == "month"][0]
    assert (month.premium, month.standard_premium, month.source) == (50000, 5000, "import")
    again = importer.import_targets(db, rows, NOW)
    assert (again.added, again.updated) == (0, 3)  # the same file twice: replaced, not doubled


def test_xlsx_sheet(db, two, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["code", "period", "starts", "premium"])
    sheet.append(["ICBC-2", "month", "2026-12-01", 12.5])
    path = tmp_path / "tasks.xlsx"
    book.save(path)
    assert importer.import_targets(db, read_rows(path), NOW).added == 1
    [t] = targets.outlet_targets(db, two[1])
    assert (t.period.start, t.premium) == (date(2026, 12, 1), 125000)


def test_one_bad_row_and_nothing_is_written(db, two, tmp_path):
    text = SHEET + "NOPE-9,月,2026-11,1,\nCCB-1,月,2026-13,1,\nCCB-1,月,2026-11,-1,\n" \
        "ICBC-2,季,2026-Q4,,\nCCB-1,月,2026-11-30,2,\n"
    summary = importer.import_targets(db, read_rows(write(tmp_path, text)), NOW)
    rows = {(e.row, e.column) for e in summary.errors}
    assert rows == {(5, "网点代码"), (6, "开始"), (7, "保费任务(万元)"), (8, "保费任务(万元)"),
                    (9, "网点代码")}
    assert "row 9" in str([e for e in summary.errors if e.row == 9][0])  # duplicates row 2
    assert db.execute("SELECT count(*) FROM outlet_targets").fetchone()[0] == 0


@pytest.mark.parametrize("header, key", [
    ("网点代码,期间,保费任务", "target.import.missing_columns"),
    ("网点代码,期间,开始", "target.import.missing_columns"),
    ("网点代码,期间,开始,保费任务,完成", "target.import.unknown_columns"),
])
def test_header_problems_are_one_message(db, two, tmp_path, header, key):
    cells = ",".join(["CCB-1", "月", "2026-11", "1", "1"][:header.count(",") + 1])
    rows = read_rows(write(tmp_path, header + "\n" + cells + "\n"))
    with pytest.raises(WorkbenchError) as err:
        importer.import_targets(db, rows, NOW)
    assert err.value.key == key


def test_the_command_imports_and_refuses(db, db_path, two, tmp_path, capsys):
    db.close()
    good = write(tmp_path, SHEET)
    assert main(["targets", "import", str(good), "--db", str(db_path), "--lang", "en"]) == 0
    assert "3 added" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("网点代码,期间,开始,保费任务\nCCB-1,月,2026-11,abc\n", encoding="utf-8")
    assert main(["targets", "import", str(bad), "--db", str(db_path), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert "row 2" in err and "Traceback" not in err
