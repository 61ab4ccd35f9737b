"""Loading programme files into a real DuckDB file: replace-by-file semantics, versions,
shared cities, references to stored places, dates, and refusal of what cannot be stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from mentoring_data.format.validation import ValidationFailed, validate_files
from mentoring_data.programme_files import exporting, loading
from mentoring_data.store import database

BOOKKEEPING = ("loaded_at", "applied_at")
VERSIONED = ("pairs", "activities", "action_plans", "steps", "outcomes", "indicators")


def programme(pid: str, body: str = "") -> str:
    return (
        f"format: mentoring-programme/1\nprogramme:\n  id: {pid}\n  name: {pid.title()}\n"
        f"  kind: city-to-city\n{body}"
    )


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def rows(contents: dict, table: str) -> list[dict]:
    header, *values = contents[table]
    return [dict(zip(header, row, strict=True)) for row in values]


GHENT = "  - {id: ghent, name: Ghent, country: BE, lat: 51.054, lon: 3.717}\n"
LUBLIN = "  - {id: lublin, name: Lublin, country: PL, lat: 51.247, lon: 22.568}\n"
OSLO = '  - {id: oslo, name: Oslo, country: "NO", lat: 59.913, lon: 10.752}\n'


def test_loading_the_same_files_twice_changes_nothing(db_path, data_fixture, table_contents):
    files = [data_fixture("full.yaml"), data_fixture("minimal.yaml")]
    loading.load_files(files, db_path)
    first = table_contents(db_path, exclude=BOOKKEEPING)
    loading.load_files(files, db_path)
    second = table_contents(db_path, exclude=BOOKKEEPING)
    assert second == first
    assert len(first["programmes"]) == 1 + 2 and len(first["steps"]) == 1 + 4 + 2
    for table in VERSIONED:
        assert {row["version"] for row in rows(second, table)} == {1}, table


def test_a_changed_record_gets_the_next_version_and_the_others_keep_theirs(
    db_path, data_fixture, table_contents, tmp_path
):
    original = data_fixture("full.yaml").read_text(encoding="utf-8")
    loading.load_files([data_fixture("full.yaml")], db_path)
    changed = write(
        tmp_path,
        "full.yaml",
        original.replace("title: Second visit", "title: Second visit (moved)"),
    )
    loading.load_files([changed], db_path)
    loading.load_files([changed], db_path)
    versions = {row["id"]: row["version"] for row in rows(table_contents(db_path), "activities")}
    assert versions == {"kick-off": 1, "visit-1": 1, "visit-2": 2}


def test_reloading_a_file_without_one_of_its_pairs_removes_that_pair(
    db_path, tmp_path, table_contents
):
    pairs = (
        "pairs:\n  - {id: ghent-lublin, mentor: ghent, mentee: lublin, status: active}\n"
        "  - {id: oslo-lublin, mentor: oslo, mentee: lublin, status: planned}\n"
    )
    path = write(tmp_path, "p.yaml", programme("p", "cities:\n" + GHENT + LUBLIN + OSLO + pairs))
    loading.load_files([path], db_path)
    assert [r["id"] for r in rows(table_contents(db_path), "pairs")] == [
        "ghent-lublin",
        "oslo-lublin",
    ]
    path.write_text(path.read_text().replace(pairs.splitlines(keepends=True)[2], ""))
    loading.load_files([path], db_path)
    assert [r["id"] for r in rows(table_contents(db_path), "pairs")] == ["ghent-lublin"]


def test_reloading_replaces_only_its_own_programme(db_path, data_fixture, tmp_path, table_contents):
    loading.load_files([data_fixture("full.yaml"), data_fixture("minimal.yaml")], db_path)
    emptied = write(tmp_path, "minimal.yaml", programme("example-network"))
    loading.load_files([emptied], db_path)
    contents = table_contents(db_path)
    assert {r["programme_id"] for r in rows(contents, "pairs")} == {"full-network"}
    assert {r["id"] for r in rows(contents, "programmes")} == {"full-network", "example-network"}
    assert len(rows(contents, "steps")) == 4


def city_ids(contents: dict) -> set[str]:
    return {row["id"] for row in rows(contents, "cities")}


def test_a_shared_city_stays_while_another_programme_declares_it(db_path, tmp_path, table_contents):
    first = write(tmp_path, "a.yaml", programme("a", "cities:\n" + GHENT + LUBLIN))
    second = write(tmp_path, "b.yaml", programme("b", "cities:\n" + GHENT + OSLO))
    loading.load_files([first, second], db_path)
    assert city_ids(table_contents(db_path)) == {"ghent", "lublin", "oslo"}

    first.write_text(programme("a", "cities:\n" + LUBLIN))
    loading.load_files([first], db_path)
    assert city_ids(table_contents(db_path)) == {"ghent", "lublin", "oslo"}

    second.write_text(programme("b", "cities:\n" + OSLO))
    loading.load_files([second], db_path)
    assert city_ids(table_contents(db_path)) == {"lublin", "oslo"}


def test_the_stored_name_of_a_shared_city_does_not_change_on_reload(
    db_path, tmp_path, table_contents
):
    first = write(tmp_path, "a.yaml", programme("a", "cities:\n" + GHENT))
    second = write(
        tmp_path, "b.yaml", programme("b", "cities:\n" + GHENT.replace("name: Ghent", "name: Gent"))
    )
    report = loading.load_files([first, second], db_path)
    assert len(report.warnings) == 1
    for reload in (second, first, second):
        loading.load_files([reload], db_path)
        (ghent,) = rows(table_contents(db_path), "cities")
        assert ghent["name"] == "Ghent"


def test_translations_of_a_shared_city_name_are_merged_by_language(
    db_path, tmp_path, table_contents
):
    # contract: "translations are merged by language"
    first = write(tmp_path, "a.yaml", programme("a", "cities:\n" + GHENT))
    second = write(
        tmp_path,
        "b.yaml",
        programme("b", "cities:\n" + GHENT.replace("name: Ghent", "name: {en: Ghent, nl: Gent}")),
    )
    loading.load_files([first, second], db_path)
    (ghent,) = rows(table_contents(db_path), "cities")
    assert ghent["name"] == "Ghent"
    assert '"nl"' in ghent["name_i18n"] and '"Gent"' in ghent["name_i18n"]


def test_a_reference_to_a_city_only_in_the_database_is_accepted_by_load(
    db_path, tmp_path, table_contents
):
    stored = write(tmp_path, "a.yaml", programme("a", "cities:\n" + GHENT + LUBLIN))
    loading.load_files([stored], db_path)
    referring = write(
        tmp_path,
        "b.yaml",
        programme(
            "b", "pairs:\n  - {id: ghent-lublin, mentor: ghent, mentee: lublin, status: active}\n"
        ),
    )

    # validate alone, without the file that declares the cities, reports both references
    alone = validate_files([referring])
    assert [str(p).split(": ", 2)[:2] for p in alone.problems] == [
        [f"{referring}:7", "pairs[0].mentor"],
        [f"{referring}:7", "pairs[0].mentee"],
    ]

    loading.load_files([referring], db_path)
    assert [(r["programme_id"], r["id"]) for r in rows(table_contents(db_path), "pairs")] == [
        ("b", "ghent-lublin")
    ]


def test_a_city_stored_by_the_programme_being_replaced_is_not_a_known_place(db_path, tmp_path):
    # reloading `a` without ghent while `b` (same call) refers to ghent: nothing declares it
    first = write(tmp_path, "a.yaml", programme("a", "cities:\n" + GHENT + LUBLIN))
    loading.load_files([first], db_path)
    first.write_text(programme("a", "cities:\n" + LUBLIN))
    referring = write(
        tmp_path,
        "b.yaml",
        programme(
            "b", "pairs:\n  - {id: ghent-lublin, mentor: ghent, mentee: lublin, status: active}\n"
        ),
    )
    with pytest.raises(ValidationFailed) as failed:
        loading.load_files([first, referring], db_path)
    assert [p.field for p in failed.value.report.problems] == ["pairs[0].mentor"]


def test_a_city_whose_coordinates_disagree_with_the_database_is_refused(db_path, tmp_path):
    loading.load_files([write(tmp_path, "a.yaml", programme("a", "cities:\n" + GHENT))], db_path)
    moved = write(
        tmp_path, "b.yaml", programme("b", "cities:\n" + GHENT.replace("lat: 51.054", "lat: 50.5"))
    )
    with pytest.raises(ValidationFailed) as failed:
        loading.load_files([moved], db_path)
    (problem,) = failed.value.report.problems
    assert str(problem).startswith(f"{moved}:7: cities[0].lat: ")
    assert "the database (programme a)" in problem.message


def test_month_precision_dates_are_kept_as_first_and_last_day_of_the_month(
    db_path, data_fixture, table_contents
):
    loading.load_files([data_fixture("full.yaml")], db_path)
    contents = table_contents(db_path)
    visit = {r["id"]: r for r in rows(contents, "activities")}["visit-2"]
    assert (str(visit["start_date"]), visit["start_precision"]) == ("2024-05-01", "month")
    assert (str(visit["end_date"]), visit["end_precision"]) == ("2024-05-31", "month")
    step = {r["id"]: r for r in rows(contents, "steps")}["open-desk"]
    assert (str(step["due_date"]), step["due_precision"]) == ("2024-12-31", "month")
    (full,) = [r for r in rows(contents, "programmes")]
    assert (str(full["start_date"]), full["start_precision"]) == ("2023-01-01", "month")
    assert (str(full["end_date"]), full["end_precision"]) == ("2025-06-30", "day")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (
            "indicators:\n  - {id: volunteers, name: Volunteers,\n"
            "     values: [{date: 2024-01, value: .nan}]}\n",
            "indicators[0].values[0].value",
        ),
        (
            "cities:\n  - {id: ghent, name: Ghent, country: BE, lat: 51.0, lon: 3.7,\n"
            "     population: 99999999999999999999}\n",
            "cities[0].population",
        ),
        (
            "activities:\n  - {id: fair, kind: campaign, title: Fair, start: 2024-01, status: done,\n"
            "     participants: 3000000000}\n",
            "activities[0].participants",
        ),
    ],
    ids=["nan-indicator-value", "population-beyond-bigint", "participants-beyond-integer"],
)
def test_a_number_the_database_cannot_hold_is_a_validation_problem_not_a_crash(
    db_path, tmp_path, body, field
):
    path = write(tmp_path, "p.yaml", programme("p", body))
    with pytest.raises(ValidationFailed) as failed:
        loading.load_files([path], db_path)
    assert [p.field for p in failed.value.report.problems] == [field]
    assert not db_path.exists()


def test_a_failed_load_raises_with_every_problem_and_creates_no_database(db_path, tmp_path):
    good = write(tmp_path, "good.yaml", programme("good", "cities:\n" + GHENT))
    bad = write(
        tmp_path,
        "bad.yaml",
        programme("bad", "cities:\n" + GHENT.replace("BE", "XX") + OSLO.replace("59.913", "95.0")),
    )
    with pytest.raises(ValidationFailed) as failed:
        loading.load_files([good, bad], db_path)
    assert [(p.file, p.field) for p in failed.value.report.problems] == [
        (str(bad), "cities[0].country"),
        (str(bad), "cities[1].lat"),
    ]
    assert not db_path.exists()


def test_a_reload_never_leaves_another_programmes_reference_dangling(db_path, tmp_path):
    # b refers to ghent and lublin, which only a declares; then a is reloaded without them.
    # Refusing that reload, or keeping the cities, are both fine; what is not fine is a
    # database whose export no longer loads ("load of the result gives the same data").
    declaring = write(tmp_path, "a.yaml", programme("a", "cities:\n" + GHENT + LUBLIN))
    referring = write(
        tmp_path,
        "b.yaml",
        programme(
            "b", "pairs:\n  - {id: ghent-lublin, mentor: ghent, mentee: lublin, status: active}\n"
        ),
    )
    loading.load_files([declaring], db_path)
    loading.load_files([referring], db_path)
    declaring.write_text(programme("a"))
    try:
        loading.load_files([declaring], db_path)
    except ValidationFailed:
        pass
    exported = exporting.export_all(database.open_store(db_path), tmp_path / "export")
    report = validate_files(exported)
    assert [str(p) for p in report.problems] == []
