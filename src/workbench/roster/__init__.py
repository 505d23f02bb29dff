"""Roster (网点): the outlets a manager serves, their staff, and the visits made to them.

Owns the tables ``outlets``, ``staff`` and ``visits`` (migration set
``workbench.outlets``), the visit cadence per tier (when the next visit is due), and
the import of outlet and staff lists from CSV or .xlsx.

May import: ``workbench.core``.
"""
