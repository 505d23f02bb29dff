"""What every generator step gets: the database, config, a fixed day and scaled counts."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time

from sqlite_utils import Database

from workbench.core.config import Config

# The working day every benchmark uses (``--today`` for the app); a Friday.
TODAY = date(2026, 11, 27)
SEED = 20261127


@dataclass
class Context:
    db: Database
    config: Config
    scale: float
    today: date = TODAY
    # Filled by earlier steps for later ones.
    outlet_ids: list[int] = field(default_factory=list)
    staff_ids: list[int] = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    def n(self, count: int) -> int:
        """``count`` at this run's scale (at least 1)."""
        return max(1, round(count * self.scale))

    def rng(self, step: str) -> random.Random:
        """A generator of its own per step, so adding a step never changes another's data."""
        return random.Random(f"{SEED}-{step}")

    def at(self, day: date, hour: int = 9, minute: int = 0) -> datetime:
        return datetime.combine(day, time(hour, minute))


def batches(total: int, size: int = 2000):
    """Yield (start, stop) ranges so long loops commit in large transactions."""
    for start in range(0, total, size):
        yield start, min(total, start + size)
