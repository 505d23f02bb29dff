"""Messages of a month's or quarter's report: the review's week-worded labels (本周…,
"this week") as that span says them (``review.wording.span_label``)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "review.fig.awaiting_signature.month": ("本月结束时仍待签收", "Still awaiting signature when the month ended"),
    "review.fig.awaiting_signature.quarter": ("本季结束时仍待签收", "Still awaiting signature when the quarter ended"),
    "review.fig.outlets_broke_zero.month": ("本月破零网点", "Outlets that broke zero"),
    "review.fig.outlets_broke_zero.quarter": ("本季破零网点", "Outlets that broke zero"),
    "review.list.mood.month": ("本月早晨打分", "Morning scores this month"),
    "review.list.mood.quarter": ("本季早晨打分", "Morning scores this quarter"),
    "review.list.policies.month": ("本月出单", "Policies this month"),
    "review.list.policies.quarter": ("本季出单", "Policies this quarter"),
    "review.list.broke_zero.month": ("本月破零网点", "Outlets that broke zero this month"),
    "review.list.broke_zero.quarter": ("本季破零网点", "Outlets that broke zero this quarter"),
    "review.list.referrals.month": ("本月柜员推荐", "Teller referrals this month"),
    "review.list.referrals.quarter": ("本季柜员推荐", "Teller referrals this quarter"),
    "review.summary_title.month": ("本月总结(多写一份总结)", "This month's summary"),
    "review.summary_title.quarter": ("本季总结(多写一份总结)", "This quarter's summary"),
}
