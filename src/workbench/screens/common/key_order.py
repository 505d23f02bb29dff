"""Keys acted on in the order they were typed, even when they arrive together.

A fast typist, a paste or a barcode scanner (or a terminal lagging behind any of them)
delivers several keys in one read, and Textual queues them all before it handles the
first. It then hands each key to the widget focused *when the key is read*, into that
widget's own queue, and a key no widget takes travels up the widgets' queues to the app,
where the key bindings run. So the keys of one read overtake each other:

- an Input types a letter in its own queue, while Backspace, the arrows and Tab are
  bindings that act only once the key has reached the app: ``abc⌫d`` gave ``abc`` (the
  Backspace deleted the d typed before it acted), ``x←y`` gave ``xy``, ``task1⇥明天``
  typed 明天 into the first field;
- a key that moves the focus (Tab, ``/``) or opens a form was followed by keys already
  handed to the widget focused before it: ``/jsyh`` over the roster sorted it;
- a form focuses its first field as it mounts (and a deferred ``focus()`` one message
  later): keys read with the key that opened it went to the screen below.

``KeysInTurn`` lets a key in only once the key before it is done: its trip through the
widgets' queues has ended, and the screen it left on top has mounted and taken its
focus. Each key then goes exactly where Textual would send it had it been typed alone;
nothing of Textual's handling is repeated here. A key that no binding or widget takes
is done at once; the next key waits a few queued callbacks, never a timer.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual import events
    from textual.app import App
    from textual.dom import DOMNode
    from textual.screen import Screen


class KeysInTurn:
    """The app's typed input (keys, pastes) handled one at a time, in the order read.

    ``handle`` is Textual's own handling of an input event (``App.on_event``)."""

    def __init__(self, app: App, handle: Callable[[events.Event], Awaitable[None]]) -> None:
        self.app = app
        self.handle = handle
        self.held: deque[events.Event] = deque()
        self.in_turn = False  # a key is on its way through the widgets
        self.screen: Screen | None = None  # the screen the last key went to

    async def arrived(self, event: events.Event) -> None:
        """A key or paste read from the terminal: handled now, or after those before it."""
        self.held.append(event)
        if not self.in_turn:
            await self.next_key()

    async def act(self, event: events.Event) -> None:
        self.in_turn = True
        await self.handle(event)
        if not event.is_forwarded:  # a priority binding took it: done already
            self.done()
            return
        # Textual posted it to the focused widget (the screen if none); each queue is
        # first in, first out, so a callback posted behind it runs once that widget has
        # handled the key, and by then the key is in its parent's queue, or stopped.
        self.follow(self.app.focused or self.app.screen, again=True)

    def follow(self, start: DOMNode, again: bool) -> None:
        if not start.call_later(self.passed, start, start, again):
            self.done()

    def passed(self, node: DOMNode, start: DOMNode, again: bool) -> None:
        """The key has left ``node``: follow it to the parent, up to the app; then once
        more from where it started, behind what its action posted there (Enter's
        Submitted: the form saves, and may open the next one, before the next key)."""
        if node is self.app:
            if again:
                self.follow(start, again=False)
            else:
                self.done()
            return
        parent = node.parent  # a widget's screen, a screen's app: DOMNode's public parent
        if parent is None or not parent.call_later(self.passed, parent, start, again):
            self.done()

    def done(self) -> None:
        """The key has acted; the next one waits for the screen now on top."""
        self.in_turn = True
        app = self.app
        self.screen = app.screen
        # Through its queue (a screen the key opened mounts and takes its focus before
        # it handles anything queued), then the app's, where a deferred focus() lands.
        if not self.screen.call_later(app.call_later, self.next_key):
            app.call_later(self.next_key)

    async def next_key(self) -> None:
        self.in_turn = False
        while self.held and not self.in_turn:
            if self.app.screen is not self.screen:
                # A screen opened since the last key (by a key's action, a callback, a
                # finished load): the key waits until it has mounted and taken its focus.
                self.done()
                return
            await self.act(self.held.popleft())
