"""Private copies of the cached heavy database, each with its register head witnessed.

The copies of one cached file share its identity (the register's witness is keyed on
it), so each run keeps its witnesses in a state folder of its own (``__main__`` points
``XDG_STATE_HOME`` there) and every copy starts a witness of its own: one left by an
earlier run's signatures would make a fresh copy look like a cut-off history, and the
app would open it read-only.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from . import generate


def working_copy(scale: float, folder: Path, name: str = "heavy.db") -> Path:
    """A copy of the cached database for ``scale`` in ``folder``, witnessed."""
    from workbench.register import witness
    from workbench.storage import open_db

    target = folder / name
    shutil.copyfile(generate.cached(scale), target)
    db = open_db(target)
    try:
        witness.start(db)
    finally:
        db.close()
    return target
