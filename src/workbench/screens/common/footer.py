"""The footer every screen shows: Textual's, without the watchers it leaks.

Textual's Footer recomposes its keys whenever a screen's bindings change (every mode
switch, every focus change) and binds each new key's ``compact`` to the footer with
``data_bind``. That registers a watcher on the footer which Textual only drops when
``compact`` itself changes — which it never does here. So every recompose left ~50
dead keys reachable from each footer: after an hour of use hundreds of thousands of
objects, full garbage collections of a second and more in the middle of a key press
(bench/README: "the tails"), and each new watcher is checked against the whole list.
The app's own watchers (``title``, ``theme``) keep every closed form's Header and
TextArea the same way.

It also recomposes when nothing it shows changed: closing a form hands the bindings
back to the screen below, whose keys are the ones already drawn, yet fifteen keys were
built, styled and laid out again — most of what a save cost after its SQL (bench/README).

The screen's keys sit in a strip of their own that ends where the palette key begins.
Textual lets them run on underneath that key (docked on the right); the compositor then
cuts the lines at every widget's edge, and a Chinese character astride a cut is drawn as
blanks: ``^p   令`` instead of ``^p 命令`` at 80 columns.

Each new key is born ``compact`` (Textual's default) and bound to the footer's value,
which at 120 columns is not: the bind then flips a class on every key, restyling each
one by one — a sixth of the first frame's work. The keys are built with the footer's
value instead, and the footer takes its own from the terminal's width before its first
compose rather than on its first resize.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

# Where textual.reactive keeps an object's watchers (a literal attribute name).
WATCHERS = "__watchers"


def drop_dead_watchers(owner: object) -> int:
    """Forget the watchers on ``owner`` registered by nodes no longer in the app."""
    dropped = 0
    for entries in getattr(owner, WATCHERS, {}).values():
        alive = [(node, callback) for node, callback in entries
                 if node is owner or node.is_attached]
        dropped += len(entries) - len(alive)
        entries[:] = alive
    return dropped


class FooterKeys(HorizontalGroup):
    """The screen's own keys, clipped at the palette key: nothing lies beneath it."""

    DEFAULT_CSS = """
    FooterKeys {
        width: 1fr;
        height: 1;
        overflow: hidden hidden;
    }
    """


class Footer(TextualFooter):
    """Textual's footer; drops dead watchers (its own and the app's) as it recomposes.

    A recompose follows every mode switch and every closed form, so the lists stay as
    long as what is on screen.
    """

    # Narrower than this, the keys are drawn without their padding: at 80 columns the
    # screen's own keys (which come first) then fit, the week's "l 导出 Excel" too.
    COMPACT_BELOW = 120

    def compact_at(self, width: int) -> bool:
        return width < self.COMPACT_BELOW

    def on_resize(self, event: events.Resize) -> None:
        self.compact = self.compact_at(event.size.width)

    def born_like_footer(self, key: FooterKey, bound: bool = True) -> FooterKey:
        """A new key already as compact as the footer (the palette key, not bound to it,
        as compact as it stays), so binding and mounting it change no class."""
        # Unbound, a key keeps Textual's default (compact); reading it here would run its
        # watcher before the key is mounted.
        compact = self.compact if bound else True
        if bound:
            key.set_reactive(FooterKey.compact, compact)
        key.set_class(compact, "-compact", update=False)
        return key

    shown: tuple[Any, ...] | None = None  # what the keys last composed showed

    def keys_shown(self) -> tuple[Any, ...]:
        """Everything ``compose`` draws from (the screen's bindings and their state)."""
        app = self.app
        return (self.show_command_palette, app.ENABLE_COMMAND_PALETTE, tuple(
            (binding.key, app.get_key_display(binding), binding.description, binding.action,
             binding.group, binding.show, enabled, tooltip)
            for (_node, binding, enabled, tooltip) in self.screen.active_bindings.values()))

    async def recompose(self) -> None:
        """Rebuild the keys only when what they show changed."""
        if not self.is_attached:
            return
        shown = self.keys_shown()
        if shown == self.shown and self.children:
            return
        await super().recompose()

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self.shown = self.keys_shown()
        drop_dead_watchers(self)
        drop_dead_watchers(self.app)
        if not self.children:  # the first compose: before any resize told the width
            self.compact = self.compact_at(self.app.size.width)
        palette = []
        with FooterKeys():
            for widget in super().compose():
                if widget.has_class("-command-palette"):
                    palette.append(self.born_like_footer(widget, bound=False))
                elif isinstance(widget, FooterKey):
                    yield self.born_like_footer(widget)
                else:
                    yield widget
        yield from palette
