"""Field work at the outlets (网点工作): the manager as the outlet's trainer, publicist and
events organiser, and the day's route.

- ``schema``: the tables (``trainings``, ``training_attendees``, ``display_checks``,
  ``route_stops``) and their migration set ``workbench.fieldwork``;
- ``trainings``: training, 早会 and event records (kind, topic, attendees from the
  outlet's staff, duration, materials, follow-up), last trained, staff not trained for
  N days, the week's figures;
- ``displays``: the per-outlet checklist of display items, checked on a visit, and the
  stale ones;
- ``route``: the day's planned outlets in order, and planned against visited (call rate).

Needs ``roster`` (outlets, staff, visits); the plan, the week and the screens read it.
"""
