"""Core: what every capability stands on, knowing none of them.

Owns: opening the SQLite file (``db``: pragmas, permissions, ``atomic()`` as the one
write lock, applying the migration sets it is given, backups), configuration
(``config``, including the grade range, and ``config_ranges``, the range of each
number and list in it), translation (``i18n`` with the ``messages`` catalogue), errors,
input validation and ranges (``validate``), the timestamp form (``clock``), pinyin
matching (``text``), masking of personal data (``privacy``), spreadsheet cells safe to
open (``cells``), what a user is told when an action fails and the crash log
(``failures``), and the declaration of migration sets (``migrations``). No tables.

May import: the standard library and third-party libraries other than Textual. Never a
capability, screens, the app or the CLI (import-linter contract in pyproject.toml).
"""
