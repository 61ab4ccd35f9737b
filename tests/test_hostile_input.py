"""Generated hostile programme files: validation and loading end in clean problems (each
FILE:LINE: FIELD: MESSAGE) or a complete load, never a crash and never a partial write."""

from __future__ import annotations

import re
import shutil

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentoring_data.format.validation import ValidationFailed, validate_text
from mentoring_data.programme_files import loading

PROBLEM = re.compile(r"^.+?:\d+: .+: .+$", re.DOTALL)
HEAD = "format: mentoring-programme/1\nprogramme:\n  id: a\n  name: A\n  kind: city-to-city\n"
BOUNDED = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["2024-02-30", "2024-13", "ghent", "=1+1", "city-to-city", "done", "!!"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)
sections = st.sampled_from(
    ["cities", "organisations", "pairs", "activities", "action_plans", "outcomes", "indicators"]
)
documents = st.dictionaries(sections, st.lists(values, max_size=3), max_size=4)


def assert_clean(report) -> None:
    for problem in report.problems:
        assert PROBLEM.match(str(problem)), str(problem)
        assert problem.line >= 1


@BOUNDED
@given(st.text(max_size=300))
def test_any_text_is_validated_cleanly(text):
    assert_clean(validate_text(text, "x.yaml"))


@BOUNDED
@given(documents)
def test_generated_sections_after_a_valid_head_are_validated_cleanly(body):
    text = HEAD + yaml.safe_dump(body, allow_unicode=True)
    assert_clean(validate_text(text, "x.yaml"))


@settings(BOUNDED, max_examples=25)
@given(documents)
def test_loading_is_all_or_nothing(tmp_path_factory, body):
    directory = tmp_path_factory.mktemp("hostile")
    good = directory / "good.yaml"
    good.write_text(
        HEAD.replace("id: a", "id: g")
        + "cities:\n  - {id: ghent, name: Ghent, country: BE, lat: 51.05, lon: 3.72}\n",
        encoding="utf-8",
    )
    db = directory / "db.duckdb"
    loading.load_files([good], db)
    from mentoring_data.store import database

    database.close_store(db)
    before = directory / "before.duckdb"
    shutil.copyfile(db, before)
    hostile = directory / "hostile.yaml"
    hostile.write_text(HEAD + yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    try:
        loading.load_files([hostile], db)
    except ValidationFailed as failed:
        assert_clean(failed.value.report if hasattr(failed, "value") else failed.report)
        database.close_store(db)
        assert _tables(db) == _tables(before)
    finally:
        database.close_store(db)


def _tables(path):
    import duckdb

    connection = duckdb.connect(str(path), read_only=True)
    try:
        names = [
            row[0]
            for row in connection.execute(
                "select table_name from information_schema.tables where table_type = 'BASE TABLE'"
                " order by 1"
            ).fetchall()
        ]
        contents = {}
        for name in names:
            rows = connection.execute(f'select * from "{name}"').fetchall()  # noqa: S608 test only
            contents[name] = sorted(map(repr, rows))
        for volatile in ("schema_migrations",):
            contents.pop(volatile, None)
        return contents
    finally:
        connection.close()
