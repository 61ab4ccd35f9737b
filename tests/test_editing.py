"""The write functions behind the Manage and History pages, on a real DuckDB file.

Every test works on its own copy of the shipped programmes (fixtures in conftest.py, "editing
fixtures"). The records used: the IncluCities plan of the pair mechelen-capaci (plan
capaci-tutti-capaci) and of the pair schaerbeek-jelgava (plan jelgava-action-plan).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from mentoring_data import editing
from mentoring_data.access import accounts
from mentoring_data.access.accounts import NotAllowed, User
from mentoring_data.editing import Edit
from mentoring_data.programme_files import snapshots

PROGRAMME = "inclucities"
STEP = "capaci-define-target-group"  # in-progress, no progress, no dates, version 1
JELGAVA_STEP = "jelgava-language-needs"
CAPACI_PLAN = "capaci-tutti-capaci"
JELGAVA_PLAN = "jelgava-action-plan"

ADMIN = User("admin", "admin")
ALICE = User("alice", "editor", (("inclucities", None),))
BOB = User("bob", "editor", (("inclucities", None),))
CAPACI_EDITOR = User("carla", "editor", (("inclucities", "mechelen-capaci"),))
VIEWER = User("vera", "viewer")


def step_row(target, step_id: str = STEP) -> dict | None:
    """The stored step row, every column."""
    with duckdb.connect(str(target.path)) as connection:
        cursor = connection.execute(
            "select * from steps where programme_id = $p and id = $i",
            {"p": PROGRAMME, "i": step_id},
        )
        names = [d[0] for d in cursor.description]
        rows = cursor.fetchall()
    return dict(zip(names, rows[0], strict=True)) if rows else None


def changes_of(target, group: str | None = None) -> list[dict]:
    frame = target.read(
        "changes", programme_id=None, username=None, table_name=None, max_rows=10_000
    )
    if group is not None:
        frame = frame[frame["change_group"] == group]
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def plan_steps(target, plan_id: str) -> list[tuple[str, int]]:
    with duckdb.connect(str(target.path)) as connection:
        return connection.execute(
            "select id, position from steps where programme_id = $p and plan_id = $plan "
            "order by position",
            {"p": PROGRAMME, "plan": plan_id},
        ).fetchall()


# --- a successful save -------------------------------------------------------------------


def test_save_writes_values_bumps_version_and_records_history(edit_store):
    before = step_row(edit_store)
    assert before["version"] == 1 and before["status"] == "in-progress"
    started = dt.datetime.now() - dt.timedelta(seconds=1)
    result = editing.save_edits(
        edit_store,
        ALICE,
        "steps",
        PROGRAMME,
        [Edit(STEP, 1, {"status": "done", "progress": 100})],
        "agreed at the steering committee",
    )
    finished = dt.datetime.now() + dt.timedelta(seconds=1)
    assert result.ok, result
    assert result.saved == [STEP]
    after = step_row(edit_store)
    assert (after["status"], after["progress"], after["version"]) == ("done", 100, 2)
    # the fields not edited are kept
    assert {k: v for k, v in after.items() if k not in ("status", "progress", "version")} == {
        k: v for k, v in before.items() if k not in ("status", "progress", "version")
    }
    history = changes_of(edit_store)
    assert {(c["field"], c["old_value"], c["new_value"]) for c in history} == {
        ("status", '"in-progress"', '"done"'),
        ("progress", None, "100"),
    }
    for change in history:
        assert change["change_group"] == result.group
        assert change["username"] == "alice"
        assert started <= change["changed_at"] <= finished
        assert (change["programme_id"], change["table_name"], change["record_id"]) == (
            PROGRAMME,
            "steps",
            STEP,
        )
        assert change["action"] == "update"
        assert change["comment"] == "agreed at the steering committee"
        assert change["reverts_group"] is None


def test_save_without_a_real_change_writes_nothing(edit_store, db_contents):
    before = db_contents(edit_store.path)
    result = editing.save_edits(
        edit_store, ALICE, "steps", PROGRAMME, [Edit(STEP, 1, {"status": "in-progress"})]
    )
    assert result.ok and result.saved == []
    assert db_contents(edit_store.path) == before


def test_value_and_history_are_one_transaction(edit_store):
    """If the history rows cannot be written, the value is not written either."""
    with duckdb.connect(str(edit_store.path)) as connection:
        columns = connection.execute(
            "select column_name, data_type from duckdb_columns() where table_name = 'changes' "
            "order by column_index"
        ).fetchall()
        definition = ", ".join(
            f'"{n}" {t}'
            + (
                " default nextval('change_ids')"
                if n == "id"
                else " default current_timestamp"
                if n == "changed_at"
                else ""
            )
            for n, t in columns
        )
        connection.execute("drop table changes")
        connection.execute(
            f"create table changes ({definition}, "
            "check (comment is null or comment <> 'refuse me'))"
        )
    before = step_row(edit_store)
    with pytest.raises(duckdb.ConstraintException):
        editing.save_edits(
            edit_store,
            ALICE,
            "steps",
            PROGRAMME,
            [Edit(STEP, 1, {"status": "blocked"})],
            "refuse me",
        )
    assert step_row(edit_store) == before
    # the same save with an acceptable history row goes through
    assert editing.save_edits(
        edit_store, ALICE, "steps", PROGRAMME, [Edit(STEP, 1, {"status": "blocked"})], "fine"
    ).ok
    assert step_row(edit_store)["status"] == "blocked"


# --- validation --------------------------------------------------------------------------

INVALID_EDITS = {
    "progress-over-100": ({"progress": 140}, "progress"),
    "done-with-progress-50": ({"status": "done", "progress": 50}, "progress"),
    "due-before-start": ({"start": "2024-05-01", "due": "2024-04-01"}, "due"),
    "javascript-evidence": ({"evidence": "javascript:alert(1)"}, "evidence"),
    "empty-title": ({"title": ""}, "title"),
    "blank-title": ({"title": "   "}, "title"),
    "ten-megabytes-of-text": ({"owner": "x" * 10_000_000}, "owner"),
    "month-13": ({"due": "2024-13"}, "due"),
    "unknown-status": ({"status": "finished"}, "status"),
}


@pytest.mark.parametrize("changes, field", list(INVALID_EDITS.values()), ids=list(INVALID_EDITS))
def test_invalid_edit_is_refused_for_its_field_and_writes_nothing(
    edit_store, db_contents, changes, field
):
    before = db_contents(edit_store.path)
    result = editing.save_edits(
        edit_store, ALICE, "steps", PROGRAMME, [Edit(STEP, 1, changes)], "should not be kept"
    )
    assert not result.ok
    assert result.saved == []
    assert list(result.errors) == [(STEP, field)], result.errors
    assert result.errors[(STEP, field)].strip()
    assert db_contents(edit_store.path) == before


def test_one_invalid_edit_refuses_the_whole_save(edit_store, db_contents):
    before = db_contents(edit_store.path)
    result = editing.save_edits(
        edit_store,
        ALICE,
        "steps",
        PROGRAMME,
        [
            Edit("capaci-promotion", 1, {"status": "done"}),  # valid on its own
            Edit(STEP, 1, {"progress": 140}),
        ],
    )
    assert list(result.errors) == [(STEP, "progress")]
    assert result.saved == []
    assert db_contents(edit_store.path) == before


def test_invalid_new_record_is_refused_for_its_field(edit_store, db_contents):
    before = db_contents(edit_store.path)
    result = editing.add_record(
        edit_store,
        ALICE,
        "steps",
        PROGRAMME,
        {"id": "capaci-new-step", "title": "New", "status": "done", "progress": 50},
        plan_id=CAPACI_PLAN,
    )
    assert list(result.errors) == [("capaci-new-step", "progress")]
    result = editing.add_record(
        edit_store,
        ALICE,
        "steps",
        PROGRAMME,
        {"id": "capaci-new-step", "title": "y" * 10_000_000, "status": "done"},
        plan_id=CAPACI_PLAN,
    )
    assert list(result.errors) == [("capaci-new-step", "title")]
    assert db_contents(edit_store.path) == before


MARKUP = "<script>alert('x')</script> <b>bold</b> & [link](javascript:alert(1))"


def test_markup_is_stored_verbatim_as_text(edit_store):
    result = editing.save_edits(
        edit_store, ALICE, "steps", PROGRAMME, [Edit(STEP, 1, {"title": MARKUP, "owner": MARKUP})]
    )
    assert result.ok, result
    row = step_row(edit_store)
    assert row["title"] == MARKUP
    assert row["owner"] == MARKUP
    assert json.loads(row["title_i18n"]) == {"en": MARKUP}


def test_pair_page_shows_markup_escaped(edit_store, run_page):
    """Titles full of markup, saved in the app, reach the pair page as text: no markdown
    element carries an unescaped <script>, yet the words are there (escaped)."""
    for table, record in (
        ("steps", STEP),
        ("activities", "mechelen-capaci-visit-1"),
        ("outcomes", "mechelen-welkomapp"),
    ):
        result = editing.save_edits(
            edit_store, ALICE, table, PROGRAMME, [Edit(record, 1, {"title": MARKUP})]
        )
        assert result.ok, (table, result)
    at = run_page("pages/pairs.py", programme=PROGRAMME, pair="mechelen-capaci")
    assert not at.exception, [e.message for e in at.exception]
    markdown = [m.value for m in at.markdown] + [c.value for c in at.caption]
    # "\\<script" is markdown for a literal "<script"; a bare "<script" would be markup
    assert not [m for m in markdown if re.search(r"(?<!\\)<script", m, re.IGNORECASE)], markdown
    shown = [m for m in markdown if "alert" in m]
    assert len(shown) >= 2, "the activity and outcome titles are not on the page"
    assert all("\\<script\\>" in m for m in shown), shown
    assert not any(getattr(m.proto, "allow_html", False) for m in at.markdown)
    # the step title sits in a table, as data
    tables = [d.value for d in at.dataframe]
    assert any(MARKUP in set(frame.get("title", [])) for frame in tables)


# --- adding records ----------------------------------------------------------------------


def test_add_step_writes_row_and_history(edit_store):
    result = editing.add_record(
        edit_store,
        ALICE,
        "steps",
        PROGRAMME,
        {
            "id": "capaci-evaluate",
            "title": "Evaluate the buddies",
            "status": "not-started",
            "due": "2023-06",
        },
        "new step",
        plan_id=CAPACI_PLAN,
    )
    assert result.ok, result
    row = step_row(edit_store, "capaci-evaluate")
    assert (row["plan_id"], row["title"], row["status"], row["version"]) == (
        CAPACI_PLAN,
        "Evaluate the buddies",
        "not-started",
        1,
    )
    # a due month is due by its last day
    assert (row["due_date"], row["due_precision"]) == (dt.date(2023, 6, 30), "month")
    (change,) = changes_of(edit_store, result.group)
    assert (change["action"], change["record_id"], change["username"], change["comment"]) == (
        "insert",
        "capaci-evaluate",
        "alice",
        "new step",
    )
    assert json.loads(change["new_value"])["title"] == "Evaluate the buddies"


@pytest.mark.parametrize(
    "step_id", ["capaci-promotion", JELGAVA_STEP], ids=["same-plan", "other-plan-of-the-programme"]
)
def test_add_step_with_a_used_id_is_refused(edit_store, db_contents, step_id):
    before = db_contents(edit_store.path)
    result = editing.add_record(
        edit_store,
        ADMIN,
        "steps",
        PROGRAMME,
        {"id": step_id, "title": "Duplicate", "status": "not-started"},
        plan_id=CAPACI_PLAN,
    )
    assert list(result.errors) == [(step_id, "id")], result.errors
    assert "already used" in result.errors[(step_id, "id")]
    assert db_contents(edit_store.path) == before


# --- two editors ---------------------------------------------------------------------------


def test_second_editor_gets_a_conflict_naming_the_first(edit_store, db_contents):
    alice_saw = bob_saw = step_row(edit_store)["version"]
    assert alice_saw == 1
    first = editing.save_edits(
        edit_store,
        ALICE,
        "steps",
        PROGRAMME,
        [Edit(STEP, alice_saw, {"status": "blocked"})],
        "waiting",
    )
    assert first.ok
    after_first = db_contents(edit_store.path)
    second = editing.save_edits(
        edit_store, BOB, "steps", PROGRAMME, [Edit(STEP, bob_saw, {"owner": "Bob's team"})]
    )
    assert not second.ok and second.saved == []
    (conflict,) = second.conflicts
    assert conflict.record_id == STEP
    assert conflict.changed_by == "alice"
    assert conflict.comment == "waiting"
    assert isinstance(conflict.changed_at, dt.datetime)
    assert conflict.version == 2
    assert conflict.current["status"] == "blocked"
    assert db_contents(edit_store.path) == after_first  # nothing of Bob's
    # Bob applies his values on top of the version Alice saved
    again = editing.save_edits(
        edit_store, BOB, "steps", PROGRAMME, [Edit(STEP, conflict.version, {"owner": "Bob's team"})]
    )
    assert again.ok, again
    row = step_row(edit_store)
    assert (row["status"], row["owner"], row["version"]) == ("blocked", "Bob's team", 3)


# --- delete and undo -----------------------------------------------------------------------


def test_delete_and_undo_restore_the_identical_row(edit_store):
    # give the step dates, a translation and evidence first, so undo has every type to restore
    step = "capaci-launch-buddy-project"
    prepared = editing.save_edits(
        edit_store,
        ADMIN,
        "steps",
        PROGRAMME,
        [Edit(step, 1, {"start": "2022-03", "due": "2022-12-15", "owner": "Città di Capaci"})],
    )
    assert prepared.ok, prepared
    original = step_row(edit_store, step)
    assert json.loads(original["title_i18n"]).keys() == {"en", "it"}
    deleted = editing.delete_record(
        edit_store, ALICE, "steps", PROGRAMME, step, original["version"], "duplicate"
    )
    assert deleted.ok, deleted
    assert step_row(edit_store, step) is None
    (change,) = changes_of(edit_store, deleted.group)
    assert (change["action"], change["username"], change["comment"]) == (
        "delete",
        "alice",
        "duplicate",
    )
    undone = editing.revert_group(edit_store, BOB, deleted.group, "undo")
    assert undone.ok, undone
    assert step_row(edit_store, step) == original
    (revert,) = changes_of(edit_store, undone.group)
    assert (revert["action"], revert["reverts_group"], revert["username"]) == (
        "insert",
        deleted.group,
        "bob",
    )


def test_delete_of_a_changed_record_is_a_conflict(edit_store, db_contents):
    assert editing.save_edits(
        edit_store, ALICE, "steps", PROGRAMME, [Edit(STEP, 1, {"status": "blocked"})]
    ).ok
    before = db_contents(edit_store.path)
    result = editing.delete_record(edit_store, BOB, "steps", PROGRAMME, STEP, 1)
    assert [c.changed_by for c in result.conflicts] == ["alice"]
    assert db_contents(edit_store.path) == before


def test_undo_of_an_update_restores_old_values_and_is_recorded(edit_store):
    original = step_row(edit_store)
    saved = editing.save_edits(
        edit_store,
        ALICE,
        "steps",
        PROGRAMME,
        [Edit(STEP, 1, {"status": "done", "progress": 100, "owner": "Alice"})],
    )
    assert saved.ok
    undone = editing.revert_group(edit_store, BOB, saved.group, "wrong step")
    assert undone.ok, undone
    restored = step_row(edit_store)
    assert {k: v for k, v in restored.items() if k != "version"} == {
        k: v for k, v in original.items() if k != "version"
    }
    assert restored["version"] == 3  # the undo is a new version, not a rewind
    history = changes_of(edit_store, undone.group)
    assert {c["action"] for c in history} == {"revert"}
    assert {c["reverts_group"] for c in history} == {saved.group}
    assert {c["username"] for c in history} == {"bob"}
    assert {c["comment"] for c in history} == {"wrong step"}
    assert {(c["field"], c["old_value"], c["new_value"]) for c in history} == {
        ("status", '"done"', '"in-progress"'),
        ("progress", "100", None),
        ("owner", '"Alice"', None),
    }
    # and it cannot be undone twice
    twice = editing.revert_group(edit_store, BOB, saved.group)
    assert not twice.ok and "already undone" in " ".join(twice.errors.values())


def test_undo_is_refused_when_the_record_changed_again(edit_store, db_contents):
    first = editing.save_edits(
        edit_store, ALICE, "steps", PROGRAMME, [Edit(STEP, 1, {"status": "blocked"})]
    )
    second = editing.save_edits(
        edit_store, BOB, "steps", PROGRAMME, [Edit(STEP, 2, {"status": "done", "progress": 100})]
    )
    assert first.ok and second.ok
    before = db_contents(edit_store.path)
    result = editing.revert_group(edit_store, ALICE, first.group)
    assert not result.ok and result.saved == []
    assert [c.changed_by for c in result.conflicts] == ["bob"]
    assert db_contents(edit_store.path) == before


# --- the step table (data_editor) --------------------------------------------------------


def editor_snapshot(target, plan_id: str = CAPACI_PLAN) -> pd.DataFrame:
    """The step table as the Manage page draws it (pages/manage.py builds the same frame)."""
    with duckdb.connect(str(target.path)) as connection:
        steps = connection.execute(
            "select id, title, owner, status, progress, due_date, version, position "
            "from steps where programme_id = $p and plan_id = $plan order by position",
            {"p": PROGRAMME, "plan": plan_id},
        ).df()
    return pd.DataFrame(
        {
            "order": range(1, len(steps) + 1),
            "title": steps["title"],
            "owner": steps["owner"].astype("string"),
            "status": steps["status"],
            "progress": steps["progress"].astype("Int64"),
            "due": [str(d)[:10] if pd.notna(d) else None for d in steps["due_date"]],
            "id": steps["id"],
            "version": steps["version"].astype("Int64"),
            "position": steps["position"].astype("Int64"),
        }
    )


def test_editor_state_becomes_edits_with_new_positions(edit_store):
    snapshot = editor_snapshot(edit_store)
    ids = snapshot["id"].tolist()
    positions = [int(p) for p in snapshot["position"]]
    assert len(ids) == 6 and positions == sorted(positions)
    state = {
        "edited_rows": {
            "1": {"status": "done", "progress": 100.0},  # JSON keys are text
            0: {"order": 3},  # the first step moves after the third
            4: {"owner": ""},
        },
        "added_rows": [],
        "deleted_rows": [],
    }
    edits = editing.edits_from_editor(snapshot, state)
    by_id = {e.record_id: e for e in edits}
    # new order: ids[1], ids[0], ids[2], ... (a tie keeps the table's order)
    assert by_id[ids[0]] == Edit(ids[0], 1, {}, positions[1])
    assert by_id[ids[1]] == Edit(ids[1], 1, {"status": "done", "progress": 100}, positions[0])
    assert isinstance(by_id[ids[1]].changes["progress"], int)
    assert by_id[ids[4]] == Edit(ids[4], 1, {"owner": None}, None)
    assert set(by_id) == {ids[0], ids[1], ids[4]}
    result = editing.save_edits(edit_store, ALICE, "steps", PROGRAMME, edits)
    assert result.ok, result
    assert [i for i, _ in plan_steps(edit_store, CAPACI_PLAN)] == [ids[1], ids[0], *ids[2:]]
    assert [p for _, p in plan_steps(edit_store, CAPACI_PLAN)] == positions
    assert step_row(edit_store, ids[1])["status"] == "done"
    moves = [c for c in changes_of(edit_store, result.group) if c["field"] == "position"]
    assert {(c["record_id"], int(c["old_value"]), int(c["new_value"])) for c in moves} == {
        (ids[0], positions[0], positions[1]),
        (ids[1], positions[1], positions[0]),
    }


def test_editor_state_without_changes_gives_no_edits(edit_store):
    snapshot = editor_snapshot(edit_store)
    assert (
        editing.edits_from_editor(
            snapshot, {"edited_rows": {}, "added_rows": [], "deleted_rows": []}
        )
        == []
    )
    # reordering to the same order is no change either
    same = {"edited_rows": {0: {"order": 1}}, "added_rows": [], "deleted_rows": []}
    assert editing.edits_from_editor(snapshot, same) == []


# --- who may write -------------------------------------------------------------------------


def _valid_programme_file(target, tmp_path: Path) -> Path:
    """The stored IncluCities programme as a file, with one step's status changed."""
    from mentoring_data.programme_files import exporting

    text = exporting.programme_yaml(target, PROGRAMME)
    assert "status: in-progress" in text
    path = tmp_path / "inclucities.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _prepared(target, tmp_path: Path) -> dict:
    """What some writes need to exist first (made by the admin)."""
    group = editing.save_edits(
        target, ADMIN, "steps", PROGRAMME, [Edit("capaci-promotion", 1, {"owner": "x"})]
    ).group
    return {
        "group": group,
        "snapshot": snapshots.take_snapshot(target, ADMIN, "prepared"),
        "file": _valid_programme_file(target, tmp_path),
    }


WRITES = {
    "save_edits": lambda s, u, p: editing.save_edits(
        s, u, "steps", PROGRAMME, [Edit(STEP, 1, {"status": "blocked"})]
    ),
    "add_record": lambda s, u, p: editing.add_record(
        s,
        u,
        "steps",
        PROGRAMME,
        {"id": "capaci-new", "title": "New", "status": "not-started"},
        plan_id=CAPACI_PLAN,
    ),
    "delete_record": lambda s, u, p: editing.delete_record(s, u, "steps", PROGRAMME, STEP, 1),
    "revert_group": lambda s, u, p: editing.revert_group(s, u, p["group"]),
    "add_user": lambda s, u, p: accounts.add_user(s, u, "mallory", "admin", "mallory-password"),
    "set_scopes": lambda s, u, p: accounts.set_scopes(s, u, "admin", "viewer", []),
    "set_password_of_another": lambda s, u, p: accounts.set_password(
        s, u, "admin", "taken-over-password"
    ),
    "take_snapshot": lambda s, u, p: snapshots.take_snapshot(s, u, "by a viewer"),
    "restore_snapshot": lambda s, u, p: snapshots.restore_snapshot(s, u, p["snapshot"]),
    "import_files": lambda s, u, p: snapshots.import_files(s, u, [p["file"]]),
}
# The account functions take acting=None as "the command line on the server" (ensure_admin
# and `python -m mentoring_data user add` rely on it), so None is refused by the others only.
SERVER_SIDE_NONE = {"add_user", "set_scopes", "set_password_of_another"}
VIEWER_CASES = [
    (name, who)
    for name in WRITES
    for who in ("nobody", "viewer")
    if not (who == "nobody" and name in SERVER_SIDE_NONE)
]


@pytest.mark.parametrize("name, who", VIEWER_CASES, ids=[f"{n}-{w}" for n, w in VIEWER_CASES])
def test_viewers_may_not_write(edit_store, db_contents, tmp_path, name, who):
    accounts.ensure_admin(edit_store)
    prepared = _prepared(edit_store, tmp_path)
    before = db_contents(edit_store.path)
    snapshot_files = sorted(snapshots.snapshot_dir(edit_store).rglob("*"))
    with pytest.raises(NotAllowed):
        WRITES[name](edit_store, None if who == "nobody" else VIEWER, prepared)
    assert db_contents(edit_store.path) == before
    assert sorted(snapshots.snapshot_dir(edit_store).rglob("*")) == snapshot_files


def test_an_editor_may_not_manage_accounts(edit_store, db_contents, tmp_path):
    accounts.ensure_admin(edit_store)
    before = db_contents(edit_store.path)
    for name in ("add_user", "set_scopes", "set_password_of_another", "take_snapshot"):
        with pytest.raises(NotAllowed):
            WRITES[name](edit_store, ALICE, {})
    assert db_contents(edit_store.path) == before
    # but anyone signed in may change their own password
    accounts.add_user(edit_store, accounts.COMMAND_LINE, "alice", "editor", "first-password-1")
    accounts.set_password(edit_store, ALICE, "alice", "second-password-2")
    assert accounts.sign_in(edit_store, "alice", "second-password-2").username == "alice"


JELGAVA_WRITES = {
    "save_edits": lambda s, u: editing.save_edits(
        s, u, "steps", PROGRAMME, [Edit(JELGAVA_STEP, 1, {"status": "blocked"})]
    ),
    "add_record": lambda s, u: editing.add_record(
        s,
        u,
        "steps",
        PROGRAMME,
        {"id": "jelgava-new", "title": "New", "status": "not-started"},
        plan_id=JELGAVA_PLAN,
    ),
    "delete_record": lambda s, u: editing.delete_record(s, u, "steps", PROGRAMME, JELGAVA_STEP, 1),
}


@pytest.mark.parametrize("name", list(JELGAVA_WRITES))
def test_scoped_editor_may_not_write_outside_the_scope(edit_store, db_contents, name):
    before = db_contents(edit_store.path)
    with pytest.raises(NotAllowed, match="schaerbeek-jelgava"):
        JELGAVA_WRITES[name](edit_store, CAPACI_EDITOR)
    assert db_contents(edit_store.path) == before


def test_scoped_editor_may_not_move_an_activity_out_of_the_scope(edit_store, db_contents):
    before = db_contents(edit_store.path)
    with pytest.raises(NotAllowed):
        editing.save_edits(
            edit_store,
            CAPACI_EDITOR,
            "activities",
            PROGRAMME,
            [Edit("mechelen-capaci-visit-1", 1, {"pair": "schaerbeek-jelgava"})],
        )
    assert db_contents(edit_store.path) == before


def test_scoped_editor_may_write_inside_the_scope(edit_store):
    assert editing.save_edits(
        edit_store, CAPACI_EDITOR, "steps", PROGRAMME, [Edit(STEP, 1, {"status": "blocked"})]
    ).ok
    assert editing.add_record(
        edit_store,
        CAPACI_EDITOR,
        "steps",
        PROGRAMME,
        {"id": "capaci-new", "title": "New", "status": "not-started"},
        plan_id=CAPACI_PLAN,
    ).ok
    assert editing.delete_record(
        edit_store, CAPACI_EDITOR, "steps", PROGRAMME, "capaci-promotion", 1
    ).ok


def test_admin_may_do_everything(edit_store, tmp_path):
    accounts.ensure_admin(edit_store)
    for name in ("save_edits", "add_record"):
        assert JELGAVA_WRITES[name](edit_store, ADMIN).ok, name
    assert step_row(edit_store, JELGAVA_STEP)["status"] == "blocked"
    assert editing.delete_record(edit_store, ADMIN, "steps", PROGRAMME, JELGAVA_STEP, 2).ok
    assert step_row(edit_store, JELGAVA_STEP) is None
    prepared = _prepared(edit_store, tmp_path)
    assert WRITES["revert_group"](edit_store, ADMIN, prepared).ok
    WRITES["add_user"](edit_store, ADMIN, prepared)
    accounts.set_scopes(edit_store, ADMIN, "mallory", "editor", [(PROGRAMME, None)])
    accounts.set_password(edit_store, ADMIN, "mallory", "reset-by-admin-1")
    mallory = accounts.sign_in(edit_store, "mallory", "reset-by-admin-1")
    assert (mallory.role, mallory.scopes) == ("editor", ((PROGRAMME, None),))
    assert WRITES["take_snapshot"](edit_store, ADMIN, prepared)
    report, snapshot_id = WRITES["import_files"](edit_store, ADMIN, prepared)
    assert report.ok and snapshot_id
    assert PROGRAMME in WRITES["restore_snapshot"](edit_store, ADMIN, prepared)
