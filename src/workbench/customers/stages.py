"""A customer's stage (准客户 → 意向 → 已成交 → 售后) and the moves allowed between them.

A prospect may warm to an intention or buy at once; an intention may cool back to a
prospect. Once sold, a customer never goes back to prospect or intention (a policy
exists; a mistaken one is voided on the self screen, the customer's history stays):
sold moves on to after-sale service, and a customer in service who buys again is sold
anew. Moving to the stage one is in is no move and always allowed.
"""

from __future__ import annotations

from workbench.core import validate as v
from workbench.core.errors import ValidationError
from workbench.core.i18n import t

STAGES = ("prospect", "intention", "sold", "service")
MOVES: dict[str, frozenset[str]] = {
    "prospect": frozenset({"intention", "sold"}),
    "intention": frozenset({"prospect", "sold"}),
    "sold": frozenset({"service"}),
    "service": frozenset({"sold"}),
}
# Stages whose customers count as converted (a policy was sold to them).
CONVERTED = ("sold", "service")


def can_move(current: str, target: str) -> bool:
    """Whether a customer in ``current`` may be moved to ``target``."""
    if current not in MOVES or target not in MOVES:
        return False
    return current == target or target in MOVES[current]


def check_move(current: str, target: str) -> str:
    """``target`` if the move is allowed; else a ValidationError naming both stages."""
    v.choice("customer_stage", target, STAGES)
    if not can_move(current, target):
        raise ValidationError("customer_stage", "customers.error.stage_move",
                              current=stage_label(current), target=stage_label(target))
    return target


def stage_label(stage: str) -> str:
    return t(f"customers.stage.{stage}")
