"""``workbench team add-manager`` and ``team merge``: only a proven bundle gets in.

A bundle is accepted when, in this order: it is a readable bundle of this format; its
key is registered; the manifest's signature holds under that key; the snapshot's SHA-256
is the one signed; the snapshot passes the project's own chain verification
(``register.chain.verify_chain`` and ``register.ledger.verify``, what ``workbench
check`` runs) with the heads the manifest names; and its ledger extends the chain
accepted from that manager before. A bundle whose ledger is a prefix of what was
accepted and that is no newer (its week's end, then the moment it was made) is a replay:
nothing to do. Anything else is refused as one translated line naming the manager and
the row, and writes nothing. An accepted bundle replaces that manager's rows in one
transaction and adds its head to ``team_heads``.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.core import config as config_mod
from workbench.core import db as core_db
from workbench.core.clock import stamp
from workbench.core.config import Config
from workbench.core.errors import WorkbenchError
from workbench.core.i18n import t
from workbench.register import chain, ledger, proof
from workbench.review.week import Week
from workbench.team import bundle as bundles
from workbench.team import figures, keys, schema

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class Merged:
    manager: str
    week: str
    replay: bool
    rows: int = 0
    seq: int = 0


def add_manager(db: Database, name: str, public: str, now: datetime) -> str:
    """Register ``name`` with the public key ``public``; returns the fingerprint."""
    name = " ".join(name.split())
    if not name or len(name) > 60:
        raise WorkbenchError("team.bad_name")
    key = keys.parse_public(public)
    with db.atomic():
        taken = db.execute("SELECT manager FROM team_managers WHERE manager = ? "
                           "OR public_key = ?", [name, key]).fetchone()
        if taken:
            raise WorkbenchError("team.already_registered", manager=taken[0])
        db.execute("INSERT INTO team_managers (manager, public_key, fingerprint, registered_at) "
                   "VALUES (?, ?, ?, ?)", [name, key, keys.fingerprint(key), stamp(now)])
    return keys.fingerprint(key)


def managers(db: Database) -> list[tuple[str, str, str | None]]:
    return db.execute("SELECT manager, fingerprint, week FROM team_managers ORDER BY manager"
                      ).fetchall()


def _refuse(file: Path, manager: str, key: str, **params: Any) -> WorkbenchError:
    return WorkbenchError("team.refused", file=file.name, manager=manager,
                          reason=t(key, **params))


def _checked_snapshot(path: Path, manifest: dict[str, Any], file: Path, who: str) -> Any:
    """The snapshot open read-only, after the project's chain verification."""
    snap = core_db.open_readonly(path)
    try:
        snap.execute("SELECT count(*) FROM ledger").fetchone()
        snap.execute("SELECT count(*) FROM signoffs").fetchone()
    except Exception:  # noqa: BLE001 - any unreadable snapshot is one refusal
        snap.close()
        raise _refuse(file, who, "team.why.snapshot") from None
    found = proof.Proof(chain.verify_chain(snap), ledger.verify(snap))
    if found.broken:
        snap.close()
        raise _refuse(file, who, "team.why.chain", where=found.lines()[0])
    heads = manifest.get("chains", {})
    led = found.ledger.head
    if (heads.get("ledger", {}).get("seq"), heads.get("ledger", {}).get("head"),
            heads.get("signoffs", {}).get("head")) != (led.seq, led.hash, found.signoffs.head):
        snap.close()
        raise _refuse(file, who, "team.why.heads")
    return snap


def _extends(db: Database, snap: Any, who: str, as_of: tuple[str, str], file: Path) -> bool:
    """True: a new state to accept; False: a replay. Refuses a rewritten or cut history.

    ``as_of`` is (the week's last day, when the bundle was made): a bundle older than the
    last one accepted may hold less, a newer one may not.
    """
    last = db.execute("SELECT ledger_seq, period_end, made_at FROM team_heads "
                      "WHERE manager = ? ORDER BY id DESC LIMIT 1", [who]).fetchone()
    if last is None:
        return True
    seq, last_as_of = last[0], (last[1], last[2])
    theirs = dict(snap.execute("SELECT seq, hash FROM ledger").fetchall())
    ours = db.execute("SELECT seq, kind, ref_id, hash FROM ledger WHERE manager = ? "
                      "ORDER BY seq", [who]).fetchall()
    for n, kind, ref_id, digest in ours:
        if n in theirs and theirs[n] != digest:
            raise _refuse(file, who, "team.why.rewritten", seq=n,
                          kind=t(f"ledger.kind.{kind}"), id=ref_id)
    top = max(theirs, default=0)
    if top < seq:
        if as_of < last_as_of:
            return False  # an older view of the same history, sent late
        n, kind, ref_id, _ = ours[top]  # the first accepted link the bundle lacks
        raise _refuse(file, who, "team.why.truncated", seq=n, kind=t(f"ledger.kind.{kind}"),
                      id=ref_id, have=top)
    # The same history, no newer: the same bundle again, or an older one sent late. The
    # same history as of a later day is news (its visits, its figures).
    return not (top == seq and as_of <= last_as_of)


def _rules(manifest: dict[str, Any], file: Path, who: str) -> tuple[Config, date]:
    """The manager's config (as far as the figures need it) and the figures' cut: the
    week's last day, or the day the bundle was made in a week not over yet."""
    try:
        config = config_mod.from_dict(dict(manifest.get("rules") or {}), source=file.name)
        end = date.fromisoformat(manifest["period"]["end"])
        made = date.fromisoformat(str(manifest.get("made_at", ""))[:10])
        date.fromisoformat(manifest["period"]["start"])
    except (WorkbenchError, ValueError, TypeError):
        raise _refuse(file, who, "team.why.rules") from None
    return config, min(end, made)


def _copy_rows(db: Database, snap: Any, who: str) -> int:
    count = 0
    for table in schema.TABLES:
        db.execute(f"DELETE FROM {table} WHERE manager = ?", [who])
        if not snap.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [table]).fetchone():
            continue
        have = {r[1] for r in snap.execute(f"SELECT * FROM pragma_table_info('{table}')")}
        cols = [c for c in schema.columns(table) if c in have]
        rows = snap.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
        marks = ", ".join("?" * (len(cols) + 1))
        db.conn.executemany(f"INSERT INTO {table} (manager, {', '.join(cols)}) VALUES ({marks})",
                            [(who, *r) for r in rows])
        count += len(rows)
    return count


def _well_formed(manifest: dict[str, Any]) -> bool:
    """Every part the merge reads is there, of its type (else: a corrupt file)."""
    try:
        heads = manifest["chains"]
        return (isinstance(manifest["manager"]["public_key"], str)
                and isinstance(manifest["period"]["week"], str)
                and isinstance(manifest["period"]["end"], str)
                and isinstance(manifest["period"]["start"], str)
                and isinstance(manifest["made_at"], str)
                and isinstance(heads["ledger"]["head"], str)
                and isinstance(heads["signoffs"]["head"], str)
                and isinstance(heads["ledger"]["seq"], int)
                and isinstance(heads["signoffs"]["count"], int)
                and isinstance(manifest["source_chains"]["ledger"]["head"], str)
                and isinstance(manifest["snapshot"]["sha256"], str))
    except (KeyError, TypeError):
        return False


def merge(db: Database, file: Path, now: datetime) -> Merged:
    """Verify the bundle at ``file`` and merge it into the team database ``db``."""
    with tempfile.TemporaryDirectory(prefix="workbench-merge-") as tmp:
        manifest, body, signature, snapshot = bundles.unpack_to(file, Path(tmp))
        person = manifest.get("manager")
        claimed = str(person.get("name") or "?") if isinstance(person, dict) else "?"
        if manifest.get("format") != bundles.FORMAT:
            raise _refuse(file, claimed, "team.why.format", found=manifest.get("format"),
                          expected=bundles.FORMAT)
        if not _well_formed(manifest):
            raise WorkbenchError("team.corrupt", file=str(file))
        public = str(manifest["manager"].get("public_key", ""))
        row = db.execute("SELECT manager FROM team_managers WHERE public_key = ?",
                         [public]).fetchone()
        if row is None:
            try:
                fp = keys.fingerprint(keys.parse_public(public))
            except WorkbenchError:
                fp = "?"
            raise _refuse(file, claimed, "team.why.unregistered", fingerprint=fp)
        who = row[0]
        if not keys.verifies(public, body, signature):
            raise _refuse(file, who, "team.why.signature")
        snap_info = manifest.get("snapshot") or {}
        if bundles.sha256_of(snapshot) != snap_info.get("sha256"):
            raise _refuse(file, who, "team.why.sha256")
        period = manifest.get("period") or {}
        snap = _checked_snapshot(snapshot, manifest, file, who)
        try:
            with db.atomic():
                as_of = (str(period["end"]), str(manifest.get("made_at", "")))
                if not _extends(db, snap, who, as_of, file):
                    return Merged(who, str(period.get("week")), replay=True)
                rows = _copy_rows(db, snap, who)
                config, cut = _rules(manifest, file, who)
                figures.store(db, who, str(period["week"]), figures.compute(
                    snap, Week(date.fromisoformat(period["start"])), cut, config,
                    bool(manifest["manager"].get("share_mood"))))
                heads = manifest["chains"]
                db.execute(
                    "INSERT INTO team_heads (manager, week, period_end, ledger_seq, "
                    "ledger_head, signoff_count, signoff_head, source_ledger_head, "
                    "bundle_sha256, program, made_at, accepted_at) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    [who, period["week"], period["end"], heads["ledger"]["seq"],
                     heads["ledger"]["head"], heads["signoffs"]["count"],
                     heads["signoffs"]["head"],
                     manifest["source_chains"]["ledger"]["head"], snap_info["sha256"],
                     str(manifest.get("program")), as_of[1], stamp(now)])
                db.execute("UPDATE team_managers SET share_mood = ?, rules = ?, week = ?, "
                           "period_end = ? WHERE manager = ?",
                           [int(bool(manifest["manager"].get("share_mood"))),
                            json.dumps(manifest.get("rules") or {}, ensure_ascii=False),
                            period["week"], period["end"], who])
        finally:
            snap.close()
    return Merged(who, str(period["week"]), replay=False, rows=rows,
                  seq=heads["ledger"]["seq"])
