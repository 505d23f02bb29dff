"""Screens: one sub-package per capability (no SQL here), plus ``common`` widgets and forms.

Each screen reads and writes through its capability's domain functions. Sub-packages
depend only downwards: ``plan`` | ``review`` → ``assessment`` → ``register`` → ``roster``
→ ``common`` (import-linter contract in pyproject.toml).
"""
