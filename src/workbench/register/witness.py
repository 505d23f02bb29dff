"""The outside witness of the ledger: its heads, appended to a file beside no database.

After every write that adds a ledger link (``record``), one line goes to an append-only,
owner-only file in the user's state folder (``$XDG_STATE_HOME/workbench/witness``),
named by the database's own id (``ledger_file``), so copies and backups of a file share
its witness. A line says when, how many links (and sign-offs) and the head hash::

    2026-11-28 17:02:11 seq=219 signoffs=206 head=<64 hex>

The chain alone cannot show that its tail was cut off, or that a row was edited and
every later hash recomputed; the witness can (``compare``): a witnessed link that is
gone, or whose hash changed. A witness is created for an empty ledger's first link, or
explicitly (``start``: the upgrade that builds the ledger, ``workbench repair``, the
demo); a missing one is reported, never silently recreated. What it cannot prove:
someone who controls both the file and the witness can rewrite both (the weekly report
and backups' heads are copies out of that reach).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.core.clock import stamp
from workbench.register import ledger

if TYPE_CHECKING:
    from sqlite_utils import Database

_LINE = re.compile(r"^(?P<at>\S+ \S+) (?P<restore>restore )?seq=(?P<seq>\d+) "
                   r"signoffs=(?P<signoffs>\d+) head=(?P<head>[0-9a-f]{64})"
                   r"(?: from=(?P<from>\d+))?$")


@dataclass(frozen=True)
class Entry:
    """One witnessed head."""

    at: str
    seq: int
    signoffs: int
    head: str
    restored_from: int | None = None  # a restore: the links the file had before it

    def line(self) -> str:
        if self.restored_from is None:
            return f"{self.at} seq={self.seq} signoffs={self.signoffs} head={self.head}"
        return (f"{self.at} restore seq={self.seq} signoffs={self.signoffs} head={self.head} "
                f"from={self.restored_from}")


@dataclass(frozen=True)
class Finding:
    """What comparing the ledger with its witness showed: a message key and its values.

    ``grave``: the file lost or changed what was witnessed (tampering or a bad restore);
    otherwise the witness is missing or behind the file (not proven, not disproven), or,
    with ``info``, only says what happened (a restore that was witnessed).
    """

    key: str
    grave: bool
    params: dict[str, object] = field(default_factory=dict)
    info: bool = False


def folder() -> Path:
    """The witnesses' folder in the user state dir (tests redirect ``XDG_STATE_HOME``)."""
    from platformdirs import user_state_dir

    return Path(user_state_dir("workbench")) / "witness"


def file_id(db: Database) -> str | None:
    """The database's id (kept in ``ledger_file``), or None for a file without a ledger."""
    if "ledger_file" not in db.table_names():
        return None
    r = db.execute("SELECT file_id FROM ledger_file LIMIT 1").fetchone()
    return r[0] if r else None


def path_for(db: Database) -> Path | None:
    fid = file_id(db)
    return folder() / f"{fid}.log" if fid else None


def entry_of(head: ledger.Head, at: datetime | None = None) -> Entry:
    return Entry(stamp(at or datetime.now()), head.seq, head.signoffs, head.hash)


def head_line(db: Database) -> str:
    """The current head as a witness line (a backup's sidecar), "" without a ledger."""
    return entry_of(ledger.head(db)).line() if file_id(db) else ""


def parse(line: str) -> Entry | None:
    m = _LINE.match(line.strip())
    if not m:
        return None
    return Entry(m["at"], int(m["seq"]), int(m["signoffs"]), m["head"],
                 int(m["from"]) if m["restore"] and m["from"] else None)


def read(path: Path) -> list[Entry]:
    """Every well-formed line of a witness file (none if it does not exist)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return [e for e in map(parse, text.splitlines()) if e is not None]


def last(path: Path) -> Entry | None:
    """The newest witnessed head, read from the file's end (the witness grows for years)."""
    try:
        with open(path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            fh.seek(max(0, size - 4096))
            tail = fh.read().decode("utf-8", "replace").splitlines()
    except FileNotFoundError:
        return None
    for line in reversed(tail):
        entry = parse(line)
        if entry is not None:
            return entry
    return None


def _append(path: Path, entry: Entry) -> None:
    for made in (path.parent.parent, path.parent):  # state/workbench, then witness/
        made.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, (entry.line() + "\n").encode())
    finally:
        os.close(fd)


def record(db: Database) -> bool:
    """After a committed write: append the head to the witness. False if it could not.

    A write inside someone's larger transaction is witnessed when that one ends
    (``start``/``record`` by its owner). A missing witness is only created for the
    ledger's very first link: one that disappeared later stays missing, to be reported.
    One small append, no rescan: the counts come from the ledger's (kind, ref_id) index.
    """
    if db.conn.in_transaction:
        return False
    path = path_for(db)
    if path is None:
        return False
    head = ledger.head(db, exact=False)
    if head.seq == 0 or (head.seq > 1 and not path.exists()):
        return False
    try:
        _append(path, entry_of(head))
    except OSError:
        return False
    return True


def record_restore(db: Database, before: int) -> bool:
    """After a restore: witness the restored head and that it replaced ``before`` links, so
    the heads of the history it replaced are no longer expected (and the lowering is said)."""
    path = path_for(db)
    if path is None:
        return False
    head = ledger.head(db)
    entry = entry_of(head)
    try:
        _append(path, Entry(entry.at, entry.seq, entry.signoffs, entry.head, before))
    except OSError:
        return False
    return True


def current(entries: list[Entry]) -> list[Entry]:
    """The witnessed heads of the file's present history: a witnessed restore drops the
    heads after the point it went back to."""
    live: list[Entry] = []
    for entry in entries:
        if entry.restored_from is not None:
            live = [e for e in live if e.seq <= entry.seq]
        live.append(entry)
    return live


def start(db: Database) -> Path | None:
    """Begin the witness of a file that has none (explicit: upgrade, repair, demo)."""
    path = path_for(db)
    if path is None or path.exists():
        return None
    head = ledger.head(db)
    if head.seq == 0:
        return None
    _append(path, entry_of(head))
    return path


def compare(db: Database, entries: list[Entry]) -> list[Finding]:
    """The ledger against every witnessed head: cut tail, rewritten history, missing, behind."""
    # The newest link only (one index probe): the links counted per kind, a scan of the
    # whole ledger, are read only for the message of a cut tail.
    head = ledger.head(db, exact=False)
    restores = [e for e in entries if e.restored_from is not None]
    entries = current(entries)
    if not entries:
        return [Finding("witness.missing", False, {"seq": head.seq})] if head.seq else []
    said = [Finding("witness.restored", False, {
        "at": r.at, "seq": r.seq, "before": r.restored_from}, info=True) for r in restores[-1:]]
    seqs = json.dumps(sorted({e.seq for e in entries}))
    hashes = dict(db.execute("SELECT seq, hash FROM ledger WHERE seq IN "
                             "(SELECT value FROM json_each(?))", [seqs]).fetchall())
    newest = max(entries, key=lambda e: e.seq)
    if newest.seq > head.seq:
        return [Finding("witness.truncated", True, {
            "at": newest.at, "head": newest.head[:12], "signoffs": newest.signoffs,
            "seq": newest.seq, "now_signoffs": ledger.head(db).signoffs,
            "now_seq": head.seq})]
    for entry in entries:
        if entry.seq and hashes.get(entry.seq) != entry.head:
            return [Finding("witness.rewritten", True, {
                "at": entry.at, "seq": entry.seq, "head": entry.head[:12],
                "now": str(hashes.get(entry.seq, ""))[:12]})]
    if newest.seq < head.seq:
        return [Finding("witness.behind", False, {"at": newest.at, "seq": newest.seq,
                                                  "now_seq": head.seq})] + said
    return said


def compare_last(db: Database, entry: Entry | None) -> list[Finding]:
    """``compare`` on the newest witnessed head only: the app's quick look at start-up."""
    return compare(db, [entry] if entry else [])
