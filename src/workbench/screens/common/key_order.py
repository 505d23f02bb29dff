"""Keys acted on in the order they were typed, even when they arrive together.

Textual hands each key to the widget that has the focus when the key is read, and runs
a screen's key bindings only once the key has travelled back up to the app. Keys read
together (a terminal lagging behind a fast typist, a slow frame at the counter) all go
to the widget focused before the first of them acted: "/jsyh" over the roster gave j,
s, y and h to the table (s sorted it, h showed the inactive outlets) instead of the
filter "/" focuses; "/" then "h" over the register opened the hand-over.

While a list has the focus (a table, an option list: their letters are commands), a
key is checked against the bindings as it arrives, and one that runs an action is done
there: the keys after it go wherever that action put the focus. Text fields are left
to Textual, and so is every key no binding takes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual import events
    from textual.app import App


async def ran_on_arrival(app: App, event: events.Key) -> bool:
    """Run the binding ``event`` (a key just read) calls for, if a list has the focus;
    True when one ran (the key is then done)."""
    from textual.widgets import DataTable, OptionList

    if event.is_forwarded or not isinstance(app.focused, DataTable | OptionList):
        return False
    if app.screen.maximized is not None:  # Textual's escape-to-minimize comes first
        return False
    # What Textual does with the key, in its order (priority bindings from the app
    # down, then the others from the focused widget up), now rather than once the
    # key has been queued behind the keys read with it.
    if await app._check_bindings(event.key, priority=True) or \
            await app._check_bindings(event.key):
        app.app_focus = True
        return True
    return False
