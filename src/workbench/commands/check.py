"""``workbench check``: is the database file sound? Later capabilities add their checks."""

from __future__ import annotations

from pathlib import Path

from workbench.core.i18n import t


def run_check(db_path: Path | None) -> int:
    from workbench.core.db import default_db_path, integrity_problems
    from workbench.storage import open_db

    path = db_path or default_db_path()
    if not path.exists():
        from workbench.core.errors import WorkbenchError

        raise WorkbenchError("db.missing", path=str(path))
    db = open_db(path)
    try:
        problems = integrity_problems(db)
        from workbench.register.chain import verify_chain

        chain = verify_chain(db)
    finally:
        db.close()
    if not chain.ok:
        problems.append(t("check.chain_broken", id=chain.broken_id,
                          problem=t(f"check.chain_{chain.problem}"), count=chain.count))
    if problems:
        print(t("check.failed", path=str(path)))
        for problem in problems[:20]:
            print(f"  {problem}")
        return 1
    print(t("check.ok", path=str(path)))
    print(t("check.chain_ok", count=chain.count, head=chain.head))
    return 0
