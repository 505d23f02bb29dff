"""A writer process for the crash and concurrency tests (run as a script, not collected).

usage: python crash_writer.py DB PREFIX BATCHES BATCH_SIZE
Opens (and migrates) DB, prints "ready", then writes BATCHES batches of outlets, each
batch in one transaction, and prints "committed N" after each commit, so the parent
knows which writes reported success.
"""

import sys
from datetime import datetime
from pathlib import Path

# This checkout's code, not whichever copy the interpreter has installed.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from workbench.roster import outlets  # noqa: E402
from workbench.storage import open_db  # noqa: E402


def main() -> None:
    path, prefix, batches, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    db = open_db(path)
    print("ready", flush=True)
    now = datetime(2026, 11, 27, 9, 0)
    for batch in range(batches):
        with db.atomic():
            for i in range(size):
                outlets.add_outlet(db, outlets.OutletDraft(
                    code=f"{prefix}{batch}-{i}", name=f"网点 {prefix}{batch}-{i}",
                    notes="x" * 200), ["C"], now)
        print(f"committed {batch}", flush=True)
    db.close()


if __name__ == "__main__":
    main()
