"""Importing customers: the outlets' importer rules (all-or-nothing, every bad cell, one
row per key, GB18030/BOM/.xlsx) with the customers' columns; export masked."""

from __future__ import annotations

import openpyxl
import pytest

from tests.conftest import NOW
from tests.domain.customers.helpers import customer, outlet_with_staff
from workbench.cli import main
from workbench.core.config import Config
from workbench.customers import deposits, records, sheet
from workbench.roster.sheets import read_rows

HEADER = "姓名,手机,网点代码,推荐人,阶段,存款金额,到期日\n"
GOOD = "赵六,13811112222,A1,甲,意向,20-50万,2026-12-20\n钱七,13811113333,A1,,,,\n"


def write(tmp_path, text: str, encoding: str = "utf-8-sig", name: str = "c.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_good_rows_in_each_encoding(db, tmp_path, encoding):
    oid, (a, _) = outlet_with_staff(db)
    rows = read_rows(write(tmp_path, HEADER + GOOD, encoding))
    summary = sheet.import_customers(db, rows, Config(), skip_invalid=False, now=NOW)
    assert (summary.added, summary.errors) == (2, ())
    zhao = records.get_customer(db, records.find_customer(db, "赵六", "13811112222", oid))
    assert (zhao.stage, zhao.referrer_id, zhao.outlet_id) == ("intention", a, oid)
    assert [d.band for d in deposits.deposits_of(db, zhao.id)] == ["200k_500k"]
    # the same file again: updated, never duplicated
    again = sheet.import_customers(db, rows, Config(), skip_invalid=False, now=NOW)
    assert (again.added, again.updated) == (0, 2)
    assert records.count_customers(db) == 2
    assert len(deposits.deposits_of(db, zhao.id)) == 1


def test_bad_rows_write_nothing_and_every_bad_cell_is_named(db, tmp_path):
    outlet_with_staff(db)
    text = HEADER + GOOD + ",13811114444,A1,,,,\n孙八,123,XX,,赢了,,\n周九,,A1,丙,,,2026-12-01\n"
    summary = sheet.import_customers(db, read_rows(write(tmp_path, text)), Config(),
                                     skip_invalid=False, now=NOW)
    errors = {(e.row, e.column) for e in summary.errors}
    assert errors == {(4, "姓名"), (5, "手机"), (5, "网点代码"), (5, "阶段"), (6, "推荐人"),
                      (6, "存款金额")}
    assert summary.bad_rows == 3
    assert records.count_customers(db) == 0
    skipped = sheet.import_customers(db, read_rows(write(tmp_path, text)), Config(),
                                     skip_invalid=True, now=NOW)
    assert (skipped.added, skipped.skipped) == (2, 3)


def test_a_row_twice_and_a_deposit_half_given(db, tmp_path):
    outlet_with_staff(db)
    text = HEADER + GOOD + "赵六,13811112222,A1,甲,意向,20-50万,2026-12-20\n吴十,,A1,,,5-20万,\n"
    summary = sheet.import_customers(db, read_rows(write(tmp_path, text)), Config(),
                                     skip_invalid=False, now=NOW)
    assert [(e.row, e.key) for e in summary.errors] == [
        (4, "import.duplicate_in_file"), (5, "error.required")]


def test_an_import_never_moves_a_sold_customer_back(db, tmp_path):
    oid, _ = outlet_with_staff(db)
    customer(db, "赵六", oid, stage="sold", phone="13811112222")
    text = HEADER + "赵六,13811112222,A1,,准客户,,\n"
    summary = sheet.import_customers(db, read_rows(write(tmp_path, text)), Config(),
                                     skip_invalid=False, now=NOW)
    assert [e.column for e in summary.errors] == ["阶段"]
    same = read_rows(write(tmp_path, HEADER + "赵六,13811112222,A1,,,,\n"))
    kept = sheet.import_customers(db, same, Config(), skip_invalid=False, now=NOW)
    assert kept.updated == 1 and records.list_customers(db)[0].stage == "sold"


def test_xlsx_and_the_cli(db, db_path, tmp_path, capsys):
    outlet_with_staff(db)
    db.close()
    book = openpyxl.Workbook()
    for row in [line.split(",") for line in (HEADER + GOOD).strip().split("\n")]:
        book.active.append(row)
    book.save(tmp_path / "c.xlsx")
    assert main(["customers", "import", str(tmp_path / "c.xlsx"), "--db", str(db_path)]) == 0
    bad = write(tmp_path, HEADER + "孙八,123,A1,,,,\n")
    assert main(["customers", "import", str(bad), "--db", str(db_path)]) == 1
    assert "row 2" in capsys.readouterr().err


def test_export_is_masked_unless_asked(db, db_path, tmp_path, capsys):
    oid, _ = outlet_with_staff(db)
    customer(db, "欧阳娜娜", oid, phone="13812345678")
    db.close()
    out = tmp_path / "out.csv"
    assert main(["customers", "export", str(out), "--db", str(db_path)]) == 0
    text = out.read_bytes().decode("utf-8-sig")
    assert "欧***" in text and "138****5678" in text
    assert "欧阳娜娜" not in text and "13812345678" not in text
    assert main(["customers", "export", str(out), "--db", str(db_path), "--unmasked",
                 "--force"]) == 0
    text = out.read_bytes().decode("utf-8-sig")
    assert "欧阳娜娜" in text and "13812345678" in text
    # an existing file is not replaced without --force: one line, exit 1
    assert main(["customers", "export", str(out), "--db", str(db_path)]) == 1


def test_an_unknown_column_lists_the_customers_columns(db, tmp_path):
    from workbench.core.errors import WorkbenchError

    rows = read_rows(write(tmp_path, "姓名,年龄\n张三,30\n"))
    with pytest.raises(WorkbenchError) as caught:
        sheet.import_customers(db, rows, Config(), skip_invalid=False, now=NOW)
    message = str(caught.value)
    assert "年龄" in message and "Referred by (staff)" in message and "field." not in message
