"""Small hand-drawn charts for the self-assessment screen (pure text, no plotting library).

``progress_bar`` draws a bar against a line; ``premium_chart`` draws the period's
cumulative standard premium as columns with the maintain and promote lines across.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text

EIGHTHS = " ▁▂▃▄▅▆▇█"


def progress_bar(value: float, line: float, width: int = 30) -> str:
    """``[█████░░░░]`` filled to ``value / line`` (full at or past the line), as markup."""
    share = 0.0 if line <= 0 else max(0.0, min(1.0, value / line))
    filled = round(share * width)
    colour = "green" if share >= 1 else ("yellow" if share >= 0.6 else "red")
    return f"[{colour}]{'█' * filled}[/][dim]{'░' * (width - filled)}[/]"


def premium_chart(series: list[tuple[date, float]], start: date, end: date, maintain: float,
                  promote: float, width: int = 60, height: int = 7,
                  labels: tuple[str, str] = ("", "")) -> Text:
    """Columns of cumulative premium over the period; ┄ marks the two threshold lines.

    Days are bucketed into ``width`` columns (the last value of each bucket counts);
    days still to come stay empty, so the gap to the lines is visible at a glance.
    """
    days = (end - start).days + 1
    cols = max(1, min(width, days))
    values: list[float | None] = [None] * cols
    for day, value in series:
        i = (day - start).days * cols // days
        if 0 <= i < cols:
            values[i] = value
    top = max([promote, *(v for v in values if v is not None)]) * 1.08 or 1.0
    out = Text()
    for row in range(height):
        lo = top * (height - 1 - row) / height
        hi = top * (height - row) / height
        line_here = [(promote, "green", labels[1]), (maintain, "yellow", labels[0])]
        marks = [(c, lab) for val, c, lab in line_here if lo <= val < hi]
        for value in values:
            if value is not None and value >= hi:
                out.append("█", "cyan")
            elif value is not None and value > lo:
                out.append(EIGHTHS[max(1, int((value - lo) / (hi - lo) * 8))], "cyan")
            elif marks:
                out.append("┄", marks[0][0])
            else:
                out.append(" ")
        if marks:
            out.append(" " + " / ".join(lab for _, lab in marks), marks[0][0])
        out.append("\n")
    out.append(start.strftime("%m-%d"), "dim")
    gap = max(1, cols - 10)
    out.append(" " * gap + end.strftime("%m-%d"), "dim")
    return out


def spark(values: list[float], low: float, high: float) -> str:
    """One block character per value on a fixed scale (``low`` .. ``high``), oldest first."""
    span = (high - low) or 1.0
    return "".join(EIGHTHS[max(1, min(8, round((v - low) / span * 8)))] for v in values)
