"""Custody register (单证): documents delivered to outlet counters and signed for there.

Owns the tables ``deliveries``, ``signoffs`` + ``signoff_lines`` (hash-chained,
append-only), ``voids``, ``policy_events`` (receipt returned, callback done),
``stock_counts``, ``applications``, ``handovers`` and the trigger-kept ``open_lines``
(awaiting a signature) and ``open_policies`` (signed lines whose receipt or callback is
open) (migration set ``workbench.deliveries``, guards and keeping triggers re-created
after every migration).

One module per job, bottom-up: ``schema`` (tables, indexes, append-only triggers, the
"not voided" fragment), ``serials`` (serial ranges and their overlap), ``deliveries``
(logging a line, reading the register), ``chain`` (counter sign-offs and their hash
chain), ``voids`` (taking a line back), ``deadlines`` (receipt, cooling-off and callback
dates in Python and SQL), ``receipts`` (the policies those deadlines concern), ``stock``,
``applications`` (collected forms and hand-overs), ``originals`` (a sold policy's
original reaches the register), ``book`` (an outlet's register book export) and ``week``
(the register's figures for the weekly review).

May import: ``workbench.core``, ``workbench.roster``, ``workbench.assessment`` (a sold
policy's original goes into the register).
"""
