"""Per-capability message tables, merged by ``i18n.catalogue()``.

A capability adds ``messages/<name>.py`` with ``MESSAGES = {key: (zh, en)}`` and
lists it in ``ALL`` below.
"""

from . import core, outlets, review

ALL = [core.MESSAGES, outlets.MESSAGES, review.MESSAGES]
