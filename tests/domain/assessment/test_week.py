"""The self-assessment's part of the weekly review: the mood sparkline."""

from __future__ import annotations

from workbench.assessment import week


def test_sparkline_splits_0_to_100_into_eight_even_steps():
    # 101 scores, 8 blocks: each block holds 12 or 13 scores; a day not rated is a dot.
    assert week.sparkline([0, 12, 13, 25, 26, 50, 51, 88, 89, 100, None]) == "▁▁▂▂▃▄▅▇██·"
