"""A branch's own customer list (tests/fixtures/branch/customers.csv, GB18030): 手机号,
开户网点 by name, 推荐柜员, 客户来源 in the branch's words, 到期金额(万元) and 2026/12/8
dates import whole; amounts become their band (the sum itself is not kept)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.conftest import NOW
from workbench.core import i18n
from workbench.core.config import Config
from workbench.customers import deposits, records, sheet
from workbench.roster.importer import import_rows
from workbench.roster.sheets import read_rows

BRANCH = Path(__file__).resolve().parents[2] / "fixtures" / "branch"


@pytest.fixture
def branch(db):
    for kind in ("outlets", "staff"):
        summary = import_rows(db, kind, read_rows(BRANCH / f"{kind}.csv"), Config(),
                              skip_invalid=False, now=NOW)
        assert summary.errors == (), [str(e) for e in summary.errors]
    return db


def customers_in(db, rows):
    summary = sheet.import_customers(db, rows, Config(), skip_invalid=False, now=NOW)
    assert summary.errors == (), [str(e) for e in summary.errors]
    return summary


def held(db, name: str) -> list[tuple[str, str]]:
    cid = db.execute("SELECT id FROM customers WHERE name = ?", [name]).fetchone()[0]
    return [(d.band, d.matures_on.isoformat()) for d in deposits.deposits_of(db, cid)]


def test_the_branch_customer_list_imports_whole(branch):
    db = branch
    assert customers_in(db, read_rows(BRANCH / "customers.csv")).added == 30
    assert held(db, "钱淑芬") == [("50k_200k", "2027-01-01")]  # 8 万元
    assert held(db, "严建军") == [("200k_500k", "2026-12-11")]  # 30 万元
    assert held(db, "金玉梅") == [("over_1m", "2027-01-05")]  # 120 万元
    assert held(db, "魏志强") == []
    zhao = records.get_customer(db, db.execute(
        "SELECT id FROM customers WHERE name = '钱淑芬'").fetchone()[0])
    assert (zhao.outlet_code, zhao.referrer_name, zhao.consent) == ("34010101", "李勇", False)
    # no exact sum anywhere in the file: only the band
    assert not db.execute("SELECT 1 FROM deposits WHERE band GLOB '*[0-9]*万*'").fetchone()


@pytest.mark.parametrize(("written", "source", "shown"), [
    ("柜员推荐", "referral", "柜员推荐"), ("老客户转介绍", "referral", "老客户转介绍"),
    ("转介绍", "referral", "转介绍"), ("产说会", "event", "产说会"),
    ("社区活动", "event", "社区活动"), ("自然到访", "walk_in", "自然到访"),
    ("电话", "other", "电话"), ("", "referral", "柜员推荐"),
])
def test_a_source_is_kept_as_written_and_filed_under_its_kind(db, written, source, shown):
    i18n.set_language("zh")
    customers_in(db, [{"客户姓名": "赵六", "手机号": "13900001234", "客户来源": written}])
    c = records.list_customers(db)[0]
    assert (c.source, c.source_shown) == (source, shown)


@pytest.mark.parametrize(("header", "cell", "band"), [
    ("到期金额(万元)", "8", "50k_200k"), ("到期金额（万元）", "50", "500k_1m"),
    ("金额(元)", "80,000", "50k_200k"), ("金额（元）", "¥1,000,000", "over_1m"),
    ("存款金额", "30万", "200k_500k"), ("存款金额", "4.99万元", "under_50k"),
    ("存款金额", "20-50万", "200k_500k"),
    # a range as a branch writes it: the band of its lower end
    ("存款金额", "5万-20万", "50k_200k"), ("存款金额", "5万至20万元", "50k_200k"),
    ("金额(元)", "50,000-200,000", "50k_200k"), ("到期金额(万元)", "10~30", "50k_200k"),
])
def test_an_amount_with_its_unit_in_the_header_or_cell_is_its_band(db, header, cell, band):
    customers_in(db, [{"姓名": "赵六", "手机号码": "13900001234", header: cell,
                       "存款到期日": "2026年12月8日"}])
    assert held(db, "赵六") == [(band, "2026-12-08")]


def test_an_amount_that_is_not_one_is_named(db):
    summary = sheet.import_customers(db, [{"姓名": "赵六", "到期金额(万元)": "很多",
                                           "到期日": "2026/12/8"}], Config(),
                                     skip_invalid=False, now=NOW)
    assert [(e.column, e.key) for e in summary.errors] == [("到期金额(万元)", "import.bad_amount")]
    assert records.count_customers(db) == 0


def test_the_customer_list_as_xlsx_with_date_cells_and_a_number_amount(branch, tmp_path):
    from datetime import datetime

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["客户姓名", "联系电话", "所属网点", "介绍人", "到期金额(万元)", "到期日期"])
    ws.append(["冯秋", "13900004321", "34010101", "李勇", 25, datetime(2026, 12, 8)])
    ws.append(["褚夏", "13900004322", "建行合肥三孝口分理处", "", 5.5, 46364])
    path = tmp_path / "客户.xlsx"
    book.save(path)
    customers_in(branch, read_rows(path))
    assert held(branch, "冯秋") == [("200k_500k", "2026-12-08")]
    assert held(branch, "褚夏") == [("50k_200k", "2026-12-08")]


def test_importing_the_list_again_keeps_what_the_manager_recorded(branch):
    """Consent (no column in the file) and a note (an empty cell) recorded in the app stay
    when the same branch list is imported again; the source the file gives stays as read."""
    rows = read_rows(BRANCH / "customers.csv")
    customers_in(branch, rows)
    name = rows[1]["客户姓名"]  # 孔国强: no note in the file
    cid = branch.execute("SELECT id FROM customers WHERE name = ?", [name]).fetchone()[0]
    before = tuple(branch.execute("SELECT source, source_text FROM customers WHERE id = ?",
                                  [cid]).fetchone())
    with branch.atomic():
        branch.execute("UPDATE customers SET consent = 1, notes = '周三下午方便' WHERE id = ?",
                       [cid])
    summary = customers_in(branch, rows)
    assert summary.added == 0
    after = branch.execute("SELECT consent, notes, source, source_text FROM customers "
                           "WHERE id = ?", [cid]).fetchone()
    assert tuple(after) == (1, "周三下午方便", *before)


def test_a_known_customers_empty_cells_keep_their_values(branch):
    first = [{"姓名": "林小雨", "手机号": "13900001111", "同意联系": "是", "备注": "老客户"}]
    customers_in(branch, first)
    customers_in(branch, [{"姓名": "林小雨", "手机号": "13900001111", "同意联系": "",
                           "备注": ""}])
    assert tuple(branch.execute("SELECT consent, notes FROM customers WHERE name = '林小雨'")
                 .fetchone()) == (1, "老客户")
