"""The one module that talks to DuckDB.

One connection per process and database file (DuckDB locks the file against other processes),
a fresh cursor per operation (a connection refuses concurrent calls from several threads), and
one lock so that writes run one at a time. Schema changes are the numbered SQL files in
`migrations/`, each applied once and recorded in `schema_migrations`. Every other statement is a
named query from `queries/`, run with bound parameters.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from mentoring_data.messages import t
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


class DatabaseDamaged(Exception):
    """The file exists but cannot be read as a whole: truncated, overwritten or not DuckDB's."""

    def __init__(self, path: Path, detail: str):
        self.path, self.detail = path, detail
        super().__init__(t("store.damaged", path=path, detail=detail, backups=backup_dir(path)))


class CannotWrite(Exception):
    """The disk refused a write (read-only, full, no permission); nothing of it was kept."""

    def __init__(self, path: Path, detail: str):
        self.path, self.detail = path, detail
        super().__init__(t("store.cannot_write", path=path, detail=detail))


# A DuckDB file is three 4 KiB headers followed by its blocks; a shorter file lost some.
_HEADER_BYTES = 3 * 4096
_UNREADABLE = ("could not read enough bytes", "not a valid duckdb database", "corrupt", "checksum")
_REFUSED_BY_DISK = (
    "permission denied",
    "read-only file system",
    "no space left",
    "file too large",
    "disk quota",
    "could not write",
    "read-only mode",
)


def backup_dir(path: Path) -> Path:
    """Where backups of a database file go: a folder beside it."""
    path = Path(path)
    return path.parent / f"{path.stem}-backups"


def _first_line(err: Exception) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__


def _mentions(err: Exception, words: tuple[str, ...]) -> bool:
    text = str(err).lower()
    return any(word in text for word in words)


def _check_parameters(query: named_queries.NamedQuery, params: dict) -> None:
    if set(params) != query.parameters:
        raise TypeError(
            f"queries/{query.name}.sql takes {sorted(query.parameters)}, got {sorted(params)}"
        )


def _connect(path: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    try:
        connection = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as err:
        if "lock" in str(err).lower():
            raise DatabaseInUse(path) from None
        if _mentions(err, _REFUSED_BY_DISK):
            raise CannotWrite(path, _first_line(err)) from None
        raise DatabaseDamaged(path, _first_line(err)) from None
    except duckdb.Error as err:
        raise DatabaseDamaged(path, _first_line(err)) from None
    try:
        _check_length(connection, path)
    except BaseException:
        connection.close()
        raise
    return connection


def _check_length(connection: duckdb.DuckDBPyConnection, path: Path) -> None:
    """DuckDB reads a block only when a query needs it, so a truncated file opens and fails
    later, in the middle of a page. The blocks it says are in use need at least this many
    bytes (free blocks at the end may have been cut off by DuckDB itself)."""
    try:
        block_size, used = connection.execute(
            "select block_size, used_blocks from pragma_database_size() limit 1"
        ).fetchall()[0]
    except duckdb.Error as err:
        raise DatabaseDamaged(path, _first_line(err)) from None
    needed = _HEADER_BYTES + int(block_size) * int(used)
    actual = os.path.getsize(path) if path.exists() else 0
    if used and actual < needed:
        raise DatabaseDamaged(path, t("store.truncated", actual=actual, expected=needed))


def _open(path: Path) -> tuple[duckdb.DuckDBPyConnection, bool]:
    """The connection and whether it is read-only: a file the disk will not let us write is
    opened for reading, so that the pages still show what it holds."""
    try:
        return _connect(path), False
    except CannotWrite:
        if not path.exists():
            raise
        return _connect(path, read_only=True), True


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
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise CannotWrite(path, str(err)) from None
        self._connection, self.read_only = _open(path)
        self._write_lock = threading.Lock()
        self.data_version = 0  # bumped after every committed write; keys the page caches
        try:
            self.migrate()
        except BaseException:
            self._connection.close()
            raise

    @contextmanager
    def _cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._connection.cursor() as cursor:
            yield cursor

    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded, each in its own transaction."""
        if self.read_only:
            self._check_migrated()
            return []
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

    def _check_migrated(self) -> None:
        """A read-only file is used as it is, if it needs no migration."""
        try:
            done = set(self.applied_migrations())
        except duckdb.Error as err:
            raise CannotWrite(self.path, _first_line(err)) from None
        if any(path.stem not in done for path in MIGRATIONS_DIR.glob("*.sql")):
            raise CannotWrite(self.path, t("store.needs_migration"))

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
        """One transaction: everything inside is written, or nothing is.

        A disk that refuses the write (read-only, full) raises CannotWrite, a concurrent
        change of the same rows WriteConflict; either way nothing of it is kept."""
        if self.read_only:
            raise CannotWrite(self.path, t("store.opened_read_only"))
        with self._write_lock, self._cursor() as cursor:
            cursor.begin()
            try:
                yield Writer(cursor)
                cursor.commit()
            except duckdb.TransactionException as err:
                _roll_back(cursor)
                if _mentions(err, ("conflict",)):
                    raise WriteConflict(str(err)) from err
                raise CannotWrite(self.path, _first_line(err)) from err
            except (duckdb.IOException, duckdb.FatalException) as err:
                _roll_back(cursor)
                raise CannotWrite(self.path, _first_line(err)) from err
            except duckdb.InvalidInputException as err:
                _roll_back(cursor)
                if _mentions(err, _REFUSED_BY_DISK):
                    raise CannotWrite(self.path, _first_line(err)) from err
                raise
            except BaseException:
                _roll_back(cursor)
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

    def copy_to(self, destination: Path) -> None:
        """A consistent copy of the whole file, taken while the app keeps running: with the
        write lock held nothing is written, and after CHECKPOINT the file holds every
        committed change (the WAL is empty), so its bytes are the database. The copy is
        written beside its destination and renamed into place, so that a failed copy leaves
        no half-written file under the destination's name."""
        destination = Path(destination)
        partial = destination.with_name(destination.name + ".partial")
        with self._write_lock, self._cursor() as cursor:
            try:
                if not self.read_only:
                    cursor.execute("checkpoint")
                shutil.copyfile(self.path, partial)
                os.replace(partial, destination)
            except (OSError, duckdb.Error) as err:
                partial.unlink(missing_ok=True)
                raise CannotWrite(destination, _first_line(err)) from None

    def close(self) -> None:
        self._connection.close()


def _roll_back(cursor: duckdb.DuckDBPyConnection) -> None:
    # a commit the disk refused has already ended the transaction: nothing left to roll back
    with contextlib.suppress(duckdb.Error):
        cursor.rollback()


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
            table
            for (table,) in connection.execute("select table_name from duckdb_tables()").fetchall()
        }
        if "schema_migrations" not in tables:
            return None
        return connection.execute(query.sql, params).fetchall()
    finally:
        connection.close()
