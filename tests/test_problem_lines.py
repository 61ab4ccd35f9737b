"""Every problem names its exact line and field: a pair that mentors itself, a YAML tag that
cannot be constructed, and a file nested too deeply for the YAML reader."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mentoring_data.access import accounts
from mentoring_data.format.validation import ValidationFailed, validate_files, validate_text
from mentoring_data.programme_files import loading, snapshots

HEAD = "format: mentoring-programme/1\nprogramme:\n  id: a\n  name: A\n  kind: city-to-city\n"
CITIES = "cities:\n  - {id: ghent, name: Ghent, country: BE, lat: 51.054, lon: 3.717}\n"
SELF_PAIR = (
    HEAD
    + CITIES
    + "pairs:\n  - id: ghent-ghent\n    mentor: ghent\n    mentee: ghent\n    status: active\n"
)
TAGGED = HEAD + CITIES + "  - id: lublin\n    name: !!python/object:os.system x\n"
DEEP_LISTS = HEAD + "  themes: " + "[" * 400 + "]" * 400 + "\n"
DEEP_MAPS = HEAD + "  summary: " + "{a: " * 400 + "1" + "}" * 400 + "\n"
DEEP_BLOCK = HEAD + "  summary:\n" + "".join("  " * (i + 2) + "- \n" for i in range(300))


def problem_strings(text: str) -> list[str]:
    return [str(p) for p in validate_text(text, "x.yaml").problems]


def test_a_pair_with_the_same_mentor_and_mentee_is_reported_on_the_mentee_line():
    (problem,) = problem_strings(SELF_PAIR)
    assert problem.startswith("x.yaml:11: pairs[0].mentee: "), problem
    assert "ghent" in problem


def test_a_yaml_tag_is_reported_with_the_field_it_stands_in():
    (problem,) = problem_strings(TAGGED)
    assert problem.startswith("x.yaml:9: cities[1].name: "), problem
    assert "python/object" in problem


@pytest.mark.parametrize(
    "text", [DEEP_LISTS, DEEP_MAPS, DEEP_BLOCK], ids=["flow-lists", "flow-maps", "block"]
)
def test_deep_nesting_is_one_clean_problem_when_validating(text):
    (problem,) = problem_strings(text)
    line = 55 if text is DEEP_BLOCK else 6  # where the 51st level starts
    assert problem.startswith(f"x.yaml:{line}: yaml: nests lists or mappings more than "), problem


@pytest.mark.parametrize(
    "text", [DEEP_LISTS, DEEP_MAPS, DEEP_BLOCK], ids=["flow-lists", "flow-maps", "block"]
)
def test_deep_nesting_is_refused_by_load_without_writing(db_path, tmp_path, text):
    path = tmp_path / "deep.yaml"
    path.write_text(text, encoding="utf-8")
    assert len(validate_files([path]).problems) == 1
    with pytest.raises(ValidationFailed) as failed:
        loading.load_files([path], db_path)
    (problem,) = failed.value.report.problems
    line = 55 if text is DEEP_BLOCK else 6
    assert (problem.file, problem.line, problem.field) == (str(path), line, "yaml")
    assert not db_path.exists()


def test_deep_nesting_on_the_command_line(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text(DEEP_LISTS, encoding="utf-8")
    for command in ("validate", "load"):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "mentoring_data",
                "--db",
                str(tmp_path / "db.duckdb"),
                command,
                str(path),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stdout + done.stderr
        lines = [line for line in (done.stdout + done.stderr).splitlines() if str(path) in line]
        assert lines == [
            f"{path}:6: yaml: nests lists or mappings more than 50 levels deep; "
            "a programme file needs far fewer"
        ]


def test_deep_nesting_in_the_admin_import(edit_store, db_contents, tmp_path):
    # the function the Admin page's import button calls with the uploaded files
    path = tmp_path / "deep.yaml"
    path.write_text(DEEP_MAPS, encoding="utf-8")
    before = db_contents(edit_store.path)
    report, snapshot_id = snapshots.import_files(
        edit_store, accounts.User("admin", "admin"), [Path(path)]
    )
    assert snapshot_id is None
    assert [(p.line, p.field) for p in report.problems] == [(6, "yaml")]
    assert db_contents(edit_store.path) == before
