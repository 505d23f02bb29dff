"""``workbench check``: is the database file sound? Later capabilities add their checks."""

from __future__ import annotations

from pathlib import Path

from .i18n import t


def run_check(db_path: Path | None) -> int:
    from .db import default_db_path, integrity_problems, open_db

    path = db_path or default_db_path()
    if not path.exists():
        from .errors import WorkbenchError

        raise WorkbenchError("db.missing", path=str(path))
    db = open_db(path)
    try:
        problems = integrity_problems(db)
    finally:
        db.close()
    if problems:
        print(t("check.failed", path=str(path)))
        for problem in problems[:20]:
            print(f"  {problem}")
        return 1
    print(t("check.ok", path=str(path)))
    return 0
