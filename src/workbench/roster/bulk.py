"""Set-based insert-or-update of rows already cleaned, for the roster's own tables.

An import writes thousands of rows: one ``executemany`` per set of columns keeps a
200,000-row sheet within seconds, where one insert per row would not. Only the module
that owns a table's rules calls this (``outlets.upsert_outlets``, ``staff.upsert_staff``),
after its ``clean_*`` function has passed every row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class Written:
    """What one bulk write did: rows added, rows really changed, rows already equal."""

    added: int
    updated: int
    unchanged: int


Rows = Sequence[Mapping[str, Any]]


def _by_columns(rows: Rows) -> dict[tuple[str, ...], list[Mapping[str, Any]]]:
    groups: dict[tuple[str, ...], list[Mapping[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(row), []).append(row)
    return groups


def write(db: Database, table: str, new: Rows, old: Rows, keys: tuple[str, ...],
          at: str) -> Written:
    """Insert ``new`` rows and update ``old`` ones (matched on ``keys``), stamped ``at``.

    All of it or nothing (one ``db.atomic()``, a savepoint inside the caller's). An
    update only touches rows whose values really change, so ``updated_at`` keeps
    meaning "last changed".
    """
    conn = db.conn
    updated = 0
    with db.atomic():
        for cols, group in _by_columns(new).items():
            names = [*cols, "created_at", "updated_at"]
            sql = (f"INSERT INTO {table} ({', '.join(names)}) "
                   f"VALUES ({', '.join('?' * len(names))})")
            conn.executemany(sql, [[*(r[c] for c in cols), at, at] for r in group])
        for cols, group in _by_columns(old).items():
            sets = [c for c in cols if c not in keys]
            if not sets:
                continue
            sql = (f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in sets)}, updated_at = ? "
                   f"WHERE {' AND '.join(f'{k} = ?' for k in keys)} "
                   f"AND ({' OR '.join(f'{c} IS NOT ?' for c in sets)})")
            before = conn.total_changes
            conn.executemany(sql, [
                [*(r[c] for c in sets), at, *(r[k] for k in keys), *(r[c] for c in sets)]
                for r in group])
            updated += conn.total_changes - before
    updated = min(updated, len(old))
    return Written(added=len(new), updated=updated, unchanged=len(old) - updated)
