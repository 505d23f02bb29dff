"""Small statistics and the results table shared by every benchmark."""

from __future__ import annotations

import statistics
from dataclasses import dataclass


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


@dataclass
class Row:
    """One line of the table: a figure, how it compares and whether it meets its budget."""

    section: str
    figure: str
    value: str          # what was measured (e.g. "min 0.61 s · med 0.66 s")
    baseline: str       # what it was compared with
    ratio: float | None  # the judged number (a ratio, or ms for interactions)
    budget: float | None
    unit: str = "x"     # "x" for ratios, "ms" for absolute interaction budgets
    note: str = ""

    @property
    def verdict(self) -> str:
        if self.budget is None or self.ratio is None:
            return "context"
        return "met" if self.ratio <= self.budget else "MISSED"

    def cells(self) -> list[str]:
        def num(x: float | None) -> str:
            if x is None:
                return "—"
            return f"{x:.2f}{self.unit}" if self.unit == "x" else f"{x:.1f} {self.unit}"

        budget = "—" if self.budget is None else (
            f"<= {self.budget:g}{self.unit}" if self.unit == "x" else f"<= {self.budget:g} ms")
        return [self.section, self.figure, self.value, self.baseline, num(self.ratio), budget,
                self.verdict]


HEADERS = ["part", "figure", "measured", "baseline", "judged", "budget", "verdict"]


def markdown(rows: list[Row]) -> str:
    table = [HEADERS, *[r.cells() for r in rows]]
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    lines += ["| " + " | ".join(c.replace("|", "/") for c in cells) + " |" for cells in table[1:]]
    notes = [f"- {r.figure}: {r.note}" for r in rows if r.note]
    return "\n".join(lines + ([""] + notes if notes else []))


def summary(values: list[float]) -> tuple[float, float]:
    return min(values), statistics.median(values)


def secs(values: list[float]) -> str:
    lo, med = summary(values)
    return f"min {lo:.3f} s · med {med:.3f} s (n={len(values)})"


def ms(values: list[float]) -> str:
    return (f"p50 {percentile(values, 50) * 1000:.1f} · p95 {percentile(values, 95) * 1000:.1f}"
            f" · max {max(values) * 1000:.1f} ms (n={len(values)})")
