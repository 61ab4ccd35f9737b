"""Generated field values thrown at the editing functions the Manage and History pages call
(save, add, drop, undo, and the step table's editor state): each ends in a SaveResult that is
saved, refused field by field, or a conflict, never an exception, and a refused change writes
nothing at all (every table compared before and after, the history included).

One database per test (a copy of the shipped programmes); every generated example runs on the
state the previous ones left, as a long editing session would.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentoring_data import editing
from mentoring_data.access.accounts import User
from mentoring_data.editing import KINDS, Edit, SaveResult
from mentoring_data.editing.table_edits import BULK_COLUMNS

ADMIN = User("admin", "admin")
PROGRAMME = "inclucities"
RECORDS = {  # a record of each kind in the shipped IncluCities file
    "steps": "capaci-define-target-group",
    "activities": "mechelen-capaci-visit-2",
    "outcomes": "mechelen-welkomapp",
    "pairs": "mechelen-capaci",
}
PLAN = "capaci-tutti-capaci"
BOUNDED = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

hostile_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "a\x00b",
            "\ud800",  # a lone surrogate: not encodable as UTF-8
            "<script>alert(1)</script>",
            '=HYPERLINK("http://x")',
            "javascript:alert(1)",
            "x" * 5001,
            "2024-02-30",
            "2024-13",
            "2024",
            "9999-12-31",
            "done",
            "blocked",
            "in-progress",
            "capaci-promotion",
            "schaerbeek-jelgava",
            "mechelen-capaci",
            "https://example.org/ok",
        ]
    ),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    hostile_text,
)
values = st.one_of(
    scalars,
    st.lists(scalars, max_size=3),
    st.dictionaries(st.text(max_size=8), scalars, max_size=3),
)


def field_names(table: str) -> st.SearchStrategy[str]:
    model_fields = sorted(KINDS[table].model.model_fields)
    return st.one_of(st.sampled_from(model_fields), st.sampled_from(["", "version", "bogus"]))


def changes_for(table: str) -> st.SearchStrategy[dict]:
    return st.dictionaries(field_names(table), values, min_size=1, max_size=4)


def contents(db_contents, store) -> dict:
    return db_contents(store.path)


def assert_clean(result: object) -> None:
    assert isinstance(result, SaveResult), result
    if not result.ok:
        assert result.saved == [], result
        for (record, name), message in result.errors.items():
            assert isinstance(record, str) and isinstance(name, str)
            assert isinstance(message, str) and message.strip()
            assert "Traceback" not in message


def assert_nothing_written(before: dict, after: dict) -> None:
    changed = [table for table in before if before[table] != after[table]]
    assert changed == [], f"a refused change wrote to {changed}"


def new_history_rows(before: dict, after: dict) -> int:
    return len(after["changes"]) - len(before["changes"])


def current_version(store, table: str, record_id: str) -> int | None:
    frame = store.read(KINDS[table].read_query, programme_id=PROGRAMME, id=record_id)
    return None if frame.empty else int(frame["version"].iloc[0])


@BOUNDED
@given(table=st.sampled_from(sorted(RECORDS)), data=st.data())
def test_save_edits_with_generated_values_is_clean_and_all_or_nothing(
    edit_store, db_contents, table, data
):
    changes = data.draw(changes_for(table), label="changes")
    record_id = RECORDS[table]
    version = current_version(edit_store, table, record_id)
    stale = data.draw(st.booleans(), label="stale version")
    before = contents(db_contents, edit_store)
    result = editing.save_edits(
        edit_store,
        ADMIN,
        table,
        PROGRAMME,
        [Edit(record_id, version - 1 if stale and version > 1 else version, changes)],
        data.draw(st.one_of(st.none(), hostile_text), label="comment"),
    )
    after = contents(db_contents, edit_store)
    assert_clean(result)
    if not result.ok or not result.saved:
        assert_nothing_written(before, after)
        return
    # one history row per field that changed, and only the record's own table besides
    assert new_history_rows(before, after) >= 1
    assert current_version(edit_store, table, record_id) == version + 1
    other = [t for t in before if t not in (table, "changes") and before[t] != after[t]]
    assert other == []


@BOUNDED
@given(table=st.sampled_from(sorted(RECORDS)), data=st.data())
def test_add_record_with_generated_documents_is_clean_and_all_or_nothing(
    edit_store, db_contents, table, data
):
    document = data.draw(changes_for(table), label="document")
    if data.draw(st.booleans(), label="with a fresh id"):
        document["id"] = data.draw(st.from_regex(r"\Agen-[a-z0-9]{1,12}\Z"), label="id")
    before = contents(db_contents, edit_store)
    result = editing.add_record(
        edit_store,
        ADMIN,
        table,
        PROGRAMME,
        document,
        plan_id=data.draw(st.one_of(st.just(PLAN), hostile_text), label="plan"),
    )
    after = contents(db_contents, edit_store)
    assert_clean(result)
    if not result.ok:
        assert_nothing_written(before, after)
        return
    assert new_history_rows(before, after) == 1
    assert len(after[table]) == len(before[table]) + 1


@BOUNDED
@given(
    table=st.sampled_from(sorted(RECORDS)),
    record_id=st.one_of(st.sampled_from(sorted(RECORDS.values())), hostile_text),
    version=st.one_of(st.integers(min_value=-(2**70), max_value=2**70), st.sampled_from([1, 2])),
)
def test_delete_record_with_generated_ids_and_versions_is_clean(
    edit_store, db_contents, table, record_id, version
):
    before = contents(db_contents, edit_store)
    result = editing.delete_record(edit_store, ADMIN, table, PROGRAMME, record_id, version)
    after = contents(db_contents, edit_store)
    assert_clean(result)
    if not result.ok:
        assert_nothing_written(before, after)
        return
    assert new_history_rows(before, after) == 1
    assert len(after[table]) == len(before[table]) - 1


@BOUNDED
@given(data=st.data())
def test_undo_of_generated_and_real_groups_is_clean_and_all_or_nothing(
    edit_store, db_contents, data
):
    """Real saves are made and undone in a generated order; made-up groups are refused."""
    if data.draw(st.booleans(), label="save first"):
        table = data.draw(st.sampled_from(sorted(RECORDS)), label="table")
        record_id = RECORDS[table]
        if current_version(edit_store, table, record_id) is not None:
            editing.save_edits(
                edit_store,
                ADMIN,
                table,
                PROGRAMME,
                [
                    Edit(
                        record_id,
                        current_version(edit_store, table, record_id),
                        data.draw(changes_for(table), label="changes"),
                    )
                ],
            )
    groups = [
        row[1]
        for row in edit_store.rows(
            "changes", programme_id=None, username=None, table_name=None, max_rows=50
        )
    ]
    # an index, not a choice among the groups: what is drawn must not depend on the state
    pick = data.draw(st.one_of(st.integers(min_value=0, max_value=49), hostile_text), "group")
    group = groups[pick % len(groups)] if isinstance(pick, int) and groups else str(pick)
    before = contents(db_contents, edit_store)
    result = editing.revert_group(edit_store, ADMIN, group)
    after = contents(db_contents, edit_store)
    assert_clean(result)
    if not result.ok:
        assert_nothing_written(before, after)


editor_values = st.one_of(scalars, st.just(float("nan")))


@BOUNDED
@given(data=st.data())
def test_generated_step_table_states_save_cleanly(edit_store, db_contents, data):
    """What the step table's editor can send (values typed or cleared, rows reordered, a
    cleared order cell) becomes edits that save or are refused cleanly."""
    frame = edit_store.read("steps_of_programme", programme_id=PROGRAMME)
    snapshot = frame[frame["plan_id"] == PLAN].reset_index(drop=True)
    snapshot = snapshot.assign(order=range(1, len(snapshot) + 1))
    columns = st.sampled_from([*BULK_COLUMNS, "order"])
    rows = st.integers(min_value=0, max_value=len(snapshot) - 1)
    state = {
        "edited_rows": data.draw(
            st.dictionaries(
                rows.map(str), st.dictionaries(columns, editor_values, max_size=3), max_size=3
            ),
            label="edited_rows",
        )
    }
    before = contents(db_contents, edit_store)
    edits = editing.edits_from_editor(snapshot, state)
    assert all(isinstance(edit, Edit) for edit in edits)
    if not edits:
        return
    result = editing.save_edits(edit_store, ADMIN, "steps", PROGRAMME, edits)
    after = contents(db_contents, edit_store)
    assert_clean(result)
    if not result.ok:
        assert_nothing_written(before, after)
    else:
        assert new_history_rows(before, after) >= len(result.saved)


def test_the_strategies_reach_both_outcomes(edit_store):
    """A guard on the test itself: hostile values are refused and plain ones saved."""
    refused = editing.save_edits(
        edit_store, ADMIN, "steps", PROGRAMME, [Edit(RECORDS["steps"], 1, {"status": "\ud800"})]
    )
    assert refused.errors and not refused.saved
    saved = editing.save_edits(
        edit_store, ADMIN, "steps", PROGRAMME, [Edit(RECORDS["steps"], 1, {"owner": "Plain"})]
    )
    assert saved.ok and saved.saved
