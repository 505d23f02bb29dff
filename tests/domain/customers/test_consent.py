"""同意联系 = 否 never gets a call on the plan: a customer imported without a consent column
(or recorded without consent) shows on the plan as "consent needed", not as a follow-up to
call, until the manager records consent; the morning reminder does not list them."""

from __future__ import annotations

from tests.conftest import NOW, TODAY
from tests.domain.customers.helpers import outlet_with_staff
from workbench.core.config import Config
from workbench.customers import records, sheet
from workbench.plan import agenda as plan_agenda
from workbench.plan.view import customers_section
from workbench.reminders import digest


def imported(db, consent: str | None):
    outlet_with_staff(db)
    row = {"姓名": "赵六", "手机号": "13900001234", "网点代码": "A1",
           "到期金额(万元)": "30", "到期日": TODAY.isoformat()}
    if consent is not None:
        row["同意联系"] = consent
    summary = sheet.import_customers(db, [row], Config(), skip_invalid=False, now=NOW)
    assert summary.errors == ()
    return records.list_customers(db)[0]


def test_a_customer_imported_without_consent_gets_no_call(db):
    customer = imported(db, None)
    assert customer.consent is False
    agenda = plan_agenda.build_agenda(db, TODAY, Config())
    assert agenda.customers == ()  # nothing to call
    assert [i.customer_id for i in agenda.awaiting_consent] == [customer.id]
    rows = [item.id for item in customers_section(agenda).items]
    assert rows == [f"cust:consent:{customer.id}"]
    for at in ("now", "evening"):
        built = digest.build_digest(db, TODAY, Config(), at)
        cells = [c for r in (*built.items, *built.tomorrow) for c in r.cells]
        assert customer.masked_name not in cells


def test_consent_recorded_puts_the_call_on_the_plan(db):
    customer = imported(db, None)
    c = records.get_customer(db, customer.id)
    records.update_customer(db, c.id, records.CustomerDraft(
        name=c.name, phone=c.phone, outlet=str(c.outlet_id), source=c.source, stage=c.stage,
        consent="1"), NOW)
    agenda = plan_agenda.build_agenda(db, TODAY, Config())
    assert [i.kind for i in agenda.customers] == ["deposit"]
    assert agenda.awaiting_consent == ()


def test_a_list_with_consent_yes_is_called(db):
    imported(db, "是")
    agenda = plan_agenda.build_agenda(db, TODAY, Config())
    assert [i.kind for i in agenda.customers] == ["deposit"]
