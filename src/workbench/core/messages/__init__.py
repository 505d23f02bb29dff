"""Per-capability message tables, merged by ``i18n.catalogue()``.

A capability adds ``messages/<name>.py`` with ``MESSAGES = {key: (zh, en)}`` and
lists it in ``ALL`` below.
"""

from workbench.core.messages import (
    assessment,
    core,
    counter,
    customers,
    deliveries,
    fieldwork,
    importer,
    outlets,
    plan,
    reminders,
    review,
    serve,
    spans,
    targets,
    team,
    trust,
)

ALL = [core.MESSAGES, outlets.MESSAGES, deliveries.MESSAGES, assessment.MESSAGES,
       review.MESSAGES, importer.MESSAGES, plan.MESSAGES, trust.MESSAGES, reminders.MESSAGES,
       team.MESSAGES, serve.MESSAGES, counter.MESSAGES]
ALL += [fieldwork.MESSAGES]
ALL += [targets.MESSAGES]
ALL += [customers.MESSAGES]
ALL += [spans.MESSAGES]
