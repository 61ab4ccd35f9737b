"""Every named query in queries/: described, one statement, binds against the migrated schema,
and used by the project's Python code."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from mentoring_data.store import named_queries
from mentoring_data.store.database import Store

PROJECT_DIR = Path(__file__).resolve().parent.parent
QUERY_FILES = sorted((PROJECT_DIR / "queries").glob("*.sql"))
QUERY_NAMES = [path.stem for path in QUERY_FILES]
# Queries the loader runs over a data frame registered as the relation `incoming`.
INSERT_TARGET = re.compile(
    r"insert\s+into\s+(\w+)\s+by\s+name\s+select\s+\*\s+from\s+incoming", re.IGNORECASE
)


def test_the_queries_folder_is_the_one_the_store_reads():
    assert QUERY_FILES
    assert named_queries.QUERIES_DIR.resolve() == (PROJECT_DIR / "queries").resolve()
    assert sorted(named_queries.all_queries()) == QUERY_NAMES


@pytest.mark.parametrize("path", QUERY_FILES, ids=QUERY_NAMES)
def test_a_query_starts_with_a_comment_describing_it(path):
    first_line = path.read_text(encoding="utf-8").splitlines()[0] if path.stat().st_size else ""
    assert first_line.startswith("--"), f"{path.name} must start with a -- comment"
    assert first_line.removeprefix("--").strip(), f"{path.name}: the first comment is empty"
    assert len(named_queries.get(path.stem).description) >= 10


@pytest.mark.parametrize("path", QUERY_FILES, ids=QUERY_NAMES)
def test_a_query_holds_exactly_one_statement(path):
    statements = duckdb.extract_statements(path.read_text(encoding="utf-8"))
    assert len(statements) == 1, f"{path.name} holds {len(statements)} statements"


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """A freshly migrated, empty database, with a plain connection beside the Store."""
    path = tmp_path_factory.mktemp("schema") / "schema.duckdb"
    target = Store(path)
    helper = duckdb.connect(str(path))  # same process, same database instance
    yield target, helper
    helper.close()
    target.close()


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_a_query_prepares_against_the_migrated_schema(name, migrated):
    target, helper = migrated
    insert = INSERT_TARGET.search(named_queries.get(name).sql)
    if insert:  # give it an `incoming` relation shaped like the table it fills
        helper.execute(f"create table incoming as select * from {insert[1]} limit 0")
    try:
        target.prepare(name)
    finally:
        helper.execute("drop table if exists incoming")


def test_prepare_really_binds_the_query(migrated):
    target, _ = migrated
    with pytest.raises(duckdb.CatalogException, match="incoming"):
        target.prepare("insert_programmes")  # no relation `incoming` exists here


def python_sources() -> dict[Path, str]:
    files = [
        PROJECT_DIR / "app.py",
        *(PROJECT_DIR / "pages").glob("*.py"),
        *(PROJECT_DIR / "mentoring_data").rglob("*.py"),
    ]
    return {path: path.read_text(encoding="utf-8") for path in files if path.is_file()}


def test_every_query_is_used_by_the_projects_python_code():
    sources = "\n".join(python_sources().values())
    unused = [
        name for name in QUERY_NAMES if f'"{name}"' not in sources and f"'{name}'" not in sources
    ]
    assert not unused, f"queries no Python code names: {unused}"


def test_every_query_name_the_code_runs_exists():
    # the reverse: a name passed to read/rows/run/_read that has no file fails only at run time
    called = set()
    for text in python_sources().values():
        called |= set(
            re.findall(
                r"\b(?:read|rows|run|peek|prepare|_read|insert_frame)\(\s*(?:[\w.]+,\s*)?"
                r"[\"']([a-z0-9_]+)[\"']",
                text,
            )
        )
    assert called, "found no query calls at all"
    assert sorted(called - set(QUERY_NAMES)) == []


# read functions that turn their query's rows into one figure, so carry the figure's name
DERIVED_READS = {"pair_count": "pair_status_counts"}


def test_read_functions_are_named_after_their_query():
    """A page asking dashboard.outcomes() gets queries/outcomes.sql: the name leads to the SQL."""
    import ast

    from mentoring_data.views import dashboard

    tree = ast.parse(Path(dashboard.__file__).read_text(encoding="utf-8"))
    misnamed = {}
    for function in (n for n in tree.body if isinstance(n, ast.FunctionDef)):
        reads = [
            call.args[0].value
            for call in ast.walk(function)
            if isinstance(call, ast.Call)
            and getattr(call.func, "id", None) == "_read"
            and call.args
            and isinstance(call.args[0], ast.Constant)
        ]
        if len(reads) == 1 and reads[0] != function.name:
            misnamed[function.name] = reads[0]
    assert misnamed == DERIVED_READS
