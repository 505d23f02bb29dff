"""Matching what a sheet's author wrote to the app's ids: column headers and role names.

Headers are accepted in Chinese or English, as the column id, either catalogue label or
a common alias, compared without case, spaces, ``_``/``-`` or a trailing unit such as
(万元). Unknown headers are errors, never ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from workbench.core.errors import WorkbenchError
from workbench.core.i18n import catalogue, t

# column id -> extra accepted headers (the column id and both catalogue labels count too)
OUTLET_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("网点代码", "代码", "网点编号", "编号", "outlet code"),
    "name": ("名称", "网点名称", "网点", "outlet", "outlet name"),
    "bank": ("银行", "所属银行"),
    "tier": ("等级", "网点等级", "级别"),
    "address": ("地址", "网点地址"),
    "phone": ("电话", "联系电话", "telephone", "tel"),
    "head": ("负责人", "网点负责人", "person in charge"),
    "deposits_time": ("定期存款", "定期"),
    "deposits_demand": ("活期存款", "活期"),
    "history": ("历史数据",),
    "plan_year": ("本年计划", "年度计划", "plan"),
    "traffic_daily": ("日均人流量",),
    "traffic_monthly": ("月均人流量",),
    "customers_total": ("客户总数",),
    "enquiries": ("客户询问次数", "询问次数"),
    "notes": ("备注",),
}
STAFF_ALIASES: dict[str, tuple[str, ...]] = {
    "outlet_code": ("网点代码", "代码", "网点编号", "code", "outlet"),
    "name": ("姓名", "名字", "人员"),
    "role": ("岗位", "职务"),
    "phone": ("电话", "手机", "联系电话", "mobile", "telephone", "tel"),
    "birthday": ("生日", "出生日期"),
    "notes": ("备注",),
}
REQUIRED = {"outlets": ("code", "name"), "staff": ("outlet_code", "name")}


def _norm(header: str) -> str:
    """Headers compare without case, spaces, _ - and a trailing unit such as (万元)."""
    s = re.sub(r"[\(（][^)）]*[\)）]\s*$", "", str(header).strip())
    return re.sub(r"[\s_\-]+", "", s).lower()


def _alias_map(kind: str, aliases: dict[str, tuple[str, ...]] | None = None) -> dict[str, str]:
    if aliases is None:
        aliases = OUTLET_ALIASES if kind == "outlets" else STAFF_ALIASES
    found: dict[str, str] = {}
    labels = catalogue()
    for column, extra in aliases.items():
        names = [column, *extra, *labels.get(f"field.{column}", ())]
        for name in names:
            found.setdefault(_norm(name), column)
    return found


def match_headers(kind: str, headers: Sequence[str],
                  aliases: dict[str, tuple[str, ...]] | None = None,
                  required: Sequence[str] | None = None) -> dict[str, str]:
    """Column id -> header as written. Raises WorkbenchError naming the bad columns.

    Unknown headers are errors rather than ignored: a typo'd header would otherwise
    silently drop a whole column of the user's data. Another capability's sheet gives
    its own ``aliases`` and ``required`` columns (the customers').
    """
    known = _alias_map(kind, aliases)
    matched: dict[str, str] = {}
    unknown, twice = [], []
    for header in headers:
        if not header.strip():
            continue
        column = known.get(_norm(header))
        if column is None:
            unknown.append(header)
        elif column in matched:
            twice.append(header)
        else:
            matched[column] = header
    if twice:
        raise WorkbenchError("import.duplicate_columns", columns=", ".join(twice))
    missing = [c for c in (REQUIRED[kind] if required is None else required)
               if c not in matched]
    if missing:
        raise WorkbenchError("import.missing_columns",
                             columns=", ".join(t(f"field.{c}") for c in missing))
    if unknown:
        # Another sheet's own aliases lead with the label to show (in the user's language).
        sample = ([names[0] for names in aliases.values()] if aliases else
                  [t(f"field.{c}") for c in (OUTLET_ALIASES if kind == "outlets"
                                              else STAFF_ALIASES)])
        raise WorkbenchError("import.unknown_columns", columns=", ".join(unknown),
                             known=", ".join(sample[:8]) + "…")
    return matched


# role id -> what sheets also call it (the id and both catalogue labels count too)
ROLE_ALIASES: dict[str, tuple[str, ...]] = {
    "head": ("网点负责人", "负责人", "网点主任", "支行负责人", "支行长"),
    "deputy": ("网点副主任", "副经理"),
    "president": ("支行行长",),
    "vice_president": ("支行副行长", "副支行长"),
    "lobby_manager": ("大堂", "大堂主管", "大堂助理"),
    "wealth_manager": ("理财", "理财师", "个人客户经理", "客户经理"),
    "key_teller": ("主办柜员", "柜员主管"),
    "teller": ("综合柜员", "普通柜员", "柜台"),
}


def role_lookup(roles: Sequence[str]) -> Callable[[str], str]:
    """A function from a role as written (id, label in either language or a common
    alias such as 网点负责人) to its id.

    Text that names no role comes back as written, so the role's validator rejects it
    with the options listed.
    """
    labels = catalogue()
    found: dict[str, str] = {}
    for role in roles:
        for name in (role, *labels.get(f"role.{role}", ()), *ROLE_ALIASES.get(role, ())):
            found.setdefault(_norm(name), role)
    return lambda text: found.get(_norm(text), text)


def normalise_header(header: str) -> str:
    """How any sheet's header is compared (other capabilities' importers use it too)."""
    return _norm(header)
