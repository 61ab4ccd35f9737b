"""The command line as a real subprocess: exit codes, output lines, all-or-nothing load (the
database file byte-for-byte unchanged), and the database held open by another process."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mentoring_data.programme_files import loading
from mentoring_data.store import database

PROBLEM_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<field>[^ :]+): (?P<message>.+)$")

HEADER = """\
format: mentoring-programme/1
programme:
  id: {pid}
  name: Programme {pid}
  kind: peer-mentoring
"""
PLACES = """\
cities:
  - {id: ghent, name: Ghent, country: BE, lat: 51.054, lon: 3.717}
  - {id: lublin, name: Lublin, country: PL, lat: 51.247, lon: 22.568}
pairs:
  - {id: ghent-lublin, mentor: ghent, mentee: lublin, status: active}
"""


def programme(pid: str, body: str = PLACES) -> str:
    return HEADER.replace("{pid}", pid) + body


def huge_file(path: Path) -> None:
    city = "  - {id: ghent, name: Ghent, country: BE, lat: 51.054, lon: 3.717}\n"
    with path.open("w", encoding="utf-8") as out:
        out.write(programme("huge", "cities:\n"))
        out.write(city * (50 * 1024 * 1024 // len(city) + 1))


# Each bad input: file name -> content (a callable writes a generated file instead).
BAD_INPUTS = {
    "malformed-yaml": {"bad.yaml": programme("bad", "cities:\n  - id: ghent\n   name: Ghent\n")},
    "wrong-type": {"bad.yaml": programme("bad", PLACES.replace("lat: 51.054", "lat: north"))},
    "missing-field": {"bad.yaml": programme("bad", PLACES.replace("status: active", ""))},
    "duplicate-id": {"bad.yaml": programme("bad", PLACES.replace("id: lublin", "id: ghent"))},
    "dangling-reference": {
        "bad.yaml": programme("bad", PLACES.replace("mentee: lublin", "mentee: lodz"))
    },
    "end-before-start": {
        "bad.yaml": programme(
            "bad",
            PLACES
            + textwrap.dedent("""\
        activities:
          - {id: visit, kind: study-visit, title: Visit, start: 2024-05-02, end: 2024-05-01,
             status: done}
        """),
        )
    },
    "percentage-140": {
        "bad.yaml": programme(
            "bad", PLACES.replace("lon: 3.717}", "lon: 3.717, foreign_origin_pct: 140}")
        )
    },
    "javascript-url": {
        "bad.yaml": programme("bad", PLACES).replace(
            "  kind: peer-mentoring\n", "  kind: peer-mentoring\n  website: 'javascript:alert(1)'\n"
        )
    },
    "non-iso-country": {"bad.yaml": programme("bad", PLACES.replace("country: PL", "country: XX"))},
    "coordinates-disagree-between-files": {
        "bad-1.yaml": programme("bad-1"),
        "bad-2.yaml": programme("bad-2", PLACES.replace("lat: 51.054", "lat: 51.9")),
    },
    "empty-file": {"bad.yaml": ""},
    "50-mb-file": {"bad.yaml": huge_file},
}
# Only wrong against what is stored: base_db declares ghent at 51.054, 3.717.
BAD_AGAINST_DATABASE = {
    "coordinates-disagree-with-database": {
        "bad.yaml": programme("bad", PLACES.replace("lat: 51.054", "lat: 50.5"))
    },
}


def write_files(directory: Path, files: dict) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, content in files.items():
        path = directory / name
        if callable(content):
            content(path)
        else:
            path.write_text(content, encoding="utf-8")
        paths.append(path)
    return paths


def assert_problem_lines(stdout: str, files: list[Path]) -> list[re.Match]:
    """Every stdout line is `FILE:LINE: FIELD: MESSAGE` about one of files; at least one."""
    matches = [PROBLEM_LINE.match(line) for line in stdout.splitlines()]
    assert matches and all(matches), stdout
    assert {m["file"] for m in matches} <= {str(f) for f in files}, stdout
    return matches


@pytest.fixture(scope="module")
def base_db(tmp_path_factory) -> Path:
    """A database holding full.yaml and minimal.yaml, closed so the file is complete."""
    fixtures = Path(__file__).resolve().parent / "fixtures"
    path = tmp_path_factory.mktemp("base") / "mentoring.duckdb"
    loading.load_files([fixtures / "full.yaml", fixtures / "minimal.yaml"], path)
    database.close_store(path)
    assert sorted(p.name for p in path.parent.iterdir()) == ["mentoring.duckdb"]
    return path


@pytest.fixture
def loaded_db(base_db, tmp_path) -> Path:
    """A private copy of base_db in a directory of its own."""
    directory = tmp_path / "db"
    directory.mkdir()
    return Path(shutil.copy2(base_db, directory / base_db.name))


BASE_COUNTS = {
    "programmes": 2,
    "cities": 3,
    "organisations": 2,
    "pairs": 3,
    "activities": 4,
    "action_plans": 3,
    "steps": 6,
    "outcomes": 2,
    "indicators": 2,
}


# --- validate --------------------------------------------------------------------------------


def test_validate_of_valid_files_exits_0_and_writes_nothing(run_cli, data_fixture, tmp_path):
    result = run_cli(
        "validate",
        data_fixture("full.yaml"),
        data_fixture("minimal.yaml"),
        db=tmp_path / "never.duckdb",
    )
    assert (result.returncode, result.stdout) == (0, ""), result.stderr
    assert list(tmp_path.iterdir()) == []


def test_validate_prints_every_problem_as_file_line_field_message_and_exits_1(run_cli, tmp_path):
    paths = write_files(
        tmp_path,
        {
            "a.yaml": programme("a", PLACES.replace("BE", "XX")),
            "b.yaml": programme("b", PLACES.replace("lat: 51.247", "lat: x")),
        },
    )
    result = run_cli("validate", *paths)
    assert result.returncode == 1
    matches = assert_problem_lines(result.stdout, paths)
    assert [(m["file"], m["line"], m["field"]) for m in matches] == [
        (str(paths[0]), "7", "cities[0].country"),
        (str(paths[1]), "8", "cities[1].lat"),
    ]
    assert not run_cli.default_db.exists()


def test_validate_reports_a_name_mismatch_as_a_warning_and_exits_0(run_cli, tmp_path):
    paths = write_files(
        tmp_path,
        {
            "a.yaml": programme("a"),
            "b.yaml": programme("b", PLACES.replace("name: Ghent", "name: Gent")),
        },
    )
    result = run_cli("validate", *paths)
    assert (result.returncode, result.stdout) == (0, ""), result.stderr
    assert "'Gent'" in result.stderr and "'Ghent'" in result.stderr
    assert "warning" in result.stderr


def test_wrong_usage_exits_2(run_cli):
    usages = [["validate"], ["load"], ["frobnicate"]]
    results = run_cli.many([{"args": args} for args in usages])
    for args, result in zip(usages, results, strict=True):
        assert result.returncode == 2, (args, result.stderr)
        assert "usage" in result.stderr, args
    assert not run_cli.default_db.exists()


def test_validate_of_a_yaml_alias_bomb_finishes_quickly(run_cli, tmp_path):
    # 12 lines whose aliases expand to a billion nodes: must be answered, not walked
    lines = [programme("bomb", ""), "x0: &a0 [y, y, y, y, y, y, y, y, y, y]"]
    for level in range(1, 10):
        lines.append(f"x{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    (path,) = write_files(tmp_path, {"bomb.yaml": "\n".join(lines) + "\n"})
    result = run_cli("validate", path, timeout=20)
    assert result.returncode == 1
    fields = [m["field"] for m in assert_problem_lines(result.stdout, [path])]
    assert fields == [f"x{level}" for level in range(10)]


# --- load: all or nothing ---------------------------------------------------------------------

NEW_DATABASE_CASES = ["malformed-yaml", "dangling-reference"]  # before and after parsing


@pytest.fixture(scope="module")
def bad_loads(base_db, run_cli, tmp_path_factory, directory_state) -> dict:
    """Every bad load, into a copy of base_db and into a database that does not exist yet.

    The commands are independent, so they run side by side; each test below checks one.
    """
    runs = []
    for case, files in {**BAD_INPUTS, **BAD_AGAINST_DATABASE}.items():
        directory = tmp_path_factory.mktemp(case)
        db = Path(shutil.copy2(base_db, directory / base_db.name))
        inputs = write_files(directory.parent / f"{directory.name}-input", files)
        runs.append(
            {
                "key": ("existing", case),
                "args": ["load", *inputs],
                "db": db,
                "inputs": inputs,
                "before": directory_state(directory),
            }
        )
    for case in NEW_DATABASE_CASES:
        directory = tmp_path_factory.mktemp(f"new-{case}")
        inputs = write_files(directory / "input", BAD_INPUTS[case])
        runs.append(
            {
                "key": ("new", case),
                "args": ["load", *inputs],
                "db": directory / "db" / "new.duckdb",
                "inputs": inputs,
            }
        )
    results = run_cli.many(runs)
    return {
        run["key"]: {**run, "result": result} for run, result in zip(runs, results, strict=True)
    }


@pytest.mark.parametrize("case", [*BAD_INPUTS, *BAD_AGAINST_DATABASE])
def test_a_bad_load_exits_1_and_leaves_the_database_byte_for_byte_unchanged(
    case, bad_loads, directory_state
):
    run = bad_loads[("existing", case)]
    result = run["result"]
    assert result.returncode == 1, result.stderr
    assert_problem_lines(result.stdout, run["inputs"])
    assert "nothing was written" in result.stderr
    assert directory_state(run["db"].parent) == run["before"]


@pytest.mark.parametrize("case", NEW_DATABASE_CASES)
def test_a_bad_load_into_a_new_database_leaves_no_file(case, bad_loads):
    run = bad_loads[("new", case)]
    result = run["result"]
    assert result.returncode == 1, result.stderr
    assert_problem_lines(result.stdout, run["inputs"])
    assert not run["db"].parent.exists() or list(run["db"].parent.iterdir()) == []


def test_one_bad_file_in_a_batch_of_ten_writes_nothing(
    run_cli, loaded_db, tmp_path, directory_state
):
    good = {f"batch-{n}.yaml": programme(f"batch-{n}") for n in range(1, 10)}
    bad = {
        "batch-bad.yaml": programme("batch-bad", PLACES.replace("mentee: lublin", "mentee: lodz"))
    }
    files = write_files(
        tmp_path / "input", {**dict(list(good.items())[:5]), **bad, **dict(list(good.items())[5:])}
    )
    assert len(files) == 10
    before = directory_state(loaded_db.parent)
    result = run_cli("load", *files, db=loaded_db)
    assert result.returncode == 1
    matches = assert_problem_lines(result.stdout, files)
    assert {m["file"] for m in matches} == {str(tmp_path / "input" / "batch-bad.yaml")}
    assert directory_state(loaded_db.parent) == before

    # the nine good ones alone load: the bad one was the only reason
    result = run_cli("load", *[f for f in files if "bad" not in f.name], db=loaded_db)
    assert result.returncode == 0, result.stdout + result.stderr
    ((programmes, *_),) = database.peek(loaded_db, "record_counts")
    assert programmes == BASE_COUNTS["programmes"] + 9


def test_load_exits_0_and_stats_counts_every_kind_of_record(run_cli, data_fixture, tmp_path):
    db = tmp_path / "db" / "new.duckdb"
    result = run_cli("load", data_fixture("full.yaml"), data_fixture("minimal.yaml"), db=db)
    assert (result.returncode, result.stdout) == (0, ""), result.stderr
    stats = run_cli("stats", db=db)
    assert stats.returncode == 0
    assert json.loads(stats.stdout) == BASE_COUNTS
    assert len(stats.stdout.strip().splitlines()) == 1


def test_the_database_comes_from_mentoring_db_unless_db_is_given(run_cli, loaded_db, tmp_path):
    from_environment, explicit = run_cli.many(
        [
            {"args": ["stats"], "env": {"MENTORING_DB": str(loaded_db)}},
            {
                "args": ["stats"],
                "db": tmp_path / "other.duckdb",
                "env": {"MENTORING_DB": str(loaded_db)},
            },
        ]
    )
    assert json.loads(from_environment.stdout) == BASE_COUNTS
    assert json.loads(explicit.stdout) == dict.fromkeys(BASE_COUNTS, 0)


def test_export_writes_one_file_per_programme_and_exits_0(run_cli, loaded_db, tmp_path):
    out = tmp_path / "export"
    result = run_cli("export", out, db=loaded_db)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["example-network.yaml", "full-network.yaml"]
    assert sorted(result.stdout.split()) == sorted(str(p) for p in out.iterdir())


# --- the database in use ----------------------------------------------------------------------

HOLDER = """\
import sys, time
from pathlib import Path
from mentoring_data.store import database
held = database.open_store(Path(sys.argv[1]))
print("holding", flush=True)
time.sleep(120)
"""


def test_a_database_held_by_another_process_is_refused_in_one_line(
    run_cli, loaded_db, project_dir, tmp_path
):
    new_programme = write_files(tmp_path / "input", {"new.yaml": programme("new")})
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(loaded_db)],
        cwd=project_dir,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding", holder.stderr.read()
        refused = [["stats"], ["load", *new_programme]]
        results = run_cli.many([{"args": args, "db": loaded_db} for args in refused])
        for args, result in zip(refused, results, strict=True):
            assert result.returncode == 1, (args, result.stdout, result.stderr)
            assert result.stdout == ""
            (line,) = result.stderr.splitlines()
            assert "in use" in line and str(loaded_db) in line
    finally:
        holder.kill()
        holder.wait(timeout=10)
        holder.stdout.close()
        holder.stderr.close()
    result = run_cli("load", *new_programme, db=loaded_db)
    assert result.returncode == 0, result.stdout + result.stderr
    result = run_cli("stats", db=loaded_db)
    assert result.returncode == 0, result.stderr
    # nothing lost, nothing half-written: the base records plus the one programme loaded now
    assert json.loads(result.stdout) == {**BASE_COUNTS, "programmes": 3, "pairs": 4}
