"""Baseline for a mode switch: Textual alone switching between copies of the same screens.

After the app has shown each mode, ``blueprint(screen)`` records its widget tree as
plain data: each widget's Textual class, id, classes and what it shows (a table's
columns and rows, a list's options, a text's content), plus the screen's keys. A bare
app with no Workbench code builds one screen per mode from those blueprints, with the
same style sheet, the same keys (bound to nothing), the same footer (Textual's, minus
its waste: screens/common/footer.py) and the same garbage-collection policy
(screens/common/collector.py), and switches between them with the same keys.
Its cost is what Textual itself pays for a mode switch with these widgets on this
machine: the budget for Workbench's switch is 1.2x that (or 50 ms).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import (
    Button,
    ContentSwitcher,
    DataTable,
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    Select,
    SelectionList,
    Sparkline,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
)
from textual.widgets.option_list import Option
from textual.widgets.select import NoSelection

from workbench.screens.common.collector import EVERY_SECONDS, IdleCollector
from workbench.screens.common.footer import Footer as WorkbenchFooter

from . import press, settle

CONTAINERS = (Horizontal, Vertical, VerticalScroll, Container)


@dataclass
class Blueprint:
    """One widget as data: enough to build the same Textual widget again."""

    kind: type[Widget]
    id: str | None
    classes: tuple[str, ...]
    props: dict[str, Any] = field(default_factory=dict)
    children: list[Blueprint] = field(default_factory=list)


@dataclass
class ScreenPrint:
    name: str  # the screen class's name, so the style sheet's type selectors apply
    css: str
    keys: list[tuple[str, str]]  # (key, description) of the screen's own bindings
    widgets: list[Blueprint]
    focus: str | None  # a selector for the widget that had the focus (keys go there)
    modal: bool = False  # a form over another screen (drawn over it, not instead)


def textual_class(widget: Widget) -> type[Widget]:
    return next(k for k in type(widget).__mro__ if k.__module__.startswith("textual."))


def blueprint(widget: Widget) -> Blueprint:
    """What ``widget`` is and shows, as data (no reference to the live widget)."""
    kind = textual_class(widget)
    props: dict[str, Any] = {}
    children: list[Blueprint] = []
    if isinstance(widget, SelectionList):  # before OptionList: it is one
        props["options"] = [(o.prompt, o.value, o.value in widget.selected)
                            for o in widget.options]
    elif isinstance(widget, Select):
        props.update(options=[(p, v) for p, v in widget._options
                              if not isinstance(v, NoSelection)], value=widget.value)
    elif isinstance(widget, DataTable):
        props["columns"] = [(c.label.plain, None if c.auto_width else c.width, c.key.value)
                            for c in widget.columns.values()]
        props["rows"] = [widget.get_row_at(i) for i in range(widget.row_count)]
        props["cursor_type"] = widget.cursor_type
        props["zebra"] = widget.zebra_stripes
    elif isinstance(widget, OptionList):
        props["options"] = [(o.prompt, o.id, o.disabled) for o in widget.options]
    elif isinstance(widget, Input):
        props.update(value=widget.value, placeholder=widget.placeholder)
    elif isinstance(widget, TextArea):
        props["text"] = widget.text
    elif isinstance(widget, Sparkline):
        props["data"] = list(widget.data or [])
    elif isinstance(widget, Button):
        props["label"] = widget.label
    elif isinstance(widget, Static):
        props["content"] = widget.content
    elif isinstance(widget, TabbedContent):
        props["active"] = widget.active
        for pane in widget.query(TabPane):
            title = widget.get_tab(pane).label
            children.append(Blueprint(TabPane, pane.id, tuple(pane.classes), {"title": title},
                                      [blueprint(c) for c in pane.children]))
    elif isinstance(widget, ContentSwitcher):
        props["current"] = widget.current
        children = [blueprint(c) for c in widget.children]
    elif isinstance(widget, CONTAINERS):
        children = [blueprint(c) for c in widget.children]
    elif not isinstance(widget, (Header, Footer)):
        raise TypeError(f"bench: no blueprint for {type(widget).__name__} ({kind.__name__})")
    return Blueprint(kind, widget.id, tuple(widget.classes), props, children)


def screen_print(screen: Screen) -> ScreenPrint:
    keys = [(active.binding.key, active.binding.description)
            for active in screen.active_bindings.values()
            if active.node is not screen.app and active.binding.show]
    css = "\n".join(getattr(k, "DEFAULT_CSS", "") for k in type(screen).__mro__
                    if not k.__module__.startswith("textual."))
    focused = screen.focused
    focus = None if focused is None else (
        f"#{focused.id}" if focused.id else textual_class(focused).__name__)
    return ScreenPrint(type(screen).__name__, css, keys,
                       [blueprint(w) for w in screen.children], focus, screen.is_modal)


def build(print_: Blueprint) -> ComposeResult:
    """Compose the widget ``print_`` describes (and its children)."""
    kind, props, common = print_.kind, print_.props, {"id": print_.id,
                                                      "classes": " ".join(print_.classes)}
    if kind is DataTable:
        table = DataTable(cursor_type=props["cursor_type"], zebra_stripes=props["zebra"],
                          **common)
        for label, width, key in props["columns"]:
            table.add_column(label, width=width, key=key)
        for row in props["rows"]:
            table.add_row(*row)
        yield table
    elif kind is SelectionList:
        yield SelectionList(*props["options"], **common)
    elif kind is Select:
        yield Select(props["options"], value=props["value"], **common)
    elif kind is OptionList:
        yield OptionList(*[Option(p, id=i, disabled=d) for p, i, d in props["options"]],
                         **common)
    elif kind is Input:
        yield Input(props["value"], props["placeholder"], **common)
    elif kind is TextArea:
        yield TextArea(props["text"], **common)
    elif kind is Sparkline:
        yield Sparkline(props["data"], **common)
    elif kind is Button:
        yield Button(props["label"], **common)
    elif kind in (Static, Label):
        yield kind(props["content"], **common)
    elif kind is Header:
        yield Header()
    elif kind is Footer:
        # Workbench's footer: Textual's, minus the rebuild of unchanged keys and the
        # watchers it leaks (screens/common/footer.py). Textual's own would make the
        # baseline pay for waste the app no longer has.
        yield WorkbenchFooter()
    elif kind is TabbedContent:
        with TabbedContent(initial=props["active"], **common):
            for pane in print_.children:
                with TabPane(pane.props["title"], id=pane.id):
                    for child in pane.children:
                        yield from build(child)
    elif kind is ContentSwitcher:
        with ContentSwitcher(initial=props["current"], **common):
            for child in print_.children:
                yield from build(child)
    else:
        with kind(**common):
            for child in print_.children:
                yield from build(child)


def bare_screen(print_: ScreenPrint) -> type[Screen]:
    def compose(self) -> ComposeResult:
        for widget in print_.widgets:
            yield from build(widget)

    def action_nothing(self, n: int) -> None:
        """What every copied key does (one action per key: the footer groups by action)."""

    # Keys that share a description share an action (Workbench binds "x,space" as one).
    actions = {description: i for i, (_key, description) in enumerate(print_.keys)}
    bindings = [Binding(key, f"nothing({actions[description]})", description)
                for key, description in print_.keys]
    base = ModalScreen if print_.modal else Screen
    return type(print_.name, (base,), {"compose": compose, "BINDINGS": bindings,
                                          "action_nothing": action_nothing,
                                          "DEFAULT_CSS": print_.css,
                                          "AUTO_FOCUS": print_.focus})


class CollectedApp(App):
    """A bare app under Workbench's garbage-collection policy (its warm-up, its timer,
    a key press delaying a full collection), so a comparison is on the widgets' work
    only, not on when a full collection falls."""

    def on_mount(self) -> None:
        self.collector = IdleCollector()

    def warmed(self) -> None:
        """What the app does once its first data is on screen."""
        self.collector.start()
        self.set_interval(EVERY_SECONDS, self.collector.tick)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            self.collector.touched()
        await super().on_event(event)

    def on_unmount(self) -> None:
        self.collector.stop()


def bare_app(prints: dict[str, ScreenPrint], mode_keys: dict[str, str],
             app_keys: list[tuple[str, str]], css_path: Path) -> App:
    class BareModesApp(CollectedApp):
        CSS_PATH = str(css_path)
        MODES = {mode: bare_screen(p) for mode, p in prints.items()}
        BINDINGS = [Binding(key, f"switch_mode('{mode}')", mode) for mode, key in
                    mode_keys.items()] + [Binding(k, f"nothing({i})", d)
                                          for i, (k, d) in enumerate(app_keys)]

        def action_nothing(self, n: int) -> None:
            """What every copied key does."""

        def on_mount(self) -> None:
            super().on_mount()
            self.switch_mode(next(iter(prints)))

    return BareModesApp()


async def measure_switches(app: App, mode_keys: dict[str, str], runs: int
                           ) -> dict[str, list[tuple[float, float]]]:
    """Per mode: (wall, CPU) of pressing its key from the mode before it, ``runs`` times."""
    from . import StallWatch

    modes = list(mode_keys)
    times: dict[str, list[tuple[float, float, float]]] = {m: [] for m in modes}
    stalls = StallWatch()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for mode in modes:  # every screen mounted once, as in the app after its first round
            await app.switch_mode(mode)
            await settle(pilot, lambda mode=mode: app.current_mode == mode)
        app.warmed()
        stalls.start()
        for r in range(runs + 1):
            for i, mode in enumerate(modes):
                await app.switch_mode(modes[i - 1])
                await settle(pilot, lambda i=i: app.current_mode == modes[i - 1])
                stalls.reset()
                start, cpu = time.perf_counter(), time.process_time()
                await press(pilot, mode_keys[mode])
                await settle(pilot, lambda mode=mode: app.current_mode == mode)
                if r:
                    times[mode].append((time.perf_counter() - start,
                                        time.process_time() - cpu, stalls.longest))
        stalls.stop()
    return times
