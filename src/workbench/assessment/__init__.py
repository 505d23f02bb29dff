"""Self-assessment (自评): the morning score, setbacks (AQ), the weekly 5Q, the five-ones
habits, policies sold against the premium lines of the manager's grade, and the career plan.

Owns the tables ``moods``, ``setbacks``, ``five_q``, ``habits``, ``policies`` and
``career_goals`` (migration set ``workbench.assessment``).

May import: ``workbench.core``, ``workbench.roster``.
"""
