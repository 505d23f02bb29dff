"""Targets and campaigns (网点任务, 激励方案): what the company asks of each outlet, and how
far the logged policies have come.

Owns the tables ``outlet_targets``, ``campaigns`` and ``campaign_outlets`` (migration set
``workbench.targets``, in ``schema``). A target is typed per outlet and per month, quarter
or year (premium and standard premium), or imported from the company's sheet
(``importer``); progress is never typed: ``progress`` computes it from the live policies
of ``assessment.policies``. ``campaigns``: incentive schemes and product launches with a
date window, outlets and a target, their progress computed the same way.

May import: ``workbench.core``, ``workbench.roster``, ``workbench.assessment``.
"""
