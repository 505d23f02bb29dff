"""The customers' flows as a manager runs them: a prospect added from the plan, a
conversation logged on a follow-up (one form), a prospect converted into a policy."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input, TextArea

from tests.conftest import NOW, TODAY, wait_loaded, wait_ready, wait_until
from tests.domain.customers.helpers import customer, outlet_with_staff
from workbench.app import WorkbenchApp
from workbench.customers import followups, links, records
from workbench.plan import contacts
from workbench.screens.common.form import FormScreen
from workbench.screens.customers.card import CustomerCardScreen
from workbench.screens.plan.plan import PlanScreen


def app_on(db_path, config) -> WorkbenchApp:
    return WorkbenchApp(db_path=db_path, config=config, today=TODAY, language="en",
                        daily_backup=False)


async def fill(pilot, values: dict[str, str]) -> None:
    form = pilot.app.screen
    assert isinstance(form, FormScreen)
    for name, value in values.items():
        widget = form.query_one(f"#f-{name}")
        if isinstance(widget, TextArea):
            widget.text = value
        else:
            assert isinstance(widget, Input)
            widget.value = value
    await pilot.press("ctrl+s")
    await wait_loaded(pilot)


async def test_a_prospect_added_from_the_plan(db, db_path, config):
    oid, (teller, _) = outlet_with_staff(db)
    db.close()
    app = app_on(db_path, config)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("k")
        await wait_until(pilot, lambda: isinstance(app.screen, FormScreen), "the form")
        form = app.screen
        form.query_one("#f-customer_outlet").value = str(oid)
        form.query_one("#f-customer_referrer").value = str(teller)
        await fill(pilot, {"customer_name": "赵六", "customer_phone": "13811112222"})
        assert isinstance(app.screen, PlanScreen)
        [c] = records.list_customers(app.db)
        assert (c.name, c.stage, c.referrer_id, c.outlet_id) == ("赵六", "prospect", teller, oid)
        # a bad phone: the form stays, says why next to the field, writes nothing
        await pilot.press("k")
        await wait_until(pilot, lambda: isinstance(app.screen, FormScreen), "the form")
        await fill(pilot, {"customer_name": "钱七", "customer_phone": "123"})
        assert isinstance(app.screen, FormScreen)
        assert "phone" in str(app.screen.query_one("#e-customer_phone").render()).lower()
        assert records.count_customers(app.db) == 1


async def test_a_follow_up_logged_from_the_plan_in_one_form(db, db_path, config):
    oid, _ = outlet_with_staff(db)
    cid = customer(db, "王秀英", oid, stage="intention")
    fid = followups.add_followup(db, cid, "next_step", TODAY.isoformat(), "约面谈", NOW)
    db.close()
    app = app_on(db_path, config)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_ready(app, pilot)
        plan = app.screen
        assert isinstance(plan, PlanScreen)
        plan.select(f"cust:followup:{fid}")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, FormScreen), "the form")
        await fill(pilot, {"talk_time": "10:30", "followup_notes": "客户同意周三来网点",
                           "talk_next_what": "带方案面谈", "talk_next_due": "+2d"})
        assert isinstance(app.screen, PlanScreen)
        [done] = [h for h in followups.history(app.db, cid) if h.status == "done"]
        assert done.notes == "客户同意周三来网点"
        [nxt] = followups.pending(app.db, TODAY + timedelta(days=2), config)
        assert (nxt.what, nxt.due) == ("带方案面谈", TODAY + timedelta(days=2))
        assert [c.kind for c in contacts.contacts_on(app.db, TODAY)] == ["customer"]
        await wait_until(pilot, lambda: f"cust:followup:{fid}" not in
                         [i for s in plan.sections for i, _ in s.lines()], "the plan to redraw")


async def test_a_prospect_converted_into_a_policy(db, db_path, config):
    oid, (teller, _) = outlet_with_staff(db)
    cid = customer(db, "王秀英", oid, teller)
    db.close()
    app = app_on(db_path, config)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("6")
        await wait_loaded(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerCardScreen), "the card")
        await wait_loaded(pilot)
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, FormScreen), "the policy form")
        await fill(pilot, {"policy_no": "P77", "policy_product": "鑫享年金",
                           "policy_premium": "50000", "policy_term": "5"})
        await pilot.press("escape")  # the original is not here yet: register it later
        await wait_loaded(pilot)
        assert isinstance(app.screen, CustomerCardScreen)
        [linked] = links.policies_of(app.db, cid)
        assert (linked.policy.policy_no, linked.frequency) == ("P77", "annual")
        assert records.get_customer(app.db, cid).stage == "sold"


async def test_a_customer_list_imported_from_inside_the_app(db, db_path, config, tmp_path):
    from textual.widgets import Static

    from workbench.screens.customers.import_customers import ImportCustomersScreen

    outlet_with_staff(db)
    db.close()
    sheet = tmp_path / "list.csv"
    sheet.write_bytes("姓名,手机,网点代码,推荐人\n赵六,13811112222,A1,甲\n钱七,123,A1,\n"
                      .encode("gb18030"))
    app = app_on(db_path, config)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("6")
        await wait_loaded(pilot)
        await pilot.press("u")
        await wait_until(pilot, lambda: isinstance(app.screen, ImportCustomersScreen),
                         "the import screen")
        app.screen.query_one("#import-path", Input).value = str(sheet)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "row 3" in str(
            app.screen.query_one("#import-errors", Static).render()), "the bad row listed")
        # all or nothing, as `workbench customers import`: the bad row kept the file out
        assert records.list_customers(app.db) == []
        await pilot.click("#import-valid")  # the explicit second step: the valid rows only
        await wait_until(pilot, lambda: records.list_customers(app.db), "the valid row in")
        assert [c.name for c in records.list_customers(app.db)] == ["赵六"]


async def test_the_palette_finds_the_customers_by_pinyin_and_erasure_asks_first(db, db_path,
                                                                               config):
    from tests.conftest import run_from_palette
    from workbench.screens.customers.customers import CustomersScreen

    oid, _ = outlet_with_staff(db)
    cid = customer(db, "王秀英", oid)
    db.close()
    app = app_on(db_path, config)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_ready(app, pilot)
        await run_from_palette(pilot, "khlb")
        await wait_loaded(pilot)
        assert isinstance(app.screen, CustomersScreen)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CustomerCardScreen), "the card")
        await wait_loaded(pilot)
        await pilot.press("X")
        await wait_until(pilot, lambda: isinstance(app.screen, FormScreen), "the erase form")
        await fill(pilot, {"erase_confirm": "yes"})
        assert isinstance(app.screen, FormScreen)  # not the word: nothing erased
        assert not records.get_customer(app.db, cid).erased
        await fill(pilot, {"erase_confirm": "erase"})
        assert isinstance(app.screen, CustomerCardScreen)
        assert records.get_customer(app.db, cid).erased


async def test_a_contact_form_names_a_known_customer(db, db_path, config):
    oid, _ = outlet_with_staff(db)
    cid = customer(db, "王秀英", oid)
    db.close()
    app = app_on(db_path, config)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_ready(app, pilot)
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.screen, FormScreen), "the contact form")
        app.screen.query_one("#f-contact_kind").value = "customer"
        app.screen.query_one("#f-contact_customer_id").value = str(cid)
        await fill(pilot, {"time": "10:00", "contact_note": "聊了年金"})
        assert isinstance(app.screen, PlanScreen)
        [talk] = followups.history(app.db, cid)
        assert (talk.kind, talk.status, talk.notes) == ("conversation", "done", "聊了年金")
        assert [c.who for c in contacts.contacts_on(app.db, TODAY)] == ["王**"]
