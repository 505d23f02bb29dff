"""Small builders for the customers' domain tests: an outlet with staff, a customer."""

from __future__ import annotations

from datetime import date, datetime

from tests.conftest import NOW
from workbench.assessment import policies
from workbench.core.config import Config
from workbench.customers import links, records
from workbench.roster import outlets
from workbench.roster import staff as roster_staff


def outlet_with_staff(db, code: str = "A1", people: tuple[str, ...] = ("甲", "乙")):
    tiers = list(Config().visits.cadence_days)
    oid = outlets.add_outlet(db, outlets.OutletDraft(code=code, name=f"网点{code}", tier=tiers[0]),
                             tiers, NOW)
    roles = list(Config().staff.roles)
    sids = [roster_staff.add_staff(db, oid, roster_staff.StaffDraft(name=n, role="teller"),
                                   roles, NOW) for n in people]
    return oid, sids


def customer(db, name: str = "张三丰", outlet: int | None = None, referrer: int | None = None,
             stage: str = "prospect", phone: str = "13812345678",
             at: datetime = NOW, consent: str = "1") -> int:
    # consent given, as the customer form proposes: the plan calls only those who gave it
    return records.add_customer(db, records.CustomerDraft(
        name=name, phone=phone, outlet=str(outlet or ""), referrer=str(referrer or ""),
        stage=stage, consent=consent), at)


def sell(db, customer_id: int, outlet: int, number: str, premium: int = 10000,
         issued: date | None = None, term: int = 5, frequency: str = "annual") -> int:
    issued = issued or NOW.date()
    c = records.get_customer(db, customer_id)
    return links.log_policy_for(db, customer_id, policies.PolicyDraft(
        policy_no=number, outlet=str(outlet), product="年金", premium=str(premium),
        term_years=str(term), issue_date=issued.isoformat(), customer_name=c.name,
        customer_phone=c.phone or ""), frequency, Config(), NOW.date(), NOW)
