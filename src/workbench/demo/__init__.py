"""Demo data: a deterministic, realistic month of one manager's work, for ``--demo`` and tests.

Owns no tables; writes through the capabilities' own functions.

May import: every capability (core … review). Never screens, the app or the CLI.
"""
