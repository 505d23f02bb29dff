"""Self-assessment (自评): the morning score, setbacks (AQ), the weekly 5Q, the five-ones
habits, policies sold against the premium lines of the manager's grade, and the career plan.

Owns the tables ``moods``, ``setbacks``, ``five_q``, ``habits``, ``policies`` and
``career_goals`` (migration set ``workbench.assessment``, in ``schema``).

``journal``: morning mood, setbacks (AQ), the weekly 5Q and daily habits.
``policies``: policies sold, their standard premium, and originals awaiting registration.
``grades``: the period's standard premium against the grade's maintain and promote lines.
``career``: the career plan. ``days``: the one "a day that has come" rule for all of them.
``schema``: their tables (one migration set). ``week``: their part of the weekly review.

May import: ``workbench.core``, ``workbench.roster``.
"""
