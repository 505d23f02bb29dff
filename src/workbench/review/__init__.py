"""Weekly review (周报): the week's figures beside the week before, the summary, reports.

Owns the table ``reviews`` (migration set ``workbench.review``); composes each
capability's week figures (``roster``, ``register.week``, ``assessment.week``,
``plan.week``) and writes the Markdown, CSV and .xlsx reports.

May import: every capability below it (core, roster, assessment, register, plan).
"""
