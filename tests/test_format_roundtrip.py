"""Export gives back programme files that load into the same data, and exporting is stable.
Runs on the test fixtures (every field of the format); test_format_shipped.py does the same
for the shipped programme files."""

from __future__ import annotations

import yaml

from mentoring_data.programme_files import exporting, loading
from mentoring_data.store import database

BOOKKEEPING = ("loaded_at", "source_file", "applied_at")


def export(db, directory):
    written = exporting.export_all(database.open_store(db), directory)
    database.close_store(db)
    return written


def test_export_then_load_gives_the_same_tables(data_fixture, tmp_path, table_contents):
    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    loading.load_files([data_fixture("full.yaml"), data_fixture("minimal.yaml")], first)
    exported = {p.stem: p for p in export(first, tmp_path / "export")}
    assert sorted(exported) == ["example-network", "full-network"]
    loading.load_files([exported["full-network"], exported["example-network"]], second)
    assert table_contents(second, BOOKKEEPING) == table_contents(first, BOOKKEEPING)


def test_exporting_twice_gives_identical_files(data_fixture, tmp_path):
    db = tmp_path / "a.duckdb"
    loading.load_files([data_fixture("full.yaml"), data_fixture("minimal.yaml")], db)
    once = {p.name: p.read_bytes() for p in export(db, tmp_path / "once")}
    twice = {p.name: p.read_bytes() for p in export(db, tmp_path / "twice")}
    assert once == twice


def test_an_exported_file_exports_to_itself(data_fixture, tmp_path):
    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    loading.load_files([data_fixture("full.yaml")], first)
    (exported,) = export(first, tmp_path / "once")
    loading.load_files([exported], second)
    (again,) = export(second, tmp_path / "twice")
    assert again.read_text(encoding="utf-8") == exported.read_text(encoding="utf-8")


def test_the_export_says_what_the_file_said(data_fixture, tmp_path):
    # same mapping as the hand-written file once both are read as YAML (dates and all)
    db = tmp_path / "a.duckdb"
    loading.load_files([data_fixture("full.yaml")], db)
    (exported,) = export(db, tmp_path / "export")
    original = yaml.safe_load(data_fixture("full.yaml").read_text(encoding="utf-8"))
    assert yaml.safe_load(exported.read_text(encoding="utf-8")) == original


def test_month_precision_dates_are_exported_as_months(data_fixture, tmp_path):
    db = tmp_path / "a.duckdb"
    loading.load_files([data_fixture("full.yaml")], db)
    (exported,) = export(db, tmp_path / "export")
    text = exported.read_text(encoding="utf-8")
    assert "start: 2023-01\n" in text and "due: 2024-12\n" in text and "date: 2024-11\n" in text
    assert "end: 2025-06-30\n" in text
