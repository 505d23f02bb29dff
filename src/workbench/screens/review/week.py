"""The week (周报): figures against the week before, the written summary, exports.

The figures are computed in a thread worker (``load``); ``show`` draws them, and the
summary only when it is another week's or its stored text changed. The week before
the one shown is computed ahead while the user reads (← is the likely next key), and
the weeks computed are kept until the file changes: going back and forth shows them at
once.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Header, Label, Static, TextArea

from workbench.core.db import data_stamp
from workbench.core.errors import WorkbenchError
from workbench.core.i18n import t
from workbench.review import reports
from workbench.review import week as review
from workbench.screens.common.changes import REVIEW, TABLES, announce
from workbench.screens.common.data_screen import DataScreen, ReadAhead
from workbench.screens.common.failures import failure_line
from workbench.screens.common.footer import Footer
from workbench.screens.common.keys import translate_bindings
from workbench.screens.common.sizing import born_sized
from workbench.screens.common.tables import FitTable, PendingRows, cut_end, replace_rows

if TYPE_CHECKING:
    from sqlite_utils import Database


class ConfirmScreen(ModalScreen[bool]):
    """Yes / no, keyboard first (y / n / escape)."""

    BINDINGS = [
        Binding("y", "answer(True)", "report.overwrite_yes", id="confirm_yes"),
        Binding("n,escape", "answer(False)", "report.overwrite_no", id="confirm_no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        born_sized(self)
        translate_bindings(self)
        self.question = question

    def compose(self) -> ComposeResult:
        with Horizontal(id="confirm"):
            yield Label(self.question)
            yield Button(t("report.overwrite_yes"), id="yes", variant="warning")
            yield Button(t("report.overwrite_no"), id="no")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class WeekReadAhead(Message, bubble=False):
    """A week's figures, computed in a worker before the user asked for them (None:
    the computation failed; ← then computes the week itself and says why)."""

    def __init__(self, week: review.Week, stamp: tuple[int, int],
                 read_ahead: ReadAhead | None) -> None:
        super().__init__()
        self.week = week
        self.stamp = stamp
        self.read_ahead = read_ahead


WEEK_KEYS = Binding.Group("key.move_week", compact=True)


class WeekScreen(DataScreen):
    # Figures from every capability; not the summary, which this screen writes itself
    # (redrawing it on each keystroke would move the cursor).
    SHOWS = TABLES - REVIEW
    BINDINGS = [
        # Priority: the figures table would otherwise take left/right for its cursor.
        # One footer entry for both ("←→ 上/下周"): at 80 columns the exports fit too.
        Binding("left", "move(-1)", "key.prev_week", id="week_prev", priority=True,
                group=WEEK_KEYS),
        Binding("right", "move(1)", "key.next_week", id="week_next", priority=True,
                group=WEEK_KEYS),
        Binding("t", "this_week", "key.this_week", id="week_this"),
        Binding("tab", "app.focus_next", "key.edit_summary", id="week_edit_summary"),
        # Esc leaves the summary for the figures, so the week keys work again.
        Binding("escape", "leave_summary", "key.leave_summary", id="week_leave_summary",
                show=False),
        Binding("m", "export('md')", "key.export_md", id="week_export_md"),
        Binding("v", "export('csv')", "key.export_csv", id="week_export_csv"),
        Binding("l", "export('xlsx')", "key.export_xlsx", id="week_export_xlsx"),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        self.week: review.Week | None = None
        self._saved_text = ""
        self._text_week: review.Week | None = None  # the week whose summary is loaded
        self._typed_during = 0  # the newest load asked for when the summary was last saved
        self.weeks: dict[review.Week, ReadAhead] = {}  # computed, with the file's stamp
        # The week being computed ahead, and the stamp it is read at: asked again before
        # it lands (the mode left and came back), it is not computed twice.
        self.reading_ahead: tuple[review.Week, tuple[int, int]] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="week-title", classes="section-title")
        # The labels give way on a narrow terminal, never a figure: this week, last week
        # and the change stay on screen at 80 columns.
        yield FitTable(id="figures", cursor_type="row", zebra_stripes=True,
                       flexible={"figure": 12, "section": 4})
        yield Static("", id="week-lists", markup=False)
        yield Static(t("review.summary_title"), id="summary-title", classes="section-title")
        yield TextArea(id="summary", soft_wrap=True)
        yield Static("", id="summary-status", classes="status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#figures", DataTable)
        for key in ("section", "figure", "this_week", "last_week", "change"):
            table.add_column(t(f"review.col.{key}"), key=key)
        area = self.query_one("#summary", TextArea)
        area.placeholder = t("review.summary_placeholder")
        area.read_only = True  # until a week's summary is loaded: typing now would be lost
        table.focus()
        self.app.when_ready(self.action_this_week)

    def action_this_week(self) -> None:
        self.go(review.week_of(self.app.today, self.app.config.review.first_weekday))

    def go(self, week: review.Week) -> None:
        """Show ``week``: at once if it was computed since the last write, else load it."""
        self.week = week
        if not self.show_read_ahead(self.weeks.get(week)):
            self.refresh_data()

    def load(self, db: Database) -> tuple[review.Week, review.WeekReview] | None:
        week = self.week
        if week is None:
            return None
        return week, review.compute_week(db, week, self.app.config, today=self.app.today)

    EMPTY_HINT = "empty.week"

    def is_empty(self, loaded: tuple[review.Week, review.WeekReview] | None) -> bool:
        return loaded is not None and loaded[1].is_blank

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While writing the summary, the arrows and letters belong to the text.
        if self.is_mounted and self.query_one("#summary", TextArea).has_focus:
            return action not in ("move", "this_week", "export")
        return True

    def action_leave_summary(self) -> None:
        self.query_one("#figures", DataTable).focus()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        # A reload the return started reads ahead when it shows; otherwise read now
        # (nothing to do when the week before is kept and current).
        if self.week is not None and self.app.db is not None and not self.data_pending:
            self.read_ahead_week(self.week.shift(-1))

    def action_move(self, step: int) -> None:
        if self.week is not None:
            self.go(self.week.shift(step))

    def read_ahead_week(self, week: review.Week) -> None:
        """Compute ``week`` in a worker unless it is kept and still current."""
        stamp = data_stamp(self.app.db)  # before the read: a later write makes it stale
        kept = self.weeks.get(week)
        if (kept is not None and kept.stamp == stamp) or self.reading_ahead == (week, stamp):
            return
        self.reading_ahead = (week, stamp)
        self.run_read_ahead(week, stamp, self.app)

    # Not exclusive: a newer read-ahead (another week, or after a write) must not cancel
    # this one's worker while its thread runs on; each lands and is kept by its stamp.
    @work(thread=True, group="read-ahead", exit_on_error=False)
    def run_read_ahead(self, week: review.Week, stamp: tuple[int, int], app) -> None:
        try:
            with app.read_db() as db:
                data = review.compute_week(db, week, app.config, today=app.today)
        except Exception:  # noqa: BLE001 - not computed ahead, then: ← computes it
            self.post_message(WeekReadAhead(week, stamp, None))
            return
        self.post_message(WeekReadAhead(week, stamp, ReadAhead(stamp, (week, data))))

    def on_week_read_ahead(self, message: WeekReadAhead) -> None:
        if self.reading_ahead == (message.week, message.stamp):
            self.reading_ahead = None
        # Read before a write that landed since: stale, and keeping it would drop the
        # weeks computed after that write.
        if message.read_ahead is not None and message.stamp == data_stamp(self.app.db):
            self.keep(message.week, message.read_ahead)

    def keep(self, week: review.Week, computed: ReadAhead) -> None:
        """Keep ``week``'s figures; only those computed at the file's latest stamp."""
        self.weeks = {w: kept for w, kept in self.weeks.items() if kept.stamp == computed.stamp}
        self.weeks[week] = computed

    def show(self, loaded: tuple[review.Week, review.WeekReview] | None) -> None:
        if loaded is None:
            return
        week, data = loaded
        if self.shown_stamp is not None:
            self.keep(week, ReadAhead(self.shown_stamp, loaded))
            # Out of view (caught up after a write), the week before is read on return.
            if self.app.db is not None and self.in_view():
                self.call_after_refresh(self.read_ahead_week, week.shift(-1))
        self.query_one("#week-title", Static).update(
            t("review.title", week=week.label, start=week.start.isoformat(),
              end=week.end.isoformat()))
        rows = PendingRows()
        last_section = None
        for n, f in enumerate(data.figures):  # the same figures every week, in one order
            section = t(f"review.section.{f.section}") if f.section != last_section else ""
            last_section = f.section
            rows.add_row(cut_end(section), cut_end(t(f"review.fig.{f.key}")),
                         reports.format_value(f.value, f.kind),
                         reports.format_value(f.previous, f.kind), reports.format_change(f),
                         key=str(n))
        replace_rows(self.query_one("#figures", DataTable), rows.rows)
        # One line per list (wrapped); the reports carry the same lists item by item.
        lines = [f"{title}: {' ｜ '.join(items)}" for title, items in data.lists]
        lists = self.query_one("#week-lists", Static)
        lists.update("\n".join(lines))
        lists.display = bool(lines)
        area = self.query_one("#summary", TextArea)
        if week == self._text_week and self._typed_during >= self.shown:
            # Typed (and saved) after this load was asked for: its summary may be older
            # than what is in the box, which stays as typed.
            return
        # Loading the text fires TextArea.Changed; only a text that differs from the
        # stored one is an edit.
        self._saved_text = data.summary
        # Redrawn for the same week and text (a write elsewhere): the text, its cursor
        # and its undo stay put. Another week always loads afresh, so undo cannot bring
        # one week's words into another's summary.
        if week != self._text_week or area.text != data.summary:
            area.load_text(data.summary)
            self._text_week = week
        area.read_only = False
        self.query_one("#summary-status", Static).update("")

    @on(TextArea.Changed, "#summary")
    def _save_summary(self, event: TextArea.Changed) -> None:
        text = event.text_area.text
        week = self._text_week  # the box's week: another one may be loading already
        if week is None or self.app.db is None or text == self._saved_text:
            return
        # Saved on every change: a summary typed and then quit is never lost.
        try:
            review.save_summary(self.app.db, week, text, self.app.now())
        except Exception as error:  # a validation or lock problem: say so, keep the text
            line = failure_line(self.app, error)
            if line is None:
                raise
            self.query_one("#summary-status", Static).update(line)
            return
        self._saved_text = text
        self._typed_during = self.requested
        self.query_one("#summary-status", Static).update(t("review.saved"))
        announce(self.app, "reviews")

    def action_export(self, fmt: str) -> None:
        app = self.app
        path = reports.default_path(app.config.review.reports_folder, self._db_path(),
                                    self.week.label, fmt)
        base = path.parent

        def write(force: bool) -> None:
            try:
                base.mkdir(parents=True, exist_ok=True, mode=0o700)
                data = reports.build(app.db, self.week, app.config, fmt, today=app.today)
                reports.write_file(path, data, force=force)
            except (WorkbenchError, OSError) as error:
                app.notify(str(error), severity="error")
                return
            app.notify(t("review.exported", path=str(path)))
            if app.is_web:  # served to a browser (workbench serve): the file goes there too
                app.deliver_binary(path, open_method="download")

        if path.exists():
            app.push_screen(ConfirmScreen(t("report.overwrite_title", path=str(path))),
                            lambda yes: write(True) if yes else None)
        else:
            write(False)

    def _db_path(self) -> Path:
        from workbench.core.db import default_db_path

        return Path(self.app.db_path) if self.app.db_path else default_db_path()
