"""The one module that talks to DuckDB.

One connection per process and database file (DuckDB locks the file against other processes),
a fresh cursor per operation (a connection refuses concurrent calls from several threads), and
one lock so that writes run one at a time. Schema changes are the numbered SQL files in
`migrations/`, each applied once and recorded in `schema_migrations`. Every other statement is a
named query from `queries/`, run with bound parameters.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from mentoring_data.store import named_queries

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+$")


class DatabaseInUse(Exception):
    """Another process (usually the running dashboard) holds the database file."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(
            f"the database {path} is in use by another process (is the dashboard running?); "
            "stop it or choose another file with --db"
        )


class WriteConflict(Exception):
    """Another write changed the same rows at the same moment; nothing of this one was kept."""


def _check_parameters(query: named_queries.NamedQuery, params: dict) -> None:
    if set(params) != query.parameters:
        raise TypeError(
            f"queries/{query.name}.sql takes {sorted(query.parameters)}, got {sorted(params)}"
        )


def _connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as err:
        if "lock" in str(err).lower():
            raise DatabaseInUse(path) from None
        raise


class Writer:
    """Runs named queries inside one open transaction (see Store.writing)."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection):
        self._cursor = cursor

    def run(self, name: str, **params: object) -> list[tuple]:
        query = named_queries.get(name)
        _check_parameters(query, params)
        result = self._cursor.execute(query.sql, params)
        return result.fetchall() if result.description else []

    def read(self, name: str, **params: object) -> pd.DataFrame:
        query = named_queries.get(name)
        _check_parameters(query, params)
        return self._cursor.execute(query.sql, params).df()

    def insert_frame(self, name: str, frame: pd.DataFrame, **params: object) -> None:
        """Run a named query that reads the rows of `frame` as the relation `incoming`."""
        if frame.empty:
            return
        self._cursor.register("incoming", frame)
        try:
            self.run(name, **params)
        except Exception:
            # the transaction is aborted now; unregistering would fail and hide the real error
            with contextlib.suppress(duckdb.Error):
                self._cursor.unregister("incoming")
            raise
        self._cursor.unregister("incoming")


class Store:
    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._connection = _connect(path)
        self._write_lock = threading.Lock()
        self.data_version = 0  # bumped after every committed write; keys the page caches
        self.migrate()

    @contextmanager
    def _cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._connection.cursor() as cursor:
            yield cursor

    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded, each in its own transaction."""
        applied = []
        with self._write_lock, self._cursor() as cursor:
            cursor.execute(
                "create table if not exists schema_migrations ("
                " version integer primary key, name varchar not null,"
                " applied_at timestamp not null default current_timestamp)"
            )
            done = {
                v for (v,) in cursor.execute("select version from schema_migrations").fetchall()
            }
            for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
                match = _MIGRATION_NAME.match(path.stem)
                if match is None:
                    raise ValueError(f"migration file {path.name} is not named NNN_what.sql")
                version = int(match[1])
                if version in done:
                    continue
                cursor.begin()
                try:
                    cursor.execute(path.read_text(encoding="utf-8"))
                    cursor.execute(
                        "insert into schema_migrations (version, name) values ($version, $name)",
                        {"version": version, "name": path.stem},
                    )
                    cursor.commit()
                except Exception:
                    cursor.rollback()
                    raise
                applied.append(path.stem)
        if applied:
            self.data_version += 1
        return applied

    def applied_migrations(self) -> list[str]:
        with self._cursor() as cursor:
            rows = cursor.execute("select name from schema_migrations order by version").fetchall()
        return [name for (name,) in rows]

    def read(self, name: str, **params: object) -> pd.DataFrame:
        query = named_queries.get(name)
        _check_parameters(query, params)
        with self._cursor() as cursor:
            return cursor.execute(query.sql, params).df()

    def rows(self, name: str, **params: object) -> list[tuple]:
        query = named_queries.get(name)
        _check_parameters(query, params)
        with self._cursor() as cursor:
            return cursor.execute(query.sql, params).fetchall()

    @contextmanager
    def writing(self) -> Iterator[Writer]:
        """One transaction: everything inside is written, or nothing is."""
        with self._write_lock, self._cursor() as cursor:
            cursor.begin()
            try:
                yield Writer(cursor)
                cursor.commit()
            except duckdb.TransactionException as err:
                cursor.rollback()
                raise WriteConflict(str(err)) from err
            except BaseException:
                cursor.rollback()
                raise
        self.data_version += 1

    def prepare(self, name: str) -> None:
        """Bind a named query against the schema without running it (used by the tests)."""
        with self._cursor() as cursor:
            cursor.execute(f"prepare checked_query as {named_queries.get(name).sql}")
            cursor.execute("deallocate checked_query")

    def checkpoint(self) -> None:
        with self._write_lock, self._cursor() as cursor:
            cursor.execute("checkpoint")

    def close(self) -> None:
        self._connection.close()


_open_stores: dict[Path, Store] = {}
_open_lock = threading.Lock()


def open_store(path: Path) -> Store:
    """The process's one Store for this file, opened (and migrated) on first use."""
    key = Path(path).resolve()
    with _open_lock:
        if key not in _open_stores:
            _open_stores[key] = Store(key)
        return _open_stores[key]


def close_store(path: Path) -> None:
    with _open_lock:
        store = _open_stores.pop(Path(path).resolve(), None)
    if store is not None:
        store.close()


def peek(path: Path, name: str, **params: object) -> list[tuple] | None:
    """Read from a database without changing its file: None if it does not exist yet."""
    key = Path(path).resolve()
    with _open_lock:
        store = _open_stores.get(key)
    if store is not None:
        return store.rows(name, **params)
    if not key.exists():
        return None
    query = named_queries.get(name)
    _check_parameters(query, params)
    connection = _connect(key, read_only=True)
    try:
        tables = {
            t for (t,) in connection.execute("select table_name from duckdb_tables()").fetchall()
        }
        if "schema_migrations" not in tables:
            return None
        return connection.execute(query.sql, params).fetchall()
    finally:
        connection.close()
