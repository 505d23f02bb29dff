"""The reports' tables beside the figures: one row per outlet, one per policy, the
register per outlet. Plain values (numbers stay numbers), each column with its kind, so
the .xlsx writer gives it a number format and the CSV writes it plainly.

A column is one entry of ``OUTLET_COLUMNS``: another capability's figure per outlet
(the field work's trainings are one) is one more entry and one more value in the row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from workbench.assessment.policies import policies_between, totals_by_outlet
from workbench.core.i18n import t
from workbench.fieldwork.trainings import trainings_by_outlet
from workbench.register.outlet_status import register_by_outlet
from workbench.roster.outlets import roster
from workbench.roster.visits import visits_by_outlet
from workbench.targets.periods import period_for, period_label
from workbench.targets.targets import targets_on

if TYPE_CHECKING:
    from sqlite_utils import Database

    from workbench.core.config import Config

POLICY_LIMIT = 5000  # a report lists at most this many policies (a quarter of a busy year)


@dataclass(frozen=True)
class Table:
    """A titled table: column labels, their kinds (text, count, money, percent, hours,
    date) and rows of plain values."""

    key: str
    columns: tuple[str, ...]
    kinds: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    @property
    def title(self) -> str:
        return t(f"report.sheet.{self.key}")


# (column id, kind): labels are report.col.<id>
OUTLET_COLUMNS = (
    ("code", "text"), ("name", "text"), ("tier", "text"),
    ("visits", "count"), ("hours", "hours"), ("trainings", "count"),
    ("deliveries", "count"), ("signoffs", "count"),
    ("policies", "count"), ("premium", "money"), ("standard_premium", "money"),
    ("target_period", "text"), ("period_premium", "money"), ("target_premium", "money"),
    ("completion", "percent"),
)


def target_kind(span_kind: str) -> str:
    """The target a report compares with: the quarter's for a quarter, else the month's."""
    return "quarter" if span_kind == "quarter" else "month"


def outlet_table(db: Database, start: date, end: date, span_kind: str,
                 config: Config, today: date) -> Table:
    """Per outlet (active ones, and any with activity in the span): visits, the register,
    policies and premium in the span; the month's (quarter's) premium to the span's end
    beside its target."""
    cut = min(end, today)
    period = period_for(cut, target_kind(span_kind))
    visits = visits_by_outlet(db, start, end)
    trained = trainings_by_outlet(db, start, end)
    register = register_by_outlet(db, start, end)
    sold = totals_by_outlet(db, start, end)
    to_date = totals_by_outlet(db, period.start, cut)
    goals = {x.outlet_id: x for x in targets_on(db, cut, kinds=(period.kind,))}
    rows = []
    for r in roster(db, today, config.visits.cadence_days, include_inactive=True, sort="code"):
        busy = (r.id in visits or r.id in sold or r.id in register or r.id in goals
                or r.id in trained)
        if not r.active and not busy:
            continue
        count, hours = visits.get(r.id, (0, 0.0))
        reg = register.get(r.id)
        n, premium, standard = sold.get(r.id, (0, 0.0, 0.0))
        achieved = to_date.get(r.id, (0, 0.0, 0.0))[1]
        goal = goals[r.id].premium if r.id in goals else None
        rows.append((r.code, r.name, r.tier, count, hours, trained.get(r.id, 0),
                     reg.delivered if reg else 0,
                     reg.signoffs if reg else 0, n, premium, standard, period_label(period),
                     achieved, goal, achieved / goal if goal else None))
    return Table("outlets", tuple(t(f"report.col.{c}") for c, _ in OUTLET_COLUMNS),
                 tuple(k for _, k in OUTLET_COLUMNS), tuple(rows))


def policy_table(db: Database, start: date, end: date, masked: bool) -> Table:
    """The span's live policies with their outlet, customers masked unless asked."""
    cols = (("issue_date", "date"), ("policy_no", "text"), ("outlet_code", "text"),
            ("outlet_name", "text"), ("product", "text"), ("premium", "money"),
            ("term", "count"), ("standard_premium", "money"), ("customer", "text"),
            ("document", "text"))
    rows = tuple((p.issue_date, p.policy_no, p.outlet_code, p.outlet_name, p.product,
                  p.premium, p.term_years, p.standard_premium,
                  p.masked_name if masked else p.customer_name,
                  t(f"report.document.{p.document_status}"))
                 for p in reversed(policies_between(db, start, end, limit=POLICY_LIMIT)))
    return Table("policies", tuple(t(f"report.col.{c}") for c, _ in cols),
                 tuple(k for _, k in cols), rows)


def register_table(db: Database, start: date, end: date, config: Config,
                   today: date) -> Table:
    """Per outlet with register activity: lines and items delivered, sign-offs in the
    span, lines awaiting a signature now."""
    cols = (("code", "text"), ("name", "text"), ("deliveries", "count"),
            ("quantity", "count"), ("signoffs", "count"), ("awaiting", "count"))
    register = register_by_outlet(db, start, end)
    rows = tuple((r.code, r.name, reg.delivered, reg.quantity, reg.signoffs, reg.awaiting)
                 for r in roster(db, today, config.visits.cadence_days, include_inactive=True,
                                 sort="code")
                 if (reg := register.get(r.id)) is not None)
    return Table("register", tuple(t(f"report.col.{c}") for c, _ in cols),
                 tuple(k for _, k in cols), rows)
