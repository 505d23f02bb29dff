"""Generator steps: one small module per capability, run in this order.

Each entry is ``(name, module_it_needs, function)``. A step whose product module is
not importable (a capability not merged yet) is skipped, so the generator works on
any branch; the cache key records which steps ran.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable

from . import outlets

Step = tuple[str, str, Callable]

STEPS: list[Step] = [
    ("outlets", "workbench.roster.outlets", outlets.generate),
]


def _later(name: str, product: str) -> None:
    """A capability's step, added once its product module exists in this checkout."""
    if importlib.util.find_spec(product):
        module = importlib.import_module(f"bench.steps.{name}")
        STEPS.append((name, product, module.generate))


_later("deliveries", "workbench.register.deliveries")
_later("assessment", "workbench.assessment.journal")
_later("plan", "workbench.plan.tasks")
_later("customers", "workbench.customers.records")
_later("fieldwork", "workbench.fieldwork.trainings")
_later("targets", "workbench.targets.targets")
