"""Goals (考核): policies sold (出单), grade thresholds, the issuing rate and the career plan.

The tables are created by ``assessment.migrations``; all their SQL lives here.
Premiums are stored in yuan; the grade thresholds are in the configured unit
(10,000 CNY by default). Periods (quarter, half-year, year) come from dateutil.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta

from workbench.core import validate as v
from workbench.core.config import GoalsConfig
from workbench.core.errors import ValidationError
from workbench.core.privacy import mask_name, mask_phone

if TYPE_CHECKING:
    from sqlite_utils import Database

PERIOD_MONTHS = {"quarter": 3, "half": 6, "year": 12}
HORIZONS = ("short", "mid", "long")
ANGLES = ("personal", "career", "interests", "society")
GOAL_STATUSES = ("planned", "in_progress", "achieved", "dropped")
DOCUMENT_STATUSES = ("awaiting", "registered")


# --- dataclasses -------------------------------------------------------------------


@dataclass(frozen=True)
class Policy:
    id: int
    policy_no: str
    outlet_id: int
    outlet_name: str
    product: str
    premium: float
    term_years: int
    factor: float | None  # None when the standard premium was overridden
    standard_premium: float
    override_reason: str | None
    issue_date: date
    customer_name: str
    customer_phone: str | None
    document_status: str
    outlet_code: str = ""

    @property
    def masked_name(self) -> str:
        return mask_name(self.customer_name)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.customer_phone)


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date  # inclusive

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class GradeStatus:
    """Where the period's standard premium stands against the grade's two lines."""

    grade: int
    period: Period
    achieved: float  # in threshold units
    maintain: float
    promote: float
    need_maintain: float
    need_promote: float
    working_days_total: int
    working_days_elapsed: int
    working_days_left: int
    pace_maintain: float | None  # per remaining working day; None when no day is left
    pace_promote: float | None
    projection: float

    @property
    def kept(self) -> bool:
        return self.achieved >= self.maintain

    @property
    def promoted(self) -> bool:
        return self.achieved >= self.promote

    @property
    def projected_outcome(self) -> str:
        """promote, maintain or below: where the current pace lands at the period's end."""
        if self.projection >= self.promote:
            return "promote"
        return "maintain" if self.projection >= self.maintain else "below"


@dataclass(frozen=True)
class IssuingRate:
    active: int
    issued: int
    target: float
    zero_outlets: list[tuple[int, str, str]]  # (id, code, name) without a policy (未破零)

    @property
    def rate(self) -> float:
        return self.issued / self.active if self.active else 0.0

    @property
    def on_target(self) -> bool:
        return self.rate >= self.target


@dataclass(frozen=True)
class CareerGoal:
    id: int
    horizon: str
    angle: str
    target: str
    status: str
    reviewed_on: date | None




# --- standard premium ------------------------------------------------------------------


def factor_for(term_years: int, factors: dict[str, float]) -> float:
    """The factor of the longest listed payment term not above ``term_years``."""
    terms = sorted((int(k), f) for k, f in factors.items())
    found = terms[0][1]
    for term, factor in terms:
        if term <= term_years:
            found = factor
    return found


def standard_premium(premium: float, term_years: int, factors: dict[str, float]) -> float:
    return round(premium * factor_for(term_years, factors), 2)


# --- policies ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PolicyDraft:
    """Raw values of a policy as typed in a form (all strings)."""

    policy_no: Any = ""
    outlet: Any = ""  # outlet id or code
    product: Any = ""
    premium: Any = ""
    term_years: Any = ""
    issue_date: Any = ""
    customer_name: Any = ""
    customer_phone: Any = ""
    standard_override: Any = ""
    override_reason: Any = ""


def _outlet_id(db: Database, value: Any) -> int:
    raw = str(value or "").strip()
    if not raw:
        raise ValidationError("policy_outlet", "error.required")
    row = None
    if raw.isdigit():
        row = db.execute("SELECT id, active FROM outlets WHERE id = ?", [int(raw)]).fetchone()
    if row is None:
        row = db.execute("SELECT id, active FROM outlets WHERE code = ?", [raw]).fetchone()
    if row is None:
        raise ValidationError("policy_outlet", "self.error.no_such_outlet", value=raw)
    return row[0]


def clean_policy(db: Database, draft: PolicyDraft, config: GoalsConfig,
                 today: date) -> dict[str, Any]:
    """Validate a draft; return the column values to store. Raises ValidationError."""
    number = v.text("policy_no", draft.policy_no, required=True, max_len=40)
    assert number is not None
    if "\n" in number or " " in number:
        raise ValidationError("policy_no", "self.error.policy_no_spaces")
    outlet_id = _outlet_id(db, draft.outlet)
    product = v.name("policy_product", draft.product)
    premium = v.number("policy_premium", draft.premium, required=True, minimum=-1e18,
                       maximum=1e9)
    if premium is not None and premium <= 0:
        raise ValidationError("policy_premium", "self.error.premium_positive")
    term = v.integer("policy_term", draft.term_years, required=True, minimum=1, maximum=100)
    issued = v.iso_date("policy_issue_date", draft.issue_date, required=True)
    assert issued is not None and term is not None and premium is not None
    if issued > today:
        raise ValidationError("policy_issue_date", "self.error.future_day",
                              day=issued.isoformat())
    customer = v.name("policy_customer", draft.customer_name)
    phone = v.phone("policy_phone", draft.customer_phone)
    override = v.number("policy_standard", draft.standard_override, minimum=0, maximum=1e9)
    reason = v.text("policy_override_reason", draft.override_reason, max_len=500)
    if override is not None:
        if not reason:
            raise ValidationError("policy_override_reason", "self.error.override_needs_reason")
        factor, standard = None, round(override, 2)
    else:
        factor = factor_for(term, config.standard_factors)
        standard, reason = round(premium * factor, 2), None
    if db.execute("SELECT 1 FROM policies WHERE policy_no = ? AND voided_at IS NULL",
                  [number]).fetchone():
        raise ValidationError("policy_no", "self.error.duplicate_policy", number=number)
    return {
        "policy_no": number, "outlet_id": outlet_id, "product": product,
        "premium": premium, "term_years": term, "factor": factor,
        "standard_premium": standard, "override_reason": reason,
        "issue_date": issued.isoformat(), "customer_name": customer,
        "customer_phone": phone,
    }


def log_policy(db: Database, draft: PolicyDraft, config: GoalsConfig, today: date,
               now: datetime) -> int:
    """Record a policy sold; its original document waits to be handed to the register."""
    row = clean_policy(db, draft, config, today)
    row.update(document_status="awaiting", created_at=now.replace(microsecond=0)
               .isoformat(sep=" "))
    with db.atomic():
        return db.table("policies").insert(row).last_pk


_POLICY_SQL = """
    SELECT p.id, p.policy_no, p.outlet_id, o.name, p.product, p.premium, p.term_years,
           p.factor, p.standard_premium, p.override_reason, p.issue_date, p.customer_name,
           p.customer_phone, p.document_status, o.code
    FROM policies p JOIN outlets o ON o.id = p.outlet_id
"""


def _policy(r: tuple) -> Policy:
    return Policy(*r[:10], issue_date=date.fromisoformat(r[10]), customer_name=r[11],
                  customer_phone=r[12], document_status=r[13], outlet_code=r[14])


def get_policy(db: Database, policy_id: int) -> Policy:
    r = db.execute(_POLICY_SQL + " WHERE p.id = ?", [policy_id]).fetchone()
    if r is None:
        raise ValidationError("policy_no", "self.error.no_such_policy")
    return _policy(r)


def policies_between(db: Database, start: date, end: date, limit: int = 500) -> list[Policy]:
    """Live policies issued from ``start`` to ``end`` inclusive, newest first (paged)."""
    return [_policy(r) for r in db.execute(
        _POLICY_SQL + " WHERE p.issue_date >= ? AND p.issue_date <= ? AND p.voided_at IS NULL "
        "ORDER BY p.issue_date DESC, p.id DESC LIMIT ?",
        [start.isoformat(), end.isoformat(), limit]).fetchall()]


def policies_awaiting_document(db: Database, limit: int = -1) -> list[Policy]:
    """Policies whose original document has not been handed to the register yet, oldest
    first (``limit`` of them; -1: all)."""
    return [_policy(r) for r in db.execute(
        _POLICY_SQL + " WHERE p.document_status = 'awaiting' AND p.voided_at IS NULL "
        "ORDER BY p.issue_date, p.id LIMIT ?", [limit]
    ).fetchall()]


def policy_totals(db: Database, start: date, end: date) -> tuple[int, float, float]:
    """(count, premium, standard premium) of live policies issued from start to end."""
    r = db.execute("SELECT count(*), coalesce(sum(premium), 0), "
                   "coalesce(sum(standard_premium), 0) FROM policies "
                   "WHERE issue_date >= ? AND issue_date <= ? AND voided_at IS NULL",
                   [start.isoformat(), end.isoformat()]).fetchone()
    return r[0], float(r[1]), float(r[2])


def count_awaiting_documents(db: Database) -> int:
    return db.execute("SELECT count(*) FROM policies WHERE document_status = 'awaiting' "
                      "AND voided_at IS NULL").fetchone()[0]


def policy_voided(db: Database, policy_id: int) -> bool:
    r = db.execute("SELECT voided_at FROM policies WHERE id = ?", [policy_id]).fetchone()
    return r is not None and r[0] is not None


def mark_document_registered(db: Database, policy_id: int) -> None:
    """The policy's original document now has its line in the register (正本保单登记).

    ``policy_register.register_document`` logs that line and calls this in one transaction.
    """
    get_policy(db, policy_id)
    with db.atomic():
        db.execute("UPDATE policies SET document_status = 'registered' WHERE id = ?",
                   [policy_id])


def void_policy(db: Database, policy_id: int, reason: Any, now: datetime) -> None:
    """Void a policy logged by mistake (kept, with the reason); log the corrected one anew."""
    text = v.text("void_reason", reason, required=True, max_len=500)
    get_policy(db, policy_id)
    if policy_voided(db, policy_id):
        raise ValidationError("void_reason", "self.error.already_voided")
    with db.atomic():
        db.execute("UPDATE policies SET voided_at = ?, void_reason = ? WHERE id = ?",
                   [now.replace(microsecond=0).isoformat(sep=" "), text, policy_id])


# --- periods and working days --------------------------------------------------------------


def period_of(day: date, kind: str) -> Period:
    """The assessment period holding ``day``: calendar quarter, half-year or year."""
    months = PERIOD_MONTHS.get(kind)
    if months is None:
        raise ValidationError("period", "error.bad_choice", options=", ".join(PERIOD_MONTHS))
    first_month = (day.month - 1) // months * months + 1
    start = date(day.year, first_month, 1)
    end = start + relativedelta(months=months) - relativedelta(days=1)
    return Period(kind, start, end)


def working_days(start: date, end: date, days: list[int]) -> int:
    """Working days from ``start`` to ``end`` inclusive (ISO weekday numbers in ``days``)."""
    if end < start:
        return 0
    total = (end - start).days + 1
    weeks, rest = divmod(total, 7)
    count = weeks * len(days)
    for i in range(rest):
        if (start + timedelta(days=i)).isoweekday() in days:
            count += 1
    return count


# --- grade goals ----------------------------------------------------------------------------


def check_grade(grade: Any, config: GoalsConfig) -> int:
    """A grade of the threshold table (1 = highest .. 13); anything else is refused."""
    raw = str(grade).strip()
    if not raw.isdigit() or not 1 <= int(raw) <= len(config.maintain):
        raise ValidationError("grade", "self.error.bad_grade", value=raw[:10],
                              lowest=len(config.maintain))
    return int(raw)


def thresholds(grade: Any, config: GoalsConfig) -> tuple[float, float]:
    """(maintain, promote) lines of ``grade`` (1..13), in threshold units."""
    value = check_grade(grade, config)
    return config.maintain[value - 1], config.promote[value - 1]


def grade_status(grade: Any, achieved: float, period: Period, today: date,
                 config: GoalsConfig) -> GradeStatus:
    """Pure: the maintain and promote lines, what is still needed, pace and projection.

    ``achieved`` is the period's standard premium in threshold units. The remaining
    working days count today (today's sales still count); elapsed days count today too,
    so the projection uses the pace including today's work.
    """
    maintain, promote = thresholds(grade, config)
    days = config.working_days
    total = working_days(period.start, period.end, days)
    clamp = min(max(today, period.start - timedelta(days=1)), period.end)
    elapsed = working_days(period.start, clamp, days)
    left = working_days(max(today, period.start), period.end, days) if today <= period.end \
        else 0
    need_keep = max(0.0, maintain - achieved)
    need_up = max(0.0, promote - achieved)
    projection = achieved / elapsed * total if elapsed else achieved
    return GradeStatus(
        grade=check_grade(grade, config), period=period, achieved=achieved,
        maintain=maintain, promote=promote,
        need_maintain=need_keep, need_promote=need_up, working_days_total=total,
        working_days_elapsed=elapsed, working_days_left=left,
        pace_maintain=need_keep / left if left else None,
        pace_promote=need_up / left if left else None,
        projection=projection,
    )


def standard_premium_between(db: Database, start: date, end: date) -> float:
    """Sum of standard premium (yuan) of policies issued from ``start`` to ``end``."""
    r = db.execute("SELECT coalesce(sum(standard_premium), 0) FROM policies "
                   "WHERE issue_date >= ? AND issue_date <= ? AND voided_at IS NULL",
                   [start.isoformat(), end.isoformat()]).fetchone()
    return float(r[0])


def current_status(db: Database, grade: Any, today: date, config: GoalsConfig) -> GradeStatus:
    """The grade status of the period holding ``today``, from the policies on file."""
    period = period_of(today, config.period)
    achieved = standard_premium_between(db, period.start, min(today, period.end)) / config.unit
    return grade_status(grade, achieved, period, today, config)


def cumulative_by_day(db: Database, period: Period, today: date,
                      unit: int) -> list[tuple[date, float]]:
    """Cumulative standard premium (threshold units) for each day of ``period`` up to today."""
    last = min(today, period.end)
    per_day = dict(db.execute(
        "SELECT issue_date, sum(standard_premium) FROM policies WHERE issue_date >= ? "
        "AND issue_date <= ? AND voided_at IS NULL GROUP BY issue_date",
        [period.start.isoformat(), last.isoformat()]).fetchall())
    out = []
    total = 0.0
    day = period.start
    while day <= last:
        total += per_day.get(day.isoformat(), 0.0) / unit
        out.append((day, total))
        day += timedelta(days=1)
    return out


def issuing_rate(db: Database, period: Period, today: date, target: float) -> IssuingRate:
    """Share of active outlets with at least one policy in the period, and the rest (破零)."""
    last = min(today, period.end)
    rows = db.execute("""
        SELECT o.id, o.code, o.name, EXISTS (
            SELECT 1 FROM policies p WHERE p.outlet_id = o.id
            AND p.issue_date >= ? AND p.issue_date <= ? AND p.voided_at IS NULL) AS issued
        FROM outlets o WHERE o.active = 1 ORDER BY o.code""",
        [period.start.isoformat(), last.isoformat()]).fetchall()
    zero = [(r[0], r[1], r[2]) for r in rows if not r[3]]
    return IssuingRate(active=len(rows), issued=len(rows) - len(zero), target=target,
                       zero_outlets=zero)


# --- career plan -----------------------------------------------------------------------------


def _goal_row(horizon: Any, angle: Any, target: Any, status: Any,
              reviewed_on: Any) -> dict[str, Any]:
    reviewed = v.iso_date("goal_reviewed_on", reviewed_on)
    return {
        "horizon": v.choice("goal_horizon", horizon, HORIZONS),
        "angle": v.choice("goal_angle", angle, ANGLES),
        "target": v.text("goal_target", target, required=True, max_len=500),
        "status": v.choice("goal_status", status or "planned", GOAL_STATUSES),
        "reviewed_on": reviewed.isoformat() if reviewed else None,
    }


def add_career_goal(db: Database, horizon: Any, angle: Any, target: Any, status: Any,
                    reviewed_on: Any, now: datetime) -> int:
    row = _goal_row(horizon, angle, target, status, reviewed_on)
    if row["reviewed_on"] and row["reviewed_on"] > now.date().isoformat():
        raise ValidationError("goal_reviewed_on", "self.error.future_day",
                              day=row["reviewed_on"])
    row["created_at"] = now.replace(microsecond=0).isoformat(sep=" ")
    with db.atomic():
        return db.table("career_goals").insert(row).last_pk


def update_career_goal(db: Database, goal_id: int, horizon: Any, angle: Any, target: Any,
                       status: Any, reviewed_on: Any, today: date) -> None:
    row = _goal_row(horizon, angle, target, status, reviewed_on)
    if row["reviewed_on"] and row["reviewed_on"] > today.isoformat():
        raise ValidationError("goal_reviewed_on", "self.error.future_day",
                              day=row["reviewed_on"])
    if db.execute("SELECT 1 FROM career_goals WHERE id = ?", [goal_id]).fetchone() is None:
        raise ValidationError("goal_target", "self.error.no_such_goal")
    with db.atomic():
        db.table("career_goals").update(goal_id, row)


def career_goals(db: Database) -> list[CareerGoal]:
    order = "CASE horizon WHEN 'short' THEN 0 WHEN 'mid' THEN 1 ELSE 2 END"
    return [CareerGoal(r[0], r[1], r[2], r[3], r[4],
                       date.fromisoformat(r[5]) if r[5] else None)
            for r in db.execute(
                "SELECT id, horizon, angle, target, status, reviewed_on FROM career_goals "
                f"ORDER BY {order}, angle, id").fetchall()]


def get_career_goal(db: Database, goal_id: int) -> CareerGoal:
    for goal in career_goals(db):
        if goal.id == goal_id:
            return goal
    raise ValidationError("goal_target", "self.error.no_such_goal")
