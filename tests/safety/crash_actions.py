"""The app's own write paths, run in a child process for the kill -9 tests (not collected).

usage:
  python crash_actions.py signoff DB OUTLET_ID STAFF_ID BATCH
      signs the outlet's open lines BATCH at a time (oldest first), one sign-off each;
      prints "committed SIGNOFF_ID" after each sign-off returns
  python crash_actions.py import DB FILE...
      ``workbench import outlets FILE`` for each file in turn; prints "committed N"
      after the N-th import reports success
  python crash_actions.py migrate DB
      opens DB with one more migration that rebuilds ``deliveries`` with ``transform()``
      (see ``extra_migrations``); prints "committed" once the file is open

Each mode prints "ready" once it is about to write, so the parent's random kill lands
in the write path rather than in Python's start-up.
"""

import sys
from datetime import datetime
from pathlib import Path

# This checkout's code, not whichever copy the interpreter has installed.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

NOW = datetime(2026, 11, 27, 9, 30)


def extra_migrations():
    """A later release's migration: rebuild the register's line table (drops its triggers)."""
    from workbench.core.migrations import Migrations

    extra = Migrations("workbench.safety_test")

    @extra()
    def m001_rebuild_deliveries(db):
        db["deliveries"].add_column("channel", str)
        db["deliveries"].transform(types={"channel": str})

    return extra


def with_extra(storage) -> None:
    original = storage.declared_migrations
    storage.declared_migrations = lambda: [*original(), extra_migrations()]


def signoff(path: str, outlet_id: str, staff_id: str, batch: str) -> None:
    from workbench.register import chain
    from workbench.storage import open_db

    db = open_db(path)
    print("ready", flush=True)
    while True:
        ids = [r[0] for r in db.execute(
            "SELECT delivery_id FROM open_lines WHERE outlet_id = ? ORDER BY delivery_id "
            "LIMIT ?", [int(outlet_id), int(batch)])]
        if not ids:
            break
        sid = chain.sign_off(db, outlet_id=int(outlet_id), delivery_ids=ids,
                             staff_id=int(staff_id), now=NOW)
        print(f"committed {sid}", flush=True)
    db.close()


def import_files(path: str, *files: str) -> None:
    from workbench.cli import main

    print("ready", flush=True)
    for n, name in enumerate(files):
        if main(["--db", path, "--lang", "en", "import", "outlets", name]) != 0:
            sys.exit(1)
        print(f"committed {n}", flush=True)


def migrate(path: str) -> None:
    from workbench import storage

    with_extra(storage)
    print("ready", flush=True)
    storage.open_db(path).close()
    print("committed", flush=True)


if __name__ == "__main__":
    mode, *args = sys.argv[1:]
    {"signoff": signoff, "import": import_files, "migrate": migrate}[mode](*args)
