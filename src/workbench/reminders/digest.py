"""The reminder digest (提醒): what is due today and overdue, most urgent first.

Nothing here decides what is due: the plan's agenda (``plan.agenda.build_agenda``, the
same one ``workbench today`` prints) brings the visits due, the tasks and the register's
work; the register's deadlines bring the cooling-off periods ending and, for the evening,
what falls due tomorrow. This module only orders and words them:

- most urgent first: the most days overdue first, then what is due today; on the same
  day, the items of legal weight (receipt, callback, cooling-off, original policy) before
  visits, stock and tasks;
- ``morning`` and ``now``: what is due today or overdue; ``evening``: what is still open
  today, the must-dos not done, and what falls due tomorrow;
- customers are masked (``core.privacy``) wherever a name appears; their follow-ups
  due today or overdue (``plan.customers``) rank after the register's legal deadlines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from workbench.core.config import Config
from workbench.core.i18n import columns, t
from workbench.plan.agenda import Agenda, build_agenda
from workbench.plan.view import documents_section
from workbench.register import receipts
from workbench.roster import outlets

if TYPE_CHECKING:
    from sqlite_utils import Database

MOMENTS = ("now", "morning", "evening")

# On the same day, the order of kinds: legal deadlines first, then what keeps the
# outlets served, then the manager's own work.
PRIORITY = ("callback", "receipt", "cooling_off", "policy", "unregistered", "customer", "visit",
            "stock", "awaiting", "review", "handover", "task", "must", "birthday", "more")


@dataclass(frozen=True)
class Reminder:
    kind: str  # one of PRIORITY
    late: int  # days overdue; 0: due today; -1: due tomorrow
    cells: tuple[str, ...]  # translated: what, where, who (masked)
    state: str  # translated: "3 d overdue", "due today", "waiting 2 d", ...
    waiting: int = 0  # days waited, for an item with no deadline of its own


@dataclass(frozen=True)
class Digest:
    today: date
    at: str  # one of MOMENTS
    items: tuple[Reminder, ...]  # today's and overdue, most urgent first
    tomorrow: tuple[Reminder, ...] = ()  # evening only

    @property
    def overdue(self) -> int:
        return sum(1 for r in self.items if r.late > 0)

    @property
    def empty(self) -> bool:
        return not self.items and not self.tomorrow


def _state(late: int) -> str:
    if late > 0:
        return t("plan.overdue", days=late)
    return t("plan.due_today") if late == 0 else t("remind.due_tomorrow")


def label(prefix: str, name: str) -> str:
    """A configured name's translation (``kind.poster``), else the name as typed."""
    key = f"{prefix}.{name}"
    text = t(key)
    return name if text == key else text


def urgency(item: Reminder) -> tuple[int, int, int]:
    """The sort key: most days overdue first, then the kind's rank, then the longest
    waiting."""
    return (-item.late, PRIORITY.index(item.kind), -item.waiting)


def from_agenda(agenda: Agenda) -> list[Reminder]:
    """The agenda's items that are due today or overdue, as reminders (unsorted)."""
    out: list[Reminder] = []
    for v in agenda.visits_due:
        out.append(Reminder("visit", max(0, v.days_overdue),
                            (t("remind.kind.visit"), v.name, v.code, v.tier),
                            _state(max(0, v.days_overdue))))
    for task in agenda.tasks:
        if not task.done:
            out.append(Reminder("task", task.days_late,
                                (t("remind.kind.task"), task.outlet_name or "", task.title),
                                _state(task.days_late)))
    # The register's items in the words the plan prints them (``view.documents_section``:
    # one row per item, in the agenda's order, its state last).
    rows = documents_section(agenda, "plan.doc.more_shell").items
    for d, row in zip(agenda.documents, rows, strict=True):
        *cells, state = row.cells
        if d.kind in ("receipt", "callback"):
            out.append(Reminder(d.kind, d.days or 0, tuple(cells), state))
        elif d.kind in ("stock", "more"):
            out.append(Reminder(d.kind, 0, tuple(c for c in cells if c), state))
        else:  # waiting since, with no deadline of their own
            out.append(Reminder(d.kind, 0, tuple(cells), state, d.days or 0))
    out += customer_reminders(agenda)
    for b in agenda.birthdays:
        if b.days_until == 0:
            out.append(Reminder("birthday", 0, (t("plan.birthday"), b.outlet_name, b.name),
                                t("plan.today")))
    return out


def customer_reminders(agenda: Agenda) -> list[Reminder]:
    """The customer follow-ups due today or overdue (the plan's rows, names masked)."""
    from workbench.plan.customer_rows import customer_rows

    rows = dict(customer_rows(agenda.customers))
    return [Reminder("customer", -item.days, rows[f"cust:{item.ref}"][:-1],
                     rows[f"cust:{item.ref}"][-1])
            for item in agenda.customers if item.days <= 0]


@dataclass(frozen=True)
class OpenPolicies:
    """Signed policies whose receipt or whose callback is still open, read once per
    digest (the register's lists; a policy open on both is in both)."""
    receipts: tuple[receipts.PolicyDue, ...]
    callbacks: tuple[receipts.PolicyDue, ...]

    @classmethod
    def read(cls, db: Database, today: date, config: Config) -> OpenPolicies:
        return cls(tuple(receipts.receipts_due(db, today, config)),
                   tuple(receipts.callbacks_due(db, today, config)))


def cooling_off_ending(open_now: OpenPolicies, day: date) -> list[Reminder]:
    """Policies whose cooling-off period (犹豫期) ends on ``day``, among those whose receipt
    or callback is still open (once both are recorded, nothing is left to chase)."""
    seen: dict[int, receipts.PolicyDue] = {}
    for p in open_now.receipts + open_now.callbacks:
        if p.cooling_off_end == day:
            seen.setdefault(p.delivery_id, p)
    return [Reminder("cooling_off", 0, (t("remind.kind.cooling_off"), p.outlet_name,
                                           p.policy_no, p.customer_masked),
                     t("remind.cooling_off_ends"))
            for p in sorted(seen.values(), key=lambda p: (p.outlet_code, p.policy_no))]


def due_tomorrow(db: Database, agenda: Agenda, config: Config,
                 open_now: OpenPolicies) -> list[Reminder]:
    """What falls due tomorrow: visits, tasks, receipts, callbacks and cooling-off ends."""
    tomorrow = agenda.today + timedelta(days=1)
    out: list[Reminder] = []
    for r in outlets.roster(db, agenda.today, config.visits.cadence_days, sort="due"):
        if r.days_left == 1:
            out.append(Reminder("visit", -1, (t("remind.kind.visit"), r.name, r.code, r.tier),
                                _state(-1)))
    for task in agenda.upcoming:
        if task.due == tomorrow:
            out.append(Reminder("task", -1, (t("remind.kind.task"), task.outlet_name or "",
                                             task.title), _state(-1)))
    for kind, found in (("receipt", open_now.receipts), ("callback", open_now.callbacks)):
        for p in found:
            if p.due == tomorrow:
                out.append(Reminder(kind, -1, (t(f"plan.doc.{kind}"), p.outlet_name,
                                               p.policy_no, p.customer_masked), _state(-1)))
    out += [Reminder(r.kind, -1, r.cells, _state(-1))
            for r in cooling_off_ending(open_now, tomorrow)]
    return sorted(out, key=urgency)


def must_dos_left(agenda: Agenda) -> list[Reminder]:
    """The evening's reminder of the three must-dos not done today."""
    return [Reminder("must", 0, (t("remind.kind.must"), "", t(f"plan.must.{m.key}")),
                     t("remind.not_done"))
            for m in agenda.must_dos if not m.done]


def build_digest(db: Database, today: date, config: Config, at: str = "now") -> Digest:
    """The digest for ``today`` at the moment ``at`` (one of ``MOMENTS``)."""
    agenda = build_agenda(db, today, config)
    open_now = OpenPolicies.read(db, today, config)
    items = from_agenda(agenda) + cooling_off_ending(open_now, today)
    tomorrow: list[Reminder] = []
    if at == "evening":
        items += must_dos_left(agenda)
        tomorrow = due_tomorrow(db, agenda, config, open_now)
    # "more" lines close the list: they stand for the least urgent of their kind.
    items.sort(key=lambda r: (r.kind == "more", *urgency(r)))
    return Digest(today, at, tuple(items), tuple(tomorrow))


def _lines(items: tuple[Reminder, ...]) -> list[str]:
    width = max(len(r.cells) for r in items)
    return columns([[r.state, *r.cells, *[""] * (width - len(r.cells))] for r in items])


def title(digest: Digest) -> str:
    weekday = t(f"weekday.{digest.today.weekday()}")
    return t(f"remind.title.{digest.at}", date=digest.today.isoformat(), weekday=weekday,
             count=len(digest.items), overdue=digest.overdue)


def text(digest: Digest) -> str:
    """The digest as plain text (a shell prompt, a mail, a chat bot); one line when empty."""
    if digest.empty:
        return t("remind.nothing", date=digest.today.isoformat()) + "\n"
    out = [title(digest)]
    if digest.items:
        out += ["", *_lines(digest.items)]
    if digest.tomorrow:
        out += ["", f"== {t('remind.section.tomorrow', count=len(digest.tomorrow))} ==",
                *_lines(digest.tomorrow)]
    return "\n".join(out) + "\n"
