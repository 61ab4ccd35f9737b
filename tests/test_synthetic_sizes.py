"""Synthetic networks at a size: deterministic files in the public format, every record marked
synthetic, loadable by the command line, with their generated change history."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest
import yaml

from mentoring_data.programme_files import synthetic

ANCHOR = dt.date(2025, 6, 1)
SMALL = synthetic.Size(
    programmes=3, pairs_per_programme=4, activities_per_pair=3, steps_per_pair=6, history_rows=501
)
NAMED_SECTIONS = {  # section -> the field that must say "Synthetic"
    "cities": "name",
    "activities": "title",
    "action_plans": "title",
    "outcomes": "title",
    "indicators": "name",
}


def expected_stats(size: synthetic.Size) -> dict[str, int]:
    return {
        "programmes": size.programmes,
        "cities": 2 * size.pairs,
        "organisations": 0,
        "pairs": size.pairs,
        "activities": size.activities,
        "action_plans": size.pairs,
        "steps": size.steps,
        "outcomes": size.pairs,
        "indicators": size.programmes,
    }


def read(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def test_same_seed_gives_identical_files_and_another_seed_others(tmp_path):
    first = synthetic.write_programme_files(SMALL, tmp_path / "a", seed=3, anchor=ANCHOR)
    again = synthetic.write_programme_files(SMALL, tmp_path / "b", seed=3, anchor=ANCHOR)
    other = synthetic.write_programme_files(SMALL, tmp_path / "c", seed=4, anchor=ANCHOR)
    assert [p.name for p in first] == [f"synthetic-{i:04d}.yaml" for i in range(3)]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    assert [p.read_bytes() for p in first] != [p.read_bytes() for p in other]
    history = synthetic.synthetic_history(SMALL, seed=3, anchor=ANCHOR)
    assert history.equals(synthetic.synthetic_history(SMALL, seed=3, anchor=ANCHOR))
    assert not history.equals(synthetic.synthetic_history(SMALL, seed=4, anchor=ANCHOR))


def test_every_record_is_marked_synthetic(tmp_path):
    for path in synthetic.write_programme_files(SMALL, tmp_path, anchor=ANCHOR):
        doc = read(path)
        programme = doc["programme"]
        assert programme["id"].startswith("synthetic-")
        assert programme["name"].startswith("Synthetic")
        assert "Synthetic data" in programme["summary"]
        for section in ("cities", "pairs", "activities", "action_plans", "outcomes", "indicators"):
            assert doc[section], section
            for record in doc[section]:
                assert record["id"].startswith("synthetic-"), (section, record)
                if section in NAMED_SECTIONS:
                    assert "Synthetic" in record[NAMED_SECTIONS[section]], (section, record)
        for plan in doc["action_plans"]:
            for step in plan["steps"]:
                assert step["id"].startswith("synthetic-") and "Synthetic" in step["title"]
                assert step["owner"].startswith("Synthetic")


def test_files_validate_and_load_through_the_command_line(tmp_path, run_cli):
    paths = synthetic.write_programme_files(SMALL, tmp_path / "files", anchor=ANCHOR)
    checked = run_cli("validate", *paths)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    db = tmp_path / "small.duckdb"
    loaded = run_cli("load", *paths, db=db)
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    counted = run_cli("stats", db=db)
    assert json.loads(counted.stdout) == expected_stats(SMALL)


def test_history_rows_name_stored_steps_and_say_they_are_synthetic(tmp_path):
    from mentoring_data.programme_files import loading
    from mentoring_data.store import database

    db = tmp_path / "history.duckdb"
    paths = synthetic.write_programme_files(SMALL, tmp_path / "files", anchor=ANCHOR)
    loading.load_files(paths, db)
    assert synthetic.write_synthetic_history(database.open_store(db), SMALL, anchor=ANCHOR) == 501
    database.close_store(db)
    with duckdb.connect(str(db), read_only=True) as connection:
        rows, users, comments, unknown, latest = connection.execute(
            "select count(*), count(distinct username) filter (where username like 'synthetic-%'),"
            " count(*) filter (where comment like 'Synthetic%'),"
            " count(*) filter (where not exists (select 1 from steps s where"
            "   s.programme_id = c.programme_id and s.id = c.record_id)),"
            " max(changed_at) from changes c"
        ).fetchone()
        same = connection.execute(
            "select count(*) from changes where old_value = new_value"
        ).fetchone()[0]
    assert (rows, comments, unknown, same) == (501, 501, 0, 0)
    assert 1 <= users <= synthetic.HISTORY_USERS
    assert latest < dt.datetime.combine(ANCHOR, dt.time())


def test_the_synthetic_command_writes_loads_and_adds_history(tmp_path, run_cli):
    db = tmp_path / "command.duckdb"
    made = run_cli(
        "synthetic",
        "--programmes",
        "2",
        "--seed",
        "5",
        "--anchor",
        "2025-06-01",
        "--load",
        tmp_path / "out",
        db=db,
    )
    assert made.returncode == 0, made.stdout + made.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "synthetic-0000.yaml",
        "synthetic-0001.yaml",
    ]
    assert json.loads(run_cli("stats", db=db).stdout) == expected_stats(synthetic.scaled(2))
    with duckdb.connect(str(db), read_only=True) as connection:
        assert connection.execute("select count(*) from changes").fetchone()[0] == 2000
    refused = run_cli("synthetic", "--size", "M", "--anchor", "June", tmp_path / "no")
    assert refused.returncode == 2 and "is not a date" in refused.stderr
    assert not (tmp_path / "no").exists()


@pytest.fixture(scope="module")
def size_m_files(tmp_path_factory) -> list[Path]:
    return synthetic.write_programme_files(
        synthetic.SIZES["M"], tmp_path_factory.mktemp("size-m"), anchor=ANCHOR
    )


def test_size_m_files_hold_the_required_counts(size_m_files):
    size = synthetic.SIZES["M"]
    assert (size.programmes, size.pairs, size.activities, size.steps) == (100, 1000, 5000, 20000)
    large = synthetic.SIZES["L"]
    assert (large.programmes, large.pairs, large.activities, large.steps) == (
        1000,
        10_000,
        50_000,
        200_000,
    )
    assert large.history_rows == 1_000_000
    docs = [read(p) for p in size_m_files]
    assert len(docs) == 100
    assert sum(len(d["pairs"]) for d in docs) == 1000
    assert sum(len(d["activities"]) for d in docs) == 5000
    assert sum(len(plan["steps"]) for d in docs for plan in d["action_plans"]) == 20000


@pytest.mark.slow
def test_size_m_loads_through_the_command_line(size_m_files, tmp_path, run_cli):
    size, paths = synthetic.SIZES["M"], size_m_files
    db = tmp_path / "m.duckdb"
    loaded = run_cli("load", *paths, db=db, timeout=300)
    assert loaded.returncode == 0, loaded.stdout[-2000:] + loaded.stderr[-2000:]
    assert json.loads(run_cli("stats", db=db).stdout) == expected_stats(size)


def test_libyaml_reading_gives_what_the_pure_python_reader_gives(tmp_path, monkeypatch):
    """Large files are read with libyaml; the data, the node lines and every problem must be
    the same as with the pure-Python parser, which reports problems in its own words."""
    from mentoring_data import settings
    from mentoring_data.format import validation

    files = [
        *settings.shipped_programme_files(),
        *synthetic.write_programme_files(SMALL, tmp_path / "files", anchor=ANCHOR)[:1],
    ]
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "format: mentoring-programme/1\nprogramme:\n  id: x\n  name: Study visit: Ghent\n",
        encoding="utf-8",
    )
    deep = tmp_path / "deep.yaml"
    deep.write_text("format: mentoring-programme/1\nprogramme: " + "[" * 60 + "]" * 60 + "\n")
    if validation._FastLoader is None:
        pytest.skip("PyYAML is built without libyaml here: there is only one reader")
    fast = validation.validate_files([*files, broken, deep])
    monkeypatch.setattr(validation, "_FastLoader", None)
    pure = validation.validate_files([*files, broken, deep])
    assert [str(p) for p in fast.problems] == [str(p) for p in pure.problems]
    assert len(fast.problems) == 2  # the colon in a plain value, and the nesting
    assert [f.data for f in fast.checked] == [f.data for f in pure.checked]
    assert [f.programme for f in fast.files] == [f.programme for f in pure.files]
    for a, b in zip(fast.checked, pure.checked, strict=True):
        assert a.line("pairs", 0, "status") == b.line("pairs", 0, "status")
