"""Daily plan (今日): the morning screen's agenda, tasks, contacts with staff and customers.

Owns the tables ``tasks`` (migration set ``workbench.tasks``) and ``contacts``
(``workbench.contacts``); builds the agenda (three must-dos, visits due, the
register's documents, relationships, the check-in audit) from the capabilities below.

May import: ``workbench.core``, ``workbench.roster``, ``workbench.assessment``,
``workbench.register``.
"""
