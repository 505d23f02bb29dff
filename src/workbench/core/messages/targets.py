"""Messages of outlet targets, their progress, campaigns and the profile settings form."""

MESSAGES: dict[str, tuple[str, str]] = {
    # targets
    "field.target_outlet": ("网点", "Outlet"),
    "field.target_period": ("期间", "Period"),
    "field.target_starts": ("期间(如 2026-11、2026-Q4、2026)", "Period (e.g. 2026-11, 2026-Q4, 2026)"),
    "field.target_premium": ("保费任务(万元)", "Premium target (10k CNY)"),
    "field.target_standard": ("标保任务(万元)", "Standard premium target (10k CNY)"),
    "target.period.month": ("月度", "Month"),
    "target.period.quarter": ("季度", "Quarter"),
    "target.period.year": ("年度", "Year"),
    "target.short.month": ("本月", "Month"),
    "target.short.quarter": ("本季", "Quarter"),
    "target.short.year": ("本年", "Year"),
    "target.error.no_amount": ("保费任务和标保任务至少填一项", "Give a premium or a standard premium target"),
    "target.title": ("设定网点任务:{name}", "Set a target: {name}"),
    "target.saved": ("任务已保存:{name} {period}", "Target saved: {name} {period}"),
    "target.cleared": ("任务已清除:{name} {period}", "Target cleared: {name} {period}"),
    "key.set_target": ("设定任务", "Set target"),
    "card.targets": ("任务完成(按保单计算)", "Targets (from policies)"),
    "card.target_line": ("{achieved}/{target}万 {share}", "{achieved}/{target} (10k) {share}"),
    "card.target_none": ("{achieved}万 未设任务", "{achieved} (10k), no target"),
    "roster.col.year_target": ("年任务万", "Year 10k"),
    "roster.col.completion": ("完成", "Done"),
    "self.targets_line": ("网点任务完成 {parts}", "Outlet targets done: {parts}"),
    "self.targets_none": ("网点任务:未设定(网点卡片上按 t 设定)", "Outlet targets: none set (t on an outlet's card)"),
    # target import
    "target.import.missing_columns": ("任务表缺少列:{columns}", "The target sheet lacks columns: {columns}"),
    "target.import.unknown_columns": ("任务表有无法识别的列:{columns}(可用:网点代码、期间、开始、保费任务、标保任务)",
                                      "Unknown columns in the target sheet: {columns} (known: code, period, starts, premium, standard premium)"),
}
