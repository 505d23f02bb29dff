"""Generator steps: one small module per capability, run in this order.

Each entry is ``(name, module_it_needs, function)``. A step whose product module is
not importable (a capability not merged yet) is skipped, so the generator works on
any branch; the cache key records which steps ran.
"""

from __future__ import annotations

from collections.abc import Callable

from . import outlets

Step = tuple[str, str, Callable]

STEPS: list[Step] = [
    ("outlets", "workbench.outlets", outlets.generate),
]
