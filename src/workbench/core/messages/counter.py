"""Messages of the counter-ready layout (issue #15): the self screen's brief on a short
terminal, the empty self and week screens, and Textual's built-in key descriptions."""

MESSAGES = {
    # The self screen under 32 rows: the grade card and the mood panel in three lines.
    "self.brief_title": ("职级考核 {grade}级 · {period} · 本期标保 {value} 万元 · 预计 {projection} 万元:{outcome}",
                         "Grade {grade} · {period} · {value} so far · projected {projection}: "
                         "{outcome}"),
    "self.brief_mood": ("早晨打分:{mood} · 本周5Q:{five_q}", "Morning score: {mood} · 5Q: {five_q}"),
    "self.brief_mood_none": ("今天还没打分(按 m)", "not yet (press m)"),
    "self.brief_five_q_none": ("还没做(按 f)", "not yet (press f)"),
    # Empty states (screens/common/data_screen.py EMPTY_HINT): what to do next.
    "empty.self": ("还没有自评记录。每天早上按 m 给状态打分;选中一个习惯按 t 打卡;"
                   "卖出保单按 n 记下,标保计入职级考核",
                   "Nothing recorded yet. Each morning press m to score your day; select a "
                   "habit and press t to tick it; press n to record a policy sold (its "
                   "standard premium counts towards your grade)"),
    "empty.week": ("这一周还没有记录。签到、联系、送单证、记保单和早晨打分会自动汇总到这里;"
                   "按 tab 写本周总结,← 看上一周",
                   "Nothing recorded this week. Check-ins, contacts, deliveries, policies and "
                   "morning scores add up here by themselves; press tab to write the week's "
                   "summary, ← for the week before"),
}
