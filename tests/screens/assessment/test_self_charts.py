"""The hand-drawn charts: bars, sparks and the cumulative premium chart."""

from __future__ import annotations

from datetime import date, timedelta

from workbench.screens.assessment.charts import premium_chart, progress_bar, spark


def test_progress_bar_fills_to_the_line():
    assert progress_bar(8, 16, 10).count("█") == 5
    assert progress_bar(30, 16, 10).count("█") == 10
    assert progress_bar(0, 16, 10).count("░") == 10


def test_spark_uses_a_fixed_scale():
    assert spark([0, 100], 0, 100) == "▁█"
    assert spark([10, 1, 5.5], 1, 10) == "█▁▄"


def test_premium_chart_draws_both_lines_and_leaves_the_future_empty():
    start, end = date(2026, 10, 1), date(2026, 12, 31)
    series = [(start + timedelta(days=i), i * 0.2) for i in range(58)]
    text = premium_chart(series, start, end, 16, 20, width=46, height=6,
                         labels=("keep 16", "promote 20")).plain
    rows = text.splitlines()
    assert len(rows) == 7
    assert rows[0].endswith("promote 20") and rows[1].endswith("keep 16")
    bottom = rows[5]
    assert bottom[:20].strip("▁▂▃▄▅▆▇█ ") == ""
    assert bottom[40:46].strip() == ""  # December has not come yet
