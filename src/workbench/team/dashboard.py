"""The channel manager's dashboard: its canned queries, charts and bilingual labels.

Each figure is one SQL query over the figure tables (``schema.FIGURES``), written once
here and used twice: as a Datasette canned query (so it can be exported as CSV or JSON
by Datasette itself; ``:week`` empty means each manager's latest merged week) and as a
chart of the datasette-dashboards dashboard (the week filter there). Every query starts
from ``team_managers`` (one row per manager) and reaches the figures through their key
(manager, week): no query reads a growing table whole (``CROSS JOIN`` keeps SQLite from
turning the join round on a small team whose statistics favour the figures' side).
"""

from __future__ import annotations

from typing import Any

# How ``{week}`` reads in each use: the canned query takes an optional :week; the
# dashboard drops the filter's clause when no week is chosen ([[ … ]]).
CANNED_WEEK = "f.week = coalesce(nullif(:week, ''), m.week)"
CHART_WEEK = "(f.week = m.week [[ AND :week IS NULL ]]) [[ OR f.week = :week ]]"


def _figure(keys: tuple[str, ...]) -> str:
    # Rounded as the review shows them (a rate to 0.1 %, a count stays whole).
    cols = ", ".join(f"round(max(CASE WHEN f.key = '{k}' THEN f.value END), 3) AS {k}"
                     for k in keys)
    wanted = ", ".join(f"'{k}'" for k in keys)
    return (f"SELECT m.manager, f.week, {cols} FROM team_managers m "
            f"CROSS JOIN team_figures f ON f.manager = m.manager AND f.key IN ({wanted}) "
            "WHERE {week} GROUP BY m.manager, f.week ORDER BY m.manager")


# name: (zh title, en title, zh description, en description, SQL with {week})
QUERIES: dict[str, tuple[str, str, str, str, str]] = {
    "coverage": (
        "拜访覆盖(按网点等级)", "Visit coverage by outlet tier",
        "本周应访网点(上次拜访 + 等级周期 ≤ 周末)中已拜访的比例",
        "Outlets due this week (last visit + the tier's cadence by the week's end) and how "
        "many of them were visited",
        "SELECT m.manager, f.week, f.tier, f.outlets, f.due, f.visited, f.coverage "
        "FROM team_managers m CROSS JOIN team_coverage f ON f.manager = m.manager "
        "WHERE {week} ORDER BY m.manager, f.tier"),
    "checkins": (
        "不计入的签到及原因", "Check-ins that do not count, and why",
        "按每位客户经理自己的活动规则(工作时间、时长、日志、半天网点上限)",
        "By each manager's own activity rules (working hours, length, log note, outlets "
        "per half day)",
        "SELECT m.manager, f.week, f.outlet, f.started_at, f.ended_at, f.reasons_zh, "
        "f.reasons_en FROM team_managers m CROSS JOIN team_checkins f ON f.manager = m.manager "
        "WHERE {week} ORDER BY m.manager, f.started_at"),
    "late_outlets": (
        "超过拜访周期未拜访的网点", "Outlets not visited past their cadence",
        "截至周末,下次拜访日已过", "At the week's end, the next visit's day has passed",
        "SELECT m.manager, f.week, f.code, f.outlet, f.tier, f.last_visit, f.due_on, "
        "f.days_over FROM team_managers m CROSS JOIN team_late_outlets f ON f.manager = m.manager "
        "WHERE {week} ORDER BY f.days_over DESC, m.manager"),
    "documents": (
        "待签收与逾期回执/回访", "Awaiting signature, overdue receipts and callbacks",
        "截至周末的数量", "Counts at the week's end",
        _figure(("awaiting_signature", "receipts_overdue", "callbacks_overdue"))),
    "stock": (
        "库存断档", "Stock run-outs",
        "估计库存为零(run_out = 1)或即将用完的网点资料",
        "Outlet stock estimated at zero (run_out = 1) or about to run out",
        "SELECT m.manager, f.week, f.code, f.outlet, f.kind, f.estimate, f.days_left, "
        "f.run_out FROM team_managers m CROSS JOIN team_stock f ON f.manager = m.manager "
        "WHERE {week} ORDER BY f.run_out DESC, m.manager, f.code"),
    "premium": (
        "标保与职级维持/晋升线", "Standard premium against the grade's lines",
        "考核期内累计标保(考核单位)与该客户经理职级的维持线、晋升线,及按当前进度的预测",
        "The period's standard premium (threshold units) against the maintain and promote "
        "lines of each manager's grade, and the projection at the current pace",
        "SELECT m.manager, f.week, f.grade, f.period_start, f.period_end, f.achieved, "
        "f.maintain, f.promote, f.projection, f.outcome FROM team_managers m "
        "CROSS JOIN team_premium f ON f.manager = m.manager WHERE {week} ORDER BY m.manager"),
    "broke_zero": (
        "破零网点与出单率", "Outlets that broke zero, and the issuing rate",
        "本周首次出单的网点数;考核期出单率", "Outlets whose first policy of the period came "
        "this week; the period's issuing rate",
        _figure(("outlets_broke_zero", "issuing_rate"))),
    "mood": (
        "晨间情绪均值(本人同意共享时)", "Morning mood average (only where shared)",
        "仅显示在配置中开启 share_mood 的客户经理", "Only managers whose config turns "
        "share_mood on",
        _figure(("mood_average",)).replace("WHERE {week}", "WHERE m.share_mood = 1 AND {week}")),
}

CHARTS: dict[str, dict[str, Any]] = {
    "coverage": {"library": "vega-lite", "display": {
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {"x": {"field": "manager", "type": "nominal"},
                     "xOffset": {"field": "tier"},
                     "y": {"field": "coverage", "type": "quantitative",
                           "axis": {"format": "%"}},
                     "color": {"field": "tier", "type": "nominal"}}}},
    "premium": {"library": "vega-lite", "display": {
        "layer": [
            {"mark": {"type": "bar", "tooltip": True},
             "encoding": {"x": {"field": "manager", "type": "nominal"},
                          "y": {"field": "achieved", "type": "quantitative"}}},
            {"mark": {"type": "tick", "color": "orange", "thickness": 3},
             "encoding": {"x": {"field": "manager", "type": "nominal"},
                          "y": {"field": "maintain", "type": "quantitative"}}},
            {"mark": {"type": "tick", "color": "green", "thickness": 3},
             "encoding": {"x": {"field": "manager", "type": "nominal"},
                          "y": {"field": "promote", "type": "quantitative"}}}]}},
}

LAYOUT = [["coverage", "premium"], ["documents", "broke_zero"], ["checkins", "late_outlets"],
          ["stock", "mood"]]

# Column labels, zh and en, shown as the columns' descriptions on the table pages.
COLUMNS = {
    "manager": "客户经理 manager", "week": "周 week", "tier": "网点等级 outlet tier",
    "outlets": "网点数 outlets", "due": "应访 due", "visited": "已访 visited",
    "coverage": "覆盖率 coverage", "outlet": "网点 outlet", "started_at": "签到 checked in",
    "ended_at": "签退 checked out", "reasons_zh": "原因 reasons (zh)",
    "reasons_en": "原因 reasons (en)", "code": "网点代码 outlet code",
    "last_visit": "上次拜访 last visit", "due_on": "应访日 due on",
    "days_over": "逾期天数 days over", "kind": "种类 kind", "estimate": "估计库存 estimate",
    "days_left": "可用天数 days left", "run_out": "断档 run out", "grade": "职级 grade",
    "period_start": "考核期始 period start", "period_end": "考核期末 period end",
    "achieved": "已达标保 achieved", "maintain": "维持线 maintain", "promote": "晋升线 promote",
    "projection": "预测 projection", "outcome": "预测结果 outcome", "key": "指标 figure",
    "value": "本周 this week", "previous": "上周 week before", "section": "部分 section",
    "id": "编号 id", "outlet_id": "网点编号 outlet id", "name": "名称 name",
    "bank": "银行 bank", "active": "在用 active", "role": "岗位 role",
    "purpose": "目的 purpose", "notes": "备注(已脱敏) notes (masked)",
    "note": "备注(已脱敏) note (masked)", "customer": "客户(已脱敏) customer (masked)",
    "customer_name": "客户姓名(已脱敏) customer name (masked)",
    "customer_phone": "客户电话(已脱敏) customer phone (masked)",
    "applicant": "投保人(已脱敏) applicant (masked)", "quantity": "数量 quantity",
    "policy_no": "保单号 policy number", "delivered_at": "配送时间 delivered at",
    "signer": "签收人 signer", "signed_at": "签收时间 signed at",
    "recorded_at": "记录时间 recorded at", "seq": "链接序号 link", "hash": "哈希 hash",
    "prev_hash": "前一哈希 previous hash", "issue_date": "出单日 issue date",
    "premium": "保费 premium", "standard_premium": "标保 standard premium",
    "day": "日期 day", "score": "晨间情绪 mood score", "counted_at": "盘点时间 counted at",
    "event": "事件 event", "on_date": "日期 on date", "voided_at": "作废时间 voided at",
}

# Table titles, zh · en.
TITLES = {
    "team_figures": "周报指标 · Weekly review figures",
    "team_coverage": "拜访覆盖 · Visit coverage", "team_checkins": "不计入的签到 · "
    "Check-ins not counting", "team_late_outlets": "逾期未访网点 · Outlets past cadence",
    "team_stock": "库存 · Stock", "team_premium": "标保与职级线 · Premium and grade lines",
    "team_heads": "已接收的链头 · Accepted heads",
    "team_managers": "客户经理 · Managers", "outlets": "网点 · Outlets",
    "staff": "网点人员 · Staff",
    "visits": "拜访 · Visits", "deliveries": "配送 · Deliveries", "signoffs": "签收 · Sign-offs",
    "signoff_lines": "签收明细 · Sign-off lines", "voids": "作废 · Voids",
    "policy_events": "回执/回访 · Receipts and callbacks", "stock_counts": "盘点 · Stock counts",
    "applications": "投保单 · Applications", "handovers": "交接 · Hand-overs",
    "policies": "保单 · Policies", "ledger": "总账链 · Ledger", "moods": "晨间情绪 · Moods",
}


def canned_queries() -> dict[str, dict[str, Any]]:
    return {name: {"title": f"{zh} · {en}", "description": f"{dzh}。{den}.",
                   "sql": sql.format(week=CANNED_WEEK)}
            for name, (zh, en, dzh, den, sql) in QUERIES.items()}


def dashboard() -> dict[str, Any]:
    """The datasette-dashboards configuration of the ``team`` dashboard."""
    charts = {}
    for name, (zh, en, _dzh, _den, sql) in QUERIES.items():
        chart = CHARTS.get(name, {"library": "table", "display": {}})
        charts[name] = {"title": f"{zh} · {en}", "db": "team",
                        "query": sql.format(week=CHART_WEEK), **chart}
    return {"title": "团队看板 · Team dashboard",
            "description": "每位客户经理每周的数据,来自验证过签名和哈希链的周报包。"
                           "Each manager's week, from bundles whose signature and hash "
                           "chains were verified.",
            "layout": LAYOUT,
            "filters": {"week": {"name": "周 Week", "type": "select", "db": "team",
                                 "query": "SELECT DISTINCT week FROM team_heads "
                                          "ORDER BY week DESC"}},
            "charts": charts}


def metadata(password_hash: str | dict[str, str], user: str) -> dict[str, Any]:
    """Datasette's metadata: the login, who may see anything, titles and labels."""
    from workbench.team import schema

    columns = {table: ["manager", "week", *spec[0].replace(",", "").split()[::2]]
               for table, spec in schema.FIGURES.items()}
    columns.update({table: ["manager", *schema.columns(table)] for table in schema.TABLES})
    tables = {table: {"title": TITLES.get(table, table),
                      "columns": {c: COLUMNS[c] for c in names if c in COLUMNS}}
              for table, names in columns.items()}
    return {
        "title": "团队看板 · Team dashboard",
        "description": "银保客户经理团队周报 · Bank-assurance team roll-up",
        # Everything behind the login: the one channel-manager account.
        "allow": {"id": user},
        "databases": {"team": {"title": "团队数据库 · Team database",
                               "tables": tables, "queries": canned_queries()}},
        "plugins": {
            "datasette-auth-passwords": {f"{user}_password_hash": password_hash,
                                         "actors": {user: {"id": user,
                                                           "name": "渠道经理 channel manager"}}},
            "datasette-dashboards": {"team": dashboard()},
        },
    }


# One row per manager: the queries read it whole on purpose.
SMALL_TABLES = frozenset({"team_managers"})


def full_scans(db: Any, sql: str) -> list[str]:
    """The tables ``sql`` reads whole (a ``SCAN`` without an index), but the small ones:
    what the bench reports and a test forbids."""
    import re

    # The plan names a table by its alias (``FROM team_managers m``).
    aliases = dict((alias, table) for table, alias in re.findall(
        r"(?:FROM|JOIN)\s+(\w+)\s+(?!ON\b|WHERE\b|CROSS\b|JOIN\b)(\w+)", sql))
    out = []
    for row in db.execute("EXPLAIN QUERY PLAN " + sql, {"week": ""}).fetchall():
        detail = row[-1]
        if detail.startswith("SCAN ") and " USING " not in detail:
            name = detail.split()[1]
            if aliases.get(name, name) not in SMALL_TABLES:
                out.append(detail)
    return out
