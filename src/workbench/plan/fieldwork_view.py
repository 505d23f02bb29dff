"""The field work's lines in the plan: today's route (its own section), untrained staff
and training follow-ups (in the relationships section), stale displays (their own
section) and the route's call rate (in the check-in audit). Called from ``view``, one
line each.

Item ids (unique in the plan; the outlet first after the kind): ``route:<outlet>`` and
``route:<outlet>:missed`` (check in / out there), ``route:plan`` (plan the route),
``train:<outlet>`` and ``train:<outlet>:<training>`` (a follow-up; record a training
there),
``display:<outlet>:<n>`` (check its displays).
"""

from __future__ import annotations

from workbench.core.i18n import t
from workbench.plan.agenda import Agenda
from workbench.plan.view_parts import DONE, OPEN, Item, Section, label_of


def route_section(agenda: Agenda) -> Section | None:
    fw = agenda.fieldwork
    if fw is None or agenda.outlet_count == 0:
        return None
    audit = fw.route
    items = [Item(f"route:{stop.outlet_id}",
                  (DONE if done else OPEN, f"{stop.position}. {stop.code}", stop.name,
                   t("route.visited") if done else t("route.not_yet")))
             for stop, done in audit.stops]
    items.append(Item("route:plan", ("▶", t("route.plan") if not audit.stops
                                     else t("route.change"), "", "")))
    title = (t("plan.section.route", visited=audit.visited, planned=audit.planned)
             if audit.stops else t("plan.section.route_none"))
    return Section("route", title, tuple(items))


def relations_items(agenda: Agenda) -> list[Item]:
    fw = agenda.fieldwork
    if fw is None:
        return []
    items = []
    for u in fw.untrained:
        since = (t("train.never", count=u.staff) if u.days is None
                 else t("train.not_for", count=u.staff, days=u.days))
        items.append(Item(f"train:{u.outlet_id}", (t("train.due"), u.code, u.name, since)))
    for f in fw.follow_ups:
        items.append(Item(f"train:{f.outlet_id}:{f.training_id}",
                          (t("train.follow_up"), label_of("topic", f.topic), f.outlet_name,
                           f"{f.due.month:02d}-{f.due.day:02d}")))
    return items


def displays_section(agenda: Agenda) -> Section | None:
    fw = agenda.fieldwork
    if fw is None or agenda.outlet_count == 0:
        return None
    # One line per outlet and state (海报、展板 at one outlet, both unseen for 41 days),
    # in the stale order; the items in the configured order.
    order = {item: n for n, item in enumerate(fw.display_items)}
    grouped: dict[tuple[int, str], tuple[str, str, list[str]]] = {}
    for d in fw.stale:
        if not d.up:
            state = t("display.down", date=d.last_checked.isoformat())
        elif d.last_up is None:
            state = t("display.never_up")
        else:
            state = t("display.not_seen", days=d.days_since_up(agenda.today))
        grouped.setdefault((d.outlet_id, state), (d.code, d.name, []))[2].append(d.item)
    items = [Item(f"display:{oid}:{n}", (
        t("plan.list_sep").join(label_of("display", x) for x in sorted(
            names, key=lambda x: order.get(x, len(order)))), code, name, state))
        for n, ((oid, state), (code, name, names)) in enumerate(grouped.items())]
    return Section("displays", t("plan.section.displays", count=len(items)), tuple(items),
                   t("plan.empty.displays", days=fw.display_days))


def call_rate_section(agenda: Agenda) -> Section | None:
    """The route against the check-ins (planned vs visited, the call rate), after the
    check-in audit: the stops not visited and the outlets visited off the plan."""
    fw = agenda.fieldwork
    if fw is None or not fw.route.stops:
        return None
    audit = fw.route
    items = [Item(f"route:{stop.outlet_id}:missed",
                  (OPEN, t("route.not_yet"), stop.code, stop.name))
             for stop, done in audit.stops if not done]
    items += [Item(None, (DONE, t("route.off_plan"), "", name)) for name in audit.unplanned]
    title = t("route.call_rate", planned=audit.planned, visited=audit.visited,
              rate=f"{audit.call_rate:.0%}")
    return Section("callrate", title, tuple(items), t("route.all_visited"))


def add_sections(sections: list[Section], agenda: Agenda) -> None:
    """Today's route after the must-dos, the stale displays after the relationships,
    the route against the visits after the check-in audit."""
    for after, section in (("must", route_section(agenda)),
                           ("relations", displays_section(agenda)),
                           ("audit", call_rate_section(agenda))):
        keys = [s.key for s in sections]
        if section is not None and after in keys:
            sections.insert(keys.index(after) + 1, section)
