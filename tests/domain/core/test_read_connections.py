"""The screens' read connections: read-only, one per thread, one state of the file per load,
never waiting for the writer, closed with the app."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from tests.conftest import NOW
from workbench.core.db import ReadConnections
from workbench.roster import outlets


def add(db, code: str) -> int:
    draft = outlets.OutletDraft(code=code, name=f"网点{code}", tier="A")
    return outlets.add_outlet(db, draft, ["A"], NOW)


def count(db) -> int:
    return db.execute("SELECT count(*) FROM outlets").fetchone()[0]


@pytest.fixture
def readers(db, db_path):
    connections = ReadConnections(db_path)
    yield connections
    connections.close()


def test_a_reader_cannot_write(readers):
    with readers.snapshot() as reader, pytest.raises(sqlite3.OperationalError, match="readonly"):
        reader.execute("DELETE FROM outlets")


def test_a_load_sees_one_state_of_the_file(db, readers):
    add(db, "A1")
    with readers.snapshot() as reader:
        assert count(reader) == 1
        add(db, "A2")  # committed by the writer while the load runs
        assert count(reader) == 1  # the load's later queries still see the state it began on
    with readers.snapshot() as reader:
        assert count(reader) == 2  # the next load sees the write


def test_a_load_runs_beside_an_open_write_and_never_sees_it_half_done(db, readers):
    add(db, "A1")
    with db.atomic():
        add(db, "A2")  # the write lock is held, nothing committed yet
        with readers.snapshot() as reader:
            assert count(reader) == 1  # no wait for the writer (WAL), and no uncommitted row
    with readers.snapshot() as reader:
        assert count(reader) == 2


def test_a_connection_is_kept_for_the_next_load_whichever_thread_runs_it(readers):
    with readers.snapshot() as first:
        pass
    with readers.snapshot() as again:
        assert again is first
    seen = []

    def elsewhere():
        with readers.snapshot() as other:
            seen.append(other)

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()
    assert seen == [first]  # a worker's thread is new each time: the connection is not


def test_two_loads_at_once_read_on_two_connections(readers):
    with readers.snapshot() as one, readers.snapshot() as two:
        assert one is not two
        assert count(one) == count(two) == 0


def open_descriptors(path) -> int:
    """Descriptors of this process open on ``path`` (Linux's /proc)."""
    import os

    fds = "/proc/self/fd"
    found = 0
    for fd in os.listdir(fds):
        try:
            found += os.readlink(f"{fds}/{fd}") == str(path)
        except OSError:
            pass
    return found


def test_loads_from_many_short_lived_threads_do_not_pile_up_connections(readers, db_path):
    """Each of Textual's thread workers runs on a thread of its own: a connection per
    thread, kept for the app's life, was a connection (and a descriptor) per load."""
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc")
    before = open_descriptors(db_path)

    def load():
        with readers.snapshot() as reader:
            count(reader)

    for _ in range(50):
        thread = threading.Thread(target=load)
        thread.start()
        thread.join()
    assert open_descriptors(db_path) <= before + 1


def test_close_waits_for_a_connection_in_use_and_refuses_new_loads(readers):
    with readers.snapshot() as one, readers.snapshot() as two:
        pass  # two kept: the load below is lent one, the other stays idle
    lent = threading.Event()
    release = threading.Event()
    used, counted = [], []

    def load():
        with readers.snapshot() as reader:
            used.append(reader)
            lent.set()
            release.wait(5)
            counted.append(count(reader))  # still open: close() left it to this thread

    thread = threading.Thread(target=load)
    thread.start()
    assert lent.wait(5)
    idle = two if used[0] is one else one
    readers.close()
    with pytest.raises(sqlite3.ProgrammingError):
        idle.execute("SELECT 1")  # idle: closed at once
    release.set()
    thread.join()
    assert counted == [0]
    with pytest.raises(sqlite3.ProgrammingError):
        used[0].execute("SELECT 1")  # closed when it came back
    with pytest.raises(RuntimeError):
        with readers.snapshot():
            pass
