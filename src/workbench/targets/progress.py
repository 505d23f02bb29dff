"""Progress against targets (完成), computed from the logged policies, never typed.

A policy counts for the period holding its issue date, the first and the last day
included, up to the day asked about (a past day's progress is what it was then); a
voided policy never counts. The figures are in yuan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from workbench.assessment.grades import Period
from workbench.assessment.policies import totals_by_outlet
from workbench.roster.outlets import RosterRow
from workbench.targets.periods import PERIODS, period_for
from workbench.targets.targets import targets_on

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class Progress:
    """One period's target beside what the policies achieved (yuan)."""

    period: Period
    target_premium: float | None
    target_standard: float | None
    premium: float
    standard_premium: float
    policies: int

    @property
    def share(self) -> float | None:
        """Premium achieved per premium target (else per standard target); None: no target."""
        if self.target_premium:
            return self.premium / self.target_premium
        if self.target_standard:
            return self.standard_premium / self.target_standard
        return None

    @property
    def has_target(self) -> bool:
        return self.target_premium is not None or self.target_standard is not None


def _progress(db: Database, day: date, outlet_ids: list[int] | None,
              kinds: Sequence[str] = PERIODS) -> dict[int, dict[str, Progress]]:
    found: dict[int, dict[str, Progress]] = {}
    one = None if outlet_ids is None or len(outlet_ids) > 1 else outlet_ids[0]
    targets = {(x.outlet_id, x.period.kind): x for x in targets_on(db, day, one, kinds)}
    for kind in kinds:  # each period sums its policies: only the ones asked for
        period = period_for(day, kind)
        totals = totals_by_outlet(db, period.start, min(period.end, day),
                                  outlet_ids=outlet_ids)
        ids = set(totals) | {o for o, k in targets if k == kind}
        if outlet_ids is not None:
            ids |= set(outlet_ids)
        for oid in ids:
            count, premium, standard = totals.get(oid, (0, 0.0, 0.0))
            target = targets.get((oid, kind))
            found.setdefault(oid, {})[kind] = Progress(
                period, target.premium if target else None,
                target.standard_premium if target else None, premium, standard, count)
    return found


def outlet_progress(db: Database, outlet_id: int, day: date) -> list[Progress]:
    """The month, quarter and year holding ``day`` for one outlet (the card's block)."""
    found = _progress(db, day, [outlet_id]).get(outlet_id, {})
    return [found[kind] for kind in PERIODS]


def progress_by_outlet(db: Database, day: date, kind: str) -> dict[int, Progress]:
    """Every outlet with a target or a policy in the ``kind`` period holding ``day``."""
    return {oid: p[kind] for oid, p in _progress(db, day, None, (kind,)).items() if kind in p}


def total_progress(db: Database, day: date) -> list[Progress]:
    """All outlets together: the month, quarter and year holding ``day`` (the self screen).

    Only outlets with a target add to the target; every policy adds to what is achieved.
    """
    every = _progress(db, day, None)
    out = []
    for kind in PERIODS:
        rows = [p[kind] for p in every.values() if kind in p]

        def total(values: list[float | None]) -> float | None:
            given = [x for x in values if x is not None]
            return sum(given) if given else None

        out.append(Progress(period_for(day, kind),
                            total([r.target_premium for r in rows]),
                            total([r.target_standard for r in rows]),
                            sum(r.premium for r in rows), sum(r.standard_premium for r in rows),
                            sum(r.policies for r in rows)))
    return out


ROSTER_PERIOD = "year"


def roster_progress(db: Database, day: date) -> dict[int, Progress]:
    """What the roster shows beside each outlet: this year's progress (``with_progress``)."""
    return progress_by_outlet(db, day, ROSTER_PERIOD)


def with_progress(rows: Sequence[RosterRow], year: dict[int, Progress], sort: str
                  ) -> list[RosterRow]:
    """The roster's rows with ``year``'s target and achieved premium (yuan, from
    ``roster_progress``) in place of the card's old typed figures; sorted by completion
    when ``sort`` is "achieved"."""
    out = []
    for r in rows:
        p = year.get(r.id)
        out.append(replace(r, target=p.target_premium if p else None,
                           achieved=p.premium if p else 0.0))
    if sort == "achieved":
        def share(r: RosterRow) -> float:
            return (r.achieved or 0) / r.target if r.target else -1.0

        out.sort(key=lambda r: (-share(r), -(r.achieved or 0), r.code))
    return out
