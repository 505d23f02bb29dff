"""Context for first paint: the roster's Textual widgets with no Workbench code.

Header, an Input, a DataTable with the roster's nine columns, a status line and a
Footer showing as many keys as the roster has. Its first frame is the floor that
Textual itself puts under any screen built from these widgets.
"""

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Input, Static

SENTINEL = "Last visit"
COLUMNS = ("Code", "Outlet", "Bank", "Tier", "Last visit", "Next visit", "Staff", "Target",
           "Achieved")


class WidgetsApp(App):
    BINDINGS = [Binding(k, "bell", d) for k, d in (
        ("slash", "Filter"), ("a", "Add outlet"), ("e", "Edit"), ("i", "Check in"),
        ("c", "Check out"), ("s", "Sort"), ("x", "Deactivate"), ("h", "Show inactive"),
        ("right_square_bracket", "Next page"), ("left_square_bracket", "Prev page"),
        ("2", "Outlets"), ("question_mark", "Help"), ("q", "Quit"))]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="/ filter")
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Static("", classes="status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label in COLUMNS:
            table.add_column(label)
        table.focus()


if __name__ == "__main__":
    WidgetsApp().run()
