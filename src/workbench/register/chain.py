"""Counter sign-offs and the hash chain that seals them (签收 and its proof).

A bank employee signs for one or more delivery lines at the counter: that is one row of
the append-only ``signoffs`` table plus one ``signoff_lines`` row per line. Why one
sign-off row per signature (not per line): the paper register has one signature covering
a batch; the chain then has one link per signature, and the canonical content of that
link lists every line it covers (with the fields that were signed for), so editing a
line, re-pointing it or adding one to a signature all break the chain.

Each sign-off carries ``prev_hash`` and ``hash = sha256(prev_hash + "\\n" + canonical)``;
the first row's ``prev_hash`` is ``GENESIS``. ``verify_chain`` recomputes every link.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from workbench.core import validate as v
from workbench.core.clock import stamp
from workbench.core.errors import ValidationError
from workbench.register import ledger, witness
from workbench.register.deliveries import get_line
from workbench.roster import outlets
from workbench.roster import staff as roster_staff

if TYPE_CHECKING:
    from sqlite_utils import Database


GENESIS = "0" * 64
# A minute's grace: the time shown on screen was "now" when the flow opened, so a
# sign-off at most this much earlier than ``now`` is not "late" and needs no reason.
LATE_GRACE = timedelta(minutes=1)


@dataclass(frozen=True)
class SignOff:
    id: int
    outlet_id: int
    staff_id: int
    signer: str
    signed_at: datetime
    page_no: str | None
    late_reason: str | None
    recorded_at: datetime
    prev_hash: str
    hash: str
    delivery_ids: tuple[int, ...]


@dataclass(frozen=True)
class ChainReport:
    count: int
    head: str
    broken_id: int | None = None
    problem: str | None = None  # "prev_hash" or "hash"

    @property
    def ok(self) -> bool:
        return self.broken_id is None


def _canonical(signoff: dict[str, Any], lines: list[tuple]) -> str:
    """The signed content: stable JSON of the sign-off and every line it covers."""
    content = {
        "id": signoff["id"], "outlet_id": signoff["outlet_id"],
        "staff_id": signoff["staff_id"], "signer": signoff["signer"],
        "signed_at": signoff["signed_at"], "page_no": signoff["page_no"],
        "late_reason": signoff["late_reason"], "recorded_at": signoff["recorded_at"],
        "lines": [
            {"id": r[0], "outlet_id": r[1], "kind": r[2], "quantity": r[3],
             "serial_prefix": r[4], "serial_from": r[5], "serial_to": r[6],
             "policy_no": r[7], "customer": r[8], "delivered_at": r[9]}
            for r in sorted(lines)
        ],
    }
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def link_hash(prev_hash: str, canonical: str) -> str:
    return hashlib.sha256(f"{prev_hash}\n{canonical}".encode()).hexdigest()


_SIGNED_LINE_COLS = ("d.id, d.outlet_id, d.kind, d.quantity, d.serial_prefix, d.serial_from, "
                     "d.serial_to, d.policy_no, d.customer, d.delivered_at")


def chain_head(db: Database) -> str:
    r = db.execute("SELECT hash FROM signoffs ORDER BY id DESC LIMIT 1").fetchone()
    return r[0] if r else GENESIS


def sign_off(db: Database, *, outlet_id: int, delivery_ids: list[int], staff_id: int,
             now: datetime, signed_at: datetime | None = None, late_reason: Any = "",
             page_no: Any = "") -> int:
    """A bank employee of the outlet signs for ``delivery_ids`` at once; returns the id.

    The time is ``now`` unless ``signed_at`` is given: a time more than ``LATE_GRACE``
    earlier needs ``late_reason``; a time in the future is refused, and so is a time
    before a line was delivered. All lines must belong to the outlet and await
    signature; the signer must be active staff of that outlet.
    """
    outlet = outlets.chosen_outlet(db, outlet_id)
    now = now.replace(microsecond=0)
    at = signed_at.replace(microsecond=0) if signed_at else now
    if at > now:
        raise ValidationError("signed_at", "deliveries.error.future")
    reason = v.text("late_reason", late_reason, max_len=200)
    if at < now - LATE_GRACE and not reason:
        raise ValidationError("late_reason", "deliveries.error.late_needs_reason")
    page = v.text("page_no", page_no, max_len=20)
    if not delivery_ids:
        raise ValidationError("delivery", "deliveries.error.nothing_selected")
    try:
        staff = roster_staff.get_staff(db, int(staff_id))
    except (TypeError, ValueError):
        raise ValidationError("signer", "error.no_such_staff") from None
    if staff.outlet_id != outlet.id:
        raise ValidationError("signer", "deliveries.error.signer_other_outlet",
                              name=staff.name, outlet=outlet.name)
    if not staff.active:
        raise ValidationError("signer", "deliveries.error.signer_inactive", name=staff.name)
    ids = sorted({int(i) for i in delivery_ids})
    with db.atomic():  # BEGIN IMMEDIATE: the chain head is read under the write lock
        for line in (get_line(db, i) for i in ids):
            if line.outlet_id != outlet.id:
                raise ValidationError("delivery", "deliveries.error.line_other_outlet",
                                      line=line.id, outlet=outlet.name)
            if line.status != "awaiting":
                raise ValidationError("delivery", f"deliveries.error.line_{line.status}",
                                      line=line.id)
            if line.delivered_at > at:
                raise ValidationError("signed_at", "deliveries.error.signed_before_delivery",
                                      line=line.id, at=line.delivered_at.strftime("%m-%d %H:%M"))
        prev = chain_head(db)
        new_id = (db.execute("SELECT coalesce(max(id), 0) + 1 FROM signoffs").fetchone()[0])
        row = {"id": new_id, "outlet_id": outlet.id, "staff_id": staff.id, "signer": staff.name,
               "signed_at": stamp(at), "page_no": page, "late_reason": reason,
               "recorded_at": stamp(now)}
        marks = ",".join("?" * len(ids))
        lines = db.execute(f"SELECT {_SIGNED_LINE_COLS} FROM deliveries d WHERE d.id IN ({marks})",
                           ids).fetchall()
        row["prev_hash"] = prev
        row["hash"] = link_hash(prev, _canonical(row, lines))
        db.table("signoffs").insert(row)
        db.table("signoff_lines").insert_all(
            [{"signoff_id": new_id, "delivery_id": i} for i in ids])
        ledger.seal(db, "signoff", new_id, now)
    witness.record(db)
    return new_id


def signoffs(db: Database, outlet_id: int | None = None, limit: int = 100) -> list[SignOff]:
    cond, params = ("WHERE outlet_id = ?", [outlet_id]) if outlet_id is not None else ("", [])
    out = []
    for r in db.execute(f"SELECT id, outlet_id, staff_id, signer, signed_at, page_no, "
                        f"late_reason, recorded_at, prev_hash, hash FROM signoffs {cond} "
                        "ORDER BY id DESC LIMIT ?", params + [limit]).fetchall():
        ids = tuple(x[0] for x in db.execute(
            "SELECT delivery_id FROM signoff_lines WHERE signoff_id = ? ORDER BY delivery_id",
            [r[0]]).fetchall())
        out.append(SignOff(r[0], r[1], r[2], r[3], datetime.fromisoformat(r[4]), r[5], r[6],
                           datetime.fromisoformat(r[7]), r[8], r[9], ids))
    return out


def verify_chain(db: Database) -> ChainReport:
    """Recompute every link of the sign-off chain; report the first broken row, if any."""
    prev = GENESIS
    count = 0
    cols = ("id", "outlet_id", "staff_id", "signer", "signed_at", "page_no", "late_reason",
            "recorded_at", "prev_hash", "hash")
    lines: dict[int, list[tuple]] = {}
    for r in db.execute(f"SELECT l.signoff_id, {_SIGNED_LINE_COLS} FROM signoff_lines l "
                        "JOIN deliveries d ON d.id = l.delivery_id").fetchall():
        lines.setdefault(r[0], []).append(tuple(r[1:]))
    for r in db.execute(f"SELECT {', '.join(cols)} FROM signoffs ORDER BY id"):
        row = dict(zip(cols, r, strict=True))
        count += 1
        if row["prev_hash"] != prev:
            return ChainReport(count, prev, row["id"], "prev_hash")
        if link_hash(prev, _canonical(row, lines.get(row["id"], []))) != row["hash"]:
            return ChainReport(count, prev, row["id"], "hash")
        prev = row["hash"]
    return ChainReport(count, prev)


# How far back the signer list looks: the outlet's last sign-offs, not its whole history.
RECENT_SIGNOFFS = 50


def ranked_signers(db: Database, outlet_id: int) -> list[roster_staff.Staff]:
    """The outlet's active staff, who signed here most recently first (among its last
    ``RECENT_SIGNOFFS`` sign-offs), then more often, then the others by name: the
    person at the counter today is most likely the one who signed last time."""
    recent = {r[0]: (r[1], r[2]) for r in db.execute(
        "SELECT staff_id, max(signed_at), count(*) FROM (SELECT staff_id, signed_at "
        "FROM signoffs WHERE outlet_id = ? ORDER BY signed_at DESC LIMIT ?) "
        "GROUP BY staff_id", [outlet_id, RECENT_SIGNOFFS]).fetchall()}
    people = sorted(roster_staff.list_staff(db, outlet_id), key=lambda s: s.name)
    people.sort(key=lambda s: -recent.get(s.id, ("", 0))[1])
    people.sort(key=lambda s: recent.get(s.id, ("",))[0], reverse=True)
    return people


def relink(db: Database) -> ChainReport:
    """Recompute every link over the rows as they are now, in id order, and store it.

    Only for a copy whose rows were masked on purpose (a team bundle: ``team.bundle``);
    the manager's own file is append-only and its guards refuse this update.
    """
    prev = GENESIS
    lines: dict[int, list[tuple]] = {}
    for r in db.execute(f"SELECT l.signoff_id, {_SIGNED_LINE_COLS} FROM signoff_lines l "
                        "JOIN deliveries d ON d.id = l.delivery_id").fetchall():
        lines.setdefault(r[0], []).append(tuple(r[1:]))
    cols = ("id", "outlet_id", "staff_id", "signer", "signed_at", "page_no", "late_reason",
            "recorded_at")
    rows = db.execute(f"SELECT {', '.join(cols)} FROM signoffs ORDER BY id").fetchall()
    for r in rows:
        row = dict(zip(cols, r, strict=True))
        digest = link_hash(prev, _canonical(row, lines.get(row["id"], [])))
        db.execute("UPDATE signoffs SET prev_hash = ?, hash = ? WHERE id = ?",
                   [prev, digest, row["id"]])
        prev = digest
    return ChainReport(len(rows), prev)
