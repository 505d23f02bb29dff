"""A linked policy's dates: its renewal premiums (续期) and its cooling-off end (犹豫期).

Renewal dates are computed, never stored: the first premium is paid on the issue day,
then one every 12, 6 or 1 months (annual, semi-annual, monthly) for the payment term
(``term_years``), each counted from the issue day in calendar months (``core.months``, so
a policy issued on 31 January renews on 28 or 29 February and again on 31 March, and
one issued on 29 February renews on 28 February in common years). A single premium
(趸交) has no renewal.

The cooling-off period runs from the customer's receipt of the policy, the register's
rule (``register.deadlines``: ``deliveries.cooling_off_days`` in the config, 15 by
default): the receipt day once the original is signed for at the counter, the issue day
as an estimate before that.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from workbench.core.config import Config
from workbench.core.months import plus_months
from workbench.register import deadlines
from workbench.register.schema import NOT_VOIDED

if TYPE_CHECKING:
    from sqlite_utils import Database

FREQUENCIES = ("annual", "semiannual", "monthly", "single")
MONTHS = {"annual": 12, "semiannual": 6, "monthly": 1}


def renewal_dates(issued: date, term_years: int, frequency: str) -> list[date]:
    """Every renewal premium's day after the first premium (paid on ``issued``)."""
    if frequency not in MONTHS:
        return []
    step = MONTHS[frequency]
    payments = term_years * 12 // step
    return [plus_months(issued, step * k) for k in range(1, payments)]


def renewals_between(issued: date, term_years: int, frequency: str, first: date,
                     last: date) -> list[date]:
    """The renewal days from ``first`` to ``last`` inclusive (those of ``renewal_dates``),
    computed for the window only: the plan asks this of every linked policy each morning,
    and a monthly policy of twenty years has 239 renewals."""
    if frequency not in MONTHS or last < first:
        return []
    step = MONTHS[frequency]
    payments = term_years * 12 // step

    def months_to(day: date) -> int:
        return (day.year - issued.year) * 12 + day.month - issued.month

    # Renewal k falls in the month ``step * k`` months after the issue (a month end moves
    # it by days, never out of its month), so only these k can fall in the window.
    low = max(1, months_to(first) // step)
    high = min(payments - 1, months_to(last) // step)
    found = (plus_months(issued, step * k) for k in range(low, high + 1))
    return [d for d in found if first <= d <= last]


def received_day(db: Database, policy_no: str) -> date | None:
    """The customer's receipt day of the policy's original as the register knows it (the
    receipt's day, else the sign-off day); None while no live line is signed."""
    r = db.execute(f"SELECT {deadlines.received_on_sql()} {deadlines.SIGNED_POLICIES} "
                   f"WHERE d.policy_no = ? AND {NOT_VOIDED} LIMIT 1", [policy_no]).fetchone()
    return date.fromisoformat(r[0][:10]) if r and r[0] else None


def cooling_off_end(db: Database, policy_no: str, issued: date, config: Config) -> date:
    """The last day of the cooling-off period, from the receipt (or the issue day)."""
    return deadlines.cooling_off_end(received_day(db, policy_no) or issued, config)
