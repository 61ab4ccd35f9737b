"""The programme files shipped in mentoring_data/programmes/: they validate, load, count as
expected, and survive export -> load unchanged (the CLI as a real subprocess)."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from mentoring_data.format.validation import validate_files
from mentoring_data.programme_files import exporting, loading
from mentoring_data.store import database

PROGRAMMES_DIR = Path(__file__).resolve().parent.parent / "mentoring_data" / "programmes"
BOOKKEEPING = ("loaded_at", "source_file", "applied_at")


@pytest.fixture(scope="module")
def shipped() -> list[Path]:
    files = sorted(PROGRAMMES_DIR.glob("*.yaml"))
    if not files:
        pytest.skip(f"no shipped programme files in {PROGRAMMES_DIR} yet (being written)")
    return files


@pytest.fixture(scope="module")
def loaded(shipped, run_cli, tmp_path_factory) -> dict:
    """db A holds every shipped file (loaded by the CLI, while `validate` checks them too)."""
    db = tmp_path_factory.mktemp("shipped") / "a.duckdb"
    validated, load = run_cli.many(
        [{"args": ["validate", *shipped]}, {"args": ["load", *shipped], "db": db}]
    )
    return {"db": db, "validate": validated, "load": load}


def test_validate_of_all_shipped_files_exits_0(loaded):
    result = loaded["validate"]
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""


def test_all_shipped_files_load(loaded):
    result = loaded["load"]
    assert result.returncode == 0, result.stdout + result.stderr


def test_stats_after_loading_the_shipped_files(loaded, run_cli, shipped):
    result = run_cli("stats", db=loaded["db"])
    assert result.returncode == 0, result.stderr
    counts = json.loads(result.stdout)
    assert counts["programmes"] == len(shipped) == 5
    assert all(counts[kind] > 0 for kind in ("cities", "organisations", "pairs", "activities"))


def test_inclucities_has_four_completed_pairs_and_one_replaced(loaded):
    target = database.open_store(loaded["db"])
    try:
        pairs = target.read("pairs_of_programme", programme_id="inclucities")
    finally:
        database.close_store(loaded["db"])
    assert len(pairs) == 5
    assert Counter(pairs["status"]) == {"completed": 4, "replaced": 1}
    (replaced,) = pairs[pairs["status"] == "replaced"].itertuples()
    assert replaced.replaced_by in set(pairs["id"])


def test_export_then_load_of_the_shipped_files_gives_the_same_tables(
    loaded, shipped, run_cli, tmp_path, table_contents
):
    first, second = loaded["db"], tmp_path / "b.duckdb"
    result = run_cli("export", tmp_path / "export", db=first)
    assert result.returncode == 0, result.stderr
    exported = {Path(line).stem: Path(line) for line in result.stdout.split()}
    # load the export in the order the shipped files were loaded: same declaration order
    order = [f.programme.programme.id for f in validate_files(shipped).files]
    assert sorted(exported) == sorted(order)
    result = run_cli("load", *[exported[pid] for pid in order], db=second)
    assert result.returncode == 0, result.stdout + result.stderr
    assert table_contents(second, BOOKKEEPING) == table_contents(first, BOOKKEEPING)


def test_exporting_the_shipped_programmes_twice_gives_identical_files(loaded, tmp_path):
    target = database.open_store(loaded["db"])
    try:
        once = {p.name: p.read_bytes() for p in exporting.export_all(target, tmp_path / "1")}
        twice = {p.name: p.read_bytes() for p in exporting.export_all(target, tmp_path / "2")}
    finally:
        database.close_store(loaded["db"])
    assert len(once) == 5
    assert once == twice


def test_loading_the_shipped_files_again_changes_nothing(loaded, shipped, tmp_path, table_contents):
    copy = Path(shutil.copy2(loaded["db"], tmp_path / "again.duckdb"))
    before = table_contents(copy, ("loaded_at", "applied_at"))
    try:
        loading.load_files(shipped, copy)
    finally:
        database.close_store(copy)
    assert table_contents(copy, ("loaded_at", "applied_at")) == before
