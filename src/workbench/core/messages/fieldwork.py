"""Messages of the outlet field work: the check-in rules, trainings and morning meetings,
displays and the day's route."""

MESSAGES: dict[str, tuple[str, str]] = {
    # check-in rules (roster.visits.VisitRules)
    "error.visit_after_clock": ("{time} 还没到(现在 {now}),不能提前登记",
                                "{time} is later than the clock ({now})"),
    "error.visit_overlaps": ("与 {day} {start}–{end} 在 {name} 的拜访时间重叠",
                             "overlaps the visit to {name} on {day} {start}–{end}"),
    "visit.clipped": ("({typed} 签到,自 {start} 起算)",
                      "(checked in {typed}, counted from {start})"),
    "visit.short_not_due": ("(时间过短,不算到期拜访)",
                            "(too short to clear the visit due)"),
    "visit.checked_in_clipped": ("已在 {name} 签到:{typed} 早于上班时间,自 {start} 起算",
                                 "Checked in at {name}: {typed} is before working hours, "
                                 "counted from {start}"),
}
MESSAGES.update({
    # trainings, 早会 and events (fieldwork.trainings)
    "field.training_kind": ("类型", "Kind"),
    "field.topic": ("主题", "Topic"),
    "field.held_on": ("日期", "Date"),
    "field.minutes": ("时长(分钟)", "Duration (min)"),
    "field.attendees": ("参加人员", "Attendees"),
    "field.materials": ("使用资料", "Materials used"),
    "field.follow_up": ("跟进日期", "Follow-up date"),
    "training_kind.morning_meeting": ("早会", "Morning meeting"),
    "training_kind.training": ("培训", "Training"),
    "training_kind.product_seminar": ("产说会", "Product seminar"),
    "training_kind.community": ("社区咨询", "Community consultation"),
    "training_kind.publicity": ("宣导", "Briefing"),
    "topic.company_news": ("公司动态", "Company news"),
    "topic.investment_returns": ("投资收益", "Investment returns"),
    "topic.incentives": ("激励方案", "Incentives"),
    "topic.sales_talk": ("销售话术", "Sales talk"),
    "topic.new_products": ("新险种推广", "New products"),
    "error.training_in_future": ("{day} 还没到,只能登记已经开过的", "{day} has not come yet: "
                                 "record what was held"),
    "error.follow_up_before": ("跟进日期不能早于 {day}", "the follow-up cannot be before {day}"),
    "error.attendee_not_at_outlet": ("参加人员须是 {name} 的在岗人员",
                                     "attendees must be active staff of {name}"),
})
MESSAGES.update({
    # displays (fieldwork.displays)
    "field.checked_on": ("检查日期", "Checked on"),
    "field.items": ("布置项目", "Display items"),
    "display.poster": ("海报", "Poster"),
    "display.display_board": ("展板", "Display board"),
    "display.bulletin_board": ("宣传栏", "Bulletin board"),
    "display.blackboard": ("黑板报", "Blackboard"),
    "error.display_in_future": ("{day} 还没到,只能登记已经检查过的",
                                "{day} has not come yet: record what was checked"),
    "error.display_none": ("请至少检查一项布置", "check at least one display item"),
    # the day's route (fieldwork.route)
    "error.route_past": ("{day} 已过去,当天的路线保持原样",
                         "{day} is past: that day's route stays as it was"),
    "error.route_twice": ("同一网点在路线上只能出现一次", "an outlet can be on the route once"),
    "error.route_long": ("路线最多 {count} 个网点", "a route holds at most {count} outlets"),
})
