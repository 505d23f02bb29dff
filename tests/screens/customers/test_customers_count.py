"""The customers screen says how many customers there are, also when its list stops at
its limit (a heavy user's 6,000): the line names the total and how many are listed."""

from __future__ import annotations

from textual.widgets import Static

from tests.conftest import TODAY, wait_ready, wait_until
from tests.domain.customers.helpers import customer, outlet_with_staff
from workbench.app import WorkbenchApp
from workbench.customers import records


async def test_the_count_is_the_total_when_the_list_is_cut(db, db_path, config, monkeypatch):
    oid, _ = outlet_with_staff(db)
    for n in range(5):
        customer(db, name=f"客户{n}", outlet=oid, phone=f"1381234567{n}")
    assert records.count_customers(db) == 5 == len(records.list_customers(db))
    real = records.list_customers
    monkeypatch.setattr(records, "list_customers",
                        lambda db, stage=None: real(db, stage, limit=3))
    app = WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en",
                       daily_backup=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("6")

        def line() -> str:
            return str(app.screen.query_one("#customers-filter", Static).render())

        await wait_until(pilot, lambda: "customers" in line(), "the customers' count")
        assert "5 customers" in line() and "first 3" in line()
