"""Shared pytest fixtures."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pytest

# data core fixtures ------------------------------------------------------------------------
# Used by test_format_*.py, test_store.py, test_cli.py and test_named_queries.py.
# Everything is real: DuckDB files in tmp_path, YAML files on disk, the CLI as a subprocess.

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def project_dir() -> Path:
    """The project root (the CLI's working directory), found from this file, not hard-coded."""
    return PROJECT_DIR


@pytest.fixture
def data_fixture():
    """Path of a file in tests/fixtures/, e.g. data_fixture("full.yaml")."""
    return lambda name: DATA_FIXTURES_DIR / name


@pytest.fixture
def db_path(tmp_path: Path):
    """A database file in tmp_path; any Store this process opened on it is closed afterwards."""
    from mentoring_data.store import database

    path = tmp_path / "mentoring.duckdb"
    yield path
    database.close_store(path)


class CommandLine:
    """Runs `python -m mentoring_data ARGS` as a real subprocess from the project directory.

    MENTORING_DB points at `default_db` (in a temporary directory) unless the caller sets it,
    so a test that forgets --db can never touch the developer's database.
    """

    def __init__(self, default_db: Path):
        self.default_db = default_db

    def __call__(
        self, *args: object, db: Path | None = None, env: dict | None = None, timeout: float = 60
    ) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "mentoring_data"]
        if db is not None:
            command += ["--db", str(db)]
        command += [str(arg) for arg in args]
        environment = {**os.environ, "MENTORING_DB": str(self.default_db), **(env or {})}
        return subprocess.run(
            command,
            cwd=PROJECT_DIR,
            env=environment,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def many(self, calls: list[dict]) -> list[subprocess.CompletedProcess]:
        """Run independent commands side by side (each call: {"args": [...], "db": ...})."""
        with ThreadPoolExecutor(max_workers=4) as pool:
            running = [
                pool.submit(self, *call["args"], db=call.get("db"), env=call.get("env"))
                for call in calls
            ]
            return [future.result() for future in running]


@pytest.fixture(scope="session")
def run_cli(tmp_path_factory) -> CommandLine:
    return CommandLine(tmp_path_factory.mktemp("cli") / "from-environment.duckdb")


@pytest.fixture(scope="session")
def table_contents():
    """Every table and view of a database file as sorted rows, for comparing two states.

    Closes this process's Store on the file first (a read-only connection cannot share it).
    Columns named in `exclude` (bookkeeping such as loaded_at) are left out.
    """
    from mentoring_data.store import database

    def read(path: Path, exclude: tuple[str, ...] = ("applied_at",)) -> dict[str, list[tuple]]:
        database.close_store(path)
        connection = duckdb.connect(str(path), read_only=True)
        try:
            names = [
                name
                for (name,) in connection.execute(
                    "select table_name from duckdb_tables() where schema_name = 'main' union all "
                    "select view_name from duckdb_views() where schema_name = 'main' "
                    "and not internal"
                ).fetchall()
            ]
            contents = {}
            for name in sorted(names):
                columns = [
                    c
                    for (c,) in connection.execute(
                        "select column_name from duckdb_columns() where table_name = $t "
                        "order by column_index",
                        {"t": name},
                    ).fetchall()
                    if c not in exclude
                ]
                select = ", ".join(f'"{c}"' for c in columns)
                contents[name] = [tuple(columns)] + connection.execute(
                    f'select {select} from "{name}" order by all'
                ).fetchall()
            return contents
        finally:
            connection.close()

    return read


@pytest.fixture(scope="session")
def directory_state():
    """{file name: sha256} of a directory, to prove a command changed no file (or made none)."""

    def state(directory: Path) -> dict[str, str]:
        return {
            p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.iterdir())
            if p.is_file()
        }

    return state


# end of data core fixtures -----------------------------------------------------------------


# page fixtures -----------------------------------------------------------------------------
# Used by test_pages.py (AppTest, in process). Every test gets its own database file in its
# tmp_path through MENTORING_DB, empty caches, and its Store closed afterwards. The shipped
# programme files are loaded once per session into a template file that each test copies
# (a fresh file per test, without paying for validation and loading every time); the one
# test that needs the app's own "fill an empty database" path asks for `page_db` alone.

APP_FILE = PROJECT_DIR / "app.py"


@pytest.fixture(scope="session")
def shipped_db_template(tmp_path_factory) -> Path:
    """A database file holding the shipped programme files, loaded once per session."""
    from mentoring_data import settings
    from mentoring_data.programme_files import loading
    from mentoring_data.store import database

    path = tmp_path_factory.mktemp("page-template") / "shipped.duckdb"
    loading.load_files(settings.shipped_programme_files(), path)
    database.close_store(path)  # flushes and releases the file so that it can be copied
    return path


@pytest.fixture
def page_db(tmp_path: Path, monkeypatch):
    """An empty database file for this test, named by MENTORING_DB; caches cleared.

    Error details are switched to "full" for the test so that an exception's message and
    stack trace reach `at.exception` (the project's config redacts them for users)."""
    import streamlit as st
    from streamlit.testing.v1.util import patch_config_options

    from mentoring_data.store import database

    path = tmp_path / "pages.duckdb"
    monkeypatch.setenv("MENTORING_DB", str(path))
    monkeypatch.delenv("MENTORING_REQUIRE_SIGN_IN", raising=False)  # pages open as a viewer
    st.cache_data.clear()
    st.cache_resource.clear()
    with patch_config_options({"client.showErrorDetails": "full"}):
        yield path
    database.close_store(path)
    st.cache_data.clear()


@pytest.fixture
def shipped_db(page_db: Path, shipped_db_template: Path) -> Path:
    """This test's database file, holding the shipped programmes (a copy of the template)."""
    import shutil

    shutil.copyfile(shipped_db_template, page_db)
    return page_db


@pytest.fixture
def load_programme(page_db: Path, tmp_path: Path):
    """Write a programme file (YAML text) into tmp_path and load it into this test's database
    with the loader the CLI uses, before any page runs; returns the file's path."""
    from mentoring_data.programme_files import loading

    def load(yaml_text: str, name: str = "programme.yaml") -> Path:
        path = tmp_path / name
        path.write_text(yaml_text, encoding="utf-8")
        loading.load_files([path], page_db)
        return path

    return load


@pytest.fixture
def run_page(page_db: Path):
    """run_page("pages/x.py", programme="...", ...) -> the AppTest after one run.

    Opens the page as a link would: a new session whose first run is that page with those
    query parameters (switch_page before the first run; with a pages/ folder the page is
    identified by its file name, so this lands on the right page). Running app.py first and
    then switching would not carry the parameters app.py rewrites: app.py drops an unknown
    ?programme=, so the next page would never see it."""
    from streamlit.testing.v1 import AppTest

    def run(page: str = "app.py", *, context: dict | None = None, **params: str):
        at = AppTest.from_file(str(APP_FILE), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        if context:
            at.context = context
        if page != "app.py":
            at.switch_page(page)
        return at.run()

    return run


# end of page fixtures ----------------------------------------------------------------------


# editing fixtures --------------------------------------------------------------------------
# Used by test_editing.py, test_accounts.py, test_editing_pages.py and test_browser_editing.py.
# Real DuckDB files (this test's copy of the shipped programmes, see `shipped_db`), real argon2
# hashes, real AppTest sessions: nothing is mocked.

EDIT_ADMIN_PASSWORD = "admin-password-for-tests"
EDITOR_PASSWORD = "editor-password-for-tests"


@pytest.fixture
def edit_db(shipped_db: Path, monkeypatch) -> Path:
    """This test's database file with the shipped programmes, named by MENTORING_DB; the app's
    first start creates `admin` with EDIT_ADMIN_PASSWORD. Caches are cleared before and after
    (by `page_db`, and here), the Store is closed afterwards, and the file is forgotten by
    dashboard.current_store()."""
    import streamlit as st

    from mentoring_data import startup

    monkeypatch.setenv("MENTORING_ADMIN_PASSWORD", EDIT_ADMIN_PASSWORD)
    yield shipped_db
    st.cache_data.clear()
    st.cache_resource.clear()
    startup._checked_stores.discard(shipped_db.resolve())


@pytest.fixture
def edit_store(edit_db: Path):
    """The open Store of this test's database file (the app in this process shares it)."""
    from mentoring_data.store import database

    return database.open_store(edit_db)


@pytest.fixture(scope="session")
def db_contents():
    """Every table of a database file as sorted rows, read through a second connection of this
    process (it shares the open Store's database), so that two states can be compared while
    the Store stays open."""

    def read(path: Path) -> dict[str, list[tuple]]:
        connection = duckdb.connect(str(Path(path).resolve()))
        try:
            names = [
                name
                for (name,) in connection.execute(
                    "select table_name from duckdb_tables() where schema_name = 'main' order by 1"
                ).fetchall()
            ]
            return {
                name: connection.execute(f'select * from "{name}" order by all').fetchall()
                for name in names
            }
        finally:
            connection.close()

    return read


@pytest.fixture
def make_account(edit_store):
    """make_account("carla", "editor", scopes=[("inclucities", "mechelen-capaci")]) creates the
    account in this test's database (as the command line would) and returns its User."""
    from mentoring_data.access import accounts

    def make(
        username: str,
        role: str,
        scopes: list | None = None,
        email: str | None = None,
        password: str | None = EDITOR_PASSWORD,
    ) -> accounts.User:
        accounts.add_user(
            edit_store, accounts.COMMAND_LINE, username, role, password, email, scopes or []
        )
        return accounts.User(username, role, tuple(scopes or ()))

    return make


@pytest.fixture
def app_session(edit_db: Path):
    """app_session() -> a new AppTest session of the dashboard (not yet run), on this test's
    database; several sessions may share the file, as browser tabs share the server."""
    from streamlit.testing.v1 import AppTest

    def make():
        return AppTest.from_file(str(APP_FILE), default_timeout=60)

    return make


# end of editing fixtures -------------------------------------------------------------------
