"""The ledger: one hash chain over every row of legal weight in the register.

The sign-off chain (``chain``) seals a signature and the fields signed for; released
files carry it unchanged. The ledger seals everything else a court could ask about, in
the order it was recorded: each sign-off again with every column of every line it
covers (a line's note too), each void with the line it takes back, each receipt or
callback event, and each correction line (a line that names the voided one it
replaces). One link per row: ``ledger(seq, kind, ref_id, recorded_at, prev_hash, hash)``
with ``hash = sha256(prev_hash + "\\n" + canonical)``, where ``canonical`` is read from
the rows the link names, so editing, deleting or forging any of them breaks the link,
and a row without a link is named too.

``seal`` appends a link inside the caller's write; ``verify`` recomputes every link
(``check``), ``verify_since`` only those after a witnessed head (the app at start-up).
What the chain cannot show alone (its tail cut off, or every later hash recomputed) is
for the witnesses (``witness``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from workbench.core.clock import stamp

if TYPE_CHECKING:
    from datetime import datetime

    from sqlite_utils import Database

GENESIS = "0" * 64
KINDS = ("signoff", "void", "event", "correction")

# Every column, so that nothing of a sealed row can change unseen.
_DELIVERY = ("id", "outlet_id", "kind", "quantity", "serial_prefix", "serial_from",
             "serial_to", "serial_width", "policy_no", "customer", "note", "corrects_id",
             "delivered_at", "created_at")
_SIGNOFF = ("id", "outlet_id", "staff_id", "signer", "signed_at", "page_no", "late_reason",
            "recorded_at", "prev_hash", "hash")
_VOID = ("id", "delivery_id", "reason", "voided_at")
_EVENT = ("id", "delivery_id", "event", "on_date", "note", "recorded_at")
# The rows of each kind, and the time each was recorded (the order of the backfill).
_ROWS = {
    "signoff": ("signoffs", "recorded_at", ""),
    "void": ("voids", "voided_at", ""),
    "event": ("policy_events", "recorded_at", ""),
    "correction": ("deliveries", "created_at", "WHERE corrects_id IS NOT NULL"),
}


@dataclass(frozen=True)
class Head:
    """The ledger's newest link: what a witness records."""

    seq: int
    hash: str
    counts: dict[str, int] = field(default_factory=dict)  # links per kind

    @property
    def signoffs(self) -> int:
        return self.counts.get("signoff", 0)


@dataclass(frozen=True)
class Problem:
    """The first bad link (or an unsealed row): ``what`` is a message key's last part."""

    seq: int | None
    kind: str
    ref_id: int
    what: str  # "hash", "prev_hash", "missing", "gap", "unsealed"


@dataclass(frozen=True)
class LedgerReport:
    head: Head
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def link_hash(prev_hash: str, canonical: str) -> str:
    return hashlib.sha256(f"{prev_hash}\n{canonical}".encode()).hexdigest()


def _dump(content: dict[str, Any]) -> str:
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class _Rows:
    """The rows links name, read in bulk (one query per table, not one per link).

    ``refs`` lists the rows wanted per kind; None reads every row (a full check).
    """

    def __init__(self, db: Database, refs: dict[str, list[int]] | None = None) -> None:
        def wanted(kind: str) -> list[int] | None:
            return None if refs is None else refs.get(kind, [])

        self.signoffs = self._by_id(db, "signoffs", _SIGNOFF, wanted("signoff"))
        self.voids = self._by_id(db, "voids", _VOID, wanted("void"))
        self.events = self._by_id(db, "policy_events", _EVENT, wanted("event"))
        self.lines: dict[int, list[int]] = {}
        where, params = ("", []) if refs is None else self._in("signoff_id",
                                                                 refs.get("signoff", []))
        for sid, did in db.execute(f"SELECT signoff_id, delivery_id FROM signoff_lines {where}",
                                   params):
            self.lines.setdefault(sid, []).append(did)
        lines = None if refs is None else (
            [d for ids in self.lines.values() for d in ids]
            + [r["delivery_id"] for r in self.voids.values()] + refs.get("correction", []))
        self.deliveries = self._by_id(db, "deliveries", _DELIVERY, lines)

    @staticmethod
    def _in(column: str, ids: list[int]) -> tuple[str, list[int]]:
        return f"WHERE {column} IN (SELECT value FROM json_each(?))", [json.dumps(ids)]

    def _by_id(self, db: Database, table: str, cols: tuple[str, ...],
               ids: list[int] | None) -> dict[int, dict[str, Any]]:
        where, params = ("", []) if ids is None else self._in("id", ids)
        return {r[0]: dict(zip(cols, r, strict=True))
                for r in db.execute(f"SELECT {', '.join(cols)} FROM {table} {where}", params)}

    def canonical(self, kind: str, ref_id: int) -> str | None:
        """The sealed content of a link, or None when its row is gone."""
        if kind == "signoff":
            row = self.signoffs.get(ref_id)
            if row is None:
                return None
            lines = [self.deliveries.get(d) for d in sorted(self.lines.get(ref_id, []))]
            return _dump({"kind": kind, "signoff": row, "lines": lines})
        if kind == "void":
            row = self.voids.get(ref_id)
            if row is None:
                return None
            return _dump({"kind": kind, "void": row,
                          "line": self.deliveries.get(row["delivery_id"])})
        if kind == "event":
            row = self.events.get(ref_id)
            return None if row is None else _dump({"kind": kind, "event": row})
        row = self.deliveries.get(ref_id)
        return None if row is None else _dump({"kind": kind, "line": row})


def head(db: Database, exact: bool = True) -> Head:
    """The newest link, with the links per kind (counted through the (kind, ref_id) index).

    ``exact=False`` is for the witness line after each write, which must not grow with the
    register: sign-offs are then the highest sealed sign-off id (ids run 1, 2, 3 … with
    no gaps, so in a file the app wrote that is their number), one index probe.
    """
    r = db.execute("SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
    if exact:
        counts = dict(db.execute("SELECT kind, count(*) FROM ledger GROUP BY kind").fetchall())
    else:
        top = db.execute("SELECT max(ref_id) FROM ledger WHERE kind = 'signoff'").fetchone()[0]
        counts = {"signoff": top} if top else {}
    return Head(r[0], r[1], counts) if r else Head(0, GENESIS, counts)


def seal(db: Database, kind: str, ref_id: int, now: datetime | str) -> str:
    """Append the link sealing ``kind`` row ``ref_id``; call inside the write's ``atomic()``."""
    if not db.conn.in_transaction:
        raise RuntimeError("ledger.seal belongs inside the write's transaction")
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'ledger'").fetchone():
        return ""  # a file from before the ledger: the upgrade's backfill seals the row
    last = db.execute("SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    content = _Rows(db, {kind: [ref_id]}).canonical(kind, ref_id)
    if content is None:
        raise RuntimeError(f"ledger.seal: no {kind} row {ref_id}")
    digest = link_hash(prev, content)
    db.execute("INSERT INTO ledger (seq, kind, ref_id, recorded_at, prev_hash, hash) "
               "VALUES (?, ?, ?, ?, ?, ?)",
               [seq, kind, ref_id, now if isinstance(now, str) else stamp(now), prev, digest])
    return digest


def build_over_existing(db: Database) -> int:
    """Seal every row not yet in the ledger, oldest first (the migration's backfill)."""
    parts = []
    for kind, (table, at, where) in _ROWS.items():
        cond = f"{where} {'AND' if where else 'WHERE'} id NOT IN " \
               f"(SELECT ref_id FROM ledger WHERE kind = '{kind}')"
        parts.append(f"SELECT '{kind}', id, {at}, {KINDS.index(kind)} FROM {table} {cond}")
    todo = db.execute(" UNION ALL ".join(parts) + " ORDER BY 3, 4, 2").fetchall()
    if not todo:
        return 0
    rows = _Rows(db)
    last = db.execute("SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = last if last else (0, GENESIS)
    links = []
    for kind, ref_id, at, _ in todo:
        seq += 1
        digest = link_hash(prev, rows.canonical(kind, ref_id) or "")
        links.append((seq, kind, ref_id, at, prev, digest))
        prev = digest
    db.conn.executemany("INSERT INTO ledger (seq, kind, ref_id, recorded_at, prev_hash, hash) "
                        "VALUES (?, ?, ?, ?, ?, ?)", links)
    return len(links)


def _walk(db: Database, after: tuple[int, str]) -> list[Problem]:
    """Recompute the links after ``(seq, hash)``; the first broken one, if any."""
    seq, prev = after
    refs: dict[str, list[int]] = {}
    for kind, ref in db.execute("SELECT kind, ref_id FROM ledger WHERE seq > ?", [seq]):
        refs.setdefault(kind, []).append(ref)
    rows = _Rows(db, None if seq == 0 else refs)
    for n, kind, ref_id, link_prev, digest in db.execute(
            "SELECT seq, kind, ref_id, prev_hash, hash FROM ledger WHERE seq > ? ORDER BY seq",
            [seq]):
        if n != seq + 1:
            return [Problem(seq + 1, kind, ref_id, "gap")]
        seq = n
        if link_prev != prev:
            return [Problem(n, kind, ref_id, "prev_hash")]
        content = rows.canonical(kind, ref_id)
        if content is None:
            return [Problem(n, kind, ref_id, "missing")]
        if link_hash(prev, content) != digest:
            return [Problem(n, kind, ref_id, "hash")]
        prev = digest
    return []


def unsealed(db: Database, newest_only: bool = False) -> list[Problem]:
    """Rows of legal weight that no link names (forged past the guards), per kind.

    ``newest_only`` looks only above the highest sealed id of each kind (where a row
    inserted behind the app's back lands): index probes, for the app's quick look.
    """
    out = []
    for kind, (table, _, where) in _ROWS.items():
        test = (f"id > coalesce((SELECT max(ref_id) FROM ledger WHERE kind = '{kind}'), 0)"
                if newest_only else
                f"id NOT IN (SELECT ref_id FROM ledger WHERE kind = '{kind}')")
        cond = f"{where} {'AND' if where else 'WHERE'} {test}"
        r = db.execute(f"SELECT min(id) FROM {table} {cond}").fetchone()
        if r[0] is not None:
            out.append(Problem(None, kind, r[0], "unsealed"))
    return out


def verify(db: Database) -> LedgerReport:
    """Recompute every link, and name the first row of each kind that no link seals."""
    return LedgerReport(head(db), _walk(db, (0, GENESIS)) + unsealed(db))


def verify_since(db: Database, seq: int, digest: str) -> LedgerReport:
    """The quick check: link ``seq`` still has ``digest``, the links after it hold, and
    no row was added above the sealed ones. Cost follows what was written since, not the
    register's size (``unsealed(newest_only=True)``: index probes; the head read the
    cheap way, ``exact=False``: counting links per kind reads every link)."""
    problems: list[Problem] = []
    if seq:
        r = db.execute("SELECT kind, ref_id, hash FROM ledger WHERE seq = ?", [seq]).fetchone()
        if r is None or r[2] != digest:
            kind, ref = (r[0], r[1]) if r else ("signoff", 0)
            problems.append(Problem(seq, kind, ref, "missing" if r is None else "rewritten"))
    if not problems:
        problems = _walk(db, (seq, digest if seq else GENESIS))
    return LedgerReport(head(db, exact=False), problems + unsealed(db, newest_only=True))


def relink(db: Database) -> Head:
    """Recompute every link over the rows as they are now, in order, and store it.

    Only for a copy whose rows were masked on purpose (a team bundle); the sign-off
    chain is re-linked first (``chain.relink``), since a sign-off's link seals its hash.
    """
    rows = _Rows(db)
    prev = GENESIS
    links = db.execute("SELECT seq, kind, ref_id FROM ledger ORDER BY seq").fetchall()
    for seq, kind, ref_id in links:
        digest = link_hash(prev, rows.canonical(kind, ref_id) or "")
        db.execute("UPDATE ledger SET prev_hash = ?, hash = ? WHERE seq = ?", [prev, digest, seq])
        prev = digest
    return head(db)
