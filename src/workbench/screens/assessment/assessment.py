"""Self-assessment (自评, mode ``self``): grade goals at a glance, mood, habits, 5Q, policies.

Top: the period's standard premium against the grade's maintain and promote lines
(bars, what is still needed, the daily pace, the projection, the issuing rate and the
outlets still at zero) with a cumulative chart; beside it today's mood with a 30/90-day
sparkline. Below, tabs: habits (tick with Enter or t), policies (r registers the original
policy when it arrives), setbacks, 5Q, career.
Forms live in ``forms.py``; ``open_mood_form(app)`` is what the plan calls.
"""

from __future__ import annotations

from datetime import timedelta

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Sparkline,
    Static,
    TabbedContent,
    TabPane,
)

from workbench.assessment import career, grades, journal, policies
from workbench.core.i18n import pad, t
from workbench.screens.assessment import forms
from workbench.screens.assessment.charts import premium_chart, progress_bar, spark
from workbench.screens.assessment.forms import open_mood_form  # noqa: F401  (the plan's entry point)
from workbench.screens.common.changes import GOALS, JOURNAL, announce
from workbench.screens.common.data_screen import DataScreen
from workbench.screens.common.keys import translate_bindings
from workbench.screens.register.originals import open_register_policy

TABS = ("habits", "policies", "setbacks", "five_q", "career")
PAGE = 200  # policies shown; the status line counts the whole period


def num(value: float, digits: int = 2) -> str:
    text = f"{value:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def habit_label(habit: str) -> str:
    key = f"habit.{habit}"
    label = t(key)
    return habit if label == key else label


class AssessmentScreen(DataScreen):
    # Outlets: the policies name them, and the issuing rate counts the active ones.
    SHOWS = JOURNAL | GOALS | {"outlets"}
    BINDINGS = [
        Binding("m", "mood", "key.self_mood", id="self_mood"),
        Binding("n", "policy", "key.self_policy", id="self_policy"),
        Binding("t", "tick", "key.self_tick", id="self_tick"),
        Binding("x", "void_policy", "key.self_void", id="self_void"),
        Binding("r", "register_policy", "key.self_register", id="self_register"),
        Binding("k", "skip", "key.self_skip", id="self_skip"),
        Binding("b", "setback", "key.self_setback", id="self_setback"),
        Binding("f", "five_q", "key.self_five_q", id="self_five_q"),
        Binding("v", "range", "key.self_range", id="self_range"),
        Binding("g", "grade", "key.self_grade", id="self_grade"),
        Binding("c", "add_goal", "key.self_goal", id="self_goal"),
        Binding("e", "edit_goal", "key.self_edit_goal", id="self_edit_goal"),
        Binding("right_square_bracket", "tab(1)", "key.self_next_tab", id="self_next_tab"),
        Binding("left_square_bracket", "tab(-1)", "key.self_prev_tab", id="self_prev_tab"),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        self.grade: int | None = None
        self.mood_days = 30
        self.habits: list[str] = []
        self.goal_ids: list[int] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="self-top"):
            with Vertical(id="self-goal", classes="card"):
                yield Static("", id="self-grade")
                yield Static("", id="self-chart")
            with Vertical(id="self-side", classes="card"):
                yield Static("", id="self-mood")
                yield Sparkline([], id="self-mood-spark")
                yield Static("", id="self-five-q")
        with TabbedContent(id="self-tabs"):
            for tab in TABS:
                with TabPane(t(f"self.tab.{tab}"), id=f"tab-{tab}"):
                    if tab in ("setbacks", "five_q"):
                        yield Static("", id=f"self-{tab}-trend", classes="tab-trend")
                    yield DataTable(id=f"self-{tab}", cursor_type="row", zebra_stripes=True)
                    if tab == "policies":
                        yield Static("", id="self-policies-status", classes="status")
        yield Footer()

    def on_mount(self) -> None:
        columns = {
            "habits": ("habit", "today", "streak", "best", "strength", "last30"),
            "policies": ("issue_date", "policy_no", "outlet", "product", "premium", "term",
                         "standard", "customer", "phone", "document"),
            "setbacks": ("day", "rating", "what", "response"),
            "five_q": ("week", "iq", "eq", "aq", "fq", "hq", "average"),
            "career": ("horizon", "angle", "target", "status", "reviewed"),
        }
        for tab, keys in columns.items():
            table = self.query_one(f"#self-{tab}", DataTable)
            for key in keys:
                label = key.upper() if key in journal.QUOTIENTS else t(f"self.col.{key}")
                table.add_column(label, key=key)
        self.query_one("#self-habits", DataTable).focus()
        self.app.when_ready(self.refresh_data)

    # --- data ------------------------------------------------------------------

    def reload(self) -> None:
        app = self.app
        if self.grade is None:
            self.grade = app.config.manager.grade
        self.habits = journal.habit_names(app.config)
        self._grade_card()
        self._mood_card()
        self._habits()
        self._policies()
        self._setbacks()
        self._five_q()
        self._career()

    def refresh_tables(self, tables: frozenset[str]) -> None:
        # A tick redraws the habits alone, as it did before the announcements.
        parts = {"habits": (self._habits,), "moods": (self._mood_card,),
                 "five_q": (self._mood_card, self._five_q), "setbacks": (self._setbacks,),
                 "career_goals": (self._career,),
                 "policies": (self._grade_card, self._policies),
                 "outlets": (self._grade_card, self._policies)}
        for redraw in dict.fromkeys(f for table in tables for f in parts[table]):
            redraw()

    def _grade_card(self) -> None:
        app, cfg = self.app, self.app.config.goals
        status = grades.current_status(app.db, self.grade, app.today, cfg)
        period = status.period
        lines = [
            f"[b]{t('self.grade_title', grade=status.grade, period=t(f'self.period.{period.kind}'), start=period.start.isoformat(), end=period.end.isoformat())}[/b]",  # noqa: E501
            t("self.achieved", value=num(status.achieved)),
        ]
        labels = {kind: t(f"self.line_{kind}", line=num(line)) for kind, line in
                  (("maintain", status.maintain), ("promote", status.promote))}
        width = max(cell_len(label) for label in labels.values())
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
            lines.append(f"{label} {progress_bar(status.achieved, line, 24)} "
                         f"{share:>4.0%}  {tail}")
        lines.append(t("self.days_left", total=status.working_days_total,
                       elapsed=status.working_days_elapsed, left=status.working_days_left))
        outcome = status.projected_outcome
        colour = {"promote": "green", "maintain": "yellow", "below": "red"}[outcome]
        lines.append(t("self.projection", value=num(status.projection),
                       outcome=f"[{colour}]{t(f'self.outcome.{outcome}')}[/]"))
        rate = grades.issuing_rate(app.db, period, app.today, cfg.issuing_rate_target)
        colour = "green" if rate.on_target else "yellow"
        lines.append(f"[{colour}]" + t("self.issuing", rate=f"{rate.rate:.0%}",
                                       issued=rate.issued, active=rate.active,
                                       target=f"{rate.target:.0%}") + "[/]")
        if rate.zero_outlets:
            names = "、".join(name for _, _, name in rate.zero_outlets[:2])
            more = " …" if len(rate.zero_outlets) > 2 else ""
            lines.append(t("self.zero_outlets", count=len(rate.zero_outlets),
                           names=names + more))
        else:
            lines.append(t("self.all_issued"))
        self.query_one("#self-grade", Static).update("\n".join(lines))
        series = grades.cumulative_by_day(app.db, period, app.today, cfg.unit)
        chart = premium_chart(series, period.start, period.end, status.maintain, status.promote,
                              width=62, height=6,
                              labels=(t("self.line_maintain", line=num(status.maintain)),
                                      t("self.line_promote", line=num(status.promote))))
        self.query_one("#self-chart", Static).update(chart)

    def _mood_card(self) -> None:
        app = self.app
        today = journal.mood_on(app.db, app.today)
        start = app.today - timedelta(days=self.mood_days - 1)
        moods = journal.moods_between(app.db, start, app.today)
        lines = [f"[b]{t('self.mood_title')}[/b]"]
        if today is None:
            lines.append(f"[yellow]{t('self.mood_none')}[/]")
        else:
            lines.append(t("self.mood_today", score=today.score)
                         + (f" · {today.note}" if today.note else ""))
        avg = journal.mood_average(moods)
        lines.append(t("self.mood_avg", days=self.mood_days, avg=f"{avg:.0f}", count=len(moods))
                     if avg is not None else t("self.mood_no_data", days=self.mood_days))
        self.query_one("#self-mood", Static).update("\n".join(lines))
        self.query_one("#self-mood-spark", Sparkline).data = [m.score for m in moods]
        history = journal.five_q_history(app.db, limit=1)
        week = journal.week_of(app.today)
        if history and history[0].week == week:
            q = history[0]
            text = (f"[b]{t('self.five_q_latest')}[/b]\n"
                    + "  ".join(f"{k.upper()} {getattr(q, k)}" for k in journal.QUOTIENTS))
        else:
            text = f"[b]{t('self.five_q_latest')}[/b]\n[dim]{t('self.five_q_none')}[/]"
        self.query_one("#self-five-q", Static).update(text)

    def _keep_cursor(self, table: DataTable) -> int:
        return table.cursor_row if table.row_count else 0

    def _habits(self) -> None:
        app = self.app
        table = self.query_one("#self-habits", DataTable)
        row = self._keep_cursor(table)
        table.clear()
        skipped = journal.is_skip_day(app.db, app.today)
        for s in journal.habit_stats(app.db, self.habits, app.today):
            mark = ("[green]✔[/]" if s.done_today
                    else (t("self.habit_skip") if skipped else "·"))
            strength = f"{progress_bar(s.strength, 1.0, 10)} {s.strength:>4.0%}"
            table.add_row(habit_label(s.habit), mark, t("self.days", n=s.current_streak),
                          t("self.days", n=s.best_streak), strength, f"{s.done_last_30}/30",
                          key=s.habit)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def _policies(self) -> None:
        app, cfg = self.app, self.app.config.goals
        period = grades.period_of(app.today, cfg.period)
        rows = policies.policies_between(app.db, period.start, app.today, limit=PAGE)
        table = self.query_one("#self-policies", DataTable)
        row = self._keep_cursor(table)  # r on one policy after another
        table.clear()
        for p in rows:
            table.add_row(p.issue_date.isoformat(), p.policy_no, p.outlet_name, p.product,
                          num(p.premium, 0), str(p.term_years), num(p.standard_premium, 0),
                          p.masked_name, p.masked_phone,
                          t(f"self.document.{p.document_status}"), key=str(p.id))
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        awaiting = policies.count_awaiting_documents(app.db)
        count, premium, standard = policies.policy_totals(app.db, period.start, app.today)
        self.query_one("#self-policies-status", Static).update(t(
            "self.policies_status", count=count, premium=num(premium, 0),
            standard=num(standard, 0), awaiting=awaiting))

    def _setbacks(self) -> None:
        rows = journal.setbacks(self.app.db)
        table = self.query_one("#self-setbacks", DataTable)
        table.clear()
        for s in rows:
            table.add_row(s.day.isoformat(), str(s.rating), s.what, s.response or "",
                          key=str(s.id))
        ratings = [s.rating for s in reversed(rows)]
        trend = (t("self.aq_trend", spark=spark(ratings, 0, 100),
                   avg=f"{sum(ratings) / len(ratings):.0f}") if ratings else "")
        self.query_one("#self-setbacks-trend", Static).update(trend)

    def _five_q(self) -> None:
        rows = journal.five_q_history(self.app.db)
        table = self.query_one("#self-five_q", DataTable)
        table.clear()
        for q in rows:
            table.add_row(q.week.isoformat(), *(str(getattr(q, k)) for k in
                                                journal.QUOTIENTS),
                          f"{q.average:.1f}", key=q.week.isoformat())
        old_first = list(reversed(rows))
        lines = [f"{k.upper()} {spark([getattr(q, k) for q in old_first], 1, 10)}"
                 for k in journal.QUOTIENTS]
        lines.append(f"{t('self.col.average')} "
                     f"{spark([q.average for q in old_first], 1, 10)}")
        self.query_one("#self-five_q-trend", Static).update(
            (t("self.trend_caption") + "  " + "   ".join(lines)) if rows else "")

    def _career(self) -> None:
        table = self.query_one("#self-career", DataTable)
        row = self._keep_cursor(table)
        table.clear()
        for g in career.career_goals(self.app.db):
            table.add_row(t(f"self.horizon.{g.horizon}"), t(f"self.angle.{g.angle}"), g.target,
                          t(f"self.goal_status.{g.status}"),
                          g.reviewed_on.isoformat() if g.reviewed_on else "—", key=str(g.id))
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    # --- actions ------------------------------------------------------------------

    def _selected(self, tab: str) -> str | None:
        table = self.query_one(f"#self-{tab}", DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def action_mood(self) -> None:
        forms.open_mood_form(self.app)

    def action_policy(self) -> None:
        forms.open_policy_form(self.app)

    def action_setback(self) -> None:
        forms.open_setback_form(self.app)

    def action_five_q(self) -> None:
        forms.open_five_q_form(self.app)

    def _selected_policy(self) -> int | None:
        """The selected policy; the first press elsewhere only shows the policies tab."""
        tabs = self.query_one(TabbedContent)
        policy = self._selected("policies")
        if tabs.active != "tab-policies" or policy is None:
            self._show("policies")
            self.query_one("#self-policies", DataTable).focus()
            return None
        return int(policy)

    def action_void_policy(self) -> None:
        policy = self._selected_policy()
        if policy is not None:
            forms.open_void_form(self.app, policy)

    def action_register_policy(self) -> None:
        policy = self._selected_policy()
        if policy is not None:
            open_register_policy(self.app, policy)

    def action_add_goal(self) -> None:
        self._show("career")
        forms.open_goal_form(self.app, None)

    def action_edit_goal(self) -> None:
        goal = self._selected("career")
        if goal is not None:
            self._show("career")
            forms.open_goal_form(self.app, int(goal))

    def action_grade(self) -> None:
        def done(grade: object) -> None:
            if isinstance(grade, int):
                self.grade = grade
                self.refresh_data()

        forms.open_grade_form(self.app, self.grade or 0, done)

    def action_tick(self) -> None:
        habit = self._selected("habits")
        if habit is None:
            return
        self._show("habits")
        app = self.app
        if habit in journal.ticks_on(app.db, app.today):
            journal.untick_habit(app.db, app.today, habit, app.today)
            app.notify(t("self.unticked", habit=habit_label(habit)))
        else:
            journal.tick_habit(app.db, app.today, habit, app.today)
            app.notify(t("self.ticked", habit=habit_label(habit)))
        announce(app, "habits")

    @on(DataTable.RowSelected, "#self-habits")
    def _habit_selected(self) -> None:
        self.action_tick()

    def action_skip(self) -> None:
        app = self.app
        skip = not journal.is_skip_day(app.db, app.today)
        journal.set_skip_day(app.db, app.today, skip, app.today)
        app.notify(t("self.skip_on" if skip else "self.skip_off"))
        announce(app, "habits")

    def action_range(self) -> None:
        self.mood_days = 90 if self.mood_days == 30 else 30
        self._mood_card()

    def _show(self, tab: str) -> None:
        tabs = self.query_one(TabbedContent)
        if tabs.active != f"tab-{tab}":
            tabs.active = f"tab-{tab}"

    def action_tab(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        current = TABS.index(tabs.active.removeprefix("tab-")) if tabs.active else 0
        tab = TABS[(current + step) % len(TABS)]
        tabs.active = f"tab-{tab}"
        self.query_one(f"#self-{tab}", DataTable).focus()
