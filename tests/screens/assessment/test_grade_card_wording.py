"""The grade card's wording in zh: amounts in 万元, and no line (however narrow the card)
starting with 、 (the outlets not yet broken zero are not a 、-joined list)."""

from __future__ import annotations

from datetime import date

from rich.console import Console

from workbench.assessment.grades import GradeStatus, IssuingRate, Period
from workbench.core import i18n
from workbench.screens.assessment.cards import grade_card

STATUS = GradeStatus(grade=10, period=Period("quarter", date(2026, 10, 1), date(2026, 12, 31)),
                     achieved=12.55, maintain=16, promote=20, need_maintain=3.45,
                     need_promote=7.45, working_days_total=66, working_days_elapsed=42,
                     working_days_left=25, pace_maintain=0.14, pace_promote=0.3,
                     projection=19.72)
ZERO = [(i, f"X{i}", name) for i, name in enumerate(
    ["中国农业银行北京昌平分理处", "交通银行北京西城分理处", "中国工商银行北京通州支行"])]


def test_no_line_starts_with_a_list_comma_and_amounts_have_units():
    i18n.set_language("zh")
    try:
        text = grade_card(STATUS, IssuingRate(active=15, issued=12, target=0.6,
                                              zero_outlets=ZERO))
        assert "还差 3.45 万元,每天需 0.14 万元" in text
        assert "期末预计 19.72 万元" in text
        for width in range(20, 90):
            console = Console(width=width, record=True, color_system=None)
            console.print(text)
            lines = console.export_text().splitlines()
            assert not any(line.lstrip().startswith("、") for line in lines), width
    finally:
        i18n.set_language("en")
