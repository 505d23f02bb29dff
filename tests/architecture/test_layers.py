"""The layers hold: import-linter's contracts (pyproject.toml) and a Textual-free domain.

The contracts are checked on the real tree, and once on a copy with a deliberate
violation, so a contract that silently stopped checking would fail here too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = ("core", "roster", "register", "assessment", "plan", "review", "demo", "storage",
          "commands", "reminders")
DOMAIN += ("fieldwork",)


def lint_imports(src: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) \
        or shutil.which("lint-imports")
    if exe is None:
        pytest.fail("import-linter is not installed: pip install -e '.[test]'")
    return subprocess.run([exe, "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
                          cwd=src, env=env, capture_output=True, text=True, timeout=300)


def test_every_import_contract_is_kept() -> None:
    result = lint_imports(ROOT / "src")
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.mark.parametrize(("module", "line", "contract"), [
    ("core/text.py", "import textual.app", "never imports Textual"),
    ("roster/outlets.py", "from workbench.register import deliveries", "Layers"),
    ("screens/common/form.py", "from workbench.screens.plan import plan", "Screens of one"),
    ("core/i18n.py", "from workbench.core import errors", "No import circles"),
    ("cli_parsers/files.py", "from workbench import storage", "parsers import argparse"),
])
def test_a_deliberate_violation_is_caught(tmp_path: Path, module: str, line: str,
                                          contract: str) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "workbench", src / "workbench",
                    ignore=shutil.ignore_patterns("__pycache__"))
    target = src / "workbench" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    result = lint_imports(src)
    assert result.returncode != 0
    broken = [row for row in result.stdout.splitlines() if row.endswith("BROKEN")]
    assert any(contract in row for row in broken), result.stdout[-3000:]


@pytest.mark.parametrize("package", DOMAIN)
def test_a_domain_package_loads_without_textual(package: str) -> None:
    """Import every module of the package in a fresh interpreter: Textual stays out."""
    code = (
        "import importlib, pkgutil, sys\n"
        f"import workbench.{package} as p\n"
        "for m in getattr(p, '__path__', None) and pkgutil.walk_packages(p.__path__, "
        "p.__name__ + '.') or []:\n"
        "    importlib.import_module(m.name)\n"
        "print('textual' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
