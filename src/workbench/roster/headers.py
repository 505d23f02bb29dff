"""Matching what a sheet's author wrote to the app's ids: column headers and role names.

Headers are accepted in Chinese or English, as the column id, either catalogue label or
a synonym a branch's own list uses (手机号, 开户网点, 推荐柜员, 存款到期日 …), compared
without case, spaces, ``_``/``-``, full or half width, or a trailing unit such as (万元)
or （元） (``vocabulary.header_unit`` reads the unit itself). Unknown headers are errors,
never ignored. The customers' columns are named here too: one vocabulary for every list,
on the command line and in the app.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from workbench.core.errors import WorkbenchError
from workbench.core.i18n import catalogue, t
from workbench.roster.vocabulary import ROLE_WORDS, kind_lookup, plain

# column id -> extra accepted headers (the column id and both catalogue labels count too)
OUTLET_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("网点代码", "代码", "网点编号", "编号", "网点号", "机构号", "机构代码", "outlet code"),
    "name": ("名称", "网点名称", "网点", "机构名称", "outlet", "outlet name"),
    "bank": ("银行", "所属银行"),
    "tier": ("等级", "网点等级", "级别"),
    "address": ("地址", "网点地址"),
    "phone": ("电话", "联系电话", "网点电话", "座机", "telephone", "tel"),
    "head": ("负责人", "网点负责人", "网点主任", "person in charge"),
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
# A person's or a customer's outlet, by code or by name (``outlets.outlet_finder``).
OUTLET_WORDS = ("网点代码", "网点编号", "代码", "网点", "所属网点", "开户网点", "网点名称",
                "所属支行", "机构号", "code", "outlet")
PHONE_WORDS = ("电话", "手机", "手机号", "手机号码", "联系电话", "移动电话", "联系方式",
               "mobile", "telephone", "tel")
STAFF_ALIASES: dict[str, tuple[str, ...]] = {
    "outlet_code": OUTLET_WORDS,
    "name": ("姓名", "名字", "人员", "员工姓名"),
    "role": ("岗位", "职务", "职位", "角色", "岗位名称"),
    "phone": PHONE_WORDS,
    "birthday": ("生日", "出生日期", "出生年月日"),
    "notes": ("备注",),
}
# The customers' sheet (``customers.sheet``).
CUSTOMER_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "客户", "客户姓名", "客户名称", "名字", "customer"),
    "phone": PHONE_WORDS,
    "outlet_code": OUTLET_WORDS,
    "referrer": ("推荐人", "推荐柜员", "介绍人", "推荐员工", "柜员", "referred by", "teller"),
    "source": ("来源", "客户来源", "获客渠道", "渠道"),
    "stage": ("阶段", "客户阶段", "状态"),
    "notes": ("备注",),
    "consent": ("同意联系", "联系许可", "是否同意联系", "授权联系"),
    "deposit_band": ("存款金额", "到期金额", "金额", "存款档位", "金额档位", "定期存款金额"),
    "deposit_matures": ("存款到期", "到期日", "存款到期日", "到期日期", "到期时间", "matures"),
}
REQUIRED = {"outlets": ("code", "name"), "staff": ("outlet_code", "name")}


def _norm(header: str) -> str:
    """Headers compare without case, spaces, _ -, width, a trailing unit such as (万元)."""
    s = re.sub(r"\([^)]*\)$", "", plain(header))
    s = re.sub(r"/(万元|万|元)$", "", s)
    return re.sub(r"[_\-]+", "", s).lower()


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


def role_reader(roles: Sequence[str]) -> Callable[[str], tuple[str, str | None]]:
    """A function from a role as written to (role id, the words kept as its title):
    综合柜员 -> (teller, 综合柜员), 柜员 -> (teller, None), 客户经理 -> (other, 客户经理).
    The words are ``vocabulary.ROLE_WORDS``."""
    labels = catalogue()
    return kind_lookup(ROLE_WORDS, roles, {r: labels.get(f"role.{r}", ()) for r in roles})


def role_lookup(roles: Sequence[str]) -> Callable[[str], str]:
    """A role as written (id, label in either language or a bank's word for it) to its
    id; text naming no role is ``other`` when the roles have it, else comes back as
    written for the role's validator to refuse with the options listed."""
    read = role_reader(roles)
    return lambda text: read(text)[0]


def normalise_header(header: str) -> str:
    """How any sheet's header is compared (other capabilities' importers use it too)."""
    return _norm(header)
