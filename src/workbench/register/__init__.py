"""Custody register (单证): documents delivered to outlet counters and signed for there.

Owns the tables ``deliveries``, ``signoffs`` + ``signoff_lines`` (hash-chained,
append-only), ``voids``, ``policy_events`` (receipt returned, callback done),
``stock_counts``, ``applications``, ``handovers`` and the trigger-kept ``open_lines``
(migration set ``workbench.deliveries``, guards re-created after every migration); the
receipt / cooling-off / callback deadlines; the stock forecast; the register book export.

May import: ``workbench.core``, ``workbench.roster``, ``workbench.assessment`` (a sold
policy's original goes into the register).
"""
