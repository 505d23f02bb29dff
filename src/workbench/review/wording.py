"""How a review's label reads for the span it covers: a week, a month or a quarter.

The week screen and the weekly report word some labels for a week (本周破零网点,
"Policies this week"); a month's or quarter's report reuses the same figures and
lists, so such a label has a ``<key>.month`` and ``<key>.quarter`` wording
(``messages/spans.py``: 本月… / 本季…). A label without one reads the same for any span.
"""

from __future__ import annotations

from workbench.core.i18n import catalogue, t


def span_label(key: str, kind: str = "week") -> str:
    """The label of ``key`` for a span of ``kind`` (week, month, quarter)."""
    if kind != "week" and f"{key}.{kind}" in catalogue():
        return t(f"{key}.{kind}")
    return t(key)
