"""Declaring a capability's migrations without importing sqlite-utils at app start.

Importing sqlite-utils costs ~0.2 s (it pulls click and pluggy); the app paints first
and opens the database afterwards, so domain modules must not import it at module
level. ``Migrations`` here takes the same decorator as ``sqlite_utils.Migrations``;
``db.migration_sets()`` turns each declaration into the real sqlite-utils object when
the file is opened, and sqlite-utils does all the work of applying them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any


class Migrations:
    def __init__(self, name: str) -> None:
        self.name = name
        self.steps: list[tuple[str, Callable[[Any], None], bool]] = []

    def __call__(self, *, name: str | None = None,
                 transactional: bool = True) -> Callable[[Callable], Callable]:
        def register(fn: Callable[[Any], None]) -> Callable[[Any], None]:
            step = name or fn.__name__
            if any(existing == step for existing, _, _ in self.steps):
                raise ValueError(f"migration {step} registered twice in {self.name}")
            self.steps.append((step, fn, transactional))
            return fn

        return register

    def build(self):
        """The equivalent ``sqlite_utils.migrations.Migrations``."""
        from sqlite_utils.migrations import Migrations as SqliteUtilsMigrations

        built = SqliteUtilsMigrations(self.name)
        for step, fn, transactional in self.steps:
            built(name=step, transactional=transactional)(fn)
        return built


def pending_steps(db: Any, declared: Sequence[Migrations]) -> list[str]:
    """The steps of ``declared`` that ``db`` has not run, as sqlite-utils records them
    (``_sqlite_migrations``: one row per set and step), read without importing it: the
    app's start-up asks this of every file before its first screen shows."""
    applied: set[tuple[str, str]] = set()
    if "_sqlite_migrations" in db.table_names():
        applied = {(r[0], r[1]) for r in db.execute(
            "SELECT migration_set, name FROM _sqlite_migrations")}
    return [step for m in declared for step, _, _ in m.steps if (m.name, step) not in applied]
