"""Core: what every capability stands on, knowing none of them.

Owns: opening the SQLite file (``db``: pragmas, permissions, ``atomic()`` as the one
write lock, applying the migration sets it is given, backups), configuration
(``config``, including the grade range), translation (``i18n`` with the ``messages``
catalogue), errors, input validation (``validate``), the timestamp form (``clock``),
pinyin matching (``text``), masking of personal data (``privacy``), and the declaration
of migration sets (``migrations``). No tables.

May import: the standard library and third-party libraries other than Textual. Never a
capability, screens, the app or the CLI (import-linter contract in pyproject.toml).
"""
