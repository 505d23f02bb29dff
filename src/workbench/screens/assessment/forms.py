"""Forms of self-assessment: mood, setback, weekly 5Q, policy, career goal, what-if grade.

Each ``open_*`` pushes a ``FormScreen`` whose submit calls a domain function; a save
announces the table it wrote (``DataChanged``), then ``done(result)`` is called if given
(result is None when the form was cancelled). The plan opens the morning score with
``open_mood_form(app)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workbench.assessment import career, grades, journal, policies
from workbench.core.config import GRADES
from workbench.core.i18n import t
from workbench.customers.renewals import FREQUENCIES
from workbench.roster import outlets, visits
from workbench.screens.common.changes import announce
from workbench.screens.common.form import Field, FormScreen
from workbench.screens.common.search_select import outlet_keys
from workbench.screens.register.originals import open_register_policy

Done = Callable[[Any], None] | None


def _after(app, done: Done, table: str, message: Callable[[Any], str]):
    def callback(result: Any) -> None:
        if result:
            app.notify(message(result))
            announce(app, table)
        if done is not None:
            done(result)

    return callback


def open_mood_form(app, done: Done = None) -> None:
    """The morning mood score (0-100) of ``app.today``; editable all day long."""
    today = app.today
    current = journal.mood_on(app.db, today)
    fields = [
        Field("mood_score", t("field.mood_score"), placeholder="0–100", required=True),
        Field("mood_note", t("field.mood_note")),
    ]
    values = {"mood_score": current.score if current else "",
              "mood_note": current.note if current and current.note else ""}

    def submit(v: dict[str, str]) -> journal.Mood:
        return journal.rate_mood(app.db, today, v["mood_score"], v["mood_note"], today)

    app.push_screen(FormScreen(t("self.mood_form_title", day=today.isoformat()), fields,
                               values, submit),
                    _after(app, done, "moods", lambda m: t("self.mood_saved", score=m.score)))


def open_setback_form(app, done: Done = None) -> None:
    fields = [
        Field("setback_day", t("field.setback_day"), kind="date", required=True),
        Field("setback_what", t("field.setback_what"), kind="area", required=True),
        Field("setback_response", t("field.setback_response"), kind="area"),
        Field("setback_rating", t("field.setback_rating"), placeholder="0–100", required=True),
    ]

    def submit(v: dict[str, str]) -> int:
        return journal.log_setback(app.db, v["setback_day"], v["setback_what"],
                                      v["setback_response"], v["setback_rating"], app.today)

    app.push_screen(FormScreen(t("self.setback_title"), fields,
                               {"setback_day": app.today.isoformat()}, submit),
                    _after(app, done, "setbacks", lambda _: t("self.setback_saved")))


def open_five_q_form(app, done: Done = None) -> None:
    week = journal.week_of(app.today)
    latest = journal.five_q_history(app.db, limit=1)
    current = latest[0] if latest and latest[0].week == week else None
    fields = [Field(f"five_q_{q}", t(f"field.five_q_{q}"), placeholder="1–10", required=True)
              for q in journal.QUOTIENTS]
    fields.append(Field("five_q_note", t("field.five_q_note"), kind="area"))
    values: dict[str, Any] = {}
    if current is not None:
        values = {f"five_q_{q}": getattr(current, q) for q in journal.QUOTIENTS}
        values["five_q_note"] = current.note or ""

    def submit(v: dict[str, str]) -> journal.FiveQ:
        scores = {q: v[f"five_q_{q}"] for q in journal.QUOTIENTS}
        return journal.rate_five_q(app.db, app.today, scores, v["five_q_note"], app.today)

    app.push_screen(FormScreen(t("self.five_q_title", week=week.isoformat()), fields, values,
                               submit),
                    _after(app, done, "five_q", lambda _: t("self.five_q_saved")))


def policy_fields(app) -> list[Field]:
    rows = outlets.all_active_outlets(app.db)
    options = [(f"{code}  {name}", str(oid)) for oid, code, name, _ in rows]
    return [
        Field("policy_no", t("field.policy_no"), required=True),
        Field("policy_outlet", t("field.policy_outlet"), kind="select", options=options,
              keys=outlet_keys(rows), required=True),
        Field("policy_product", t("field.policy_product"), required=True),
        Field("policy_premium", t("field.policy_premium"), required=True),
        Field("policy_term", t("field.policy_term"), placeholder="1 / 3 / 5 / 10",
              required=True),
        Field("policy_issue_date", t("field.policy_issue_date"), kind="date", required=True),
        Field("policy_customer", t("field.policy_customer"), required=True),
        Field("policy_phone", t("field.policy_phone")),
        Field("policy_frequency", t("field.policy_frequency"), kind="select",
              options=[(t(f"customers.frequency.{f}"), f) for f in FREQUENCIES], required=True),
        Field("policy_standard", t("field.policy_standard")),
        Field("policy_override_reason", t("field.policy_override_reason")),
    ]


def open_policy_form(app, done: Done = None, customer: Any = None) -> None:
    """Log a policy sold (出单); the standard premium comes from the factor table.

    The policy links to its customer (``customer``: converting one from their card;
    else the holder's customer, created when none matches), with the payment frequency
    its renewals are computed from. Once saved, the form that registers its original
    policy follows (esc skips it).
    """
    from workbench.customers import links

    def submit(v: dict[str, str]) -> policies.Policy:
        draft = policies.PolicyDraft(
            policy_no=v["policy_no"], outlet=v["policy_outlet"], product=v["policy_product"],
            premium=v["policy_premium"], term_years=v["policy_term"],
            issue_date=v["policy_issue_date"], customer_name=v["policy_customer"],
            customer_phone=v["policy_phone"], standard_override=v["policy_standard"],
            override_reason=v["policy_override_reason"])
        frequency = v.get("policy_frequency") or "annual"
        with app.db.atomic():  # the policy and its customer's link, or neither
            if customer is not None:
                pid = links.log_policy_for(app.db, customer.id, draft, frequency, app.config,
                                           app.today, app.now())
            else:
                pid = policies.log_policy(app.db, draft, app.config.goals, app.today,
                                          app.now())
                links.link_or_create(app.db, pid, frequency, app.now())
        announce(app, "customers", "customer_policies")
        return policies.get_policy(app.db, pid)

    values = {"policy_issue_date": app.today.isoformat(), "policy_frequency": "annual"}
    if customer is not None:
        values.update(policy_customer=customer.name, policy_phone=customer.phone or "",
                      policy_outlet=str(customer.outlet_id or ""))
    visit = visits.open_visit(app.db)
    if visit is not None and customer is None:
        # Checked in at an outlet: the policy was most likely sold there.
        values["policy_outlet"] = str(visit.outlet_id)
    saved = _after(app, done, "policies",
                   lambda p: t("self.policy_saved", number=p.policy_no,
                               standard=f"{p.standard_premium:,.0f}"))

    def after(policy: Any) -> None:
        saved(policy)
        if isinstance(policy, policies.Policy):
            # Often the original is printed at the counter with the sale: offer to
            # register it at once; esc leaves it awaiting (r on the policy, or the plan).
            open_register_policy(app, policy.id, done, just_logged=True)

    app.push_screen(FormScreen(t("self.policy_title"), policy_fields(app), values, submit),
                    after)


def open_void_form(app, policy_id: int, done: Done = None) -> None:
    """Void a policy logged by mistake, with a reason (the row is kept)."""
    policy = policies.get_policy(app.db, policy_id)

    def submit(v: dict[str, str]) -> bool:
        policies.void_policy(app.db, policy_id, v["void_reason"], app.now())
        return True

    app.push_screen(FormScreen(t("self.void_title", number=policy.policy_no),
                               [Field("void_reason", t("field.void_reason"), required=True)],
                               {}, submit),
                    _after(app, done, "policies",
                           lambda _: t("self.voided", number=policy.policy_no)))


def open_goal_form(app, goal_id: int | None, done: Done = None) -> None:
    fields = [
        Field("goal_horizon", t("field.goal_horizon"), kind="select", required=True,
              options=[(t(f"self.horizon.{h}"), h) for h in career.HORIZONS]),
        Field("goal_angle", t("field.goal_angle"), kind="select", required=True,
              options=[(t(f"self.angle.{a}"), a) for a in career.ANGLES]),
        Field("goal_target", t("field.goal_target"), kind="area", required=True),
        Field("goal_status", t("field.goal_status"), kind="select", required=True,
              options=[(t(f"self.goal_status.{s}"), s) for s in career.GOAL_STATUSES]),
        Field("goal_reviewed_on", t("field.goal_reviewed_on"), kind="date"),
    ]
    values: dict[str, Any] = {"goal_horizon": "short", "goal_angle": "career",
                              "goal_status": "planned",
                              "goal_reviewed_on": app.today.isoformat()}
    if goal_id is not None:
        g = career.get_career_goal(app.db, goal_id)
        values = {"goal_horizon": g.horizon, "goal_angle": g.angle, "goal_target": g.target,
                  "goal_status": g.status, "goal_reviewed_on": app.today.isoformat()}

    def submit(v: dict[str, str]) -> bool:
        args = (v["goal_horizon"], v["goal_angle"], v["goal_target"], v["goal_status"],
                v["goal_reviewed_on"])
        if goal_id is None:
            career.add_career_goal(app.db, *args, app.now())
        else:
            career.update_career_goal(app.db, goal_id, *args, app.today)
        return True

    title = t("self.goal_add_title" if goal_id is None else "self.goal_edit_title")
    app.push_screen(FormScreen(title, fields, values, submit),
                    _after(app, done, "career_goals", lambda _: t("self.goal_saved")))


def open_grade_form(app, grade: int, done: Done = None) -> None:
    """Look at the goals as another grade would (this screen only; config is untouched)."""

    def submit(v: dict[str, str]) -> int:
        return grades.check_grade(v["grade"])

    app.push_screen(FormScreen(t("self.grade_title_form"),
                               [Field("grade", t("field.grade"),
                                      placeholder=f"{GRADES[0]}–{GRADES[-1]}",
                                      required=True)],
                               {"grade": grade}, submit), done)
