"""Text inputs born with the class Textual would give them as they mount.

Textual's Input validates its first value as it mounts and, without validators, marks
itself ``-valid``: a class change, so the input and the screen around it are styled
again, one input at a time (13 of them were a third of what opening the outlet form
cost). Born with the class, the input finds it in place and nothing is restyled. With
validators the first validation decides, as before.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input


class PlainInput(Input):
    """An Input without validators, already marked ``-valid``."""

    def __init__(self, *args: Any, classes: str | None = None, **kwargs: Any) -> None:
        if not kwargs.get("validators"):
            classes = f"{classes} -valid" if classes else "-valid"
        super().__init__(*args, classes=classes, **kwargs)
