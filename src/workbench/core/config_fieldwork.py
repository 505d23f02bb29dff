"""The ``[fieldwork]`` config section: training topics, display items and how long before
a trained member of staff or a display shows on the plan. Its own module, so the field
work's keys and ranges sit together (``config.Config.fieldwork``; checked by
``config_ranges.check`` through ``check`` here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

TOPICS_DEFAULT = ["company_news", "investment_returns", "incentives", "sales_talk",
                  "new_products"]
DISPLAY_ITEMS_DEFAULT = ["poster", "display_board", "bulletin_board", "blackboard"]


@dataclass(frozen=True)
class FieldworkConfig:
    # Topics a training or morning meeting covers, in the order the form offers them.
    # The built-in ones show by name (公司动态, 投资收益, 激励方案, 销售话术, 新险种推广);
    # a topic of your own, e.g. "理赔案例", shows as typed.
    topics: list[str] = field(default_factory=lambda: list(TOPICS_DEFAULT))
    # Staff of an outlet not trained (早会, 培训, 宣导) for this many days show on the plan.
    training_days: int = 30
    # Display items checked at each outlet (海报, 展板, 宣传栏, 黑板报; your own show as
    # typed) and the days after which one not seen up shows on the plan as stale.
    display_items: list[str] = field(default_factory=lambda: list(DISPLAY_ITEMS_DEFAULT))
    display_days: int = 30


def check(config: Any, source: str, whole: Any, names: Any) -> None:
    """The section's ranges, with ``config_ranges``' own checks (passed in: it imports
    this module's caller, not the other way round)."""
    from workbench.core import validate as v

    fw = config.fieldwork
    names(source, "fieldwork.topics", fw.topics)
    names(source, "fieldwork.display_items", fw.display_items)
    whole(source, "fieldwork.training_days", fw.training_days, 1, v.MAX_DAYS)
    whole(source, "fieldwork.display_days", fw.display_days, 1, v.MAX_DAYS)
