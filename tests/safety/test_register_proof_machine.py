"""A state machine over the register and its proof: deliveries, sign-offs, voids,
corrections, receipts, backups, restores and raw-SQL tampering with the guards dropped.

Invariants after every step: ``workbench check`` passes exactly when no tampering
happened since the file was last restored from a sound backup, and names each tampering;
no committed row is lost (the live file holds the model, and a restore keeps the file it
replaced); a restore that takes the head back says so.
"""

from __future__ import annotations

import itertools
import shutil
import sqlite3
import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from tests.conftest import NOW
from tests.register_helpers import outlet, staff
from workbench.cli import main
from workbench.commands.restore import run_restore
from workbench.core import backup
from workbench.core.config import Config
from workbench.core.i18n import set_language
from workbench.register import chain, ledger, receipts, voids
from workbench.register import deliveries as reg
from workbench.storage import open_db

CONFIG = Config()
KIND = CONFIG.deliveries.policy_kind
TABLES = ("deliveries", "signoffs", "signoff_lines", "voids", "policy_events")


def rows(path: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES}
    finally:
        conn.close()


def run_check(path: Path, capsys) -> tuple[int, str]:
    code = main(["check", "--db", str(path), "--lang", "en"])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out + out.err


class RegisterProof(RuleBasedStateMachine):
    capsys = None  # set by the test

    def __init__(self) -> None:
        super().__init__()
        set_language("en")
        self.dir = Path(tempfile.mkdtemp(prefix="proof-"))
        self.path = self.dir / "wb.db"
        self.db = open_db(self.path)
        self.place = outlet(self.db, "CCB-1", "网点", NOW - timedelta(days=30))
        self.signer = staff(self.db, self.place, "王芳", NOW - timedelta(days=30))
        self.now = NOW
        self.serial = itertools.count(1)
        self.tampered: str | None = None  # what check must name, while tampered
        self.saved: list[tuple[Path, dict, int]] = []  # backup, its rows, its ledger seq

    def tick(self):
        self.now += timedelta(minutes=1)
        return self.now

    def lines(self, status: str) -> list[int]:
        return [line.id for line in reg.register(self.db, reg.RegisterFilter(status=status),
                                                 limit=1000)]

    def teardown(self) -> None:
        self.db.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    # --- the manager's work ------------------------------------------------------

    @precondition(lambda self: self.tampered is None)
    @rule()
    def deliver(self):
        reg.add_delivery(self.db, CONFIG, outlet_id=self.place, kind=KIND,
                         policy_no=f"P{next(self.serial)}", customer="张三", now=self.tick())

    @precondition(lambda self: self.tampered is None)
    @rule(data=st.data())
    def sign(self, data):
        awaiting = self.lines("awaiting")
        if awaiting:
            line = data.draw(st.sampled_from(awaiting))
            chain.sign_off(self.db, outlet_id=self.place, delivery_ids=[line],
                           staff_id=self.signer, now=self.tick())

    @precondition(lambda self: self.tampered is None)
    @rule(data=st.data())
    def void(self, data):
        live = self.lines("awaiting") + self.lines("signed")
        if live:
            line = data.draw(st.sampled_from(sorted(live)))
            voids.void_line(self.db, line, "录错", self.tick())

    @precondition(lambda self: self.tampered is None)
    @rule(data=st.data())
    def correct(self, data):
        voided = self.lines("voided")
        if voided:
            old = data.draw(st.sampled_from(voided))
            reg.add_delivery(self.db, CONFIG, outlet_id=self.place, kind=KIND,
                             policy_no=f"P{next(self.serial)}", corrects_id=old, now=self.tick())

    @precondition(lambda self: self.tampered is None)
    @rule(data=st.data(), event=st.sampled_from(["receipt", "callback"]))
    def policy_event(self, data, event):
        done = {r[0] for r in self.db.execute(
            "SELECT delivery_id FROM policy_events WHERE event = ?", [event])}
        signed = [i for i in self.lines("signed") if i not in done]
        if signed:
            line = data.draw(st.sampled_from(signed))
            mark = (receipts.mark_receipt_returned if event == "receipt"
                    else receipts.mark_callback_done)
            mark(self.db, CONFIG, line, self.now.date(), self.tick())

    @precondition(lambda self: self.tampered is None)
    @rule()
    def take_backup(self):
        target = self.dir / f"saved-{len(self.saved)}.db"
        backup.backup_now(self.db, self.path, target)
        self.saved.append((target, rows(self.path), ledger.head(self.db).seq))

    @precondition(lambda self: bool(self.saved))
    @rule(data=st.data())
    def restore(self, data):
        source, its_rows, its_seq = data.draw(st.sampled_from(self.saved))
        before_rows = rows(self.path)
        now_seq = ledger.head(self.db).seq if self.tampered is None else None
        self.db.close()
        kept_before = set((self.dir / "backups").glob("*before-restore*"))
        assert run_restore(self.path, source) == 0
        out = self.capsys.readouterr().out
        kept = set((self.dir / "backups").glob("*before-restore*.db")) - kept_before
        assert len(kept) == 1
        if self.tampered is None:
            assert rows(next(iter(kept))) == before_rows  # nothing committed is lost
            if its_seq < now_seq:
                assert "this restore takes the head back" in out
        self.tampered = None
        self.db = open_db(self.path)
        assert rows(self.path) == its_rows

    # --- the attacker, with the guards dropped -----------------------------------------

    @precondition(lambda self: self.tampered is None)
    @rule(attack=st.sampled_from(["delete_signoff", "edit_void", "delete_void", "forge_void",
                                  "edit_event", "edit_note", "cut_tail", "recompute"]))
    def tamper(self, attack):
        db = self.db
        last_signoff = db.execute("SELECT max(id) FROM signoffs").fetchone()[0]
        a_void = db.execute("SELECT min(id) FROM voids").fetchone()[0]
        an_event = db.execute("SELECT min(id) FROM policy_events").fetchone()[0]
        signed = self.lines("signed")
        noted = db.execute("SELECT min(delivery_id) FROM signoff_lines").fetchone()[0]
        head = ledger.head(db)
        plan = {
            "delete_signoff": (last_signoff, [
                f"DELETE FROM signoff_lines WHERE signoff_id = {last_signoff}",
                f"DELETE FROM signoffs WHERE id = {last_signoff}"],
                f"(sign-off {last_signoff})"),
            "edit_void": (a_void, [f"UPDATE voids SET reason = 'x' WHERE id = {a_void}"],
                          f"(void {a_void})"),
            "delete_void": (a_void, [f"DELETE FROM voids WHERE id = {a_void}"],
                            f"(void {a_void})"),
            "forge_void": (signed, [
                f"INSERT INTO voids (delivery_id, reason, voided_at) VALUES "
                f"({signed[0] if signed else 0}, 'x', '2026-01-01 00:00:00')"],
                "is not in the ledger chain"),
            "edit_event": (an_event, [
                f"UPDATE policy_events SET note = 'x' WHERE id = {an_event}"],
                f"(policy event {an_event})"),
            "edit_note": (noted, [f"UPDATE deliveries SET note = 'x' WHERE id = {noted}"],
                          "the row's content does not match its hash"),
            "cut_tail": (head.seq, [f"DELETE FROM ledger WHERE seq = {head.seq}"]
                         + self.row_deletion(head.seq), "its tail was removed"),
            "recompute": (a_void, [f"UPDATE voids SET reason = 'x' WHERE id = {a_void}",
                                   "DELETE FROM ledger"], "its history was rewritten"),
        }
        applicable, statements, named = plan[attack]
        if not applicable:
            return
        db.close()
        raw = sqlite3.connect(self.path)
        raw.execute("PRAGMA foreign_keys = OFF")
        for name in [r[0] for r in raw.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'")]:
            raw.execute(f"DROP TRIGGER {name}")
        for sql in statements:
            raw.execute(sql)
        raw.commit()
        raw.close()
        self.db = open_db(self.path, migrate=False)
        if attack == "recompute":
            with self.db.atomic():  # every later hash recomputed, with the app's own code
                ledger.build_over_existing(self.db)
        self.tampered = named

    @precondition(lambda self: self.tampered is not None)
    @rule()
    def repair(self):
        """The explicit repair puts the guards back and hides nothing (the invariant)."""
        self.db.close()
        assert main(["repair", "--yes", "--db", str(self.path), "--lang", "en"]) == 0
        self.capsys.readouterr()
        self.db = open_db(self.path, migrate=False)

    def row_deletion(self, seq: int) -> list[str]:
        """SQL deleting the row link ``seq`` seals (none if there is no such link)."""
        found = self.db.execute("SELECT kind, ref_id FROM ledger WHERE seq = ?",
                                [seq]).fetchone()
        if found is None:
            return []
        kind, ref = found
        return {"signoff": [f"DELETE FROM signoff_lines WHERE signoff_id = {ref}",
                            f"DELETE FROM signoffs WHERE id = {ref}"],
                "void": [f"DELETE FROM voids WHERE id = {ref}"],
                "event": [f"DELETE FROM policy_events WHERE id = {ref}"],
                "correction": [f"DELETE FROM deliveries WHERE id = {ref}"]}[kind]

    # --- what must hold -------------------------------------------------------------

    @invariant()
    def check_passes_exactly_when_untampered(self):
        code, out = run_check(self.path, self.capsys)
        if self.tampered is None:
            assert code == 0, out
        else:
            assert code == 1, out
            assert self.tampered in out, out


def test_the_register_proves_itself(capsys):
    RegisterProof.capsys = capsys
    machine = RegisterProof.TestCase
    machine.settings = settings(max_examples=30, stateful_step_count=14, deadline=None,
                                suppress_health_check=[HealthCheck.too_slow,
                                                       HealthCheck.function_scoped_fixture])
    machine().runTest()

