"""A shared city or organisation never ends up with two different values for one field,
whichever declarations give it: files of one call, the database, or a reload."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentoring_data.format.validation import ValidationFailed, validate_files
from mentoring_data.programme_files import loading


def programme(pid: str, body: str) -> str:
    return (
        f"format: mentoring-programme/1\nprogramme:\n  id: {pid}\n  name: {pid.title()}\n"
        f"  kind: city-to-city\n{body}"
    )


def city(extra: str = "") -> str:
    return "cities:\n  - {id: ghent, name: Ghent, country: BE, lat: 51.054, lon: 3.717" + (
        f", {extra}}}\n" if extra else "}\n"
    )


CITIES = (
    "cities:\n"
    "  - {id: ghent, name: Ghent, country: BE, lat: 51.054, lon: 3.717}\n"
    "  - {id: lublin, name: Lublin, country: PL, lat: 51.247, lon: 22.568}\n"
)


def organisation(extra: str = "") -> str:
    return (
        CITIES
        + "organisations:\n  - {id: vvsg, name: VVSG, kind: association"
        + (f", {extra}}}\n" if extra else "}\n")
    )


# (field, two different values as YAML, the file body giving one of them)
FIELDS = [
    ("population", "263000", "264500", city),
    ("population_year", "2020", "2021", city),
    ("foreign_origin_pct", "30.5", "31.0", city),
    ("country", "BE", "PL", organisation),
    ("city", "ghent", "lublin", organisation),
]
IDS = [f"{field}" for field, *_ in FIELDS]


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def refusal(problems, field: str, here: Path, there: str, mine: str, theirs: str) -> None:
    (problem,) = [p for p in problems if p.field.endswith(f"[0].{field}")]
    assert problem.file == str(here)
    assert there in problem.message
    assert mine in problem.message and theirs in problem.message


@pytest.mark.parametrize(("field", "one", "other", "body"), FIELDS, ids=IDS)
def test_two_files_of_one_call_after_a_stored_declaration_without_the_field(
    db_path, tmp_path, field, one, other, body
):
    loading.load_files([write(tmp_path, "s.yaml", programme("s", body()))], db_path)
    a = write(tmp_path, "a.yaml", programme("a", body(f"{field}: {one}")))
    b = write(tmp_path, "b.yaml", programme("b", body(f"{field}: {other}")))
    with pytest.raises(ValidationFailed) as failed:
        loading.load_files([a, b], db_path)
    refusal(failed.value.report.problems, field, b, str(a), other, one)


@pytest.mark.parametrize(("field", "one", "other", "body"), FIELDS, ids=IDS)
def test_files_of_one_call_whose_first_declaration_lacks_the_field(
    tmp_path, field, one, other, body
):
    s = write(tmp_path, "s.yaml", programme("s", body()))
    a = write(tmp_path, "a.yaml", programme("a", body(f"{field}: {one}")))
    b = write(tmp_path, "b.yaml", programme("b", body(f"{field}: {other}")))
    report = validate_files([s, a, b])
    refusal(report.problems, field, b, str(a), other, one)


@pytest.mark.parametrize(("field", "one", "other", "body"), FIELDS, ids=IDS)
def test_a_file_against_the_database(db_path, tmp_path, field, one, other, body):
    stored = write(tmp_path, "s.yaml", programme("s", body()))
    a = write(tmp_path, "a.yaml", programme("a", body(f"{field}: {one}")))
    loading.load_files([stored, a], db_path)
    b = write(tmp_path, "b.yaml", programme("b", body(f"{field}: {other}")))
    with pytest.raises(ValidationFailed) as failed:
        loading.load_files([b], db_path)
    refusal(failed.value.report.problems, field, b, "the database (programme a)", other, one)


@pytest.mark.parametrize(("field", "one", "other", "body"), FIELDS, ids=IDS)
def test_reloading_one_programme(db_path, tmp_path, field, one, other, body):
    a = write(tmp_path, "a.yaml", programme("a", body(f"{field}: {one}")))
    b = write(tmp_path, "b.yaml", programme("b", body()))
    loading.load_files([a, b], db_path)
    # b may not give a value other than a's
    b.write_text(programme("b", body(f"{field}: {other}")), encoding="utf-8")
    with pytest.raises(ValidationFailed) as failed:
        loading.load_files([b], db_path)
    refusal(failed.value.report.problems, field, b, "the database (programme a)", other, one)
    # a replaces its own value: nothing else gives one, so it is accepted
    a.write_text(programme("a", body(f"{field}: {other}")), encoding="utf-8")
    assert loading.load_files([a], db_path).ok


@pytest.mark.parametrize(("field", "one", "other", "body"), FIELDS, ids=IDS)
def test_the_same_value_in_every_declaration_is_accepted(
    db_path, tmp_path, field, one, other, body
):
    loading.load_files([write(tmp_path, "s.yaml", programme("s", body()))], db_path)
    a = write(tmp_path, "a.yaml", programme("a", body(f"{field}: {one}")))
    b = write(tmp_path, "b.yaml", programme("b", body(f"{field}: {one}")))
    assert loading.load_files([a, b], db_path).ok
