"""A process that holds the database file as the app does, driven line by line on stdin.

``python -m tests.e2e.file_holder PATH`` opens ``PATH`` through the app's own start-up
(``storage.open_checked``), reads on ``ReadConnections`` from short-lived threads (as the
screens' workers do), writes on the one writing connection, and imports on a connection of
its own (as the in-app import does). Commands, one per line: ``write N``, ``import N``,
``read``, ``quit``; each answers one line ``ok <outlets seen> <wal present>`` or
``error <line>``.

An audit hook records every open, rename or removal of the database file, its ``-wal`` or
its ``-shm`` made by Python code in this process (SQLite's own opens are not Python's and
are not seen): ``quit`` answers ``raw <json list>``. Closing any descriptor of the file drops
SQLite's POSIX locks, so that list must stay empty.
"""

from __future__ import annotations

import json
import sys
import threading
from datetime import datetime
from pathlib import Path

from tests.file_audit import file_audit


def main(path: Path, n: int = 0) -> None:
    from workbench.core.config import Config
    from workbench.core.db import ReadConnections, file_of
    from workbench.roster.importer import import_rows
    from workbench.roster.outlets import OutletDraft, add_outlet
    from workbench.storage import open_checked, open_db

    opened = open_checked(path)
    audit = file_audit()
    audit.watch(path)  # from the first connection on
    db, reads, config = opened.db, ReadConnections(path), Config()

    def seen() -> int:
        counted: list[int | BaseException] = []

        def worker() -> None:  # a screen's load: a thread of its own, then gone
            try:
                with reads.snapshot() as rdb:
                    counted.append(rdb.execute("SELECT count(*) FROM outlets").fetchone()[0])
            except Exception as exc:  # noqa: BLE001 - raised again in the asking thread
                counted.append(exc)

        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
        if isinstance(counted[0], BaseException):
            raise counted[0]
        return counted[0]

    for line in sys.stdin:
        word, _, arg = line.strip().partition(" ")
        try:
            if word == "write":
                with db.atomic():
                    for _ in range(int(arg)):
                        n += 1
                        add_outlet(db, OutletDraft(code=f"APP{n}", name=f"工行{n}支行",
                                                   notes="记录" * 40), ["A", "B", "C", "D"],
                                   datetime(2026, 11, 27, 9, 30))
            elif word == "import":
                rows = [{"code": f"IMP{n + i}", "name": f"建行{n + i}分理处"}
                        for i in range(1, int(arg) + 1)]
                n += int(arg)
                own = open_db(file_of(db))
                try:
                    import_rows(own, "outlets", rows, config, skip_invalid=False,
                                now=datetime(2026, 11, 27, 9, 30))
                finally:
                    own.close()
            elif word == "quit":
                reads.close()
                db.close()
                print("raw " + json.dumps(audit.seen), flush=True)
                return
            print(f"ok {seen()} {int(Path(f'{path}-wal').exists())}", flush=True)
        except Exception as exc:  # noqa: BLE001 - the test reads the line
            print(f"error {type(exc).__name__}: {exc}".replace("\n", " "), flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
