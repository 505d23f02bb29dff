"""Garbage collection while the user reads, not while a key waits.

CPython starts a full collection when enough objects survived the young ones; with
Textual's render caches that is 150,000 to 400,000 objects to walk, 0.15–1 s on these
machines, and it struck in the middle of a key press about once in five (the
benchmark's p95 tails: bench/README, "the tails"). After the warm-up:

- what lives by then (modules, styles, mounted screens) is frozen out of the
  collector's reach (``gc.freeze``);
- automatic collections stay on for the young generations, which are small and quick,
  but never reach the oldest one;
- once the user has not pressed a key for a moment, a timer collects everything
  (frozen objects included: a widget removed since it was frozen is garbage too) and
  freezes what survives;
- while keys come in, a smaller collection after ``BUSY_LIMIT`` young ones, in the
  first gap of ``BUSY_GAP`` between two keys (one falling in the middle of a key's
  work added 20–50 ms to it: the benchmark's saves, bench/README), or at once after
  ``HARD_LIMIT``: only what was made since the last freeze is walked, and its
  survivors are frozen too; garbage among frozen objects waits for the next pause.
"""

from __future__ import annotations

import gc
from time import monotonic

# Young collections (gen 1) between two full ones, as CPython's own default.
DUE_AFTER = 10
# Without a pause, collect what was made since the last freeze after this many young
# collections (as often as CPython would: what it walks is small, tens of milliseconds).
BUSY_LIMIT = DUE_AFTER
# How long no key has been pressed before a pause counts as reading.
QUIET_SECONDS = 1.0
# While keys come in, the smaller collection waits for a gap this long after a key: a
# key's own work (a save, a filter) is done well within it.
BUSY_GAP = 0.25
# Young collections after which the smaller one runs even in the middle of typing.
HARD_LIMIT = 2 * BUSY_LIMIT
# How often the timer looks.
EVERY_SECONDS = 0.5
# CPython never starts a collection of the oldest generation by itself past this.
NEVER = 1_000_000


class IdleCollector:
    """Owns the process's collector settings from ``start`` until ``stop``."""

    def __init__(self) -> None:
        self.last_input = monotonic()
        self.saved: tuple[int, int, int] | None = None
        self.full_runs = 0
        self.busy_runs = 0

    def start(self) -> None:
        """Freeze what lives for good and keep automatic collections young."""
        gc.freeze()
        self.saved = gc.get_threshold()
        young, middle, _oldest = self.saved
        gc.set_threshold(young, middle, NEVER)

    def stop(self) -> None:
        """Give the process back the collector as it was (the tests run many apps)."""
        if self.saved is not None:
            gc.set_threshold(*self.saved)
            self.saved = None
        gc.unfreeze()

    def touched(self) -> None:
        """The user pressed a key or clicked: a collection now would keep them waiting."""
        self.last_input = monotonic()

    def tick(self) -> bool:
        """From a timer: collect in full if one is due and the user is reading."""
        if self.saved is None:
            return False
        pending = gc.get_count()[2]  # young collections since the last full one
        since_input = monotonic() - self.last_input
        if pending >= DUE_AFTER and since_input >= QUIET_SECONDS:
            gc.unfreeze()
            gc.collect()
            gc.freeze()
            self.full_runs += 1
            return True
        if pending >= HARD_LIMIT or (pending >= BUSY_LIMIT and since_input >= BUSY_GAP):
            gc.collect()
            gc.freeze()
            self.busy_runs += 1
            return True
        return False
