"""A screen switched back to is styled again only when what styles it changed.

Textual restyles every widget of a screen each time it becomes the active one, in case
the theme, the colours, the app's focus or the style sheet changed while it was out of
view: 7–27 ms per mode switch at 120x40 on widgets whose styles are what they were.
A mode's screen notes what it was styled under each time it comes back; on the next
return the same theme, colours, focus, style sheet (the parsed rule list: a theme
change or a widget kind mounted for the first time parses it again, into a new list)
and terminal size skip the restyle, and anything else restyles as before. A resize
out of view moves the size classes (-short/-tall) through Textual's own Resize on
return, which restyles what it changes. The first return after the screen is built
always restyles, as Textual does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import events
from textual.app import App
from textual.screen import Screen


@dataclass(frozen=True, eq=False)
class StyledUnder:
    """What a screen's styles were computed from."""

    rules: Any  # the style sheet's rule list, compared by identity
    looks: tuple[Any, ...]  # theme, ANSI colours, app focus, terminal size

    @classmethod
    def now(cls, app: App) -> StyledUnder:
        return cls(app.stylesheet.rules, (app.theme, app.ansi_color, app.app_focus, app.size))

    def same_as(self, other: StyledUnder | None) -> bool:
        return other is not None and self.rules is other.rules and self.looks == other.looks


def restyle_only_if_changed(screen: Screen, event: events.ScreenResume,
                            before: StyledUnder | None) -> StyledUnder:
    """Turn off ``event``'s restyle when ``screen`` was styled under what holds now;
    returns what holds now, for the next return."""
    now = StyledUnder.now(screen.app)
    if now.same_as(before):
        event.refresh_styles = False
    return now
