"""Deferred domain modules: keep sqlite-utils and friends off the app's first paint.

The screens import their domain module at the top (``from .. import outlets``), and
every domain module imports sqlite-utils (~0.1 s with click and pluggy) and
dateutil. ``defer_domain_modules()`` (called when ``workbench.screens`` is first
imported) puts a stand-in for each not-yet-imported domain module in
``sys.modules``; the real module is imported on the first attribute access, which
happens when the database is opened in the app's worker, after the first frame.
Loading is serialised by a lock so two threads never import a module twice.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import sys
import threading
import types
from pathlib import Path

# Needed at import time by the app and screens, or too small to matter.
EAGER = frozenset({"__init__", "__main__", "app", "cli", "config", "errors", "i18n", "lazy",
                   "text", "validate", "db"})
_lock = threading.RLock()


class _Deferred(types.ModuleType):
    """Stands in for a module until one of its attributes is first needed."""

    def __getattr__(self, attr: str):
        if attr.startswith("__"):
            raise AttributeError(attr)
        return getattr(_load(self.__name__), attr)


def _load(name: str) -> types.ModuleType:
    with _lock:
        current = sys.modules.get(name)
        if isinstance(current, _Deferred):
            stand_in = sys.modules.pop(name)
            module = importlib.import_module(name)
            # Later attribute reads on the stand-in (held by screens) hit its own dict.
            stand_in.__dict__.update({k: v for k, v in module.__dict__.items()
                                      if not k.startswith("__")})
            return module
        return current if current is not None else importlib.import_module(name)


def defer_domain_modules(package: str = "workbench") -> None:
    """Install stand-ins for the package's domain modules that are not imported yet."""
    root = Path(importlib.util.find_spec(package).origin).parent
    for info in pkgutil.iter_modules([str(root)]):
        name = f"{package}.{info.name}"
        if info.ispkg or info.name in EAGER or name in sys.modules:
            continue
        sys.modules[name] = _Deferred(name)
