"""The roster: bank outlets (网点), their staff, and the manager's visits to them.

``schema`` creates the three tables (migration set ``workbench.outlets``); ``outlets``,
``staff`` and ``visits`` own the rules and every write of each; ``importer`` brings
outlets and staff in from a sheet (``sheets`` reads the file, ``headers`` matches its
columns, ``bulk`` is the set-based write the owners use for it).
"""
