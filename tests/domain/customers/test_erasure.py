"""Erasure on request: personal fields replaced, signed register lines kept, check passing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import NOW
from tests.domain.customers.helpers import customer, outlet_with_staff, sell
from workbench.assessment import policies
from workbench.cli import main
from workbench.core.config import Config
from workbench.core.errors import ValidationError
from workbench.customers import deposits, followups, records
from workbench.customers.followups import Conversation
from workbench.plan import contacts
from workbench.plan.customers import erase_customer, log_conversation
from workbench.register import chain, deliveries, originals


def test_erasure_replaces_personal_fields_and_keeps_the_register_provable(db, db_path, capsys):
    oid, (teller,) = outlet_with_staff(db, "A1", ("甲",))
    cid = customer(db, "王秀英", oid, teller, phone="13912345678")
    pid = sell(db, cid, oid, "P9")
    line = originals.register_document(db, Config(), pid, now=NOW).line_id
    chain.sign_off(db, outlet_id=oid, delivery_ids=[line], staff_id=teller, now=NOW)
    deposits.add_deposit(db, cid, "over_1m", (NOW.date() + timedelta(days=3)).isoformat(),
                         "王秀英的存款", NOW)
    fid = followups.add_followup(db, cid, "claim", NOW.date().isoformat(), "王秀英理赔", NOW)
    log_conversation(db, f"followup:{fid}", Conversation(note="王秀英说发票齐了"), NOW.date(),
                     NOW, NOW)
    bystander = customer(db, "李四", oid, phone="13700000000")

    done = erase_customer(db, cid, NOW)

    assert (done.policies, done.register_lines) == (1, 1)
    c = records.get_customer(db, cid)
    assert c.erased and c.name == f"#{cid}" and c.phone is None and c.notes is None
    assert deposits.deposits_of(db, cid) == []
    assert all("王" not in (f.what + (f.notes or "")) for f in followups.history(db, cid))
    p = policies.get_policy(db, pid)
    assert (p.customer_name, p.customer_phone, p.premium) == (f"#{cid}", None, 10000)
    logged = db.execute("SELECT customer, note FROM contacts").fetchall()
    assert logged == [(f"#{cid}", None)]
    # the signed line keeps the holder as signed for: the chains still verify
    assert deliveries.get_line(db, line).customer == "王秀英"
    assert records.get_customer(db, bystander).name == "李四"
    db.close()
    assert main(["check", "--db", str(db_path)]) == 0
    assert "intact" in capsys.readouterr().out


def test_an_erased_customer_takes_no_new_data(db):
    cid = customer(db)
    erase_customer(db, cid, NOW)
    with pytest.raises(ValidationError):
        erase_customer(db, cid, NOW)
    with pytest.raises(ValidationError):
        deposits.add_deposit(db, cid, "over_1m", NOW.date().isoformat(), "", NOW)
    with pytest.raises(ValidationError):
        followups.add_followup(db, cid, "claim", NOW.date().isoformat(), "x", NOW)
    assert contacts.contacts_on(db, NOW.date()) == []
