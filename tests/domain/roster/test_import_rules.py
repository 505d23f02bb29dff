"""The importer cleans rows with the forms' own rules (``clean_outlet``, ``clean_staff``).

A row a form would refuse is refused by the import, naming the same field, and a row a
form accepts is imported; the import adds only its own sheet rules on top (an empty tier
or role cell, roles written as labels, the outlet named by code).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import NOW
from workbench.core import validate as v
from workbench.core.errors import ValidationError
from workbench.roster import outlets, staff
from workbench.roster.headers import role_lookup
from workbench.roster.importer import import_rows

TIERS = ["A", "B", "C", "D"]
# The validators' range (validate.MAX_NUMBER), the same for forms, imports and config:
# every count up to it is stored exactly as typed. (The limit used to be the largest
# SQLite INTEGER, where a typed 9223372036854775000 was stored as ...4784.)
LARGEST_STORABLE = str(v.MAX_NUMBER)
FIRST_TOO_LARGE = str(v.MAX_NUMBER + 1)


def test_a_form_stores_the_largest_number_and_refuses_the_next(db):
    oid = outlets.add_outlet(db, outlets.OutletDraft(code="A1", name="网点",
                                                     traffic_daily=LARGEST_STORABLE), TIERS, NOW)
    assert outlets.get_outlet(db, oid).traffic_daily == int(LARGEST_STORABLE)
    with pytest.raises(ValidationError) as info:
        outlets.add_outlet(db, outlets.OutletDraft(code="A2", name="网点",
                                                   traffic_daily=FIRST_TOO_LARGE), TIERS, NOW)
    assert (info.value.field, info.value.key) == ("traffic_daily", "error.too_large")
    assert db["outlets"].count == 1


def test_an_import_has_the_same_integer_limit(db, config):
    rows = [{"code": "A1", "name": "x", "enquiries": LARGEST_STORABLE},
            {"code": "A2", "name": "y", "enquiries": FIRST_TOO_LARGE}]
    summary = import_rows(db, "outlets", rows, config, skip_invalid=True, now=NOW)
    assert [(e.row, e.key) for e in summary.errors] == [(3, "error.too_large")]
    assert summary.added == 1


VALID = {
    "outlets": {"code": "A1", "name": "建设银行朝阳支行", "tier": "B", "phone": "", "head": "",
                "notes": "", "traffic_daily": "", "deposits_time": ""},
    "staff": {"outlet_code": "A1", "name": "李娜", "role": "", "phone": "", "birthday": "",
              "notes": ""},
}
# Sample cells per column, valid and not: the forms' rules decide which are which.
SAMPLES = {
    "outlets": {
        "code": ["A1", "", "a b", "X" * 40, "ok-2.3"],
        "name": ["建设银行朝阳支行", "", "x" * 81, "a\x07b", "工行\n二部"],
        "tier": ["", "a", "B", "Z"],
        "phone": ["", "13800138000", "call me", "010-1234"],
        "head": ["", "王伟", "x" * 81],
        "notes": ["", "备注", "x" * 2001],
        "traffic_daily": ["", "12", "-1", "1.5", "abc", "1e30", "nan"],
        "deposits_time": ["", "1,200", "-0.5", "inf", "800.5"],
    },
    "staff": {
        "outlet_code": ["A1"],
        "name": ["李娜", "", "x" * 81, "王\n芳"],
        "role": ["", "teller", "主任", "wealth manager", "行长", "boss"],
        "phone": ["", "13900000001", "12"],
        "birthday": ["", "1990-12-01", "1980/3/5", "2026-02-30", "tomorrow"],
        "notes": ["", "爱打羽毛球", "a\x00b"],
    },
}


def form_error(kind: str, config, cells: dict[str, str]) -> str | None:
    """The field the form's rules refuse first for these cells; None when they accept them.

    The cells are given to the form as the import reads them under its own rules: an
    empty tier is the new outlet's default, a role may be a label, an empty role cell is
    the default role.
    """
    try:
        if kind == "outlets":
            tier = cells["tier"] or outlets.OutletDraft().tier
            outlets.clean_outlet(outlets.OutletDraft(**{**cells, "tier": tier}),
                                 list(config.visits.cadence_days))
        else:
            roles = list(config.staff.roles)
            role = role_lookup(roles)(cells["role"]) if cells["role"] else staff.DEFAULT_ROLE
            staff.clean_staff(staff.StaffDraft(
                name=cells["name"], role=role, phone=cells["phone"],
                birthday=cells["birthday"], notes=cells["notes"]), roles)
    except ValidationError as exc:
        return exc.field
    return None


def check_row(db, config, kind: str, cells: dict[str, str], *,
              one_bad_cell: bool = False) -> None:
    if not db["outlets"].count:
        outlets.add_outlet(db, outlets.OutletDraft(code="A1", name="网点"), TIERS, NOW)
    expected = form_error(kind, config, cells)
    before = db[kind].count
    summary = import_rows(db, kind, [cells], config, skip_invalid=False, now=NOW)
    if not any(cells.values()):  # the import's own rule: a blank line is skipped
        assert (summary.errors, summary.added, summary.updated) == ((), 0, 0)
    elif expected is None:
        assert summary.errors == ()
        assert summary.added + summary.updated + summary.unchanged == 1
    else:
        assert summary.errors[0].column == expected  # no header labels: columns are ids
        assert len(summary.errors) == 1 or not one_bad_cell
        assert db[kind].count == before


ONE_BAD_CELL = [(kind, {**VALID[kind], col: value})
                for kind, samples in SAMPLES.items() for col, values in samples.items()
                for value in values if value != VALID[kind][col]]


@pytest.mark.parametrize(("kind", "cells"), ONE_BAD_CELL,
                         ids=lambda x: x if isinstance(x, str) else repr(x)[:50])
def test_each_cell_is_refused_exactly_when_the_form_refuses_it(db, config, kind, cells):
    check_row(db, config, kind, cells, one_bad_cell=True)


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), kind=st.sampled_from(sorted(SAMPLES)))
def test_a_row_is_refused_exactly_when_the_form_refuses_it(db, config, data, kind):
    cells = data.draw(st.fixed_dictionaries(
        {col: st.sampled_from(values) for col, values in SAMPLES[kind].items()}))
    check_row(db, config, kind, cells)
