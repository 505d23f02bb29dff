"""A month's or quarter's report says 本月 / 本季 where the week's says 本周: every
figure, list and summary title, in both languages and every format; the week's own
wording (screen and weekly report) is unchanged."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest
from openpyxl import load_workbook

from tests.conftest import TODAY
from workbench.core.config import Config, ManagerConfig
from workbench.core.i18n import catalogue, set_language, t
from workbench.review import reports
from workbench.review import week as review
from workbench.review.periods import span_of
from workbench.review.wording import span_label

CONFIG = replace(Config(), manager=ManagerConfig(name="王小明", grade=9))
WEEK_WORDS = ("本周", "上周", "week")
REVIEW_LABELS = [key for key in catalogue()
                 if key.startswith(("review.fig.", "review.list.", "review.summary_title"))
                 and not key.endswith((".month", ".quarter"))]


def week_worded(text: str) -> list[str]:
    return [word for word in WEEK_WORDS if word in text.lower()]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", ["month", "quarter"])
def test_no_review_label_says_week_for_a_month_or_quarter(lang, kind):
    set_language(lang)  # the autouse ``english`` fixture sets English back
    said = {key: span_label(key, kind) for key in REVIEW_LABELS}
    assert {key: text for key, text in said.items() if week_worded(text)} == {}
    if lang == "zh":  # 本月 / 本季: the span's own word where the week's was
        assert said["review.list.policies"].startswith(t(f"report.col.this.{kind}"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_week_keeps_its_own_wording(lang):
    set_language(lang)
    assert all(span_label(key) == span_label(key, "week") == t(key) for key in REVIEW_LABELS)


def report_text(demo, kind: str, fmt: str, tmp_path) -> str:
    span = span_of(TODAY, kind) if kind != "week" else review.week_of(TODAY)
    data = reports.build(demo, span, CONFIG, fmt, today=TODAY, kind=kind, include_self=True)
    if fmt != "xlsx":
        return data.decode("utf-8-sig")
    path = tmp_path / f"{kind}.xlsx"
    path.write_bytes(data)
    summary = load_workbook(path)[t("report.sheet.summary")]  # the 汇总 sheet
    return "\n".join(str(value) for row in summary.iter_rows(values_only=True)
                     for value in row if value is not None)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", ["month", "quarter"])
def test_a_month_or_quarter_report_never_says_this_week(demo_copy, tmp_path, lang, kind):
    set_language(lang)
    for fmt in reports.FORMATS:
        text = report_text(demo_copy, kind, fmt, tmp_path)
        assert week_worded(text) == [], (fmt, kind, lang)
        if fmt == "md":
            assert f"## {span_label('review.list.policies', kind)}" in text
        if fmt == "csv":  # the titled lists under the figures
            titles = {row[0] for row in csv.reader(io.StringIO(text)) if row}
            assert span_label("review.list.broke_zero", kind) in titles


def test_the_weekly_report_still_says_this_week(demo_copy, tmp_path):
    set_language("zh")
    text = report_text(demo_copy, "week", "md", tmp_path)
    assert "## 本周出单" in text and "本周结束时仍待签收" in text and "## 本周总结" in text


@pytest.mark.parametrize("kind", ["week", "month", "quarter"])
def test_the_span_worded_titles_still_pick_their_lists(demo_copy, tmp_path, kind):
    """The mood line stays out unless shared, and the policies list gives way to the
    policies table, under a month's or quarter's titles as under the week's."""
    set_language("zh")
    span = span_of(TODAY, kind) if kind != "week" else review.week_of(TODAY)
    mood, policies = span_label("review.list.mood", kind), span_label("review.list.policies", kind)
    kept = reports.build(demo_copy, span, CONFIG, "md", today=TODAY, kind=kind,
                         include_self=True).decode()
    assert f"## {mood}" in kept and f"## {policies}" in kept
    left_out = reports.build(demo_copy, span, CONFIG, "md", today=TODAY, kind=kind,
                             include_self=False).decode()
    assert mood not in left_out and f"## {policies}" in left_out
    rows = csv.reader(io.StringIO(reports.build(demo_copy, span, CONFIG, "csv", today=TODAY,
                                                kind=kind, include_self=False).decode("utf-8-sig")))
    titles = {row[0] for row in rows if row}
    assert mood not in titles and policies not in titles
