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
    "field.topic_other": ("其他主题", "Other topic"),
    "train.topic_hint": ("不在列表里就写在这里,如 理赔案例", "not in the list? type it, e.g. claims cases"),
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
MESSAGES.update({
    # the plan's field work lines (plan.fieldwork_view)
    "plan.section.route": ("今日路线(已访 {visited}/{planned})",
                           "Today's route (visited {visited}/{planned})"),
    "plan.section.route_none": ("今日路线(未规划)", "Today's route (not planned)"),
    "plan.section.displays": ("网点布置({count})", "Displays ({count})"),
    "plan.empty.displays": ("没有过期的布置({days} 天内见过)", "no display unseen for {days} days"),
    "route.visited": ("已到访", "visited"),
    "route.not_yet": ("未到访", "not yet"),
    "route.plan": ("规划今天的路线", "Plan today's route"),
    "route.change": ("调整路线", "Change the route"),
    "route.call_rate": ("路线对照:计划 {planned} 家,已访 {visited} 家,拜访率 {rate}",
                        "Route vs visits: {planned} planned, {visited} visited, call rate {rate}"),
    "route.off_plan": ("计划外", "off the plan"),
    "route.all_visited": ("路线上的网点都已到访", "every outlet on the route visited"),
    "route.reason.due": ("到期拜访", "visit due"),
    "route.reason.documents": ("单证待送/待签", "documents waiting"),
    "route.reason.training": ("需培训", "training due"),
    "route.reason.follow_up": ("培训跟进", "training follow-up"),
    "train.due": ("待培训", "Training due"),
    "train.follow_up": ("培训跟进", "Follow-up"),
    "train.never": ("{count} 人从未培训", "{count} staff never trained"),
    "train.not_for": ("{count} 人 {days} 天未培训", "{count} staff untrained for {days} days"),
    "display.down": ("{date} 检查时未布置", "not up on {date}"),
    "display.never_up": ("从未见到布置", "never seen up"),
    "display.not_seen": ("{days} 天未见", "not seen for {days} days"),
})
MESSAGES.update({
    # the forms (screens.fieldwork.forms)
    "train.title": ("培训/早会记录 · {name}", "Training / morning meeting · {name}"),
    "train.recorded": ("已记录 {name} 的培训", "Training at {name} recorded"),
    "display.title": ("网点布置检查 · {name}", "Display check · {name}"),
    "display.is_up": ("已布置", "up"),
    "display.is_down": ("未布置", "not up"),
    "display.recorded": ("已记录 {name} 的 {count} 项布置", "{count} display items at {name} recorded"),
})
MESSAGES.update({
    # the route screen (screens.fieldwork.route)
    "route.title": ("规划今日路线", "Plan today's route"),
    "route.planned": ("今日路线({count} 家)", "Today's route ({count})"),
    "route.empty": ("还没有安排网点:从下面的建议中选", "No outlet yet: pick from the suggestions below"),
    "route.suggested": ("建议({count})", "Suggested ({count})"),
    "route.keys": ("回车 加入/移出 · Shift+↑↓ 或 K/J 调整顺序 · a 其他网点 · Esc 关闭",
                   "Enter add/remove · Shift+↑↓ or K/J reorder · a other outlet · Esc close"),
    "route.add_title": ("加入路线的网点", "Outlet to add to the route"),
    "key.close": ("关闭", "Close"),
    "key.route_up": ("上移", "Move up"),
    "key.route_down": ("下移", "Move down"),
    "key.route_add": ("加网点", "Add outlet"),
    "key.plan_route": ("路线", "Route"),
    "key.record_training": ("培训", "Training"),
    "key.check_displays": ("布置", "Displays"),
})
MESSAGES.update({
    "train.pick_outlet": ("在哪个网点培训/开早会?", "Training at which outlet?"),
    "display.pick_outlet": ("检查哪个网点的布置?", "Check the displays of which outlet?"),
})
MESSAGES.update({
    # the outlet card's line (screens.roster.card_data)
    "card.last_trained": ("上次培训", "Last trained"),
    "card.never_trained": ("从未培训", "never"),
    "card.trained_today": ("今天", "today"),
    "card.trained_ago": ("{days} 天前", "{days} days ago"),
})
MESSAGES.update({
    # the palette (screens.fieldwork.palette)
    "palette.route": ("规划今日路线", "Plan today's route"),
    "palette.route_help": ("选今天要去的网点并排好顺序", "Choose today's outlets and their order"),
    "palette.training_at": ("培训/早会:{name} ({code})", "Training / morning meeting: {name} ({code})"),
    "palette.training_help": ("记录主题、参加人员、时长和跟进日期",
                              "Record the topic, attendees, duration and follow-up"),
    "palette.displays_at": ("检查布置:{name} ({code})", "Check displays: {name} ({code})"),
    "palette.displays_help": ("海报、展板、宣传栏、黑板报是否布置", "Which posters and boards are up"),
})
MESSAGES.update({
    # the week's figures (fieldwork.week)
    "review.section.fieldwork": ("培训与路线", "Training and route"),
    "review.fig.morning_meetings": ("早会", "Morning meetings"),
    "review.fig.trainings": ("培训", "Trainings"),
    "review.fig.events": ("产说会/社区咨询/宣导", "Seminars, consultations, briefings"),
    "review.fig.staff_trained": ("培训覆盖人员", "Staff trained"),
    "review.fig.training_hours": ("培训小时数", "Training hours"),
    "review.fig.route_planned": ("路线计划网点", "Outlets on the route"),
    "review.fig.call_rate": ("路线拜访率", "Route call rate"),
})
