"""Customers (客户) and their follow-up: prospects found with the outlets' tellers,
maturing deposits, renewals, cooling-off ends and after-sale cases.

``schema`` (the tables, set ``workbench.customers``), ``stages`` (the stage machine),
``records`` (customers: clean, add, edit, list, find), ``deposits``, ``renewals``
(renewal dates and the cooling-off end of a linked policy), ``followups`` (the dated
work: stored follow-ups and cases, and those derived from deposits and policies; the
order), ``links`` (a policy and its customer), ``referrals`` (per outlet and teller,
the key tellers), ``sheet`` (import and export), ``erasure`` (on request), ``week``
(the review's figures). No Textual here.
"""
