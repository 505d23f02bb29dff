"""Every module says what it owns: a module docstring on each file under src/workbench."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "workbench"


def test_every_module_has_a_docstring() -> None:
    missing = [str(p.relative_to(SRC)) for p in sorted(SRC.rglob("*.py"))
               if not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))]
    assert missing == []
