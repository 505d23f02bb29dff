"""Import an outlet list from inside the app: a file path (tab completes it), the roster's
own importer in a thread worker with a progress bar, and the same error list as
``workbench import outlets`` (``importer.error_lines``).

All or nothing, as on the command line: a file with a bad row writes nothing and lists
the bad cells. Importing only the valid rows (the command line's ``--skip-invalid``) is
a second, explicit step: a button offered under the list, naming how many rows it
leaves out. The import writes on a connection of its own in the worker (as the command
line does beside a running app), then announces the tables so that every screen fills.
The staff's and the customers' import screens are this one with their own importer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Input, ProgressBar, Static

from workbench.core.i18n import t
from workbench.screens.common.changes import announce
from workbench.screens.common.sizing import born_sized


class PathSuggester(Suggester):
    """Completes the last part of a path from the folder's entries (folders end in /)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        typed = Path(value).expanduser()
        folder, stem = (typed, "") if value.endswith("/") else (typed.parent, typed.name)
        try:
            names = sorted(p.name + ("/" if p.is_dir() else "") for p in folder.iterdir()
                           if p.name.startswith(stem) and not p.name.startswith("."))
        except OSError:
            return None
        return value + names[0][len(stem):] if names else None


class PathInput(Input):
    """A path field: tab takes the completion shown, as a shell does."""

    BINDINGS = [Binding("tab", "complete", "key.complete_path", show=False, id="import_complete")]

    def action_complete(self) -> None:
        if self._suggestion and self._suggestion != self.value:
            self.value = self._suggestion
            self.cursor_position = len(self.value)
        else:
            self.screen.focus_next()


class ImportOutletsScreen(ModalScreen[int]):
    """Pick a CSV (UTF-8 or GB18030) or .xlsx outlet list and import it; dismissed with
    how many outlets were added or updated."""

    BINDINGS = [Binding("escape", "close", "key.back", id="import_close")]
    # What a subclass importing another list (the customers') says and announces.
    TITLE_KEY = "onboard.import_title"
    HELP_KEY = "onboard.import_help"
    TABLES: tuple[str, ...] = ("outlets", "staff")
    KIND = "outlets"  # the roster's kind of list (the staff's screen: "staff")
    DEFAULT_CSS = """
    ImportOutletsScreen { align: center middle; }
    ImportOutletsScreen > Vertical { width: 90%; height: auto; max-height: 90%;
        border: round $accent; padding: 0 1; background: $surface; }
    ImportOutletsScreen #import-errors { height: auto; max-height: 12; overflow-y: auto; }
    """

    def __init__(self) -> None:
        super().__init__()
        born_sized(self)
        self.added = 0
        self.path: Path | None = None  # the file last asked for (the second step's)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t(self.TITLE_KEY), classes="title")
            yield Static(t(self.HELP_KEY))
            yield PathInput(placeholder=t("onboard.import_placeholder"), id="import-path",
                            suggester=PathSuggester())
            yield ProgressBar(id="import-progress", show_eta=False)
            yield Static("", id="import-status")
            yield Static("", id="import-errors")
            yield Button("", id="import-valid", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#import-valid", Button).display = False

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.query_one("#import-status", Static).update(t("onboard.import_no_file"))
            return
        self.path = Path(text).expanduser()
        self.start(skip_invalid=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """The second step: the same file again, its valid rows only."""
        event.stop()
        if event.button.id == "import-valid" and self.path is not None:
            self.start(skip_invalid=True)

    def start(self, skip_invalid: bool) -> None:
        self.query_one("#import-status", Static).update(t("onboard.importing"))
        self.query_one("#import-errors", Static).update("")
        self.query_one("#import-valid", Button).display = False
        self.run_import(self.path, self.app, skip_invalid)

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def run_import(self, path: Path, app: Any, skip_invalid: bool = False) -> None:
        """The roster's importer on a connection of this thread; the outcome posted back."""
        from workbench.core.db import file_of
        from workbench.core.failures import line_for
        from workbench.roster.sheets import read_rows
        from workbench.storage import open_db

        def progress(done: int, total: int) -> None:
            app.call_from_thread(self.query_one("#import-progress", ProgressBar).update,
                                 total=total, progress=done)

        try:
            rows = read_rows(path)  # before the database: a bad file writes nothing
            self.check_headers(rows)
            db = open_db(file_of(app.db))
            try:
                summary = self.import_rows(db, rows, app, progress, skip_invalid)
            finally:
                db.close()
        except Exception as exc:  # noqa: BLE001 - one line for the user, never a traceback
            app.call_from_thread(self.failed, line_for(exc, where="import"))
            return
        app.call_from_thread(self.done, summary, skip_invalid)

    def check_headers(self, rows: list[dict[str, str]]) -> None:
        """Refuse a file whose columns are not this list's (WorkbenchError)."""
        from workbench.roster.headers import match_headers

        match_headers(self.KIND, list(rows[0].keys()))

    def import_rows(self, db: Any, rows: list[dict[str, str]], app: Any, progress: Any,
                    skip_invalid: bool) -> Any:
        """Run the importer: every row or none, unless ``skip_invalid`` (the second step)."""
        from workbench.roster.importer import import_rows

        return import_rows(db, self.KIND, rows, app.config, skip_invalid=skip_invalid,
                           now=app.now(),
                           progress=progress)

    def failed(self, line: str) -> None:
        self.query_one("#import-status", Static).update(line)

    def done(self, summary: Any, skip_invalid: bool) -> None:
        from workbench.roster.importer import error_lines

        self.query_one("#import-errors", Static).update("\n".join(error_lines(summary)))
        if summary.errors and not skip_invalid:
            # Nothing written: the command line's refusal, and the explicit second step.
            self.query_one("#import-status", Static).update(
                t("onboard.import_refused", rows=summary.bad_rows))
            valid = self.query_one("#import-valid", Button)
            valid.label = t("onboard.import_valid_rows", rows=summary.bad_rows)
            valid.display = True
            return
        self.query_one("#import-status", Static).update(
            t("import.summary", added=summary.added, updated=summary.updated,
              unchanged=summary.unchanged, skipped=summary.skipped)
            + ("  " + t("onboard.import_fix_rows") if summary.errors else ""))
        self.added += summary.added + summary.updated
        announce(self.app, *self.TABLES)

    def action_close(self) -> None:
        self.dismiss(self.added)
