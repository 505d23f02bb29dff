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
}
