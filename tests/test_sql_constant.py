"""No SQL is built from data: every execute call in the package gets a constant, a named
query's text (queries/*.sql) or a migration file, never a string built from values."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "mentoring_data"


def _safe(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    if isinstance(node, ast.Attribute) and node.attr == "sql":  # a named query's text
        return True
    if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "read_text":
        return True  # a migration file shipped with the package
    if isinstance(node, ast.JoinedStr):  # only constants and named query texts inside
        return all(
            isinstance(v, ast.Constant) or (isinstance(v, ast.FormattedValue) and _safe(v.value))
            for v in node.values
        )
    return False


def test_every_execute_call_gets_constant_sql():
    unsafe = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", "") in {"execute", "executemany", "sql"}
                and node.args
                and not _safe(node.args[0])
            ):
                unsafe.append(f"{path.name}:{node.lineno}")
    assert not unsafe, unsafe
