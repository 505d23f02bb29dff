"""The card's targets block (任务 and 完成, computed from policies) and the target form."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.core.i18n import t
from workbench.screens.common.changes import announce
from workbench.screens.common.form import Field, FormScreen
from workbench.targets import periods
from workbench.targets import targets as outlet_targets
from workbench.targets.progress import Progress

if TYPE_CHECKING:
    from textual.screen import Screen


def wan(amount: float | None) -> str:
    """Yuan shown in 万元: 12.35 (two decimals, no trailing zeros)."""
    if amount is None:
        return "—"
    text = f"{amount / outlet_targets.WAN:,.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def target_lines(progress: list[Progress]) -> list[tuple[str, str]]:
    """One line per period (本月, 本季, 本年): achieved / target in 万元 and the share."""
    lines = []
    for p in progress:
        name = t(f"target.short.{p.period.kind}")
        if not p.has_target:
            lines.append((name, t("card.target_none", achieved=wan(p.premium))))
            continue
        on_standard = not p.target_premium
        done = p.standard_premium if on_standard else p.premium
        goal = p.target_standard if on_standard else p.target_premium
        share = f"{p.share:.0%}" if p.share is not None else "—"
        lines.append((name, t("card.target_line", achieved=wan(done), target=wan(goal),
                              share=share)))
    return lines


def totals_line(progress: list[Progress]) -> str:
    """All outlets in one line (the self screen): 本月 45% · 本季 38% · 本年 12%."""
    parts = [f"{t(f'target.short.{p.period.kind}')} {p.share:.0%}" for p in progress
             if p.share is not None]
    if not parts:
        return t("self.targets_none")
    return t("self.targets_line", parts=" · ".join(parts))


def target_fields() -> list[Field]:
    return [
        Field("target_period", t("field.target_period"), "select",
              [(t(f"target.period.{k}"), k) for k in periods.PERIODS], required=True),
        Field("target_starts", t("field.target_starts"), placeholder="2026-11", required=True),
        Field("target_premium", t("field.target_premium"), "number", placeholder="50"),
        Field("target_standard", t("field.target_standard"), "number", placeholder="5"),
    ]


def set_target(screen: Screen, outlet_id: int, name: str) -> None:
    """The target form for one outlet; saving announces ``outlet_targets``."""
    app = screen.app

    def submit(values: dict[str, str]) -> tuple[str, bool]:
        draft = outlet_targets.TargetDraft(
            outlet=outlet_id, period=values.get("target_period", ""),
            starts=values.get("target_starts", ""), premium=values.get("target_premium", ""),
            standard_premium=values.get("target_standard", ""))
        period = outlet_targets.set_target(app.db, draft, app.now())
        cleared = not str(draft.premium).strip() and not str(draft.standard_premium).strip()
        return periods.period_label(period), cleared

    def after(result: object) -> None:
        if result:
            label, cleared = result  # type: ignore[misc]
            app.notify(t("target.cleared" if cleared else "target.saved", name=name,
                         period=label))
            announce(app, "outlet_targets")

    month = periods.period_for(app.today, "month")
    values = {"target_period": "month", "target_starts": periods.period_label(month)}
    # This month's target, when one is set, to change rather than type again.
    current = next((x for x in outlet_targets.outlet_targets(app.db, outlet_id)
                    if x.period == month), None)
    if current is not None:
        values |= {"target_premium": wan_plain(current.premium),
                   "target_standard": wan_plain(current.standard_premium)}
    app.push_screen(FormScreen(t("target.title", name=name), target_fields(), values, submit),
                    after)


def wan_plain(amount: float | None) -> str:
    """Yuan as 万元 typed back into a form: 12.5 (no separators), empty for none."""
    return "" if amount is None else wan(amount).replace(",", "")
