"""Validation of programme files: one test per bad input, each checking the exact
`FILE:LINE: FIELD:` prefix (the real line of the real file written to tmp_path) and that the
message says what is wrong. Also: every problem is listed, and warnings are not errors."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from mentoring_data.format.validation import (
    MAX_FILE_BYTES,
    Problem,
    Report,
    validate_files,
    validate_text,
)

HEADER = """\
format: mentoring-programme/1
programme:
  id: example-network
  name: Example network
  kind: city-to-city
"""

# Two cities, one organisation and one pair that the snippets below can refer to.
PLACES = """\
cities:
  - {id: ghent, name: Ghent, country: BE, lat: 51.054, lon: 3.717}
  - {id: lublin, name: Lublin, country: PL, lat: 51.247, lon: 22.568}
organisations:
  - {id: vvsg, name: Association of Flemish Cities, kind: association, city: ghent}
pairs:
  - {id: ghent-lublin, mentor: ghent, mentee: lublin, status: active}
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the `occurrence`-th line of text that contains needle."""
    found = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(found) >= occurrence, f"{needle!r} is not in the test file"
    return found[occurrence - 1]


def lines(report: Report) -> list[str]:
    return [str(problem) for problem in report.problems]


def the_problem(report: Report, prefix: str) -> Problem:
    """The one problem whose `FILE:LINE: FIELD: ` prefix is exactly `prefix`."""
    matching = [p for p in report.problems if str(p).startswith(prefix)]
    assert len(matching) == 1, f"expected one problem starting {prefix!r}, got {lines(report)}"
    return matching[0]


def check_one(tmp_path: Path, text: str, field: str, line: int, name: str = "p.yaml") -> str:
    """Validate text as a file; it must have exactly this one problem. Returns its message."""
    path = write(tmp_path, name, text)
    report = validate_files([path])
    assert not report.ok
    assert len(report.problems) == 1, lines(report)
    problem = the_problem(report, f"{path}:{line}: {field}: ")
    assert problem.message.strip()
    return problem.message


# --- valid files --------------------------------------------------------------------------


def test_the_contracts_minimal_file_is_valid(data_fixture):
    report = validate_files([data_fixture("minimal.yaml")])
    assert lines(report) == [] and report.warnings == []
    assert [f.programme.programme.id for f in report.files] == ["example-network"]


def test_a_file_using_every_field_is_valid_together_with_the_minimal_one(data_fixture):
    report = validate_files([data_fixture("full.yaml"), data_fixture("minimal.yaml")])
    assert lines(report) == [] and report.warnings == []


def test_sections_may_be_absent_or_empty(tmp_path):
    path = write(tmp_path, "p.yaml", HEADER + "cities:\npairs: []\n")
    assert lines(validate_files([path])) == []


# --- one file, one problem ----------------------------------------------------------------


def test_malformed_yaml_points_at_the_broken_line(tmp_path):
    text = HEADER + "cities:\n  - id: ghent\n   name: Ghent\n"
    message = check_one(tmp_path, text, "yaml", line_of(text, "   name: Ghent"))
    assert "not valid YAML" in message


@pytest.mark.parametrize(
    ("city", "field", "expected"),
    [
        ("lat: north, lon: 3.7", "lat", "number"),
        ('lat: 51.0, lon: 3.7, population: "12"', "population", "whole number"),
        ("lat: 51.0, lon: 3.7, population: 12.5", "population", "whole number"),
        ("lat: 51.0, lon: 3.7, population: true", "population", "whole number"),
    ],
    ids=["lat-north", "population-quoted", "population-fraction", "population-bool"],
)
def test_a_wrong_type_names_the_field_and_the_expected_type(tmp_path, city, field, expected):
    text = HEADER + "cities:\n  - {id: ghent, name: Ghent, country: BE, " + city + "}\n"
    message = check_one(tmp_path, text, f"cities[0].{field}", line_of(text, "id: ghent"))
    assert expected in message


def test_a_missing_required_field_points_at_the_record_that_lacks_it(tmp_path):
    text = HEADER + "cities:\n  - id: ghent\n    name: Ghent\n    lat: 51.0\n    lon: 3.7\n"
    message = check_one(tmp_path, text, "cities[0].country", line_of(text, "- id: ghent"))
    assert message == "is required"


def test_a_programme_without_kind_is_refused(tmp_path):
    text = HEADER.replace("  kind: city-to-city\n", "")
    message = check_one(tmp_path, text, "programme.kind", line_of(text, "id: example-network"))
    assert message == "is required"


def test_an_unknown_key_is_refused_with_its_name(tmp_path):
    text = HEADER + PLACES.replace(
        "  - {id: ghent-lublin, mentor: ghent, mentee: lublin, status: active}\n",
        "  - id: ghent-lublin\n    mentor: ghent\n    mentee: lublin\n    stauts: active\n",
    )
    path = write(tmp_path, "p.yaml", text)
    report = validate_files([path])
    typo = the_problem(report, f"{path}:{line_of(text, 'stauts:')}: pairs[0].stauts: ")
    assert "unknown key" in typo.message
    # the typo also leaves the record without its status; that is reported too
    the_problem(report, f"{path}:{line_of(text, '- id: ghent-lublin')}: pairs[0].status: ")
    assert len(report.problems) == 2


def test_an_unknown_key_deep_in_a_step_is_refused_with_its_path(tmp_path):
    text = (
        HEADER
        + PLACES
        + """\
action_plans:
  - id: plan
    pair: ghent-lublin
    title: Plan
    steps:
      - id: open-desk
        title: Open the desk
        status: in-progress
        progess: 40
"""
    )
    message = check_one(
        tmp_path, text, "action_plans[0].steps[0].progess", line_of(text, "progess: 40")
    )
    assert "unknown key" in message


def test_a_duplicate_id_points_at_the_second_and_names_the_first(tmp_path):
    text = (
        HEADER
        + PLACES
        + ("  - {id: ghent-lublin, mentor: lublin, mentee: ghent, status: active}\n")
    )
    message = check_one(tmp_path, text, "pairs[1].id", line_of(text, "id: ghent-lublin", 2))
    assert "'ghent-lublin' is used twice" in message
    assert f"line {line_of(text, 'id: ghent-lublin')}" in message


def test_a_step_id_used_in_two_plans_is_a_duplicate(tmp_path):
    text = (
        HEADER
        + PLACES
        + """\
action_plans:
  - id: plan-a
    pair: ghent-lublin
    title: Plan A
    steps:
      - {id: open-desk, title: Open the desk, status: blocked}
  - id: plan-b
    pair: ghent-lublin
    title: Plan B
    steps:
      - {id: open-desk, title: Open the desk again, status: blocked}
"""
    )
    message = check_one(
        tmp_path, text, "action_plans[1].steps[0].id", line_of(text, "id: open-desk", 2)
    )
    assert "'open-desk' is used twice" in message


def test_a_duplicate_yaml_key_is_refused_not_silently_overwritten(tmp_path):
    text = (
        HEADER + "cities:\n  - id: ghent\n    name: Ghent\n    country: BE\n"
        "    lat: 51.0\n    lat: 52.0\n    lon: 3.7\n"
    )
    message = check_one(tmp_path, text, "cities[0].lat", line_of(text, "lat: 52.0"))
    assert "given twice" in message


@pytest.mark.parametrize(
    ("snippet", "field", "needle", "missing"),
    [
        (
            "pairs:\n  - {id: gent-lublin, mentor: gent, mentee: lublin, status: active}\n",
            "pairs[0].mentor",
            "mentor: gent,",
            "gent",
        ),
        (
            "activities:\n  - id: visit-1\n    kind: study-visit\n    title: Visit\n"
            "    pair: ghent-lublim\n    start: 2024-03-04\n    status: done\n",
            "activities[0].pair",
            "pair: ghent-lublim",
            "ghent-lublim",
        ),
        (
            "pairs:\n  - id: ghent-lublin\n    mentor: ghent\n    mentee: lublin\n    status: active\n"
            "    supporting:\n      - vvsg\n      - zmp\n",
            "pairs[0].supporting[1]",
            "- zmp",
            "zmp",
        ),
        (
            "outcomes:\n  - id: guide\n    kind: guide\n    title: Guide\n    owner: cemr\n"
            "    status: planned\n",
            "outcomes[0].owner",
            "owner: cemr",
            "cemr",
        ),
        (
            "pairs:\n  - id: ghent-lublin\n    mentor: ghent\n    mentee: lublin\n    status: replaced\n"
            "    replaced_by: ghent-lodz\n",
            "pairs[0].replaced_by",
            "replaced_by:",
            "ghent-lodz",
        ),
        (
            "organisations:\n  - {id: cemr, name: CEMR, kind: network, city: brussels}\n",
            "organisations[0].city",
            "city: brussels",
            "brussels",
        ),
        (
            "action_plans:\n  - {id: plan, pair: ghent-lublin, title: Plan}\n",
            "action_plans[0].pair",
            "pair: ghent-lublin",
            "ghent-lublin",
        ),
    ],
    ids=[
        "pair-mentor",
        "activity-pair",
        "supporting-organisation",
        "outcome-owner",
        "replaced-by",
        "organisation-city",
        "action-plan-pair",
    ],
)
def test_a_reference_to_nothing_is_refused(tmp_path, snippet, field, needle, missing):
    places = PLACES.split("pairs:")[0]  # the cities and the organisation, no pair
    if snippet.startswith("organisations:"):
        places = PLACES.split("organisations:")[0]  # the cities only
    text = HEADER + places + snippet
    message = check_one(tmp_path, text, field, line_of(text, needle))
    assert f"'{missing}' is not a known" in message


def test_end_before_start_is_refused_at_the_end(tmp_path):
    text = (
        HEADER
        + """\
activities:
  - id: visit-1
    kind: study-visit
    title: Visit
    start: 2024-03-05
    end: 2024-03-04
    status: done
"""
    )
    message = check_one(tmp_path, text, "activities[0].end", line_of(text, "end: 2024-03-04"))
    assert "before start" in message and "2024-03-04" in message and "2024-03-05" in message


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2024-05", "2024-05"),
        ("2024-05-31", "2024-05"),
        ("2024-05", "2024-05-01"),
        ("2024-03-04", "2024-03-04"),
    ],
)
def test_month_precision_end_counts_as_the_last_day_and_start_as_the_first(tmp_path, start, end):
    text = HEADER + (
        "activities:\n  - {id: visit-1, kind: meeting, title: Visit, "
        f"start: {start}, end: {end}, status: done}}\n"
    )
    assert lines(validate_files([write(tmp_path, "p.yaml", text)])) == []


def test_a_programme_period_ending_before_it_starts_is_refused(tmp_path):
    text = HEADER + "  start: 2024-05\n  end: 2024-04\n"
    message = check_one(tmp_path, text, "programme.end", line_of(text, "end: 2024-04"))
    assert "before start" in message


def test_due_month_before_start_month_is_refused_at_the_due_date(tmp_path):
    text = (
        HEADER
        + PLACES
        + """\
action_plans:
  - id: plan
    pair: ghent-lublin
    title: Plan
    steps:
      - id: open-desk
        title: Open the desk
        status: in-progress
        start: 2024-05
        due: 2024-04
"""
    )
    message = check_one(
        tmp_path, text, "action_plans[0].steps[0].due", line_of(text, "due: 2024-04")
    )
    assert "before start" in message and "2024-04" in message


def test_due_in_the_start_month_is_fine(tmp_path):
    text = (
        HEADER
        + PLACES
        + """\
action_plans:
  - id: plan
    pair: ghent-lublin
    title: Plan
    steps:
      - {id: open-desk, title: Open the desk, status: in-progress, start: 2024-05-20, due: 2024-05}
"""
    )
    assert lines(validate_files([write(tmp_path, "p.yaml", text)])) == []


def test_a_percentage_of_140_is_refused(tmp_path):
    text = (
        HEADER + "cities:\n  - {id: ghent, name: Ghent, country: BE, lat: 51.0, lon: 3.7,\n"
        "     foreign_origin_pct: 140}\n"
    )
    message = check_one(
        tmp_path, text, "cities[0].foreign_origin_pct", line_of(text, "foreign_origin_pct: 140")
    )
    assert "100" in message


def test_a_step_progress_of_140_is_refused(tmp_path):
    text = (
        HEADER
        + PLACES
        + """\
action_plans:
  - id: plan
    pair: ghent-lublin
    title: Plan
    steps:
      - {id: open-desk, title: Open the desk, status: in-progress, progress: 140}
"""
    )
    message = check_one(
        tmp_path, text, "action_plans[0].steps[0].progress", line_of(text, "progress: 140")
    )
    assert "100" in message


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "data:text/html,<b>hi</b>",
        "file:///etc/passwd",
    ],
)
def test_a_url_that_is_not_http_or_https_is_refused(tmp_path, url):
    text = HEADER + f"  website: '{url}'\n"
    message = check_one(tmp_path, text, "programme.website", line_of(text, "website:"))
    scheme = url.split(":")[0].lower()
    assert f"uses {scheme}" in message and "http" in message


def test_a_bad_url_in_a_sources_list_names_its_position(tmp_path):
    text = HEADER + "  sources:\n    - https://ok.example.org/\n    - 'data:text/plain,x'\n"
    message = check_one(tmp_path, text, "programme.sources[1]", line_of(text, "data:text"))
    assert "only http and https" in message


def test_a_country_that_is_not_iso_is_refused(tmp_path):
    text = HEADER + "cities:\n  - {id: ghent, name: Ghent, country: XX, lat: 51.0, lon: 3.7}\n"
    message = check_one(tmp_path, text, "cities[0].country", line_of(text, "id: ghent"))
    assert "'XX' is not an ISO 3166-1" in message


def test_unquoted_no_read_as_false_suggests_quoting(tmp_path):
    text = (
        HEADER + "cities:\n  - id: oslo\n    name: Oslo\n    country: NO\n"
        "    lat: 59.9\n    lon: 10.7\n"
    )
    message = check_one(tmp_path, text, "cities[0].country", line_of(text, "country: NO"))
    assert "False" in message and "quote" in message and '"NO"' in message


def test_quoted_no_is_norway(tmp_path):
    text = HEADER + 'cities:\n  - {id: oslo, name: Oslo, country: "NO", lat: 59.9, lon: 10.7}\n'
    assert lines(validate_files([write(tmp_path, "p.yaml", text)])) == []


def test_an_empty_file_is_refused(tmp_path):
    message = check_one(tmp_path, "", "file", 1)
    assert "empty" in message


def test_a_file_of_only_comments_is_refused(tmp_path):
    message = check_one(tmp_path, "# nothing yet\n\n", "file", 1)
    assert "format" in message and "programme" in message


def test_a_50_mb_file_is_refused_on_size_before_parsing(tmp_path):
    # Valid-looking YAML all the way down: parsing it would take minutes, refusing it does not.
    path = tmp_path / "huge.yaml"
    city = "  - {id: ghent, name: Ghent, country: BE, lat: 51.054, lon: 3.717}\n"
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER + "cities:\n")
        out.write(city * (50 * 1024 * 1024 // len(city) + 1))
    assert path.stat().st_size > 50 * 1024 * 1024 > MAX_FILE_BYTES
    started = time.monotonic()
    report = validate_files([path])
    assert time.monotonic() - started < 2
    assert len(report.problems) == 1, lines(report)
    problem = the_problem(report, f"{path}:1: file: ")
    assert "50.0 MB" in problem.message and "at most" in problem.message


def test_an_unsupported_format_is_refused(tmp_path):
    text = HEADER.replace("mentoring-programme/1", "mentoring-programme/2")
    message = check_one(tmp_path, text, "format", 1)
    assert "unsupported format" in message and "mentoring-programme/2" in message


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("Example-network", "not a valid id"),
        ("example--network", "not a valid id"),
        ("-example", "not a valid id"),
        ("example_network", "not a valid id"),
        ("a" * 65, "longer than 64"),
    ],
    ids=["upper-case", "double-hyphen", "leading-hyphen", "underscore", "65-characters"],
)
def test_slug_rules(tmp_path, slug, expected):
    text = HEADER.replace("id: example-network", f"id: {slug}")
    message = check_one(tmp_path, text, "programme.id", 3)
    assert expected in message


def test_a_64_character_slug_is_fine(tmp_path):
    text = HEADER.replace("id: example-network", "id: " + "a" * 64)
    assert lines(validate_files([write(tmp_path, "p.yaml", text)])) == []


@pytest.mark.parametrize(("status", "progress"), [("done", 50), ("not-started", 10)])
def test_progress_inconsistent_with_status_is_refused(tmp_path, status, progress):
    text = (
        HEADER
        + PLACES
        + f"""\
action_plans:
  - id: plan
    pair: ghent-lublin
    title: Plan
    steps:
      - id: open-desk
        title: Open the desk
        status: {status}
        progress: {progress}
"""
    )
    message = check_one(
        tmp_path, text, "action_plans[0].steps[0].progress", line_of(text, f"progress: {progress}")
    )
    assert status in message and str(progress) in message


def test_a_yaml_list_instead_of_a_mapping_is_refused(tmp_path):
    message = check_one(tmp_path, "- format: mentoring-programme/1\n- programme: {}\n", "file", 1)
    assert "must be a mapping" in message


def test_an_impossible_calendar_date_is_reported_at_its_line(tmp_path):
    # YAML itself reads 2024-02-30 as a timestamp and fails: that must become a problem line,
    # not a crash.
    text = (
        HEADER + "activities:\n  - id: visit-1\n    kind: meeting\n    title: Visit\n"
        "    start: 2024-02-30\n    status: done\n"
    )
    path = write(tmp_path, "p.yaml", text)
    report = validate_files([path])
    assert len(report.problems) == 1, lines(report)
    problem = report.problems[0]
    assert (problem.file, problem.line) == (str(path), line_of(text, "2024-02-30"))
    assert "2024-02-30" in problem.message


def test_uploaded_text_gets_the_same_messages_as_a_file(tmp_path):
    text = HEADER + "cities:\n  - {id: ghent, name: Ghent, country: XX, lat: 51.0, lon: 3.7}\n"
    report = validate_text(text, "upload.yaml")
    assert [str(p).split(": ", 2)[:2] for p in report.problems] == [
        [f"upload.yaml:{line_of(text, 'id: ghent')}", "cities[0].country"]
    ]


# --- several problems, several files ------------------------------------------------------


def test_every_problem_of_a_file_is_listed(tmp_path):
    text = (
        HEADER
        + """\
cities:
  - {id: ghent, name: Ghent, country: XX, lat: 51.0, lon: 3.7}
  - {id: lublin, name: Lublin, country: PL, lat: 151.2, lon: 22.5}
  - {id: oslo, name: Oslo, country: "NO", lat: 59.9, lon: 10.7, citty: oslo}
"""
    )
    path = write(tmp_path, "p.yaml", text)
    assert [line.split(": ", 2)[:2] for line in lines(validate_files([path]))] == [
        [f"{path}:{line_of(text, 'id: ghent')}", "cities[0].country"],
        [f"{path}:{line_of(text, 'id: lublin')}", "cities[1].lat"],
        [f"{path}:{line_of(text, 'id: oslo')}", "cities[2].citty"],
    ]


def test_every_problem_is_listed_even_of_different_kinds(tmp_path):
    # a wrong type, a duplicate id and a dangling reference: three lines, not just the first
    text = (
        HEADER
        + """\
cities:
  - {id: ghent, name: Ghent, country: BE, lat: 51.0, lon: 3.7}
  - {id: lublin, name: Lublin, country: PL, lat: 51.2, lon: 22.5}
pairs:
  - {id: ghent-lublin, mentor: ghent, mentee: lublin, status: active}
  - {id: ghent-lublin, mentor: lublin, mentee: ghent, status: active}
activities:
  - {id: visit-1, kind: meeting, title: Visit, pair: ghent-lodz, start: 2024-03, status: done}
  - {id: visit-2, kind: meeting, title: Visit, start: 2024-03, status: done, participants: many}
"""
    )
    path = write(tmp_path, "p.yaml", text)
    found = sorted(line.split(": ", 2)[:2] for line in lines(validate_files([path])))
    assert found == sorted(
        [
            [f"{path}:{line_of(text, 'id: ghent-lublin', 2)}", "pairs[1].id"],
            [f"{path}:{line_of(text, 'pair: ghent-lodz')}", "activities[0].pair"],
            [f"{path}:{line_of(text, 'participants: many')}", "activities[1].participants"],
        ]
    )


def test_problems_of_several_files_are_all_listed(tmp_path):
    first = write(tmp_path, "a.yaml", HEADER.replace("city-to-city", "city-2-city"))
    second = write(tmp_path, "b.yaml", "")
    third = write(tmp_path, "c.yaml", HEADER.replace("example-network", "other") + PLACES)
    report = validate_files([first, second, third])
    assert [p.file for p in report.problems] == [str(first), str(second)]


def second_programme(cities: str) -> str:
    return HEADER.replace("example-network", "second-network") + "cities:\n" + cities


def test_coordinates_disagreeing_across_two_files_are_refused_naming_both(tmp_path):
    first = write(tmp_path, "first.yaml", HEADER + PLACES)
    text = second_programme(
        "  - id: ghent\n    name: Ghent\n    country: BE\n    lat: 51.254\n    lon: 3.717\n"
    )
    second = write(tmp_path, "second.yaml", text)
    report = validate_files([first, second])
    assert len(report.problems) == 1, lines(report)
    problem = the_problem(report, f"{second}:{line_of(text, 'lat: 51.254')}: cities[0].lat: ")
    assert f"{first}:{line_of(HEADER + PLACES, 'id: ghent')}" in problem.message
    assert "51.054" in problem.message and "51.254" in problem.message
    assert "two places under one id" in problem.message


def test_coordinates_within_a_tenth_of_a_degree_are_the_same_place(tmp_path):
    first = write(tmp_path, "first.yaml", HEADER + PLACES)
    second = write(
        tmp_path,
        "second.yaml",
        second_programme("  - {id: ghent, name: Ghent, country: BE, lat: 51.1, lon: 3.65}\n"),
    )
    assert lines(validate_files([first, second])) == []


def test_a_shared_city_in_another_country_is_refused(tmp_path):
    first = write(tmp_path, "first.yaml", HEADER + PLACES)
    text = second_programme("  - {id: ghent, name: Ghent, country: NL, lat: 51.054, lon: 3.717}\n")
    second = write(tmp_path, "second.yaml", text)
    report = validate_files([first, second])
    problem = the_problem(report, f"{second}:{line_of(text, 'id: ghent')}: cities[0].country: ")
    assert "BE" in problem.message and str(first) in problem.message


def test_different_populations_of_a_shared_city_are_refused_naming_both(tmp_path):
    first_text = HEADER + PLACES.replace("lon: 3.717}", "lon: 3.717, population: 260000}")
    first = write(tmp_path, "first.yaml", first_text)
    text = second_programme(
        "  - id: ghent\n    name: Ghent\n    country: BE\n    lat: 51.054\n"
        "    lon: 3.717\n    population: 265000\n"
    )
    second = write(tmp_path, "second.yaml", text)
    report = validate_files([first, second])
    assert len(report.problems) == 1, lines(report)
    problem = the_problem(
        report, f"{second}:{line_of(text, 'population: 265000')}: cities[0].population: "
    )
    assert "265000" in problem.message and "260000" in problem.message
    assert str(first) in problem.message


def test_a_population_only_one_file_gives_is_not_a_conflict(tmp_path):
    first = write(
        tmp_path,
        "first.yaml",
        HEADER + PLACES.replace("lon: 3.717}", "lon: 3.717, population: 260000}"),
    )
    second = write(
        tmp_path,
        "second.yaml",
        second_programme(
            "  - {id: ghent, name: Ghent, country: BE, lat: 51.054, lon: 3.717, "
            "population_year: 2023}\n"
        ),
    )
    assert lines(validate_files([first, second])) == []


def test_a_different_name_for_a_shared_city_is_a_warning_not_an_error(tmp_path):
    first = write(tmp_path, "first.yaml", HEADER + PLACES)
    text = second_programme("  - {id: ghent, name: Gent, country: BE, lat: 51.054, lon: 3.717}\n")
    second = write(tmp_path, "second.yaml", text)
    report = validate_files([first, second])
    assert report.ok and lines(report) == []
    assert len(report.warnings) == 1
    warning = report.warnings[0]
    assert str(warning).startswith(f"{second}:{line_of(text, 'id: ghent')}: cities[0].name: ")
    assert "'Gent'" in warning.message and "'Ghent'" in warning.message
    assert str(first) in warning.message


def test_the_same_programme_id_in_two_files_is_refused(tmp_path):
    first = write(tmp_path, "first.yaml", HEADER + PLACES)
    second = write(tmp_path, "second.yaml", HEADER)
    report = validate_files([first, second])
    assert len(report.problems) == 1, lines(report)
    problem = the_problem(report, f"{second}:3: programme.id: ")
    assert "'example-network'" in problem.message and str(first) in problem.message


def test_a_city_declared_in_another_file_of_the_call_can_be_referenced(tmp_path):
    first = write(tmp_path, "first.yaml", HEADER + PLACES)
    second = write(
        tmp_path,
        "second.yaml",
        HEADER.replace("example-network", "second-network")
        + "pairs:\n  - {id: pair, mentor: lublin, mentee: ghent, status: active}\n",
    )
    assert lines(validate_files([first, second])) == []
    alone = validate_files([second])
    assert [p.field for p in alone.problems] == ["pairs[0].mentor", "pairs[0].mentee"]
