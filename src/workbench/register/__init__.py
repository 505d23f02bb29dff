"""The custody register (单证): what the manager delivers to outlets and who signed for it.

One module per job, bottom-up: ``schema`` (tables, indexes, append-only triggers, the
"not voided" fragment), ``serials`` (serial ranges and their overlap), ``deliveries``
(logging a line, reading the register), ``chain`` (counter sign-offs and their hash
chain), ``voids`` (taking a line back), ``deadlines`` (receipt, cooling-off and callback
dates in Python and SQL), ``receipts`` (the policies those deadlines concern), ``stock``,
``applications`` (collected forms and hand-overs), ``originals`` (a sold policy's
original reaches the register), ``book`` (an outlet's register book export) and ``week``
(the register's figures for the weekly review).
"""
