"""A new screen takes the terminal's size classes (``-short``/``-tall``) at birth.

Textual adds a screen's breakpoint classes on its first Resize, which arrives after its
widgets are composed and styled: the class change then restyles every widget of the
screen a second time (a sixth of what opening an outlet card cost). Given the classes
before it is composed, the screen's first Resize finds them in place and changes
nothing. The classes are Textual's own rule (the app's or the screen's breakpoints, the
largest one not above the size); a later resize still moves them as before.
"""

from __future__ import annotations

from textual.app import App
from textual.screen import Screen


def size_classes(app: App, screen: Screen) -> dict[str, bool]:
    """Each breakpoint class and whether the terminal's current size turns it on."""
    width, height = app.size
    horizontal = (app.HORIZONTAL_BREAKPOINTS if screen.HORIZONTAL_BREAKPOINTS is None
                  else screen.HORIZONTAL_BREAKPOINTS) or []
    vertical = (app.VERTICAL_BREAKPOINTS if screen.VERTICAL_BREAKPOINTS is None
                else screen.VERTICAL_BREAKPOINTS) or []
    classes = {name: False for _, name in (*horizontal, *vertical)}
    for dimension, points in ((width, horizontal), (height, vertical)):
        for point, name in sorted(points, reverse=True):
            if dimension >= point:
                classes[name] = True
                break
    return classes


def born_sized(screen: Screen) -> None:
    """Give ``screen`` (being built, not yet mounted) its size classes without a restyle."""
    try:
        app = screen.app
    except RuntimeError:  # NoActiveAppError: built outside a running app; sized on mount
        return
    for name, on in size_classes(app, screen).items():
        screen.set_class(on, name, update=False)
