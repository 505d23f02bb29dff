"""Self-assessment (自评): how the manager is doing, by their own hand and by the numbers.

``journal``: morning mood, setbacks (AQ), the weekly 5Q and daily habits.
``policies``: policies sold, their standard premium, and originals awaiting registration.
``grades``: the period's standard premium against the grade's maintain and promote lines.
``career``: the career plan. ``days``: the one "a day that has come" rule for all of them.
``schema``: their tables (one migration set). ``week``: their part of the weekly review.
"""
