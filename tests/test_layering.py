"""The parts depend on each other in one direction only, read from the import statements.

pages -> ui / views / editing / exports -> programme_files / access -> store -> DuckDB, and the
file format beside them, free of Streamlit and DuckDB. A new import against that order fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent
PACKAGE = PROJECT_DIR / "mentoring_data"
PAGE_FILES = [PROJECT_DIR / "app.py", *sorted((PROJECT_DIR / "pages").glob("*.py"))]
PACKAGE_FILES = sorted(PACKAGE.rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def part_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def imports_any(path: Path, prefixes: tuple[str, ...]) -> list[str]:
    return sorted(
        name
        for name in imported_modules(path)
        if any(name == p or name.startswith(p + ".") for p in prefixes)
    )


def test_the_package_has_its_parts():
    parts = {part_of(p) for p in PACKAGE_FILES}
    expected = {"format", "store", "programme_files", "access", "views", "editing", "ui"}
    assert expected <= parts


@pytest.mark.parametrize("path", PACKAGE_FILES + PAGE_FILES, ids=lambda p: p.name)
def test_only_the_store_imports_duckdb(path):
    if path.is_relative_to(PACKAGE / "store"):
        return
    assert imports_any(path, ("duckdb",)) == []


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: p.name)
def test_pages_never_reach_the_store(path):
    reached = imports_any(
        path, ("duckdb", "mentoring_data.store", "mentoring_data.programme_files.loading")
    )
    assert reached == []


LOWER_PARTS = {
    # a part may import only these parts of the package (and settings, messages, locale_format)
    "format": {"format"},
    "store": {"store"},
    "access": {"store", "access"},
    "programme_files": {"format", "store", "access", "programme_files"},
    "editing": {"format", "store", "access", "programme_files", "editing", "startup"},
    "views": {"format", "store", "access", "programme_files", "views", "startup"},
    "exports": {"format", "views", "exports", "programme_files"},
    "ui": {"format", "access", "views", "editing", "exports", "ui", "startup"},
}


@pytest.mark.parametrize(
    "path", [p for p in PACKAGE_FILES if part_of(p) in LOWER_PARTS], ids=lambda p: str(p)
)
def test_imports_point_down(path):
    allowed = LOWER_PARTS[part_of(path)] | {"settings", "messages", "locale_format"}
    wrong = [
        name
        for name in imports_any(path, ("mentoring_data",))
        if name.count(".") >= 1
        and name.split(".")[1] not in allowed
        and name.split(".")[1] != "__init__"
    ]
    assert wrong == [], f"{path.relative_to(PROJECT_DIR)} imports {wrong}"


@pytest.mark.parametrize(
    "path", [p for p in PACKAGE_FILES if part_of(p) == "format"], ids=lambda p: p.name
)
def test_the_file_format_needs_neither_streamlit_nor_duckdb(path):
    assert imports_any(path, ("streamlit", "duckdb", "pandas")) == []


@pytest.mark.parametrize(
    "path",
    [p for p in PACKAGE_FILES if part_of(p) not in ("ui", "views")],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_only_the_interface_parts_import_streamlit(path):
    assert imports_any(path, ("streamlit",)) == []
