"""The DuckDB store on a real file: migrations, concurrent reads, all-or-nothing writes and the
checking of named-query parameters."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import duckdb
import pandas as pd
import pytest

from mentoring_data.format.validation import validate_files
from mentoring_data.programme_files import loading
from mentoring_data.store import database
from mentoring_data.store.database import MIGRATIONS_DIR, Store

MIGRATIONS = sorted(path.stem for path in MIGRATIONS_DIR.glob("*.sql"))


def test_there_is_at_least_one_migration_and_each_is_named_nnn_what():
    assert MIGRATIONS
    assert all(name[:3].isdigit() and name[3] == "_" for name in MIGRATIONS)


def test_a_new_database_records_every_migration_in_schema_migrations(db_path):
    target = Store(db_path)
    try:
        assert target.applied_migrations() == MIGRATIONS
    finally:
        target.close()
    with duckdb.connect(str(db_path), read_only=True) as connection:
        recorded = connection.execute(
            "select version, name from schema_migrations order by version"
        ).fetchall()
    assert recorded == [(int(name[:3]), name) for name in MIGRATIONS]


def test_applying_the_migrations_twice_is_a_no_op(db_path, table_contents):
    target = Store(db_path)
    assert target.migrate() == []
    target.close()
    before = table_contents(db_path, exclude=())
    reopened = Store(db_path)  # migrates on open: nothing left to apply
    assert reopened.migrate() == []
    assert reopened.applied_migrations() == MIGRATIONS
    reopened.close()
    assert table_contents(db_path, exclude=()) == before


def test_open_store_gives_one_store_per_file(db_path):
    first = database.open_store(db_path)
    assert database.open_store(db_path.parent / "." / db_path.name) is first


def test_peek_at_a_missing_database_creates_nothing(tmp_path):
    path = tmp_path / "missing" / "mentoring.duckdb"
    assert database.peek(path, "programme_ids") is None
    assert not path.parent.exists()


def load_fixtures(target: Store, *files) -> None:
    report = validate_files(list(files))
    assert report.ok, [str(p) for p in report.problems]
    loading.write_programmes(target, [(f.programme, f.label) for f in report.files])


def test_four_threads_can_read_through_one_store_at_once(db_path, data_fixture):
    target = database.open_store(db_path)
    load_fixtures(target, data_fixture("full.yaml"), data_fixture("minimal.yaml"))
    expected_ids = [("example-network",), ("full-network",)]
    expected_pairs = target.read("pairs_of_programme", programme_id="full-network")

    def reader(n: int) -> int:
        for _ in range(15):
            assert target.rows("programme_ids") == expected_ids
            pairs = target.read("pairs_of_programme", programme_id="full-network")
            pd.testing.assert_frame_equal(pairs, expected_pairs)
        return n

    with ThreadPoolExecutor(max_workers=4) as pool:
        assert sorted(pool.map(reader, range(4))) == [0, 1, 2, 3]


def test_reads_in_threads_see_a_write_made_meanwhile(db_path, data_fixture):
    target = database.open_store(db_path)
    version = target.data_version
    with ThreadPoolExecutor(max_workers=4) as pool:
        pool.submit(load_fixtures, target, data_fixture("minimal.yaml")).result()
        counts = list(pool.map(lambda _: len(target.rows("programme_ids")), range(4)))
    assert counts == [1, 1, 1, 1]
    assert target.data_version > version


def programme_rows(data_fixture) -> dict[str, list[dict]]:
    (parsed,) = validate_files([data_fixture("full.yaml")]).files
    return loading.rows_of(parsed.programme, "full.yaml")


def test_a_write_transaction_that_raises_midway_leaves_nothing_written(db_path, data_fixture):
    target = database.open_store(db_path)
    rows = programme_rows(data_fixture)
    for row in rows["city_declarations"]:
        row["declared_seq"] = row["position"] + 1
    version = target.data_version
    with pytest.raises(RuntimeError, match="midway"), target.writing() as writer:
        writer.insert_frame("insert_programmes", pd.DataFrame(rows["programmes"], dtype=object))
        writer.insert_frame(
            "insert_city_declarations", pd.DataFrame(rows["city_declarations"], dtype=object)
        )
        assert writer.run("programme_ids") == [("full-network",)]  # visible inside
        raise RuntimeError("stopped midway")
    assert target.rows("programme_ids") == []
    assert target.rows("city_declarations_of_other_programmes", programme_ids=[]) == []
    assert target.data_version == version
    database.close_store(db_path)
    assert database.peek(db_path, "programme_ids") == []  # and nothing reached the file


def test_a_write_that_the_database_refuses_midway_leaves_nothing_written(db_path, data_fixture):
    target = database.open_store(db_path)
    programme = pd.DataFrame(programme_rows(data_fixture)["programmes"], dtype=object)
    with pytest.raises(duckdb.Error), target.writing() as writer:
        writer.insert_frame("insert_programmes", programme)
        writer.insert_frame("insert_programmes", programme)  # the same primary key again
    assert target.rows("programme_ids") == []
    # and the store still works afterwards
    load_fixtures(target, data_fixture("minimal.yaml"))
    assert target.rows("programme_ids") == [("example-network",)]


def test_a_refused_insert_raises_the_databases_own_error(db_path, data_fixture):
    # not the follow-on "Current transaction is aborted" that hides what went wrong
    target = database.open_store(db_path)
    programme = pd.DataFrame(programme_rows(data_fixture)["programmes"], dtype=object)
    with (
        pytest.raises(duckdb.ConstraintException, match="full-network"),
        target.writing() as writer,
    ):
        writer.insert_frame("insert_programmes", programme)
        writer.insert_frame("insert_programmes", programme)


def test_the_query_runner_refuses_a_missing_parameter(db_path):
    target = database.open_store(db_path)
    with pytest.raises(TypeError, match="programme_id"):
        target.read("pairs_of_programme")
    with pytest.raises(TypeError, match="programme_id"):
        target.rows("programme_row")


def test_the_query_runner_refuses_an_extra_parameter(db_path):
    target = database.open_store(db_path)
    with pytest.raises(TypeError, match="colour"):
        target.read("pairs_of_programme", programme_id="x", colour="red")
    with pytest.raises(TypeError, match="programme_id"):
        target.rows("programme_ids", programme_id="x")


def test_the_writer_checks_parameters_too_and_then_writes_nothing(db_path):
    target = database.open_store(db_path)
    with pytest.raises(TypeError), target.writing() as writer:
        writer.run("delete_programme")
    with pytest.raises(TypeError), target.writing() as writer:
        writer.read("pairs_of_programme", programme_id="x", extra=1)


def test_an_unknown_query_name_is_refused(db_path):
    target = database.open_store(db_path)
    with pytest.raises(KeyError, match="no_such_query"):
        target.read("no_such_query")


def test_parameters_are_bound_not_pasted(db_path, data_fixture):
    target = database.open_store(db_path)
    load_fixtures(target, data_fixture("minimal.yaml"))
    assert target.rows("programme_row", programme_id="x' or '1'='1") == []
    assert len(target.rows("programme_row", programme_id="example-network")) == 1
