"""The customers' list carries each outlet's code: the list cuts names, never codes."""

from __future__ import annotations

from tests.domain.customers.helpers import customer, outlet_with_staff
from workbench.customers import records


def test_the_list_has_the_outlets_code_and_none_for_a_walk_in(db):
    oid, _ = outlet_with_staff(db, code="ABC-107")
    at_outlet = customer(db, "张三丰", outlet=oid)
    walk_in = customer(db, "李四", phone="13900001111")
    rows = {c.id: c for c in records.list_customers(db)}
    assert (rows[at_outlet].outlet_code, rows[at_outlet].outlet_name) == ("ABC-107", "网点ABC-107")
    assert (rows[walk_in].outlet_code, rows[walk_in].outlet_name) == (None, None)
    assert records.get_customer(db, at_outlet).outlet_code == "ABC-107"
