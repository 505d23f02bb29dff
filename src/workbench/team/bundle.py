"""``workbench bundle``: one signed file of a manager's records up to the end of a week.

The bundle is a zip of three members: ``snapshot.db`` (a consistent copy made with
SQLite's online backup API, cut at the week's end and masked, ``masking``),
``manifest.json`` (who, which period, each chain's row count and head, the snapshot's
SHA-256, the program's version, the rules the dashboard needs) and ``manifest.sig``
(the manifest's Ed25519 signature, ``keys``).

Before anything leaves, the copy passes the project's own proof (``register.proof``,
what ``workbench check`` runs): a file edited behind the app's back makes no bundle. The
cut keeps the chains verifiable: the ledger is cut after the week's last link (the rows
of every later link are left out; a link recorded after the week but before that one in
the chain, written out of time order, stays, since a chain is only ever cut at its
tail); if that would leave a chain that does not verify, no sealed row is left out.
Masking changes sealed columns, so both chains of the copy are then re-linked over the
masked rows (``chain.relink``, ``ledger.relink``): the same links in the same order,
deterministic, so next week's bundle extends this week's. The manifest also carries the
heads of the manager's own chains at the cut (``source_chains``), which an auditor can
match against the laptop's file and witness.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sqlite3
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from workbench import __version__
from workbench.core import config as config_mod
from workbench.core import db as core_db
from workbench.core.config import Config
from workbench.core.errors import WorkbenchError
from workbench.register import chain, ledger, proof
from workbench.register import schema as register_schema
from workbench.review.week import Week
from workbench.team import keys, masking

FORMAT = 1
SNAPSHOT, MANIFEST, SIGNATURE = "snapshot.db", "manifest.json", "manifest.sig"

# Rows that are not sealed, left out when their day is after the cut (table, column);
# the roster (outlets, staff) goes whole, as it stands.
DATED = (("visits", "started_at"), ("stock_counts", "counted_at"),
         ("applications", "collected_at"), ("handovers", "handed_at"),
         ("policies", "issue_date"), ("moods", "day"))
# What each kind of ledger link seals: (table, the id column).
SEALED = {"signoff": "signoffs", "void": "voids", "event": "policy_events",
          "correction": "deliveries"}


def on(conn: sqlite3.Connection) -> Any:
    """A sqlite-utils Database over an open connection (the project's checks take one)."""
    from sqlite_utils import Database

    return Database(conn, execute_plugins=False)


def _heads(db: Any) -> dict[str, Any]:
    signoffs = chain.verify_chain(db)
    led = ledger.head(db)
    return {"signoffs": {"count": signoffs.count, "head": signoffs.head},
            "ledger": {"seq": led.seq, "head": led.hash, "counts": led.counts}}


def _prove_source(db: Any) -> None:
    found = proof.prove(db)
    if found.broken:
        raise WorkbenchError("team.bundle_broken", where=found.lines()[0])


def _cut_sealed(conn: sqlite3.Connection, cut: str) -> bool:
    """Leave out the ledger's links after ``cut`` and the rows they seal; False (and
    nothing left out) when the chains would then not verify."""
    # After the last link recorded by the cut: a link recorded later but before it in the
    # chain (written out of time order, e.g. a back-fill) stays, or the chain would break.
    first = conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM ledger WHERE recorded_at <= ?",
                         [cut]).fetchone()[0]
    if not conn.execute("SELECT 1 FROM ledger WHERE seq >= ?", [first]).fetchone():
        return True
    conn.execute("SAVEPOINT cut")
    later = conn.execute("SELECT kind, ref_id FROM ledger WHERE seq >= ?", [first]).fetchall()
    for kind, ref in later:
        conn.execute(f"DELETE FROM {SEALED[kind]} WHERE id = ?", [ref])
        if kind == "signoff":
            conn.execute("DELETE FROM signoff_lines WHERE signoff_id = ?", [ref])
    conn.execute("DELETE FROM ledger WHERE seq >= ?", [first])
    # A sign-off is sealed by the ledger, so the sign-off chain loses its tail with it.
    db = on(conn)
    if chain.verify_chain(db).ok and ledger.verify(db).ok:
        conn.execute("RELEASE cut")
        return True
    conn.execute("ROLLBACK TO cut")
    conn.execute("RELEASE cut")
    return False


def _cut_unsealed(conn: sqlite3.Connection, cut: str, day: str) -> None:
    for table, column in DATED:
        # A day column compares with the day, a moment column with the cut's last second.
        conn.execute(f"DELETE FROM {table} WHERE {column} > (CASE WHEN length({column}) = 10 "
                     "THEN ? ELSE ? END)", [day, cut])
    # Lines delivered after the cut that no kept row names.
    conn.execute("DELETE FROM deliveries WHERE delivered_at > ? AND id NOT IN "
                 "(SELECT delivery_id FROM signoff_lines UNION SELECT delivery_id FROM voids "
                 "UNION SELECT delivery_id FROM policy_events UNION SELECT ref_id FROM ledger "
                 "WHERE kind = 'correction')", [cut])


def _drop_guards(conn: sqlite3.Connection) -> None:
    """The copy's triggers go: it is rewritten here (masked, cut), never appended to."""
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                ).fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')


def _rebuild_open(conn: sqlite3.Connection) -> None:
    """The trigger-kept open lists, as of the cut (the register's own rebuild queries)."""
    conn.execute("DELETE FROM open_lines")
    conn.execute(register_schema.REBUILD_OPEN_LINES)
    conn.execute("DELETE FROM open_policies")
    conn.execute(register_schema.REBUILD_OPEN_POLICIES.format(line="1"))


def _prepare(path: Path, week: Week, share_mood: bool,
             salt: bytes) -> tuple[bool, dict, dict]:
    """Cut, mask and re-link the copy at ``path``: (the cut kept the chains, the heads
    of the manager's own chains at the cut, the heads of the bundle's)."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("BEGIN")
        _drop_guards(conn)
        for name in masking.PRIVATE + (() if share_mood else (masking.MOODS,)):
            conn.execute(f'DELETE FROM "{name}"')
        cut = f"{week.end.isoformat()} 23:59:59"
        whole = _cut_sealed(conn, cut)
        _cut_unsealed(conn, cut, week.end.isoformat())
        _rebuild_open(conn)
        db = on(conn)
        source = _heads(db)
        masking.mask_tables(conn, salt)
        chain.relink(db)
        ledger.relink(db)
        heads = _heads(db)
        conn.execute("COMMIT")
        conn.execute("VACUUM")
    finally:
        conn.close()
    return whole, source, heads


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# The config sections a merge needs to compute the manager's figures by their own rules.
RULE_SECTIONS = ("visits", "plan", "deliveries", "goals", "review")


def rules(config: Config) -> dict[str, Any]:
    """The manager's rules (their config's sections, as in the file) for the dashboard."""
    whole = config_mod.to_dict(config)
    out = {name: whole[name] for name in RULE_SECTIONS}
    out["manager"] = {"grade": config.manager.grade, "share_mood": config.manager.share_mood}
    return out


def make_bundle(db_path: Path, week: Week, config: Config, config_dir: Path,
                now: datetime) -> tuple[bytes, dict[str, Any], bool]:
    """The bundle's bytes, its manifest and whether the key was made now."""
    key, made = keys.load_or_create(config_dir)
    salt = keys.salt(config_dir)
    public = keys.public_hex(key)
    with tempfile.TemporaryDirectory(prefix="workbench-bundle-") as tmp:
        copy = Path(tmp) / SNAPSHOT
        source = core_db.open_readonly(db_path)
        try:
            core_db.backup_to(source, copy)
        finally:
            source.close()
        snap = core_db.connect(copy)
        try:
            if not snap.execute("SELECT 1 FROM sqlite_master WHERE name = 'signoffs'"
                                ).fetchone():
                raise WorkbenchError("check.not_workbench", path=str(db_path))
            _prove_source(snap)
            snap.conn.execute("PRAGMA journal_mode=DELETE")
        finally:
            snap.close()
        whole, source_heads, heads = _prepare(copy, week, config.manager.share_mood, salt)
        manifest = {
            "format": FORMAT, "program": __version__,
            "manager": {"name": config.manager.name, "public_key": public,
                        "fingerprint": keys.fingerprint(public),
                        "share_mood": config.manager.share_mood},
            "period": {"week": week.label, "start": week.start.isoformat(),
                       "end": week.end.isoformat(), "cut_at_week_end": whole},
            "chains": heads, "source_chains": source_heads,
            "snapshot": {"sha256": sha256_of(copy), "bytes": copy.stat().st_size},
            "rules": rules(config), "made_at": now.strftime("%Y-%m-%d %H:%M:%S"),
        }
        body = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode()
        out = Path(tmp) / "bundle.zip"
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.write(copy, SNAPSHOT)
            zf.writestr(MANIFEST, body)
            zf.writestr(SIGNATURE, keys.sign(key, body))
        return out.read_bytes(), manifest, made


def default_name(manifest: dict[str, Any]) -> str:
    name = manifest["manager"]["name"] or manifest["manager"]["fingerprint"].replace(" ", "")
    # A name is not a path: no folder separators or characters a file system refuses.
    safe = re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("._") or "manager"
    return f"bundle-{safe}-{manifest['period']['week']}.zip"


def unpack_to(bundle: Path, folder: Path) -> tuple[dict[str, Any], bytes, bytes, Path]:
    """(manifest, its bytes, signature, the extracted snapshot); a damaged file is a
    ``team.corrupt`` error."""
    try:
        with zipfile.ZipFile(bundle) as zf:
            names = set(zf.namelist())
            if not {SNAPSHOT, MANIFEST, SIGNATURE} <= names:
                raise WorkbenchError("team.corrupt", file=str(bundle))
            body, signature = zf.read(MANIFEST), zf.read(SIGNATURE)
            target = folder / SNAPSHOT
            with zf.open(SNAPSHOT) as src, target.open("wb") as dst:
                shutil.copyfileobj(src, dst)
        manifest = json.loads(body.decode("utf-8"))
        if not isinstance(manifest, dict):
            raise ValueError
    except (zipfile.BadZipFile, ValueError, KeyError, OSError, EOFError,
            zipfile.LargeZipFile):
        raise WorkbenchError("team.corrupt", file=str(bundle)) from None
    return manifest, body, signature, target
