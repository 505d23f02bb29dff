"""Importing outlets and staff from CSV (each encoding Excel uses in China) and .xlsx."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import NOW
from workbench.cli import main
from workbench.core import i18n
from workbench.core.errors import WorkbenchError
from workbench.core.text import initials
from workbench.roster.importer import import_rows
from workbench.roster.sheets import read_rows
from workbench.storage import open_db

ZH_HEADER = ["网点代码", "网点名称", "银行", "等级", "地址", "电话", "负责人", "定期存款",
             "日均人流量"]
EN_HEADER = ["Code", "Name", "bank", "TIER", "Address", " phone ", "head", "Deposits Time",
             "traffic_daily"]
OUTLETS = [
    ["JS001", "建设银行城东支行", "建设银行", "A", "杭州市上城区解放路 88 号", "0571-88001234",
     "王建国", "1,200", "350"],
    ["GS002", "工商银行西湖支行", "工商银行", "b", "杭州市西湖区文三路 12 号", "13800138000",
     "李芳", "800.5", ""],
    ["NH003", "农业银行拱墅支行", "农业银行", "", "", "", "", "", "40"],
]


def write_csv(path, rows, encoding="utf-8"):
    buf = io.StringIO(newline="")
    csv.writer(buf).writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def write_xlsx(path, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def outlet_rows(db):
    return {r["code"]: r for r in db.query("SELECT * FROM outlets ORDER BY code")}


def run(db, kind, path, config, skip_invalid=False):
    return import_rows(db, kind, read_rows(path), config, skip_invalid=skip_invalid, now=NOW)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_each_encoding(db, config, tmp_path, encoding):
    path = write_csv(tmp_path / "outlets.csv", [ZH_HEADER, *OUTLETS], encoding)
    summary = run(db, "outlets", path, config)
    assert (summary.added, summary.updated, summary.skipped, summary.errors) == (3, 0, 0, ())
    rows = outlet_rows(db)
    assert rows["JS001"]["name"] == "建设银行城东支行"
    assert rows["JS001"]["deposits_time"] == 1200
    assert rows["JS001"]["traffic_daily"] == 350
    assert "jsyhcdzh" in rows["JS001"]["initials"].split()
    assert rows["GS002"]["tier"] == "B"
    assert rows["NH003"]["tier"] == "C"  # empty tier: the default
    assert rows["NH003"]["address"] is None
    assert rows["JS001"]["created_at"] == rows["JS001"]["updated_at"] == "2026-11-27 09:30:00"


def test_gb18030_file_with_rare_cjk_names(db, config, tmp_path):
    rows = [["网点代码", "名称", "负责人"], ["X1", "䶮银行𠮷野分理处", "𠀋先生"]]
    path = write_csv(tmp_path / "o.csv", rows, "gb18030")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")  # really not UTF-8
    run(db, "outlets", path, config)
    assert outlet_rows(db)["X1"]["name"] == "䶮银行𠮷野分理处"
    assert outlet_rows(db)["X1"]["head"] == "𠀋先生"


def test_english_headers_any_case_and_spacing(db, config, tmp_path):
    path = write_csv(tmp_path / "o.csv", [EN_HEADER, *OUTLETS])
    assert run(db, "outlets", path, config).added == 3
    assert outlet_rows(db)["GS002"]["phone"] == "13800138000"


def test_xlsx(db, config, tmp_path):
    rows = [ZH_HEADER, *OUTLETS]
    rows[1] = [*rows[1][:5], 13800138000, rows[1][6], 1200, 350]  # numbers as Excel stores them
    path = write_xlsx(tmp_path / "outlets.xlsx", rows)
    summary = run(db, "outlets", path, config)
    assert summary.added == 3
    assert outlet_rows(db)["JS001"]["phone"] == "13800138000"
    assert outlet_rows(db)["JS001"]["traffic_daily"] == 350


def test_blank_rows_are_skipped_and_row_numbers_match_excel(db, config, tmp_path):
    rows = [ZH_HEADER, OUTLETS[0], [""] * 9, ["BAD", "", "", "", "", "", "", "", ""]]
    summary = run(db, "outlets", write_csv(tmp_path / "o.csv", rows), config)
    assert [(e.row, e.column, e.key) for e in summary.errors] == [(4, "网点名称", "error.required")]


def test_wrong_header_names_the_column(db, config, tmp_path):
    path = write_csv(tmp_path / "o.csv", [["网点代码", "名称", "电话号"], ["A1", "x", "1"]])
    with pytest.raises(WorkbenchError) as err:
        run(db, "outlets", path, config)
    assert "电话号" in str(err.value)
    assert db["outlets"].count == 0


def test_missing_required_column(db, config, tmp_path):
    path = write_csv(tmp_path / "o.csv", [["名称", "地址"], ["x", "y"]])
    with pytest.raises(WorkbenchError) as err:
        run(db, "outlets", path, config)
    assert err.value.key == "import.missing_columns"
    assert "Code" in str(err.value)


def test_duplicate_header(db, config, tmp_path):
    path = write_csv(tmp_path / "o.csv", [["code", "name", "电话", "phone"], ["A", "x", "", ""]])
    with pytest.raises(WorkbenchError) as err:
        run(db, "outlets", path, config)
    assert err.value.key == "import.duplicate_columns"


def test_bad_rows_reported_by_row_and_column_and_nothing_written(db, config, tmp_path):
    rows = [
        ZH_HEADER,
        OUTLETS[0],
        ["A 1", "x" * 10_000, "", "Z", "", "abc", "", "-5", "1.5"],
        ["JS001", "重复代码", "", "", "", "", "", "", ""],
        ["OK9", "'; DROP TABLE outlets; --", "", "", "", "", "", "", ""],
    ]
    summary = run(db, "outlets", write_csv(tmp_path / "o.csv", rows), config)
    got = {(e.row, e.column, e.key) for e in summary.errors}
    assert (3, "网点代码", "error.bad_code") in got
    assert (4, "网点代码", "import.duplicate_in_file") in got
    # every bad cell of row 3 is named, not only the first
    assert sorted(c for r, c, _ in got if r == 3) == sorted(
        ["网点代码", "网点名称", "等级", "电话", "定期存款", "日均人流量"])
    assert summary.bad_rows == 2
    assert db["outlets"].count == 0
    assert "row 4, 网点代码: duplicates row 2" in [str(e) for e in summary.errors]


@pytest.mark.parametrize(("index", "value", "key"), [
    (1, "x" * 10_000, "error.too_long"), (1, "a\x07b", "error.control_chars"),
    (3, "Z", "error.bad_choice"), (5, "abc", "error.bad_phone"),
    (7, "-5", "error.too_small"), (7, "lots", "error.not_number"),
    (8, "1.5", "error.not_integer"), (8, "1e30", "error.too_large"),
])
def test_each_bad_cell_is_named(db, config, tmp_path, index, value, key):
    row = list(OUTLETS[0])
    row[index] = value
    summary = run(db, "outlets", write_csv(tmp_path / "o.csv", [ZH_HEADER, row]), config)
    assert [(e.row, e.column, e.key) for e in summary.errors] == [(2, ZH_HEADER[index], key)]
    assert db["outlets"].count == 0


def test_skip_invalid_imports_the_good_rows(db, config, tmp_path):
    rows = [ZH_HEADER, OUTLETS[0], ["B2", "", "", "", "", "", "", "", ""], OUTLETS[1]]
    path = write_csv(tmp_path / "o.csv", rows)
    summary = run(db, "outlets", path, config, skip_invalid=True)
    assert (summary.added, summary.skipped, len(summary.errors)) == (2, 1, 1)
    assert set(outlet_rows(db)) == {"JS001", "GS002"}


def test_reimport_updates_by_code_and_never_duplicates(db, config, tmp_path):
    path = write_csv(tmp_path / "o.csv", [ZH_HEADER, *OUTLETS])
    run(db, "outlets", path, config)
    created = outlet_rows(db)["JS001"]["created_at"]
    again = run(db, "outlets", path, config)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    changed = [list(r) for r in OUTLETS]
    changed[0][1] = "建设银行城东支行(新址)"
    changed[1][7] = "900"
    later = NOW.replace(hour=11)
    summary = import_rows(db, "outlets", read_rows(write_csv(tmp_path / "o2.csv",
                                                             [ZH_HEADER, *changed])),
                          config, skip_invalid=False, now=later)
    assert (summary.added, summary.updated, summary.unchanged) == (0, 2, 1)
    rows = outlet_rows(db)
    assert db["outlets"].count == 3
    assert rows["JS001"]["name"] == "建设银行城东支行(新址)"
    assert rows["JS001"]["created_at"] == created
    assert rows["JS001"]["updated_at"] == "2026-11-27 11:30:00"
    assert rows["GS002"]["deposits_time"] == 900
    assert rows["NH003"]["updated_at"] == "2026-11-27 09:30:00"


def test_columns_missing_from_a_later_file_are_kept(db, config, tmp_path):
    run(db, "outlets", write_csv(tmp_path / "o.csv", [ZH_HEADER, *OUTLETS]), config)
    run(db, "outlets", write_csv(tmp_path / "p.csv", [["code", "name"], ["JS001", "新名"]]),
        config)
    row = outlet_rows(db)["JS001"]
    # the bank as the app writes it (the file said 建设银行)
    assert (row["name"], row["tier"], row["bank"]) == ("新名", "A", "中国建设银行")


STAFF = [
    ["网点代码", "姓名", "岗位", "电话", "生日", "备注"],
    ["JS001", "张伟", "主任", "13900000001", "1980/3/5", ""],
    ["JS001", "刘洋", "wealth manager", "", "", "爱打羽毛球"],
    ["GS002", "陈静", "key_teller", "", "1990-12-01", ""],
    ["GS002", "赵敏", "", "", "", ""],
]


def test_staff_import_links_to_outlets(db, config, tmp_path):
    run(db, "outlets", write_csv(tmp_path / "o.csv", [ZH_HEADER, *OUTLETS]), config)
    summary = run(db, "staff", write_csv(tmp_path / "s.csv", STAFF), config)
    assert (summary.added, summary.errors) == (4, ())
    staff = {r["name"]: r for r in db.query(
        "SELECT s.*, o.code FROM staff s JOIN outlets o ON o.id = s.outlet_id")}
    assert staff["张伟"]["role"] == "head" and staff["张伟"]["code"] == "JS001"
    assert staff["张伟"]["birthday"] == "1980-03-05"
    assert staff["刘洋"]["role"] == "wealth_manager"
    assert staff["陈静"]["role"] == "key_teller"
    assert staff["赵敏"]["role"] == "teller"
    assert staff["刘洋"]["initials"].split()[0] == "ly"
    # re-import: keyed on (outlet code, name); an empty role keeps the stored one
    db.execute("UPDATE staff SET role = 'deputy' WHERE name = '赵敏'")
    again = run(db, "staff", write_csv(tmp_path / "s.csv", STAFF), config)
    assert (again.added, again.unchanged) == (0, 4)
    assert db["staff"].count == 4
    assert next(db.query("SELECT role FROM staff WHERE name = '赵敏'"))["role"] == "deputy"


def test_staff_with_unknown_outlet_or_bad_values(db, config, tmp_path):
    run(db, "outlets", write_csv(tmp_path / "o.csv", [ZH_HEADER, *OUTLETS]), config)
    rows = [STAFF[0], ["NOPE", "王五", "", "", "", ""], ["JS001", "孙七", "保安", "", "", ""],
            ["JS001", "周八", "", "", "2026-02-30", ""], ["JS001", "孙七", "柜员", "", "", ""]]
    summary = run(db, "staff", write_csv(tmp_path / "s.csv", rows), config)
    # 保安 is a role of its own words (other, shown as 保安), not an error
    assert [(e.row, e.column, e.key) for e in summary.errors] == [
        (2, "网点代码", "import.no_outlet"), (4, "生日", "error.no_such_date"),
        (5, "姓名", "import.duplicate_in_file")]
    assert db["staff"].count == 0


def test_staff_header_needs_outlet_code(db, config, tmp_path):
    with pytest.raises(WorkbenchError) as err:
        run(db, "staff", write_csv(tmp_path / "s.csv", [["姓名"], ["张三"]]), config)
    assert err.value.key == "import.missing_columns"


@pytest.mark.parametrize(("content", "key"), [
    (b"", "import.empty"),
    (b"  \r\n\r\n", "import.empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "import.binary"),
    ("网点代码,名称\r\n".encode("utf-16"), "import.binary"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "import.old_xls"),
    (b"code,name\r\n", "import.no_rows"),
    (b"code,name\r\nA1,x,extra\r\n", "import.extra_cells"),
    (b"code,,name\r\nA1,lost,x\r\n", "import.extra_cells"),
])
def test_unreadable_files(tmp_path, content, key):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(WorkbenchError) as err:
        read_rows(path)
    assert err.value.key == key
    assert str(err.value) != key  # translated


def test_truncated_xlsx(tmp_path):
    good = write_xlsx(tmp_path / "good.xlsx", [ZH_HEADER, *OUTLETS])
    data = good.read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(WorkbenchError) as err:
        read_rows(cut)
    assert err.value.key == "import.bad_xlsx"


def test_missing_file(tmp_path):
    with pytest.raises(WorkbenchError) as err:
        read_rows(tmp_path / "nope.csv")
    assert err.value.key == "import.no_file"


def test_import_survives_reopening(db_path, config, tmp_path):
    path = write_csv(tmp_path / "o.csv", [ZH_HEADER, *OUTLETS], "utf-8-sig")
    assert main(["--db", str(db_path), "import", "outlets", str(path)]) == 0
    again = open_db(db_path)
    try:
        assert set(outlet_rows(again)) == {"JS001", "GS002", "NH003"}
    finally:
        again.close()


def test_cli_end_to_end(tmp_path, capsys):
    db_path = tmp_path / "wb.db"
    outlets_csv = write_csv(tmp_path / "o.csv", [ZH_HEADER, *OUTLETS], "gb18030")
    staff_xlsx = write_xlsx(tmp_path / "s.xlsx", STAFF)
    base = ["--db", str(db_path), "--lang", "en"]
    assert main([*base, "import", "outlets", str(outlets_csv)]) == 0
    out = capsys.readouterr()
    assert out.out.strip() == "Import done: 3 added, 0 updated, 0 unchanged, 0 skipped"
    assert main([*base, "import", "staff", str(staff_xlsx)]) == 0
    assert "4 added" in capsys.readouterr().out

    bad = write_csv(tmp_path / "bad.csv", [ZH_HEADER, ["Z9", "", "", "", "", "x", "", "", ""]])
    assert main([*base, "import", "outlets", str(bad)]) == 1
    captured = capsys.readouterr()
    err = captured.err.splitlines()
    assert err == [
        "row 2, 网点名称: is required",
        "row 2, 电话: is not a phone number (e.g. 010-12345678 or 13800000000)",
        "workbench: 1 row(s) have errors; nothing was imported (fix them and import again, "
        "or use --skip-invalid to skip them)"]
    assert captured.out == ""

    assert main([*base, "import", "outlets", str(bad), "--skip-invalid"]) == 0
    assert "1 skipped" in capsys.readouterr().out

    for path in (tmp_path / "missing.csv", tmp_path):
        assert main([*base, "import", "outlets", str(path)]) == 1
        captured = capsys.readouterr()
        assert len(captured.err.strip().splitlines()) == 1
        assert captured.err.startswith("workbench: ")
    wrong = write_csv(tmp_path / "w.csv", [["网点代码", "名称", "颜色"], ["A", "b", "c"]])
    assert main([*base, "import", "outlets", str(wrong)]) == 1
    assert capsys.readouterr().err.strip() == \
        "workbench: Unknown column(s): 颜色 (known columns include Code, Name, Bank, Tier, " \
        "Address, Phone, Person in charge, Time deposits (10k CNY)…)"
    assert main([*base, "import", "people", str(wrong)]) == 2


def test_cli_lists_at_most_twenty_errors(tmp_path, capsys):
    rows = [["code", "name"], *[[f"A{i}", ""] for i in range(30)]]
    path = write_csv(tmp_path / "o.csv", rows)
    assert main(["--db", str(tmp_path / "wb.db"), "--lang", "zh", "import", "outlets",
                 str(path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 22
    assert err[0] == "第 2 行,name:必填"
    assert err[20] == "……另有 10 处错误未列出"
    assert err[21].startswith("workbench: 30 行有错误,未导入任何数据")


def test_progress_for_large_files(db, config):
    rows = [{"code": f"C{i:05d}", "name": f"网点{i}"} for i in range(5000)]
    seen = []
    summary = import_rows(db, "outlets", rows, config, skip_invalid=False, now=NOW,
                          progress=lambda done, total: seen.append((done, total)))
    assert summary.added == 5000
    assert seen == [(2000, 5000), (4000, 5000), (5000, 5000)]
    assert db["outlets"].count == 5000


def test_zh_messages(db, config, tmp_path):
    i18n.set_language("zh")
    path = write_csv(tmp_path / "o.csv", [["code", "name", "phone"], ["A1", "x", "abc"]])
    summary = run(db, "outlets", path, config)
    assert str(summary.errors[0]).startswith("第 2 行,phone:电话号码格式不对")


CELL = st.text(max_size=30) | st.sampled_from(["", "1e400", "nan", "-1", "1,5", "A1", "中文"])


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cells=st.lists(st.lists(CELL, min_size=6, max_size=6), min_size=1, max_size=5))
def test_arbitrary_cells_never_crash(db, config, cells):
    header = ["网点代码", "名称", "等级", "电话", "日均人流量", "定期存款"]
    rows = [dict(zip(header, row, strict=True)) for row in cells]
    before = db["outlets"].count
    summary = import_rows(db, "outlets", rows, config, skip_invalid=False, now=NOW)
    if summary.errors:
        assert db["outlets"].count == before
        assert all(str(e) for e in summary.errors)
    else:
        assert summary.added + summary.updated + summary.unchanged == sum(
            1 for row in cells if any(c.strip() for c in row))


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=200))
def test_arbitrary_bytes_never_crash_the_reader(tmp_path, data):
    path = tmp_path / "any.csv"
    path.write_bytes(data)
    try:
        read_rows(path)
    except WorkbenchError as exc:
        assert str(exc)


def _reference_initials(text):
    """Every reading of the whole text at once, uncached (what initials() computes)."""
    from itertools import islice, product

    from pypinyin import Style, pinyin

    readings = pinyin(text, style=Style.FIRST_LETTER, heteronym=True, errors="default",
                      strict=False)
    options = [[r.lower().replace(" ", "") for r in dict.fromkeys(c)] or [""] for c in readings]
    variants = ("".join(combo) for combo in product(*options))
    return " ".join(dict.fromkeys(islice(variants, 64)))


NAME_CHARS = st.sampled_from(list("建设银行城东支行重长乐朝单中国工商农业"
                                  "招交通邮储䶮𠮷〇 Ab1-·()（）"))


@settings(max_examples=300, deadline=None)
@given(name=st.text(NAME_CHARS, max_size=14) | st.text(max_size=10))
def test_cached_initials_equal_pypinyin(name):
    # the importer relies on text.initials caching word by word; it must not change results
    assert initials(name) == _reference_initials(name)


def test_initials_of_polyphones():
    assert initials("建设银行") == "jsyh"
    assert initials("重庆银行长安分理处 2号").split()[0] == "cqyhcaflc2h"
    assert "cyzh" in initials("朝阳支行").split()
