"""``workbench check`` (read-only) and ``workbench repair`` (explicit, after showing what).

``check`` opens the file with ``mode=ro``: it creates nothing, migrates nothing and
re-creates no trigger. Exit codes: 0 sound and proven against the witness, 1 a problem
(each one a translated line), 3 sound but not proven (the witness is missing or behind).
``repair`` re-creates the guards, upgrades an older file and starts a missing witness,
only after printing that plan and getting a yes (or ``--yes``); it changes no record.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from workbench.core.errors import WorkbenchError
from workbench.core.i18n import t

UNWITNESSED = 3


def _path(db_path: Path | None) -> Path:
    from workbench.core.db import default_db_path

    path = db_path or default_db_path()
    if not path.exists():
        raise WorkbenchError("db.missing", path=str(path))
    return path


def run_check(db_path: Path | None) -> int:
    from workbench.storage import inspect

    path = _path(db_path)
    found = inspect(path)
    proof = found.proof
    for note in found.notes:
        print(note)
    if proof is None and len(found.problems) == 1:
        # The file itself is unusable (empty, not SQLite, truncated, newer): one line.
        print(f"workbench: {found.problems[0]}", file=sys.stderr)
        return 1
    if not found.sound:
        print(t("check.failed", path=str(path)))
        for problem in (found.problems + (proof.lines() if proof else []))[:20]:
            print(f"  {problem}")
        return 1
    if proof is not None and proof.unwitnessed:
        print(t("check.unwitnessed", path=str(path)))
    else:
        print(t("check.ok", path=str(path)))
    for line in proof.lines() if proof is not None else []:
        print(f"  {line}")  # what is not proven, or a witnessed restore
    if proof is not None and proof.signoffs is not None:
        print(t("check.chain_ok", count=proof.signoffs.count, head=proof.signoffs.head))
    if proof is not None and proof.ledger is not None:
        head = proof.ledger.head
        print(t("check.ledger_ok", seq=head.seq, signoffs=head.signoffs,
                voids=head.counts.get("void", 0), events=head.counts.get("event", 0),
                corrections=head.counts.get("correction", 0), head=head.hash))
        if not proof.unwitnessed and proof.witness_path is not None and head.seq:
            print(t("check.witness_ok", path=str(proof.witness_path)))
    return UNWITNESSED if proof is not None and proof.unwitnessed else 0


def repair_plan(path: Path) -> list[str] | None:
    """What ``repair`` would do, as translated lines ([] nothing; None it cannot)."""
    from workbench.core import db as core_db
    from workbench.register import ledger, witness
    from workbench.storage import inspect, missing_guards, newer_than_this, pending_migrations

    found = inspect(path)
    if found.proof is None and found.problems:
        return None
    db = core_db.open_readonly(path)
    try:
        if newer_than_this(db):
            return None
        plan = []
        missing = missing_guards(db)
        if missing:
            plan.append(t("repair.guards", names=", ".join(missing)))
        older = pending_migrations(db)
        if older:
            plan.append(t("repair.upgrade", names=", ".join(older)))
        where = witness.path_for(db)
        head = ledger.head(db) if where else None
        if where is not None and head.seq and not where.exists():
            plan.append(t("repair.witness", seq=head.seq, head=head.hash))
    finally:
        db.close()
    return plan


def run_repair(db_path: Path | None, yes: bool,
               ask: Callable[[str], str] | None = None) -> int:
    from workbench.storage import inspect, repair

    path = _path(db_path)
    plan = repair_plan(path)
    if plan is None:
        found = inspect(path)
        reason = (found.problems or [""])[0]
        raise WorkbenchError("repair.refused", path=str(path), reason=reason)
    if not plan:
        print(t("repair.nothing", path=str(path)))
        return 0
    print(t("repair.plan", path=str(path)))
    for step in plan:
        print(f"  - {step}")
    print(t("repair.note"))
    if not yes:
        if ask is None and not sys.stdin.isatty():
            raise WorkbenchError("repair.needs_yes")
        answer = (ask or input)(t("repair.ask"))
        if answer.strip().lower() not in ("y", "yes", "是"):
            print(t("repair.declined"))
            return 1
    repair(path)
    print(t("repair.done", path=str(path)))
    return 0
