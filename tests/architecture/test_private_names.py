"""No module reaches into another module's private names (``_x``).

A private helper that another module needs is a rule without a home: it moves to the
module that owns the rule and loses its underscore. Checked on the source, so a new
``from workbench.x import _y`` or ``x._y(...)`` fails here before review.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "workbench"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def crossings(path: Path) -> list[str]:
    """Every private name this file takes from another workbench module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    module_names: set[str] = set()  # names bound to workbench modules (``from x import mod``)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith(
                ("workbench", "bench"))):
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{'.' * node.level}{node.module or ''}.{alias.name}")
                if node.level:
                    continue
                candidate = SRC.parent / (node.module.replace(".", "/")) / alias.name
                if candidate.with_suffix(".py").exists() or candidate.is_dir():
                    module_names.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in module_names and node.attr.startswith("_")
                and not node.attr.startswith("__")):
            found.append(f"{node.value.id}.{node.attr}")
    return found


def test_no_private_name_is_taken_from_another_module() -> None:
    problems = {_module_name(p): c for p in sorted(SRC.rglob("*.py")) if (c := crossings(p))}
    assert problems == {}


def test_the_benchmark_takes_no_private_name_either() -> None:
    bench = SRC.parents[1] / "bench"
    problems = {str(p.relative_to(bench)): c for p in sorted(bench.rglob("*.py"))
                if (c := crossings(p))}
    assert problems == {}


def test_the_check_sees_a_crossing(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from workbench.core import db\nfrom workbench.core.db import _x\n"
                      "db._database_class()\n")
    assert crossings(sample) == ["workbench.core.db._x", "db._database_class"]
