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
