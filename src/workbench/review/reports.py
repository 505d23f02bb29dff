"""Writing the report of a week, a month or a quarter: Markdown for the channel manager,
CSV for Excel (plain numbers), .xlsx (formatted numbers, a sheet per table: ``xlsx``).

Every report names the manager and the grade with its title. The morning mood and the
habits stay out unless the manager opts in (``[review] share_self`` or ``--with-self``).

Files are written whole or not at all: into a temporary file in the target folder,
flushed, then renamed over the target. An existing file is kept unless ``force``.
Customer data in reports is masked (``privacy``) unless the user asks otherwise.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from workbench.core.cells import csv_text
from workbench.core.config import Config, grade_label
from workbench.core.db import holds_database
from workbench.core.errors import WorkbenchError
from workbench.core.i18n import t
from workbench.review.tables import Table
from workbench.review.week import Figure, WeekReview
from workbench.review.wording import span_label

FORMATS = ("md", "csv", "xlsx")
SELF_SECTION = "self"  # mood, setbacks, habits: the manager's own, shared on opt-in


@dataclass(frozen=True)
class Report:
    """What every format writes: the review, its span's kind, who it is from, the tables."""

    review: WeekReview
    kind: str  # week, month, quarter
    manager: str
    grade: str  # 10级 见习客户经理
    head_hash: str | None
    tables: tuple[Table, ...] = ()
    self_included: bool = False

    @property
    def title(self) -> str:
        return t(f"report.title.{self.kind}", label=self.review.week.label)

    def meta(self) -> list[tuple[str, str]]:
        span = self.review.week
        return [(self.title, ""),
                (t("report.meta.period"), f"{span.start.isoformat()} ~ {span.end.isoformat()}"),
                (t("report.meta.manager"), self.manager or t("app.manager_unnamed")),
                (t("report.meta.grade"), self.grade)]


def without_self(review: WeekReview, kind: str) -> WeekReview:
    """The review without the manager's own figures (mood, setbacks, habits, mood line);
    ``kind`` (week, month, quarter) names the mood line as the review titled it."""
    mood = span_label("review.list.mood", kind)
    return replace(review, figures=tuple(f for f in review.figures
                                         if f.section != SELF_SECTION),
                   lists=tuple((title, items) for title, items in review.lists
                               if title != mood))


def plain(value: float | None, kind: str) -> Any:
    """A number as the CSV writes it: no separators, percent as 55.56, ASCII minus."""
    if value is None:
        return ""
    number = round(value * 100 if kind == "percent" else value, 2)
    return int(number) if number == int(number) else number


def render_plain_row(values: list[float | None], kind: str) -> str:
    """One CSV line of ``values`` as ``render_csv`` writes numbers."""
    return csv_text([[plain(v, kind) for v in values]])


def format_value(value: float | None, kind: str) -> str:
    if value is None:
        return "—"
    if kind == "percent":
        return f"{value:.0%}"
    if kind in ("hours", "score"):
        return f"{value:.1f}"
    if kind == "units":  # threshold units (10,000 CNY)
        return f"{value:,.2f}"
    if kind == "money":
        return f"{value:,.2f}"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def format_change(figure: Figure) -> str:
    change = figure.change
    if change is None:
        return ""
    if change == 0:
        return "±0"  # not "=": a spreadsheet would read it as the start of a formula
    sign = "+" if change > 0 else "−"
    if figure.kind == "percent":
        return f"{sign}{abs(change) * 100:.0f} pt"
    return sign + format_value(abs(change), figure.kind)


def _rows(review: WeekReview, kind: str) -> list[list[str]]:
    return [[t(f"review.section.{f.section}"), span_label(f"review.fig.{f.key}", kind),
             format_value(f.value, f.kind), format_value(f.previous, f.kind), format_change(f)]
            for f in review.figures]


def _header(kind: str = "week") -> list[str]:
    return [t("review.col.section"), t("review.col.figure"), t(f"report.col.this.{kind}"),
            t(f"report.col.before.{kind}"), t("review.col.change")]


def render_markdown(report: Report) -> str:
    review, head_hash = report.review, report.head_hash
    week = review.week
    lines = [f"# {report.title}", "",
             t("review.report_range", start=week.start.isoformat(), end=week.end.isoformat(),
               manager=report.manager or t("app.manager_unnamed")) + f" · {report.grade}", ""]
    header = _header(report.kind)
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in _rows(review, report.kind):
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    for title, items in review.lists:
        lines += ["", f"## {title}", ""] + [f"- {item}" for item in items]
    if not report.self_included:
        lines += ["", f"_{t('report.self_left_out')}_"]
    lines += ["", f"## {span_label('review.summary_title', report.kind)}", "",
              review.summary.strip() or t("review.no_summary"), ""]
    if head_hash:
        lines += [t("review.head_hash", hash=head_hash), ""]
    return "\n".join(lines)


def _tail(report: Report) -> list[list[str]]:
    """Under the figures: the titled lists, the written summary, the register's head."""
    review = report.review
    policies = span_label("review.list.policies", report.kind)  # a table of their own
    rows = [[title, "; ".join(items)] for title, items in review.lists
            if title != policies or not report.tables]
    rows.append([span_label("review.summary_title", report.kind), review.summary])
    if report.head_hash:
        rows.append([t("review.head_hash_label"), report.head_hash])
    return rows


def render_csv(report: Report) -> str:
    """Plain numbers a spreadsheet adds up: no thousands separators, percent as 55.56
    with "%" in the unit column, an ASCII minus; each table after a blank line."""
    rows: list[list[Any]] = [list(pair) for pair in report.meta()]
    rows += [[], [t("review.col.section"), t("review.col.figure"), t("report.col.unit"),
                  *_header(report.kind)[2:]]]
    for f in report.review.figures:
        change = f.change
        rows.append([t(f"review.section.{f.section}"),
                     span_label(f"review.fig.{f.key}", report.kind),
                     t(f"report.unit.{f.kind}") if f.kind != "count" else "",
                     plain(f.value, f.kind), plain(f.previous, f.kind),
                     plain(change, f.kind) if change is not None else ""])
    for table in report.tables:
        rows += [[], [table.title], list(table.columns)]
        rows += [[plain(v, k) if isinstance(v, (int, float)) and not isinstance(v, bool)
                  else ("" if v is None else str(v)) for v, k in zip(row, table.kinds,
                                                                     strict=True)]
                 for row in table.rows]
    rows += [[], *_tail(report)]
    return csv_text(rows)


def render_xlsx(report: Report) -> bytes:
    from workbench.review import xlsx

    figures = [(t(f"review.section.{f.section}"), span_label(f"review.fig.{f.key}", report.kind),
                f.kind, f.value, f.previous, f.change) for f in report.review.figures]
    return xlsx.workbook(report.meta(), _header(report.kind), figures, _tail(report),
                         report.tables, t("report.sheet.summary"))


def render(report: Report, fmt: str) -> bytes:
    if fmt == "md":
        return render_markdown(report).encode("utf-8")
    if fmt == "csv":
        # UTF-8 with BOM: Excel opens it with the Chinese intact.
        return render_csv(report).encode("utf-8-sig")
    if fmt == "xlsx":
        return render_xlsx(report)
    raise WorkbenchError("report.bad_format", fmt=fmt, formats=", ".join(FORMATS))


def build(db, week, config: Config, fmt: str, masked: bool = True, today=None,
          full_proof: bool = False, *, kind: str = "week",
          include_self: bool | None = None) -> bytes:
    """The report of ``week`` (a week, or a month / quarter ``review.periods.Span``) in
    ``fmt``, customer data masked unless ``masked`` is False; ``full_proof`` recomputes
    both chains for the head line (``review.week.register_head``). Mood and habits only
    when ``include_self`` (default: ``[review] share_self``)."""
    from workbench.review import tables
    from workbench.review.week import compute_week, register_head

    review = compute_week(db, week, config, masked=masked, today=today,
                          span_kind=kind)
    shared = config.review.share_self if include_self is None else include_self
    if not shared:
        review = without_self(review, kind)
    cut = today or week.end
    found = () if fmt == "md" else (
        tables.outlet_table(db, week.start, week.end, kind, config, cut),
        tables.policy_table(db, week.start, week.end, masked),
        tables.register_table(db, week.start, week.end, config, cut))
    report = Report(review, kind, config.manager.name,
                    grade_label(config.goals, config.manager.grade),
                    register_head(db, full=full_proof), found, shared)
    return render(report, fmt)


def default_path(reports_folder: str, db_path: Path, label: str, fmt: str,
                 kind: str = "week") -> Path:
    """Where a report goes when no file is named: ``[review] reports_folder``, else
    ``reports/`` beside the database; the app's ``m``/``v``/``l`` and ``workbench report``
    both write here, so the manager finds every report in one folder."""
    base = Path(reports_folder).expanduser() if reports_folder else db_path.parent / "reports"
    prefix = {"week": "weekly", "month": "monthly", "quarter": "quarterly"}[kind]
    return base / f"{prefix}-{label}.{fmt}"


def write_file(path: Path, data: bytes, force: bool = False) -> Path:
    """Write ``data`` to ``path`` whole or not at all (temp file, fsync, rename), 0600."""
    path = path.expanduser()
    if not path.parent.is_dir():
        raise WorkbenchError("db.folder_missing", folder=str(path.parent))
    if path.exists() and not force:
        raise WorkbenchError("report.exists", path=str(path))
    if holds_database(path):  # --force over the register (or a backup) would replace it
        raise WorkbenchError("report.is_database", path=str(path))
    tmp = path.with_name(f".{path.name}.partial")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except PermissionError:
        tmp.unlink(missing_ok=True)
        raise WorkbenchError("db.folder_readonly", folder=str(path.parent)) from None
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise WorkbenchError("report.write_failed", path=str(path), error=str(exc)) from None
    return path
