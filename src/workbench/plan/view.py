"""The agenda as translated lines: one ``Section`` per part of the plan, each item a row
of cells plus the id of its action. The plan screen and ``workbench today`` both render
these, so the screen and the printed plan always say the same thing.

Item ids say what Enter does: ``mood``, ``must:stationed``, ``visit:<outlet>``,
``doc:<kind>:<ref>[:<document kind>]``, ``task:<id>``, ``task:add``, ``bday:<staff>``,
``neglect:<outlet>``, ``habit:<name>``, ``audit:<visit>``, ``more:<section>`` (the rest of a
cut section) and ``fewer:<section>`` (cut it again); the field work's in
``fieldwork_view``.

A long section (a heavy user has hundreds of visits due, tasks and relationships to mend)
shows its first ``SECTION_ROWS`` items, most urgent first, and a line counting the rest
(``Section.cut``): a morning's work is a screenful, and the plan stays quick to redraw.
"""

from __future__ import annotations

from workbench.core.i18n import t
from workbench.plan import fieldwork_view
from workbench.plan.agenda import Agenda
from workbench.plan.view_parts import DONE, OPEN, SECTION_ROWS, Item, Section, label_of
from workbench.plan.visit_notes import visit_rule_notes

# Item and Section live in view_parts (fieldwork_view builds them too); named here as
# before, for the screen and ``workbench today``.
__all__ = ["DONE", "OPEN", "SECTION_ROWS", "Item", "Section", "plain_text", "sections"]

# The sections cut to their first ``SECTION_ROWS`` rows (the documents keep their own
# per-kind limit, plan.documents.DOC_LIMIT).
CUT_SECTIONS = ("visits", "customers", "tasks", "relations", "displays")


def waiting_text(days: int) -> str:
    """How long a document has waited; a day's own work waits "today", not "0 days"."""
    return t("plan.doc.since_today") if days <= 0 else t("plan.doc.waiting", days=days)


def _days_late(days: int) -> str:
    if days <= 0:
        return t("plan.due_today")
    return t("plan.days_late", days=days)


def must_do_section(agenda: Agenda) -> Section:
    items = []
    for m in agenda.must_dos:
        if m.key == "stationed":
            detail = t("plan.must.stationed_detail", count=m.count, hours=f"{m.hours:.1f}")
            if agenda.open_visit is not None:
                detail += "  " + t("plan.checked_in_at", name=agenda.open_visit_outlet or "",
                                   start=agenda.open_visit.started_at.strftime("%H:%M"))
        else:
            detail = t(f"plan.must.{m.key}_detail", count=m.count)
        items.append(Item(f"must:{m.key}", (DONE if m.done else OPEN, t(f"plan.must.{m.key}"),
                                             detail)))
    return Section("must", t("plan.section.must"), tuple(items))


def visits_section(agenda: Agenda) -> Section:
    items = []
    for d in agenda.visits_due:
        last = (t("plan.last_visit", date=d.last_visit.isoformat()) if d.last_visit
                else t("plan.never_visited"))
        when = t("plan.overdue", days=d.days_overdue) if d.days_overdue > 0 else t(
            "plan.due_today")
        items.append(Item(f"visit:{d.outlet_id}", (d.code, d.name, d.tier,
                                                    last, when)))
    return Section("visits", t("plan.section.visits", count=len(items)), tuple(items),
                   t("plan.empty.visits"))


def tasks_section(agenda: Agenda) -> Section:
    items = []
    for task in agenda.tasks:
        state = t("plan.done") if task.done else _days_late(task.days_late)
        extra = task.outlet_name or ""
        if task.rule:
            extra = (extra + " " if extra else "") + "↻"
        items.append(Item(f"task:{task.id}", (DONE if task.done else OPEN, task.title, state,
                                               extra)))
    for task in agenda.upcoming:
        extra = (task.outlet_name or "") + (" ↻" if task.rule else "")
        when = f"{task.due.month:02d}-{task.due.day:02d} " + t(
            "plan.in_days", days=(task.due - agenda.today).days)
        items.append(Item(f"task:{task.id}", (OPEN, task.title, when, extra.strip())))
    # The count is the rows shown (today's, late and upcoming tasks), not the "add" row.
    return Section("tasks", t("plan.section.tasks", count=len(items)), tuple(items),
                   tail=(Item("task:add", ("+", t("plan.add_task"), "", "")),),
                   prose=frozenset({1}))  # the title


def relations_section(agenda: Agenda) -> Section:
    items = []
    for b in agenda.birthdays:
        when = t("plan.today") if b.days_until == 0 else t("plan.in_days", days=b.days_until)
        items.append(Item(f"bday:{b.staff_id}", (t("plan.birthday"), b.name, b.outlet_name,
                                                 f"{b.on.month:02d}-{b.on.day:02d} {when}")))
    for n in agenda.neglected:
        since = t("plan.never_contacted") if n.days is None else t("plan.not_contacted",
                                                                    days=n.days)
        items.append(Item(f"neglect:{n.outlet_id}", (t("plan.neglected"), n.code, n.name,
                                                     since)))
    items += fieldwork_view.relations_items(agenda)
    return Section("relations", t("plan.section.relations", count=len(items)), tuple(items),
                   t("plan.empty.relations"))


def audit_section(agenda: Agenda) -> Section:
    items = []
    for a in agenda.audit:
        span = a.start.strftime("%H:%M") + "–" + (a.end.strftime("%H:%M") if a.end else "…")
        rules = agenda.rules
        reasons = t("plan.list_sep").join(
            t(r, minutes=rules.min_visit_minutes, start=rules.work_start, end=rules.work_end,
              count=rules.max_outlets_per_half_day) for r in a.reasons)
        verdict = t("plan.counts") if a.counts else t("plan.not_counted", reasons=reasons)
        verdict += visit_rule_notes(a.clipped_from, a.start, a.end is not None and not a.clears_due)
        items.append(Item(f"audit:{a.visit_id}", (DONE if a.counts else OPEN, span,
                                                  a.outlet_name, verdict)))
    return Section("audit", t("plan.section.audit"), tuple(items), t("plan.empty.audit"))


def morning_section(agenda: Agenda) -> Section | None:
    """The morning score prompt, only while today has no score."""
    if agenda.mood is not None:
        return None
    return Section("morning", t("plan.section.morning"),
                   (Item("mood", ("▶", t("plan.mood_prompt"))),))


def documents_section(agenda: Agenda, more: str = "plan.doc.more") -> Section:
    """The papers waiting; ``more`` is the message of a cut list's last line (the screen
    opens the list on Enter, a shell names the command that prints it)."""
    items = []
    for d in agenda.documents:
        if d.kind == "stock":
            item_id = f"doc:stock:{d.ref}:{d.what}"
            state = (t("plan.doc.no_rate") if d.days is None
                     else t("plan.doc.out_now") if d.days <= 0
                     else t("plan.doc.days_left", days=d.days))
            cells = (label_of("kind", d.what), t("plan.doc.suggest", count=d.count), state)
        elif d.kind in ("receipt", "callback"):
            item_id = f"doc:{d.kind}:{d.ref}"
            state = t("plan.overdue", days=d.days) if d.days else t("plan.due_today")
            cells = (d.what, d.who, state)
        elif d.kind == "awaiting":
            item_id = f"doc:awaiting:{d.ref}"
            kinds = t("plan.list_sep").join(label_of("kind", k) for k in d.what.split(","))
            cells = (kinds, t("plan.doc.lines", count=d.count),
                     waiting_text(d.days))
        elif d.kind == "more":
            item_id = f"doc:more:0:{d.what}"
            items.append(Item(item_id, (t(f"plan.doc.{d.what}"), t(more, count=d.count),
                                        "", "", "")))
            continue
        elif d.kind == "handover":
            item_id = f"doc:handover:{d.ref}"
            cells = ("", t("plan.doc.forms", count=d.count), waiting_text(d.days))
        else:  # unregistered, policy, review
            item_id = f"doc:{d.kind}:{d.ref}"
            cells = (d.what, d.who, waiting_text(d.days))
        items.append(Item(item_id, (t(f"plan.doc.{d.kind}"), d.outlet_name, *cells)))
    total = sum(d.count if d.kind == "more" else 1 for d in agenda.documents)
    return Section("documents", t("plan.section.documents", count=total), tuple(items),
                   t("plan.empty.documents"))


def habits_section(agenda: Agenda) -> Section:
    items = tuple(Item(f"habit:{h.name}", (DONE if h.done else OPEN, label_of("habit", h.name)))
                  for h in agenda.habits)
    done = sum(1 for h in agenda.habits if h.done)
    return Section("habits", t("plan.section.habits", done=done, total=len(items)), items)


def sections(agenda: Agenda, shell: bool = False, whole: bool | frozenset[str] = False,
             ) -> list[Section]:
    """Every section of the plan, in screen order; ``shell``: as ``workbench today`` prints
    it (the morning score once given, and no key to press). Long sections are cut to
    ``SECTION_ROWS`` except those named in ``whole`` (True: none is cut)."""
    morning = morning_section(agenda)
    if shell and morning is None:
        morning = Section("morning", t("plan.section.morning"),
                          (Item(None, (t("plan.mood_given", score=agenda.mood),)),))
    more = "plan.doc.more_shell" if shell else "plan.doc.more"
    out = [*([morning] if morning else []), must_do_section(agenda), visits_section(agenda),
           customers_section(agenda, shell), documents_section(agenda, more),
           tasks_section(agenda), relations_section(agenda), habits_section(agenda),
           audit_section(agenda)]
    fieldwork_view.add_sections(out, agenda)
    if whole is True:
        return out
    whole = whole or frozenset()
    cut_more = "plan.more_shell" if shell else "plan.more"
    return [s.cut(None if s.key in whole else SECTION_ROWS, cut_more)
            if s.key in CUT_SECTIONS else s for s in out]


def customers_section(agenda: Agenda, shell: bool = False) -> Section:
    """Customer follow-ups due today and overdue, most urgent first (Enter: log the
    conversation and the next step); the screen adds a row to note a new prospect."""
    from workbench.plan.customer_rows import consent_rows, customer_rows

    items = tuple(Item(ref, cells) for ref, cells in (
        *customer_rows(agenda.customers), *consent_rows(agenda.awaiting_consent)))
    tail = () if shell else (Item("cust:add", ("+", t("plan.add_prospect"), "", "", "")),)
    return Section("customers", t("plan.section.customers", count=len(items)), items,
                   t("plan.empty.customers"), tail=tail)


def plain_text(agenda: Agenda, whole: bool = False) -> str:
    """The plan as plain text, for a shell prompt or a morning e-mail; ``whole``: no
    section cut (``workbench today --all``)."""
    weekday = t(f"weekday.{agenda.today.weekday()}")
    out = [t("plan.text_title", date=agenda.today.isoformat(), weekday=weekday)]
    for section in sections(agenda, shell=True, whole=whole):
        out += ["", f"== {section.title} =="]
        lines = [(i, text) for i, text in section.lines()
                 if i != "task:add" and not (i or "").startswith("fewer:")]
        if not lines and section.key == "tasks":
            lines = [(None, t("plan.empty.tasks"))]
        out += ["  " + text if item_id is None else text for item_id, text in lines]
    return "\n".join(out) + "\n"
