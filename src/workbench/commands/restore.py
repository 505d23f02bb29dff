"""``workbench restore FILE`` and ``workbench restore --list``: only a sound backup, and
never without keeping the current file first.

A backup is restored only if it passes ``workbench check`` in full (a workbench file,
intact, both chains whole, every guard, not from a newer release) and its history does
not contradict the witness. The current file is copied aside first, even when damaged
(which is when a restore is needed most); a restore to an older head is said, and
witnessed as a restore (so the heads it went back over are no longer expected).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from workbench.core.errors import WorkbenchError
from workbench.core.i18n import t


def _head_of(path: Path) -> tuple[int, str] | None:
    """(links, witness line) of the ledger in ``path``, read-only; None if unreadable."""
    from workbench.core.db import open_readonly
    from workbench.register import ledger, witness

    try:
        db = open_readonly(path)
    except sqlite3.Error:
        return None
    try:
        if witness.file_id(db) is None:
            return None
        head = ledger.head(db)
        return head.seq, witness.entry_of(head).line()
    except sqlite3.Error:
        return None
    finally:
        db.close()


def list_backups(db_path: Path, folder: str = "") -> int:
    """Every backup of the file, oldest first, with the head it holds."""
    from workbench.core import backup
    from workbench.register import witness

    found = backup.backups(db_path, folder)
    if not found:
        print(t("restore.list_empty", folder=str(backup.backup_folder(db_path, folder))))
        return 0
    for path in found:
        head = _head_of(path)
        if head is None:
            print(t("restore.list_unreadable", name=path.name))
            continue
        entry = witness.parse(head[1])
        print(t("restore.list_row", name=path.name, seq=entry.seq, signoffs=entry.signoffs,
                head=entry.head[:12]))
        side = backup.read_head(path)
        if side and witness.parse(side) and witness.parse(side).head != entry.head:
            print(f"  {t('restore.sidecar_differs', head=witness.parse(side).head[:12])}")
    return 0


def _refusal(source: Path) -> tuple[str | None, list[str]]:
    """Why ``source`` may not be restored (None: it may), and what restoring it says."""
    from workbench.storage import inspect

    found = inspect(source)
    if found.problems:
        return found.problems[0], []
    proof = found.proof
    if proof is None:
        return None, []
    if (proof.signoffs is not None and not proof.signoffs.ok) or (
            proof.ledger is not None and not proof.ledger.ok):
        return proof.lines()[0], []
    said = []
    for finding in proof.findings:
        if finding.key == "witness.rewritten":
            return t(finding.key, **finding.params), []
        if finding.key == "witness.truncated":  # an older backup: allowed, said aloud
            said.append(t("restore.lowers", detail=t(finding.key, **finding.params)))
    return None, said


def run_restore(db_path: Path | None, source: Path, folder: str = "") -> int:
    from workbench.core import backup
    from workbench.core.db import default_db_path, open_readonly
    from workbench.register import witness

    path = db_path or default_db_path()
    if not source.is_file():
        raise WorkbenchError("restore.missing", path=str(source))
    if not path.parent.is_dir():
        raise WorkbenchError("db.folder_missing", folder=str(path.parent))
    reason, said = _refusal(source)
    if reason is not None:
        raise WorkbenchError("restore.refused", file=str(source), reason=reason)
    current = _head_of(path) if path.exists() else None
    before = current[0] if current else None
    safety = backup.keep_current(path, folder) if path.exists() else None
    try:
        backup.copy_into(source, path)
    except (OSError, sqlite3.Error) as exc:  # a full disk, a vanished folder: say so
        raise WorkbenchError("restore.failed", file=str(source), error=str(exc),
                             safety=str(safety or "—")) from None
    db = open_readonly(path)
    try:
        restored = witness.path_for(db)
        entries = witness.read(restored) if restored else []
        if before is None and entries:
            before = max(e.seq for e in witness.current(entries))
        if before is not None:
            witness.record_restore(db, before)
    finally:
        db.close()
    for line in said:
        print(line)
    if safety is not None:
        print(t("restore.done", file=str(source), safety=str(safety)))
    else:
        print(t("restore.done_fresh", file=str(source), path=str(path)))
    return 0
