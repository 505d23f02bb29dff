"""Roster (网点): the outlets a manager serves, their staff, and the visits made to them.

Owns the tables ``outlets``, ``staff`` and ``visits`` (migration set
``workbench.outlets``, in ``schema``), the visit cadence per tier (when the next visit
is due), and the import of outlet and staff lists from CSV or .xlsx.

``outlets``, ``staff`` and ``visits`` own the rules and every write of each;
``importer`` brings outlets and staff in from a sheet (``sheets`` reads the file,
``headers`` matches its columns, ``bulk`` is the set-based write the owners use for it).

May import: ``workbench.core``.
"""
