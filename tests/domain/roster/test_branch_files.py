"""A branch's own outlet and staff lists (tests/fixtures/branch, GB18030 CSV) import as
the bank wrote them: the bank read from the outlet's name, every role a bank uses
accepted and shown as written, the outlet named by code or by name, dates in the forms
Excel and people write."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tests.conftest import NOW
from workbench.core import i18n
from workbench.core.config import Config
from workbench.roster import outlets
from workbench.roster import staff as roster_staff
from workbench.roster.importer import import_rows
from workbench.roster.sheets import read_rows

BRANCH = Path(__file__).resolve().parents[2] / "fixtures" / "branch"


def imported(db, kind: str, rows):
    summary = import_rows(db, kind, rows, Config(), skip_invalid=False, now=NOW)
    assert summary.errors == (), [str(e) for e in summary.errors]
    return summary


def test_the_branch_outlet_list_imports_with_the_bank_taken_from_each_name(db):
    summary = imported(db, "outlets", read_rows(BRANCH / "outlets.csv"))
    assert summary.added == 15
    bank = dict(db.execute("SELECT name, bank FROM outlets").fetchall())
    assert bank["建设银行合肥芜湖路支行"] == "中国建设银行"
    assert bank["中国建设银行合肥政务区支行"] == "中国建设银行"
    assert bank["建行合肥三孝口分理处"] == "中国建设银行"
    assert bank["工行合肥马鞍山路分理处"] == "中国工商银行"
    assert bank["交通银行合肥宿州路支行"] == "交通银行"
    assert bank["中国银行合肥分行营业部"] == "中国银行"


def test_a_bank_column_written_short_is_the_same_bank(db):
    imported(db, "outlets", [{"网点代码": "X1", "网点名称": "合肥某某支行", "银行": "建行"},
                             {"网点代码": "X2", "网点名称": "合肥另一支行", "银行": ""}])
    assert dict(db.execute("SELECT code, bank FROM outlets").fetchall()) == {
        "X1": "中国建设银行", "X2": None}


def test_the_branch_staff_list_imports_every_role_a_bank_uses(db):
    imported(db, "outlets", read_rows(BRANCH / "outlets.csv"))
    summary = imported(db, "staff", read_rows(BRANCH / "staff.csv"))
    assert summary.added == 40
    people = {r[0]: r[1:] for r in db.execute("SELECT name, role, title, birthday FROM staff")}
    assert people["王静"][:2] == ("head", "网点主任")
    assert people["黄明"][:2] == ("teller", "综合柜员")
    assert people["周敏"][:2] == ("teller", "非综合柜员")
    assert people["刘文"][:2] == ("teller", "一般柜员")
    assert people["李勇"][:2] == ("wealth_manager", None)
    # every date form of the file lands as the same kind of day
    assert people["张秀英"][2] == "1977-03-07" and people["刘文"][2] == "1978-04-10"
    assert people["陈斌"][2] == "1979-05-13" and people["杨洋"][2] == "1980-06-16"


@pytest.mark.parametrize(("written", "role", "shown"), [
    ("客户经理", "other", "客户经理"),  # the bank's own account manager, never 理财经理
    ("网点主任", "head", "网点主任"), ("主任", "head", "主任"),
    ("网点负责人", "head", "网点负责人"),
    ("副主任", "deputy", "副主任"), ("理财经理", "wealth_manager", "理财经理"),
    ("重点柜员", "key_teller", "重点柜员"), ("一般柜员", "teller", "一般柜员"),
    ("柜员", "teller", "柜员"), ("综合柜员", "teller", "综合柜员"),
    ("非综合柜员", "teller", "非综合柜员"), ("保安", "other", "保安"),
])
def test_a_role_is_kept_as_written_and_filed_under_its_kind(db, written, role, shown):
    i18n.set_language("zh")
    outlet_id = outlets.add_outlet(db, outlets.OutletDraft(code="A1", name="网点", tier="A"),
                                   ["A"], NOW)
    imported(db, "staff", [{"网点代码": "A1", "姓名": "王五", "岗位": written}])
    person = roster_staff.list_staff(db, outlet_id)[0]
    assert (person.role, person.role_shown) == (role, shown)


def test_staff_name_their_outlet_by_name_and_phone_as_shouji_hao(db):
    imported(db, "outlets", read_rows(BRANCH / "outlets.csv"))
    imported(db, "staff", [{"所属网点": "建设银行合肥芜湖路支行", "姓名": "马丽",
                            "职务": "大堂经理", "手机号": "13900001111"}])
    assert db.execute("SELECT o.code, s.phone FROM staff s JOIN outlets o ON o.id = s.outlet_id"
                      " WHERE s.name = '马丽'").fetchone() == ("34010101", "13900001111")


def test_the_branch_lists_as_xlsx_with_real_date_cells(db, tmp_path):
    from datetime import datetime

    imported(db, "outlets", read_rows(BRANCH / "outlets.csv"))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["网点代码", "姓名", "岗位", "出生日期"])
    sheet.append([34010101, "马丽", "综合柜员", datetime(1988, 3, 9)])
    sheet.append([34010101, "牛犇", "客户经理", 32000])  # a date cell Excel shows as a serial
    path = tmp_path / "staff.xlsx"
    book.save(path)
    imported(db, "staff", read_rows(path))
    got = dict(db.execute("SELECT name, birthday FROM staff").fetchall())
    assert got == {"马丽": "1988-03-09", "牛犇": "1987-08-11"}


def test_a_bank_typed_in_the_form_is_written_as_an_imported_one(db):
    """One home for "a row imported = a row typed": 建行 typed is 中国建设银行, and a name
    that begins with its bank gives the bank when none is typed."""
    typed = outlets.add_outlet(db, outlets.OutletDraft(code="F1", name="合肥某支行", bank="建行"),
                               ["A", "B", "C", "D"], NOW)
    named = outlets.add_outlet(db, outlets.OutletDraft(code="F2", name="工行合肥某分理处"),
                               ["A", "B", "C", "D"], NOW)
    assert outlets.get_outlet(db, typed).bank == "中国建设银行"
    assert outlets.get_outlet(db, named).bank == "中国工商银行"


def test_a_list_without_a_bank_column_keeps_a_bank_edited_in_the_app(db):
    imported(db, "outlets", [{"网点代码": "X1", "网点名称": "建行合肥某支行"}])
    with db.atomic():
        db.execute("UPDATE outlets SET bank = '徽商银行' WHERE code = 'X1'")
    imported(db, "outlets", [{"网点代码": "X1", "网点名称": "建行合肥某支行"}])
    assert db.execute("SELECT bank FROM outlets WHERE code = 'X1'").fetchone()[0] == "徽商银行"
