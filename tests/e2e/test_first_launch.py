"""A new user's first launch: the installed ``workbench``, an empty HOME, no ``--db``.

The default data folder does not exist yet; the app and the commands that need the file
make it (owner-only) and open on the plan, never "folder does not exist".
"""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from tests.e2e.terminal import Terminal


def data_folder(env: dict[str, str]) -> Path:
    return Path(env["HOME"]) / ".local" / "share" / "workbench"


def test_the_app_opens_on_the_plan_from_an_empty_home(workbench_bin, fresh_home):
    with Terminal([str(workbench_bin), "--lang", "zh"], fresh_home) as term:
        term.expect("每日必做三件事")
        term.expect("还没有网点")  # the first-run hint: press f for the guide
        term.send("q")
        assert term.wait_exit() == 0
    folder = data_folder(fresh_home)
    assert (folder / "workbench.db").is_file()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "workbench.db").stat().st_mode) == 0o600


@pytest.mark.parametrize("command", [["today"], ["remind", "--at", "morning"]])
def test_the_day_commands_work_from_an_empty_home(workbench_bin, fresh_home, command):
    done = subprocess.run([str(workbench_bin), *command, "--lang", "zh"], env=fresh_home,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "不存在" not in done.stderr and "Traceback" not in done.stderr
    assert (data_folder(fresh_home) / "workbench.db").is_file()


def test_a_named_file_that_does_not_exist_is_not_made_by_a_read(workbench_bin, fresh_home,
                                                                  tmp_path):
    """A typo in --db must not start a new, empty register."""
    done = subprocess.run([str(workbench_bin), "today", "--db", str(tmp_path / "typo.db"),
                           "--lang", "en"], env=fresh_home, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1 and "No database" in done.stderr
    assert not (tmp_path / "typo.db").exists()
    assert not os.path.exists(data_folder(fresh_home))
