"""Self-assessment (自评, mode ``self``): grade goals at a glance, mood, habits, 5Q, policies.

Top: the period's standard premium against the grade's maintain and promote lines
(bars, what is still needed, the daily pace, the projection, the issuing rate and the
outlets still at zero) with a cumulative chart; beside it today's mood with a 30/90-day
sparkline. Below, tabs: habits (tick with Enter or t), policies (r registers the original
policy when it arrives), setbacks, 5Q, career.
Forms live in ``forms.py``; ``open_mood_form(app)`` is what the plan calls.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import (
    DataTable,
    Header,
    Sparkline,
    Static,
    TabbedContent,
    TabPane,
)

from workbench.assessment import career, grades, journal, policies
from workbench.core.config import grade_title, issuing_target
from workbench.core.i18n import t
from workbench.screens.assessment import forms
from workbench.screens.assessment.cards import grade_brief, grade_card, num
from workbench.screens.assessment.charts import premium_chart, progress_bar, spark
from workbench.screens.assessment.forms import open_mood_form  # noqa: F401  (the plan's entry point)
from workbench.screens.common.changes import GOALS, JOURNAL, TARGETS, announce
from workbench.screens.common.data_screen import DataScreen
from workbench.screens.common.footer import Footer
from workbench.screens.common.keys import translate_bindings
from workbench.screens.common.tables import (
    FitTable,
    PendingRows,
    cursor_key,
    cut_end,
    name_cell,
    outlet_cell,
    replace_rows,
)
from workbench.screens.register.originals import open_register_policy
from workbench.screens.roster.targets import totals_line
from workbench.screens.targets.campaigns import campaign_line
from workbench.targets import campaigns
from workbench.targets.progress import total_progress

RUNNING_SHOWN = 2  # running campaigns on the grade card (the palette lists them all)

if TYPE_CHECKING:
    from sqlite_utils import Database

TABS = ("habits", "policies", "setbacks", "five_q", "career")
# The screen's parts, loaded and shown one by one; a write reloads those showing its table.
PARTS = ("grade", "mood", "habits", "policies", "setbacks", "five_q", "career")
PARTS_OF = {"habits": ("habits",), "moods": ("mood",), "five_q": ("mood", "five_q"),
            "setbacks": ("setbacks",), "career_goals": ("career",),
            "policies": ("grade", "policies"), "outlets": ("grade", "policies"),
            "outlet_targets": ("grade",), "campaigns": ("grade",),
            "campaign_outlets": ("grade",)}
PAGE = 200  # policies shown; the status line counts the whole period


def habit_label(habit: str) -> str:
    key = f"habit.{habit}"
    label = t(key)
    return habit if label == key else label


# Per tab: the columns that give up width on a narrow terminal (cut at the end) and
# those that fold away, first named first, when even that is not enough.
FIT: dict[str, dict[str, Any]] = {
    "habits": {"flexible": {"habit": 8}},
    "policies": {"flexible": {"outlet": 12, "product": 6},
                 "optional": ("phone", "term", "standard", "document")},
    "setbacks": {"flexible": {"what": 10, "response": 10}},
    "career": {"flexible": {"target": 10}},
}


class AssessmentScreen(DataScreen):
    # Outlets: the policies name them, and the issuing rate counts the active ones.
    SHOWS = JOURNAL | GOALS | TARGETS | {"outlets"}
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
        self.wanted: frozenset[str] = frozenset()  # parts to load, until shown

    def compose(self) -> ComposeResult:
        yield Header()
        # Under 32 rows (the -short class) these two lines stand in for the cards, so
        # the tabs and their tables keep the screen (app.tcss).
        yield Static("", id="self-brief-grade", classes="self-brief")
        yield Static("", id="self-brief-mood", classes="self-brief")
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
                    yield FitTable(id=f"self-{tab}", cursor_type="row", zebra_stripes=True,
                                   **FIT.get(tab, {}))
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
        if self.grade is None:
            self.grade = self.app.config.manager.grade
        self.habits = journal.habit_names(self.app.config)
        self.redraw(PARTS)

    def refresh_tables(self, tables: frozenset[str]) -> None:
        # A tick reloads the habits alone, as it did before the announcements.
        self.redraw({part for table in tables for part in PARTS_OF[table]})

    def redraw(self, parts: Iterable[str]) -> None:
        """Load ``parts`` (and any still waiting from an overtaken load), then show them."""
        # A new set, never one changed in place: the worker reads it from its thread.
        self.wanted = self.wanted | frozenset(parts)
        super().reload()

    def load(self, db: Database) -> dict[str, Any]:
        data = {part: getattr(self, f"_load_{part}")(db) for part in self.wanted}
        # On every load (a part alone too): whether the hint of a first morning shows.
        data["blank"] = journal.nothing_recorded(db) and not policies.any_policy(db)
        return data

    EMPTY_HINT = "empty.self"

    def is_empty(self, data: dict[str, Any]) -> bool:
        return bool(data.get("blank"))

    def show(self, data: dict[str, Any]) -> None:
        self.wanted = frozenset()
        for part in PARTS:  # in the order the screen reads, top to bottom
            if part in data:
                getattr(self, f"_show_{part}")(data[part])

    def _load_grade(self, db: Database) -> tuple[Any, ...]:
        app, cfg = self.app, self.app.config.goals
        status = grades.current_status(db, self.grade, app.today, cfg)
        rate = grades.issuing_rate(db, status.period, app.today,
                                   issuing_target(cfg, status.grade))
        series = grades.cumulative_by_day(db, status.period, app.today, cfg.unit)
        running = campaigns.campaigns(db, app.today, running_only=True)[:RUNNING_SHOWN]
        return status, rate, series, (total_progress(db, app.today), running)

    def _show_grade(self, data: tuple[Any, ...]) -> None:
        status, rate, series, (targets, running) = data
        goals = self.app.config.goals
        lines = [grade_card(status, rate, t(f"grade.title.{grade_title(goals, status.grade)}")),
                 totals_line(targets), *(campaign_line(p) for p in running)]
        self.query_one("#self-grade", Static).update("\n".join(lines))
        self.query_one("#self-brief-grade", Static).update(grade_brief(status))
        period = status.period
        chart = premium_chart(series, period.start, period.end, status.maintain, status.promote,
                              width=62, height=6,
                              labels=(t("self.line_maintain", line=num(status.maintain)),
                                      t("self.line_promote", line=num(status.promote))))
        self.query_one("#self-chart", Static).update(chart)

    def _load_mood(self, db: Database) -> tuple[Any, ...]:
        today = self.app.today
        days = self.mood_days
        moods = journal.moods_between(db, today - timedelta(days=days - 1), today)
        return days, journal.mood_on(db, today), moods, journal.five_q_history(db, limit=1)

    def _show_mood(self, data: tuple[Any, ...]) -> None:
        days, today, moods, history = data
        lines = [f"[b]{t('self.mood_title')}[/b]"]
        if today is None:
            lines.append(f"[yellow]{t('self.mood_none')}[/]")
        else:
            lines.append(t("self.mood_today", score=today.score)
                         + (f" · {today.note}" if today.note else ""))
        avg = journal.mood_average(moods)
        lines.append(t("self.mood_avg", days=days, avg=f"{avg:.0f}", count=len(moods))
                     if avg is not None else t("self.mood_no_data", days=days))
        self.query_one("#self-mood", Static).update("\n".join(lines))
        self.query_one("#self-mood-spark", Sparkline).data = [m.score for m in moods]
        week = journal.week_of(self.app.today)
        if history and history[0].week == week:
            q = history[0]
            text = (f"[b]{t('self.five_q_latest')}[/b]\n"
                    + "  ".join(f"{k.upper()} {getattr(q, k)}" for k in journal.QUOTIENTS))
        else:
            text = f"[b]{t('self.five_q_latest')}[/b]\n[dim]{t('self.five_q_none')}[/]"
        self.query_one("#self-five-q", Static).update(text)
        mood = (t("self.mood_today", score=today.score) if today is not None
                else f"[yellow]{t('self.brief_mood_none')}[/]")
        five_q = ("  ".join(f"{k.upper()} {getattr(history[0], k)}" for k in journal.QUOTIENTS)
                  if history and history[0].week == week
                  else f"[dim]{t('self.brief_five_q_none')}[/]")
        self.query_one("#self-brief-mood", Static).update(
            t("self.brief_mood", mood=mood, five_q=five_q))

    def _keep_cursor(self, table: DataTable) -> int:
        return table.cursor_row if table.row_count else 0

    def _load_habits(self, db: Database) -> tuple[bool, list[Any]]:
        today = self.app.today
        return journal.is_skip_day(db, today), journal.habit_stats(db, self.habits, today)

    def _show_habits(self, data: tuple[bool, list[Any]]) -> None:
        skipped, stats = data
        table = self.query_one("#self-habits", DataTable)
        row = self._keep_cursor(table)
        pending = PendingRows()
        for s in stats:
            mark = ("[green]✔[/]" if s.done_today
                    else (t("self.habit_skip") if skipped else "·"))
            strength = f"{progress_bar(s.strength, 1.0, 10)} {s.strength:>4.0%}"
            pending.add_row(cut_end(habit_label(s.habit)), mark, t("self.days", n=s.current_streak),
                            t("self.days", n=s.best_streak), strength, f"{s.done_last_30}/30",
                            key=s.habit)
        replace_rows(table, pending.rows)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def _load_policies(self, db: Database) -> tuple[Any, ...]:
        today = self.app.today
        period = grades.period_of(today, self.app.config.goals.period)
        rows = policies.policies_between(db, period.start, today, limit=PAGE)
        return (rows, policies.count_awaiting_documents(db),
                policies.policy_totals(db, period.start, today))

    def _show_policies(self, data: tuple[Any, ...]) -> None:
        rows, awaiting, (count, premium, standard) = data
        table = self.query_one("#self-policies", DataTable)
        row = self._keep_cursor(table)  # r on one policy after another
        pending = PendingRows()
        for p in rows:
            outlet = (outlet_cell(p.outlet_code, p.outlet_name) if p.outlet_code
                      else name_cell(p.outlet_name))
            pending.add_row(p.issue_date.isoformat(), p.policy_no, outlet, cut_end(p.product),
                            num(p.premium, 0), str(p.term_years), num(p.standard_premium, 0),
                            p.masked_name, p.masked_phone,
                            t(f"self.document.{p.document_status}"), key=str(p.id))
        replace_rows(table, pending.rows)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        self.query_one("#self-policies-status", Static).update(t(
            "self.policies_status", count=count, premium=num(premium, 0),
            standard=num(standard, 0), awaiting=awaiting))

    def _load_setbacks(self, db: Database) -> list[Any]:
        return journal.setbacks(db)

    def _show_setbacks(self, rows: list[Any]) -> None:
        table = self.query_one("#self-setbacks", DataTable)
        pending = PendingRows()
        for s in rows:
            pending.add_row(s.day.isoformat(), str(s.rating), cut_end(s.what),
                            cut_end(s.response or ""),
                            key=str(s.id))
        replace_rows(table, pending.rows)
        ratings = [s.rating for s in reversed(rows)]
        trend = (t("self.aq_trend", spark=spark(ratings, 0, 100),
                   avg=f"{sum(ratings) / len(ratings):.0f}") if ratings else "")
        self.query_one("#self-setbacks-trend", Static).update(trend)

    def _load_five_q(self, db: Database) -> list[Any]:
        return journal.five_q_history(db)

    def _show_five_q(self, rows: list[Any]) -> None:
        table = self.query_one("#self-five_q", DataTable)
        pending = PendingRows()
        for q in rows:
            pending.add_row(q.week.isoformat(), *(str(getattr(q, k)) for k in
                                                  journal.QUOTIENTS),
                            f"{q.average:.1f}", key=q.week.isoformat())
        replace_rows(table, pending.rows)
        old_first = list(reversed(rows))
        lines = [f"{k.upper()} {spark([getattr(q, k) for q in old_first], 1, 10)}"
                 for k in journal.QUOTIENTS]
        lines.append(f"{t('self.col.average')} "
                     f"{spark([q.average for q in old_first], 1, 10)}")
        self.query_one("#self-five_q-trend", Static).update(
            (t("self.trend_caption") + "  " + "   ".join(lines)) if rows else "")

    def _load_career(self, db: Database) -> list[Any]:
        return career.career_goals(db)

    def _show_career(self, goals: list[Any]) -> None:
        table = self.query_one("#self-career", DataTable)
        row = self._keep_cursor(table)
        pending = PendingRows()
        for g in goals:
            pending.add_row(t(f"self.horizon.{g.horizon}"), t(f"self.angle.{g.angle}"),
                            cut_end(g.target),
                            t(f"self.goal_status.{g.status}"),
                            g.reviewed_on.isoformat() if g.reviewed_on else "—", key=str(g.id))
        replace_rows(table, pending.rows)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    # --- actions ------------------------------------------------------------------

    def _selected(self, tab: str) -> str | None:
        return cursor_key(self.query_one(f"#self-{tab}", DataTable))

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
        self.redraw({"mood"})

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
