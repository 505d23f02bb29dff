"""The product as a person runs it: the installed ``workbench`` entry point, a fresh HOME.

These tests start real processes. They must run in CI: a missing entry point fails there
(``CI`` set) instead of skipping.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest


def installed_workbench() -> Path | None:
    """The console script pip installed beside this interpreter (or on PATH)."""
    beside = Path(sys.executable).parent / "workbench"
    if beside.is_file():
        return beside
    found = shutil.which("workbench")
    return Path(found) if found else None


def need(component: str, present: bool) -> None:
    """Skip on a developer's machine without ``component``; fail in CI, where it must run."""
    if present:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{component} is needed by this test and missing in CI")
    pytest.skip(f"{component} is not installed")


@pytest.fixture(scope="session")
def workbench_bin() -> Path:
    found = installed_workbench()
    need("the installed workbench entry point", found is not None)
    return found


def fresh_home_env(home: Path) -> dict[str, str]:
    """The environment of a new user: an empty HOME, the platform folders inside it."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("XDG_", "WORKBENCH_", "PYTEST_", "COV_"))}
    env.update(HOME=str(home), LANG="C.UTF-8", LC_ALL="C.UTF-8", TERM="xterm-256color",
               PYTHONDONTWRITEBYTECODE="1")
    home.mkdir(parents=True, exist_ok=True)
    return env


@pytest.fixture
def fresh_home(tmp_path) -> dict[str, str]:
    """The environment for a process run as a new user: HOME empty, no XDG variables."""
    return fresh_home_env(tmp_path / "home")
