"""The baseline: the smallest useful Textual app, a Static with a sentinel text.

Run in the same pseudo-terminal harness as Workbench; its first frame is what any
Textual app costs, so Workbench's figures are ratios against it.
"""

from textual.app import App, ComposeResult
from textual.widgets import Static

SENTINEL = "BENCH-MINIMAL-READY"


class MinimalApp(App):
    def compose(self) -> ComposeResult:
        yield Static(SENTINEL)


if __name__ == "__main__":
    MinimalApp().run()
