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
