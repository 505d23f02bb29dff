"""The app paints before it opens the database: heavy imports stay off the start-up path.

Not a timing test: it checks which modules importing the app pulls in. sqlite-utils
(with click and pluggy), pypinyin's dictionary, openpyxl and the Markdown widget each
cost tens to hundreds of milliseconds and are imported when first needed instead.
"""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("sqlite_utils", "pypinyin", "openpyxl", "markdown_it", "click", "pluggy")


def test_importing_the_app_keeps_heavy_modules_out():
    code = ("import sys, workbench.app, workbench.cli; "
            f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == ""


DOMAIN = ("workbench.roster", "workbench.assessment", "workbench.register", "workbench.plan",
          "workbench.review", "workbench.storage")


def test_the_first_screen_needs_no_domain_module():
    """The app, the command line and the plan (the first screen drawn) import Textual
    and core only; screens, forms and the domain load after the first frame."""
    code = ("import sys, workbench.app, workbench.cli, workbench.screens.plan.plan; "
            f"print(' '.join(m for m in sys.modules if m.startswith({DOMAIN!r})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == ""


def test_an_up_to_date_file_opens_and_the_plan_loads_without_sqlite_utils(demo_copy, db_path):
    """The start-up path to the first data (open with its checks, the plan's load on a
    reader) reads through plain sqlite3; sqlite-utils is imported for the first write."""
    demo_copy.close()
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from datetime import date\n"
        "from workbench.core.config import Config\n"
        "from workbench.core.db import ReadConnections\n"
        "from workbench.plan.agenda import build_agenda\n"
        "from workbench.storage import open_checked\n"
        f"opened = open_checked(Path({str(db_path)!r}))\n"
        "assert opened.writable and not opened.warnings, opened.warnings\n"
        f"readers = ReadConnections(Path({str(db_path)!r}))\n"
        "with readers.snapshot() as db:\n"
        "    build_agenda(db, date(2026, 11, 27), Config())\n"
        "print('sqlite_utils' in sys.modules)\n"
        "from workbench.assessment import journal\n"
        "journal.rate_mood(opened.db, date(2026, 11, 27), 71, '', date(2026, 11, 27))\n"
        "mood = journal.mood_on(opened.db, date(2026, 11, 27))\n"
        "print('sqlite_utils' in sys.modules, mood.score)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "True", "71"]
