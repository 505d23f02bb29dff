"""The ids ``[keymap]`` accepts are exactly the ids of the bindings the app declares.

Core checks the config without importing the screens, from a plain set of ids
(``core.keymap.BINDING_IDS``); this test collects the real ``BINDINGS`` of the app and
of every screen module, so a binding added, renamed or left without an id fails here.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections import Counter

from textual.binding import Binding

import workbench.app
import workbench.screens
from workbench.core.keymap import BINDING_IDS


def declared_bindings() -> list[tuple[str, object]]:
    """(class, binding) for every BINDINGS entry of a class defined in the app or a screen."""
    modules = [workbench.app] + [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(workbench.screens.__path__, "workbench.screens.")]
    found = []
    for module in modules:
        for name, cls in vars(module).items():
            if (inspect.isclass(cls) and cls.__module__ == module.__name__
                    and "BINDINGS" in cls.__dict__):
                found += [(f"{module.__name__}.{name}", b) for b in cls.__dict__["BINDINGS"]]
    return found


def test_every_binding_has_an_id():
    bindings = declared_bindings()
    assert len(bindings) >= len(BINDING_IDS)  # the walk found the screens
    missing = [(where, b) for where, b in bindings
               if not isinstance(b, Binding) or not b.id]
    assert missing == [], "a Binding without an id cannot be rebound in [keymap]"


def test_each_id_names_one_binding():
    counts = Counter(b.id for _, b in declared_bindings())
    assert [i for i, n in counts.items() if n > 1] == []


def test_the_config_knows_exactly_the_declared_ids():
    declared = {b.id for _, b in declared_bindings()}
    assert declared - BINDING_IDS == set(), "add these to core/keymap.py"
    assert BINDING_IDS - declared == set(), "no binding has these ids any more"
