"""Writing the weekly report: Markdown for the channel manager, CSV for Excel, .xlsx.

Files are written whole or not at all: into a temporary file in the target folder,
flushed, then renamed over the target. An existing file is kept unless ``force``.
Customer data in reports is masked (``privacy``) unless the user asks otherwise.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from workbench.core.cells import csv_text, xlsx_row
from workbench.core.errors import WorkbenchError
from workbench.core.i18n import t
from workbench.review.week import Figure, WeekReview

FORMATS = ("md", "csv", "xlsx")




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


def _rows(review: WeekReview) -> list[list[str]]:
    return [[t(f"review.section.{f.section}"), t(f"review.fig.{f.key}"),
             format_value(f.value, f.kind), format_value(f.previous, f.kind), format_change(f)]
            for f in review.figures]


def _header() -> list[str]:
    return [t("review.col.section"), t("review.col.figure"), t("review.col.this_week"),
            t("review.col.last_week"), t("review.col.change")]


def render_markdown(review: WeekReview, manager: str, head_hash: str | None) -> str:
    week = review.week
    lines = [f"# {t('review.report_title', week=week.label)}", "",
             t("review.report_range", start=week.start.isoformat(), end=week.end.isoformat(),
               manager=manager or t("app.manager_unnamed")), ""]
    header = _header()
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in _rows(review):
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    for title, items in review.lists:
        lines += ["", f"## {title}", ""] + [f"- {item}" for item in items]
    lines += ["", f"## {t('review.summary_title')}", "",
              review.summary.strip() or t("review.no_summary"), ""]
    if head_hash:
        lines += [t("review.head_hash", hash=head_hash), ""]
    return "\n".join(lines)


def render_csv(review: WeekReview, head_hash: str | None) -> str:
    rows: list[list[str]] = [[t("review.report_title", week=review.week.label),
                              review.week.start.isoformat(), review.week.end.isoformat()],
                             _header(), *_rows(review)]
    rows += [[title, "; ".join(items)] for title, items in review.lists]
    rows.append([t("review.summary_title"), review.summary])
    if head_hash:
        rows.append([t("review.head_hash_label"), head_hash])
    return csv_text(rows)


def _xlsx_bytes(review: WeekReview, head_hash: str | None) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = review.week.label
    rows: list[list] = [[t("review.report_title", week=review.week.label),
                         review.week.start.isoformat(), review.week.end.isoformat()],
                        _header()]
    # Numbers stay numbers in Excel; the change column is the text shown on screen.
    rows += [[t(f"review.section.{f.section}"), t(f"review.fig.{f.key}"), f.value, f.previous,
              format_change(f)] for f in review.figures]
    rows += [[title, "; ".join(items)] for title, items in review.lists]
    rows.append([t("review.summary_title"), review.summary])
    if head_hash:
        rows.append([t("review.head_hash_label"), head_hash])
    for row in rows:
        # openpyxl stores any text starting with "=" as a formula: every cell goes through
        # the same rule as the CSV.
        sheet.append(xlsx_row(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def render(review: WeekReview, fmt: str, manager: str, head_hash: str | None) -> bytes:
    if fmt == "md":
        return render_markdown(review, manager, head_hash).encode("utf-8")
    if fmt == "csv":
        # UTF-8 with BOM: Excel opens it with the Chinese intact.
        return render_csv(review, head_hash).encode("utf-8-sig")
    if fmt == "xlsx":
        return _xlsx_bytes(review, head_hash)
    raise WorkbenchError("report.bad_format", fmt=fmt, formats=", ".join(FORMATS))


def build(db, week, config, fmt: str, masked: bool = True, today=None,
          full_proof: bool = False) -> bytes:
    """The report of ``week`` in ``fmt``, customer data masked unless ``masked`` is False;
    ``full_proof`` recomputes both chains for the head line (``review.week.register_head``)."""
    from workbench.review.week import compute_week, register_head

    review = compute_week(db, week, config, masked=masked, today=today)
    return render(review, fmt, config.manager.name, register_head(db, full=full_proof))


def default_path(reports_folder: str, db_path: Path, label: str, fmt: str) -> Path:
    """Where a weekly report goes when no file is named: ``[review] reports_folder``, else
    ``reports/`` beside the database; the app's ``m``/``v``/``l`` and ``workbench report``
    both write here, so the manager finds every week's report in one folder."""
    base = Path(reports_folder).expanduser() if reports_folder else db_path.parent / "reports"
    return base / f"weekly-{label}.{fmt}"


def write_file(path: Path, data: bytes, force: bool = False) -> Path:
    """Write ``data`` to ``path`` whole or not at all (temp file, fsync, rename), 0600."""
    path = path.expanduser()
    if not path.parent.is_dir():
        raise WorkbenchError("db.folder_missing", folder=str(path.parent))
    if path.exists() and not force:
        raise WorkbenchError("report.exists", path=str(path))
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
