"""Staff roles by their Chinese names: imported as written on a bank's sheet, shown and
refused in the user's language, never as the app's ids."""

from __future__ import annotations

import pytest

from tests.conftest import NOW
from workbench.core import i18n
from workbench.core.config import Config, StaffConfig
from workbench.core.errors import ValidationError
from workbench.roster import outlets
from workbench.roster import staff as roster_staff
from workbench.roster.headers import role_lookup
from workbench.roster.importer import import_rows

ROLES = list(Config().staff.roles)


@pytest.mark.parametrize(("written", "role"), [
    ("大堂经理", "lobby_manager"), ("理财经理", "wealth_manager"), ("柜员", "teller"),
    ("网点负责人", "head"), ("主任", "head"), ("副行长", "vice_president"),
    ("行长", "president"), ("副主任", "deputy"), ("综合柜员", "teller"),
    ("Lobby manager", "lobby_manager"), ("lobby_manager", "lobby_manager"),
    (" 大堂经理 ", "lobby_manager"),
])
def test_a_role_as_a_bank_writes_it(written, role):
    assert role_lookup(ROLES)(written) == role


def test_the_import_accepts_datang_jingli(db):
    outlet_id = outlets.add_outlet(db, outlets.OutletDraft(code="JT1", name="交通银行大兴支行",
                                                           tier="A"), ["A", "B"], NOW)
    rows = [{"网点代码": "JT1", "姓名": "王芳", "岗位": "大堂经理"},
            {"网点代码": "JT1", "姓名": "李强", "岗位": "副行长"}]
    summary = import_rows(db, "staff", rows, Config(), skip_invalid=False, now=NOW)
    assert summary.errors == ()
    got = {s.name: s.role for s in roster_staff.list_staff(db, outlet_id)}
    assert got == {"王芳": "lobby_manager", "李强": "vice_president"}


def test_an_unknown_role_is_refused_by_name_in_chinese():
    i18n.set_language("zh")
    with pytest.raises(ValidationError) as err:
        roster_staff.clean_staff(roster_staff.StaffDraft(name="王五", role="保安"), ROLES)
    message = i18n.t(err.value.key, **err.value.params)
    assert "大堂经理" in message and "、" in message
    assert not any(role in message for role in ROLES), message


def test_a_role_added_in_the_config_is_its_own_name():
    config = StaffConfig(roles=["teller", "客户经理"])
    assert role_lookup(config.roles)("客户经理") == "客户经理"
    assert roster_staff.role_label("客户经理") == "客户经理"
    i18n.set_language("zh")
    assert roster_staff.role_label("lobby_manager") == "大堂经理"
    i18n.set_language("en")
    assert roster_staff.role_label("lobby_manager") == "Lobby manager"
    i18n.set_language("zh")
