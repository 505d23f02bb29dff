"""The one error domain modules raise for bad input: a field name and a translated message."""

from __future__ import annotations

from workbench.core.i18n import t


class ValidationError(ValueError):
    """Bad input. ``field`` names what was wrong; ``str()`` is the translated message.

    The message is translated when it is shown, not when it is raised, so a
    language switch between the two still shows the right language.
    """

    def __init__(self, field: str, key: str, /, **params: object) -> None:
        self.field = field
        self.key = key
        self.params = params
        super().__init__(key)

    def __str__(self) -> str:
        label = t(f"field.{self.field}") if self.field else ""
        message = t(self.key, **self.params)
        return f"{label}: {message}" if label and label != f"field.{self.field}" else message


class WorkbenchError(RuntimeError):
    """A failure the CLI reports in one translated line (missing file, locked database, ...)."""

    # ``key`` is positional-only: config messages take a ``key`` parameter of their own.
    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    def __str__(self) -> str:
        return t(self.key, **self.params)


class ConfigError(WorkbenchError):
    """A config file that cannot be used; the message names the file and the key."""
