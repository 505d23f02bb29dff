"""The self screen's grade card as text: the period's premium against the grade's lines.

Pure text from the domain's ``GradeStatus`` and ``IssuingRate`` (no widgets, no SQL), so
the screen's worker loads the figures and the UI thread only puts this text up.
"""

from __future__ import annotations

from rich.cells import cell_len

from workbench.assessment.grades import GradeStatus, IssuingRate
from workbench.core.i18n import pad, t
from workbench.screens.assessment.charts import progress_bar


def num(value: float, digits: int = 2) -> str:
    text = f"{value:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def grade_card(status: GradeStatus, rate: IssuingRate, title: str = "") -> str:
    """Bars to the maintain and promote lines, the pace, the projection, the issuing rate;
    ``title`` is the grade's (见习客户经理 …), shown beside its number."""
    period = status.period
    title = f" {title}" if title else ""
    lines = [
        f"[b]{t('self.grade_title', grade=status.grade, title=title, period=t(f'self.period.{period.kind}'), start=period.start.isoformat(), end=period.end.isoformat())}[/b]",  # noqa: E501
        t("self.achieved", value=num(status.achieved)),
    ]
    lines += line_bars(status, 24)
    lines.append(t("self.days_left", total=status.working_days_total,
                   elapsed=status.working_days_elapsed, left=status.working_days_left))
    lines.append(t("self.projection", value=num(status.projection), outcome=outcome(status)))
    colour = "green" if rate.on_target else "yellow"
    lines.append(f"[{colour}]" + t("self.issuing", rate=f"{rate.rate:.0%}",
                                   issued=rate.issued, active=rate.active,
                                   target=f"{rate.target:.0%}") + "[/]")
    if rate.zero_outlets:
        # The first outlet only (the roster lists them all): names joined with 、 wrap
        # inside a narrow card, and a line would then start with 、.
        first = rate.zero_outlets[0][2]
        lines.append(t("self.zero_outlets", count=len(rate.zero_outlets),
                       names=first + (" …" if len(rate.zero_outlets) > 1 else "")))
    else:
        lines.append(t("self.all_issued"))
    return "\n".join(lines)


def line_bars(status: GradeStatus, bar: int) -> list[str]:
    """One line per grade line (maintain, promote): a bar ``bar`` cells wide, the share
    reached, and what is still needed a day."""
    labels = {kind: t(f"self.line_{kind}", line=num(line)) for kind, line in
              (("maintain", status.maintain), ("promote", status.promote))}
    width = max(cell_len(label) for label in labels.values())
    lines = []
    for kind, line, need, pace in (
        ("maintain", status.maintain, status.need_maintain, status.pace_maintain),
        ("promote", status.promote, status.need_promote, status.pace_promote),
    ):
        label = pad(labels[kind], width)
        share = status.achieved / line if line else 0
        if need <= 0:
            tail = f"[green]{t('self.kept' if kind == 'maintain' else 'self.promoted')}[/]"
        elif pace is None:
            tail = f"{t('self.need', need=num(need))} · {t('self.no_days_left')}"
        else:
            tail = t("self.pace", need=num(need), pace=num(pace))
        lines.append(f"{label} {progress_bar(status.achieved, line, bar)} "
                     f"{share:>4.0%}  {tail}")
    return lines


def outcome(status: GradeStatus) -> str:
    """The projected outcome in its colour (promote green, maintain yellow, below red)."""
    kind = status.projected_outcome
    colour = {"promote": "green", "maintain": "yellow", "below": "red"}[kind]
    return f"[{colour}]{t(f'self.outcome.{kind}')}[/]"


def grade_brief(status: GradeStatus) -> str:
    """The grade card in three lines, for a short terminal: the period's premium and its
    projection, then a bar to each line. The tabs below then keep the screen."""
    title = t("self.brief_title", grade=status.grade,
              period=t(f"self.period.{status.period.kind}"), value=num(status.achieved),
              projection=num(status.projection), outcome=outcome(status))
    return "\n".join([f"[b]{title}[/b]", *line_bars(status, 12)])
