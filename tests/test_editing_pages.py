"""The editing pages under Streamlit's AppTest: sign-in, Manage, History, the identity provider,
plus the admin's import (snapshots.import_files) and the downloads, on a real DuckDB file.

Each test has its own copy of the shipped programmes (conftest.py, "editing fixtures"); the
app creates `admin` on its first run, other accounts are made as the command line makes them.
Users sign in through the sign-in page's form, as a person would.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import duckdb
import pytest

from mentoring_data import editing
from mentoring_data.access import accounts
from mentoring_data.locale_format import format_day
from mentoring_data.messages import label, t
from mentoring_data.programme_files import exporting, snapshots
from tests.conftest import EDIT_ADMIN_PASSWORD, EDITOR_PASSWORD

PROGRAMME = "inclucities"
CAPACI = "mechelen-capaci"
STEP = "capaci-define-target-group"  # in-progress, no progress, version 1
FORM = f"step_{STEP}"
EDITOR_KEY = f"editor_steps_snapshot_{PROGRAMME}_{CAPACI}"
CAPACI_SCOPE = [(PROGRAMME, CAPACI)]
PROGRAMME_SCOPE = [(PROGRAMME, None)]


# --- helpers -------------------------------------------------------------------------------


def assert_ran(at) -> None:
    if at.exception:
        pytest.fail(
            "the page raised:\n\n"
            + "\n\n".join(f"{e.message}\n" + "\n".join(e.stack_trace) for e in at.exception),
            pytrace=False,
        )


def texts(elements) -> list[str]:
    return [element.value for element in elements]


def nav_labels(at) -> list[str]:
    return [link.proto.label for link in at.sidebar.get("page_link")]


def sign_in(at, username: str, password: str):
    """Sign in through the sign-in page's form; returns the AppTest after the sign-in."""
    at.switch_page("pages/sign_in.py").run()
    assert_ran(at)
    at.text_input(key="page_username").input(username)
    at.text_input(key="page_password").input(password)
    return submit(at, "page_sign_in")


def open_page(at, page: str, **params: str):
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page).run()
    assert_ran(at)
    return at


def submit(at, form: str):
    buttons = [b for b in at.form_submit_button if b.proto.form_id == form]
    assert len(buttons) == 1, f"no single submit button in form {form!r}"
    buttons[0].click().run()
    assert_ran(at)
    return at


def open_step(at, step_id: str = STEP, pair_id: str = CAPACI):
    """Choose the pair, then the step in the Manage page's single-step form."""
    if at.selectbox(key="manage_steps_pair").value != pair_id:
        at.selectbox(key="manage_steps_pair").set_value(pair_id).run()
        assert_ran(at)
    at.selectbox(key="manage_step_pick").set_value(step_id).run()
    assert_ran(at)
    return at


def stored_step(target, step_id: str = STEP) -> dict:
    with duckdb.connect(str(target.path)) as connection:
        cursor = connection.execute(
            "select * from steps where programme_id = $p and id = $i",
            {"p": PROGRAMME, "i": step_id},
        )
        names = [d[0] for d in cursor.description]
        return dict(zip(names, cursor.fetchone(), strict=True))


def changes(target) -> list[dict]:
    frame = target.read("changes", programme_id=None, username=None, table_name=None, max_rows=1000)
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


@pytest.fixture
def editor(app_session, make_account):
    """A new session signed in (through the form) as an editor of the pair mechelen-capaci,
    on the Manage page of IncluCities."""
    make_account("carla", "editor", scopes=CAPACI_SCOPE)
    at = sign_in(app_session(), "carla", EDITOR_PASSWORD)
    return open_page(at, "pages/manage.py", programme=PROGRAMME)


# --- signing in and the navigation -----------------------------------------------------------


def test_sign_in_through_the_form(app_session, make_account):
    make_account("carla", "editor", scopes=CAPACI_SCOPE)
    at = app_session()
    open_page(at, "pages/sign_in.py")
    assert t("nav.sign_in") in nav_labels(at)
    sign_in(at, "carla", EDITOR_PASSWORD)
    assert t("auth.signed_in_as", name="carla", role=label("role", "editor")) in texts(at.success)
    assert t("auth.scopes", scopes=f"{PROGRAMME} / {CAPACI}") in texts(at.markdown)
    assert t("nav.account") in nav_labels(at)
    assert t("nav.sign_in") not in nav_labels(at)


def test_sign_in_with_a_wrong_password_shows_the_reason(app_session, make_account):
    make_account("carla", "editor", scopes=CAPACI_SCOPE)
    at = sign_in(app_session(), "carla", "not-the-password")
    assert texts(at.error) == [t("auth.failed", reason="wrong name or password")]
    assert t("nav.manage") not in nav_labels(at)


def test_admin_signs_in_with_the_configured_password(app_session):
    at = sign_in(app_session(), "admin", EDIT_ADMIN_PASSWORD)
    assert t("auth.signed_in_as", name="admin", role=label("role", "admin")) in texts(at.success)
    assert {t("nav.manage"), t("nav.history"), t("nav.admin")} <= set(nav_labels(at))


def test_manage_and_history_links_only_for_editors(app_session, make_account):
    make_account("carla", "editor", scopes=CAPACI_SCOPE)
    make_account("nora", "editor")  # an editor without any scope yet
    make_account("vera", "viewer")
    editing_links = {t("nav.manage"), t("nav.history")}
    viewer = open_page(app_session(), "pages/timeline.py")
    assert not editing_links & set(nav_labels(viewer))
    assert t("nav.overview") in nav_labels(viewer)  # the navigation itself is there
    for name, shown in (("carla", True), ("nora", False), ("vera", False)):
        at = sign_in(app_session(), name, EDITOR_PASSWORD)
        links = set(nav_labels(at))
        assert (editing_links <= links) is shown, (name, links)
        assert t("nav.admin") not in links
        if not shown:
            assert not editing_links & links, (name, links)


def test_a_viewer_on_manage_gets_the_sign_in_hint_and_no_form(app_session):
    at = open_page(app_session(), "pages/manage.py", programme=PROGRAMME)
    assert texts(at.title) == [t("manage.title")]
    assert texts(at.info) == [t("manage.sign_in_first")]
    assert not at.form_submit_button
    assert not at.get("dataframe")
    assert t("nav.sign_in") in [link.proto.label for link in at.main.get("page_link")]


def test_a_scoped_editor_sees_only_their_pair(editor):
    assert editor.selectbox(key="programme").options == ["IncluCities"]
    assert editor.selectbox(key="manage_steps_pair").options == ["Mechelen → Capaci"]
    assert editor.selectbox(key="manage_status_pair").options == ["Mechelen → Capaci"]
    pair_choices = editor.selectbox(key="new_activities__pair").options
    assert pair_choices == [t("form.none"), "Mechelen → Capaci"]
    assert t("manage.pairs_need_programme_scope") in texts(editor.info)


def test_a_programme_editor_sees_every_pair(app_session, make_account):
    make_account("alice", "editor", scopes=PROGRAMME_SCOPE)
    at = open_page(
        sign_in(app_session(), "alice", EDITOR_PASSWORD), "pages/manage.py", programme=PROGRAMME
    )
    assert len(at.selectbox(key="manage_steps_pair").options) == 5


# --- the single-step form --------------------------------------------------------------------


def test_single_step_form_saves(editor, edit_store):
    open_step(editor)
    editor.selectbox(key=f"{FORM}__status").set_value("done")
    editor.number_input(key=f"{FORM}__progress").set_value(100)
    editor.text_input(key="manage_comment").input("closed at the steering committee")
    submit(editor, FORM)
    assert texts(editor.success) == [
        t("form.saved", what=STEP, fields=", ".join([t("field.status"), t("field.progress")]))
    ]
    assert not editor.error
    row = stored_step(edit_store)
    assert (row["status"], row["progress"], row["version"]) == ("done", 100, 2)
    assert {(c["username"], c["field"], c["comment"]) for c in changes(edit_store)} == {
        ("carla", "status", "closed at the steering committee"),
        ("carla", "progress", "closed at the steering committee"),
    }
    # the form now shows the saved version, and the undo link points at this save
    assert editor.selectbox(key=f"{FORM}__status").value == "done"
    undo = [
        link.proto
        for link in editor.main.get("page_link")
        if link.proto.label == t("manage.undo_link")
    ]
    assert len(undo) == 1 and changes(edit_store)[0]["change_group"] in undo[0].query_string


def test_single_step_validation_error_is_shown_at_the_field_and_values_kept(editor, edit_store):
    open_step(editor)
    editor.selectbox(key=f"{FORM}__status").set_value("done")
    editor.number_input(key=f"{FORM}__progress").set_value(140)
    submit(editor, FORM)
    errors = texts(editor.error)
    assert len(errors) == 1
    assert errors[0].startswith(t("form.field_error", field=t("field.progress"), message=""))
    assert element_after(editor, f"{FORM}__progress") == "error"  # right under the field
    assert not editor.success
    assert editor.selectbox(key=f"{FORM}__status").value == "done"
    assert editor.number_input(key=f"{FORM}__progress").value == 140
    row = stored_step(edit_store)
    assert (row["status"], row["progress"], row["version"]) == ("in-progress", None, 1)
    assert changes(edit_store) == []
    # correcting the field saves
    editor.number_input(key=f"{FORM}__progress").set_value(100)
    submit(editor, FORM)
    assert not editor.error
    assert stored_step(edit_store)["progress"] == 100


def test_validation_error_is_drawn_next_to_its_field(editor):
    open_step(editor)
    editor.text_input(key=f"{FORM}__due").input("2024-13")
    submit(editor, FORM)
    # walk the form's children in order: the error follows the Due field directly
    assert element_after(editor, f"{FORM}__due") == "error"
    assert texts(editor.error)[0].startswith(
        t("form.field_error", field=t("field.due"), message="")
    )
    assert editor.text_input(key=f"{FORM}__due").value == "2024-13"


def element_after(at, key: str) -> str:
    """The kind (or key) of the input or error drawn right after the widget `key`."""
    order = [
        getattr(node, "key", None) or node.type
        for node in _walk(at.main)
        if node.type in ("text_input", "error", "number_input", "selectbox")
    ]
    return order[order.index(key) + 1]


def _walk(node):
    """Every element under node, in the order drawn."""
    yield node
    children = getattr(node, "children", {})
    for index in sorted(children):
        yield from _walk(children[index])


# --- the step table (data_editor) --------------------------------------------------------------


def test_step_table_shows_empty_cells_empty(editor):
    # Streamlit's grid writes "None" (in English) in a cell without a value unless told
    # otherwise: a step without an owner or a due date shows an empty cell
    (grid,) = [e for e in editor.get("dataframe") if e.proto.editing_mode]
    assert grid.proto.placeholder == ""


def test_step_table_edit_is_saved(editor, edit_store):
    snapshot = editor.session_state[f"steps_snapshot_{PROGRAMME}_{CAPACI}"]
    row = snapshot.index[snapshot["id"] == STEP][0]
    editor.session_state[EDITOR_KEY] = {
        "edited_rows": {int(row): {"status": "blocked", "owner": "Municipality of Capaci"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    submit(editor, f"bulk_{CAPACI}")
    assert texts(editor.success) == [t("form.saved_many", count=1)]
    stored = stored_step(edit_store)
    assert (stored["status"], stored["owner"], stored["version"]) == (
        "blocked",
        "Municipality of Capaci",
        2,
    )


def test_step_table_reorder_is_saved(editor, edit_store):
    snapshot = editor.session_state[f"steps_snapshot_{PROGRAMME}_{CAPACI}"]
    ids = snapshot["id"].tolist()
    editor.session_state[EDITOR_KEY] = {
        "edited_rows": {0: {"order": 99}},
        "added_rows": [],
        "deleted_rows": [],
    }
    submit(editor, f"bulk_{CAPACI}")
    assert texts(editor.success) == [t("form.saved_many", count=len(ids))]
    with duckdb.connect(str(edit_store.path)) as connection:
        order = [
            i
            for (i,) in connection.execute(
                "select id from steps where plan_id = 'capaci-tutti-capaci' order by position"
            ).fetchall()
        ]
    assert order == [*ids[1:], ids[0]]


def test_step_table_validation_error_names_the_row(editor, edit_store):
    editor.session_state[EDITOR_KEY] = {
        "edited_rows": {1: {"progress": 140}},
        "added_rows": [],
        "deleted_rows": [],
    }
    submit(editor, f"bulk_{CAPACI}")
    assert texts(editor.error) == [
        t(
            "form.row_error",
            record=STEP,
            field=t("field.progress"),
            message=t("problem.at_most", limit="100"),
        )
    ]
    assert stored_step(edit_store)["version"] == 1


# --- two people editing the same step --------------------------------------------------------


def test_second_session_gets_the_conflict_and_can_apply_its_values(
    app_session, make_account, edit_store
):
    make_account("alice", "editor", scopes=PROGRAMME_SCOPE)
    make_account("bob", "editor", scopes=CAPACI_SCOPE)
    first = open_step(
        open_page(
            sign_in(app_session(), "alice", EDITOR_PASSWORD), "pages/manage.py", programme=PROGRAMME
        )
    )
    second = open_step(
        open_page(
            sign_in(app_session(), "bob", EDITOR_PASSWORD), "pages/manage.py", programme=PROGRAMME
        )
    )
    # both opened version 1; Alice saves first
    first.selectbox(key=f"{FORM}__status").set_value("blocked")
    first.text_input(key="manage_comment").input("waiting for the council")
    submit(first, FORM)
    assert not first.error and first.success
    second.text_input(key=f"{FORM}__owner").input("Bob's team")
    submit(second, FORM)
    (last,) = [c for c in changes(edit_store) if c["field"] == "status"]
    assert texts(second.warning) == [
        t(
            "form.conflict",
            record=STEP,
            who="alice",
            when=f"{format_day(last['changed_at'].date())} {last['changed_at']:%H:%M}",
            comment="waiting for the council",
        )
    ]
    assert not second.success
    row = stored_step(edit_store)
    assert (row["status"], row["owner"], row["version"]) == ("blocked", None, 2)
    # Bob keeps his value in the form and sees it beside the stored one
    assert second.text_input(key=f"{FORM}__owner").value == "Bob's team"
    shown = second.table[0].value
    assert shown[t("form.col_field")].tolist() == [t("field.owner")]  # only what Bob changed
    assert shown[t("form.col_mine")].tolist() == ["Bob's team"]
    assert shown[t("form.col_theirs")].tolist() == ["—"]
    reapply = second.button(key=f"{FORM}_reapply")
    assert reapply.label == t("form.reapply")
    reapply.click().run()
    assert_ran(second)
    assert not second.warning
    assert second.success
    row = stored_step(edit_store)
    assert row["owner"] == "Bob's team"
    assert row["version"] == 3
    # Bob changed only the owner: Alice's status stays
    assert row["status"] == "blocked"


# --- history and undo -----------------------------------------------------------------------


def test_history_lists_the_change_and_undo_restores_it(editor, edit_store):
    open_step(editor)
    editor.selectbox(key=f"{FORM}__status").set_value("blocked")
    editor.text_input(key="manage_comment").input("no budget")
    submit(editor, FORM)
    group = changes(edit_store)[0]["change_group"]
    history = open_page(editor, "pages/history.py", programme=PROGRAMME)
    first = changes(edit_store)[0]
    heading = t(
        "history.group_heading",
        who="carla",
        when=str(first["changed_at"])[:16],
        kind=label("record_kind", "steps"),
        record=STEP,
        programme=PROGRAMME,
    )
    assert heading in texts(history.markdown)
    assert t("history.comment", comment="no budget") in texts(history.caption)
    table = history.dataframe[0].value
    assert table[["record_id", "field"]].values.tolist() == [[STEP, "status"]]
    assert json.loads(table["new_value"].iloc[0]) == "blocked"
    undo = history.button(key=f"undo_{group}")
    assert undo.label == t("history.undo")
    undo.click().run()
    assert_ran(history)
    assert texts(history.success) == [t("history.undone", count=1)]
    row = stored_step(edit_store)
    assert (row["status"], row["version"]) == ("in-progress", 3)
    assert t("history.already_undone") in texts(history.caption)
    reverts = [c for c in changes(edit_store) if c["action"] == "revert"]
    assert [(c["username"], c["reverts_group"]) for c in reverts] == [("carla", group)]


def test_a_visit_to_history_keeps_the_sign_in(editor):
    """The History page's own widgets must not overwrite the signed-in user."""
    open_page(editor, "pages/history.py", programme=PROGRAMME)
    assert t("nav.manage") in nav_labels(editor)
    open_page(editor, "pages/manage.py", programme=PROGRAMME)
    assert editor.selectbox(key="manage_steps_pair").options == ["Mechelen → Capaci"]


def test_history_has_no_undo_for_a_viewer(editor, edit_store, app_session):
    open_step(editor)
    editor.selectbox(key=f"{FORM}__status").set_value("blocked")
    submit(editor, FORM)
    viewer = open_page(app_session(), "pages/history.py", programme=PROGRAMME)
    assert viewer.dataframe  # the change is listed for everyone
    assert not [b for b in viewer.button if b.key and b.key.startswith("undo_")]


# --- an expired sign-in ----------------------------------------------------------------------


def test_expired_sign_in_refuses_the_save_and_keeps_the_values(editor, edit_store):
    from mentoring_data.settings import session_minutes

    open_step(editor)
    editor.selectbox(key=f"{FORM}__status").set_value("blocked")
    editor.text_input(key=f"{FORM}__owner").input("Typed before lunch")
    editor.session_state["signed_in_at"] = dt.datetime.now() - dt.timedelta(
        minutes=session_minutes() + 1
    )
    submit(editor, FORM)
    assert t("form.session_expired") in texts(editor.warning)
    assert not editor.success
    row = stored_step(edit_store)
    assert (row["status"], row["owner"], row["version"]) == ("in-progress", None, 1)
    assert changes(edit_store) == []
    # the values typed are kept while the person signs in again ...
    assert editor.session_state[f"{FORM}__status"] == "blocked"
    assert editor.session_state[f"{FORM}__owner"] == "Typed before lunch"
    editor.text_input(key="manage_username").input("carla")
    editor.text_input(key="manage_password").input(EDITOR_PASSWORD)
    submit(editor, "manage_sign_in")
    # ... and are back in the widgets afterwards, ready to save
    assert editor.selectbox(key=f"{FORM}__status").value == "blocked"
    assert editor.text_input(key=f"{FORM}__owner").value == "Typed before lunch"
    submit(editor, FORM)
    assert editor.success, texts(editor.error)
    row = stored_step(edit_store)
    assert (row["status"], row["owner"]) == ("blocked", "Typed before lunch")


def test_expired_sign_in_refuses_the_step_table_save(editor, edit_store):
    from mentoring_data.settings import session_minutes

    editor.session_state[EDITOR_KEY] = {
        "edited_rows": {1: {"status": "blocked"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    editor.session_state["signed_in_at"] = dt.datetime.now() - dt.timedelta(
        minutes=session_minutes() + 1
    )
    submit(editor, f"bulk_{CAPACI}")
    assert t("form.session_expired") in texts(editor.warning)
    assert stored_step(edit_store)["version"] == 1


# --- an identity provider ------------------------------------------------------------------

AUTH_SECRETS = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-cookie-secret-for-tests",
    "client_id": "dashboard",
    "client_secret": "client-secret",
    "server_metadata_url": "https://id.example.org/.well-known/openid-configuration",
}


def provider_session(app_session, email: str | None):
    at = app_session()
    at.secrets["auth"] = AUTH_SECRETS
    at.user = {"is_logged_in": True, "email": email} if email else {"is_logged_in": False}
    return at


def test_identity_provider_account_gets_its_role(app_session, make_account, edit_store):
    make_account("iris", "editor", scopes=CAPACI_SCOPE, email="iris@example.org", password=None)
    at = open_page(
        provider_session(app_session, "iris@example.org"), "pages/manage.py", programme=PROGRAMME
    )
    assert {t("nav.manage"), t("nav.history")} <= set(nav_labels(at))
    assert at.selectbox(key="manage_steps_pair").options == ["Mechelen → Capaci"]
    # and a save is recorded under the account's name
    open_step(at)
    at.selectbox(key=f"{FORM}__status").set_value("blocked")
    submit(at, FORM)
    assert [c["username"] for c in changes(edit_store)] == ["iris"]


@pytest.mark.parametrize(
    "email", ["stranger@example.org", None], ids=["unknown-email", "not-logged-in"]
)
def test_identity_provider_unknown_person_is_a_viewer(app_session, make_account, email):
    make_account("iris", "editor", scopes=CAPACI_SCOPE, email="iris@example.org", password=None)
    at = open_page(provider_session(app_session, email), "pages/manage.py", programme=PROGRAMME)
    assert t("nav.manage") not in nav_labels(at)
    assert texts(at.info) == [t("manage.sign_in_first")]
    assert not at.form_submit_button
    # the sign-in page offers the provider's button instead of a password form
    open_page(at, "pages/sign_in.py")
    assert not at.text_input
    assert [b.label for b in at.button] == [t("auth.sign_in_with_provider")]


# --- the admin's import and snapshots ------------------------------------------------------

ADMIN = accounts.User("admin", "admin")
PROBLEM_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<field>[^:]+): (?P<message>.+)$")


def test_import_of_an_invalid_file_writes_nothing(edit_store, db_contents, tmp_path):
    text = exporting.programme_yaml(edit_store, PROGRAMME)
    broken = re.sub(
        rf"(id: {STEP}\n(?:.*\n)*?( *)status: in-progress\n)", r"\1\2progress: 140\n", text, count=1
    )
    broken = broken.replace(
        "format: mentoring-programme/1\n", "format: mentoring-programme/1\nsurprise: 1\n", 1
    )
    lines_of_file = broken.splitlines()
    progress_line = (
        lines_of_file.index(next(line for line in lines_of_file if line.strip() == "progress: 140"))
        + 1
    )
    surprise_line = lines_of_file.index("surprise: 1") + 1
    path = tmp_path / "broken.yaml"
    path.write_text(broken, encoding="utf-8")
    before = db_contents(edit_store.path)
    report, snapshot_id = snapshots.import_files(edit_store, ADMIN, [path])
    assert not report.ok and snapshot_id is None
    lines = sorted(
        (str(p) for p in report.problems),
        key=lambda line: int(PROBLEM_LINE.match(line)["line"]) if PROBLEM_LINE.match(line) else 0,
    )
    assert len(lines) == 2, lines
    parsed = [PROBLEM_LINE.match(line) for line in lines]
    assert all(parsed), lines
    assert {m["file"] for m in parsed} == {str(path)}
    assert (int(parsed[0]["line"]), parsed[0]["field"]) == (surprise_line, "surprise")
    assert int(parsed[1]["line"]) == progress_line
    assert parsed[1]["field"].endswith("progress")
    assert "100" in parsed[1]["message"]
    assert db_contents(edit_store.path) == before
    assert not snapshots.snapshot_dir(edit_store).exists()


@pytest.mark.parametrize(
    "content",
    [b"\x89PNG\r\n\x1a\n\x00\x00binary", b"{ not: [yaml", b"- just\n- a list\n"],
    ids=["binary", "broken-yaml", "a-list"],
)
def test_import_of_a_non_yaml_file_writes_nothing(edit_store, db_contents, tmp_path, content):
    path = tmp_path / "upload.yaml"
    path.write_bytes(content)
    before = db_contents(edit_store.path)
    report, snapshot_id = snapshots.import_files(edit_store, ADMIN, [path])
    assert not report.ok and snapshot_id is None
    assert all(PROBLEM_LINE.match(str(p)) for p in report.problems), report.problems
    assert db_contents(edit_store.path) == before
    assert not snapshots.snapshot_dir(edit_store).exists()


def test_import_takes_a_snapshot_and_restore_brings_back_the_previous_state(edit_store, tmp_path):
    before_yaml = exporting.programme_yaml(edit_store, PROGRAMME)
    changed = before_yaml.replace(
        "title: Define the target group", "title: Define the target group (imported)", 1
    )
    assert changed != before_yaml
    path = tmp_path / "inclucities.yaml"
    path.write_text(changed, encoding="utf-8")
    steps_seen = []
    report, snapshot_id = snapshots.import_files(
        edit_store, ADMIN, [path], lambda fraction, step: steps_seen.append(step)
    )
    assert report.ok, [str(p) for p in report.problems]
    assert steps_seen == ["validate", "snapshot", "write", "done"]
    listed = snapshots.list_snapshots(edit_store)
    assert listed["id"].tolist() == [snapshot_id]
    assert listed["username"].tolist() == ["admin"]
    assert "inclucities.yaml" in listed["reason"].iloc[0]
    folder = snapshots.snapshot_dir(edit_store) / snapshot_id
    assert (folder / "inclucities.yaml").read_text(encoding="utf-8") == before_yaml
    assert "(imported)" in stored_step(edit_store)["title"]
    restored = snapshots.restore_snapshot(edit_store, ADMIN, snapshot_id)
    assert PROGRAMME in restored
    assert exporting.programme_yaml(edit_store, PROGRAMME) == before_yaml
    assert "(imported)" not in stored_step(edit_store)["title"]
    (restore,) = [c for c in changes(edit_store) if c["action"] == "restore"]
    assert (restore["username"], restore["record_id"]) == ("admin", snapshot_id)


def test_restore_refuses_a_made_up_snapshot_id(edit_store):
    with pytest.raises(ValueError):
        snapshots.restore_snapshot(edit_store, ADMIN, "../../etc")


def test_admin_page_lists_accounts_and_snapshots(app_session, edit_store):
    snapshot_id = snapshots.take_snapshot(edit_store, ADMIN, "before a test")
    at = open_page(sign_in(app_session(), "admin", EDIT_ADMIN_PASSWORD), "pages/admin.py")
    assert texts(at.title) == [t("admin.title")]
    frames = [d.value for d in at.dataframe]
    assert any("admin" in set(f.get("username", [])) for f in frames)
    assert any(snapshot_id in set(f.get("id", [])) for f in frames)


def test_admin_page_is_for_admins_only(editor):
    open_page(editor, "pages/admin.py")
    assert texts(editor.info) == [t("admin.admins_only")]
    assert not editor.dataframe and not editor.form_submit_button


# --- downloads -------------------------------------------------------------------------------

ACCENTED = "Città di Capaci – Ufficio Integrazione, «Tutti Capaci»"


def _step_table(edit_store):
    from mentoring_data.views import dashboard

    assert editing.save_edits(
        edit_store, ADMIN, "steps", PROGRAMME, [editing.Edit(STEP, 1, {"owner": ACCENTED})]
    ).ok
    return dashboard.step_table(PROGRAMME)


def test_steps_csv_has_a_bom_and_keeps_accents(edit_store):
    from mentoring_data.exports import downloads

    table = _step_table(edit_store)
    data = downloads.steps_csv(table)
    assert data.startswith(b"\xef\xbb\xbf")
    assert ACCENTED.encode("utf-8") in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == [
        t("col.pair"),
        t("col.step"),
        t("col.owner"),
        t("col.status"),
        t("col.progress"),
        t("col.due"),
        t("col.lateness"),
        t("col.evidence"),
    ]
    assert len(rows) == len(table) + 1
    (mine,) = [r for r in rows if r[2] == ACCENTED]
    assert mine[0] == "Mechelen → Capaci"
    assert mine[3] == label("status", "in-progress")


def test_steps_excel_is_a_readable_workbook(edit_store):
    import openpyxl

    from mentoring_data.exports import downloads

    table = _step_table(edit_store)
    book = openpyxl.load_workbook(io.BytesIO(downloads.steps_excel(table)))
    assert book.sheetnames == [t("col.steps")]
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:3] == (t("col.pair"), t("col.step"), t("col.owner"))
    assert len(rows) == len(table) + 1
    assert ACCENTED in [r[2] for r in rows]


def test_programme_yaml_download_validates(edit_store):
    from mentoring_data.exports import downloads
    from mentoring_data.format import validation

    _step_table(edit_store)
    text = downloads.programme_yaml(PROGRAMME).decode("utf-8")
    report = validation.validate_text(text, "download.yaml")
    assert report.ok, [str(p) for p in report.problems]
    (parsed,) = report.files
    assert parsed.programme.programme.id == PROGRAMME
    steps = {s.id: s for plan in parsed.programme.action_plans for s in plan.steps}
    assert steps[STEP].owner == ACCENTED  # the edit made in the app is in the file


def test_history_shows_ten_saves_a_page_and_turns_the_pages(editor, edit_store):
    from mentoring_data.access.accounts import User
    from mentoring_data.editing import Edit

    carla = User("carla", "editor", (("inclucities", "mechelen-capaci"),))
    for version in range(1, 24):  # 23 saves of one step's progress: three pages
        progress = {"progress": 3 * version}
        result = editing.save_edits(
            edit_store, carla, "steps", PROGRAMME, [Edit(STEP, version, progress)], ""
        )
        assert result.ok, result
    history = open_page(editor, "pages/history.py", programme=PROGRAMME)
    pages_seen = []
    for expected_first, expected_count in ((1, 10), (11, 10), (21, 3)):
        assert len(history.dataframe) == expected_count
        caption = t(
            "history.page_caption",
            first=expected_first,
            last=expected_first + expected_count - 1,
            total=23,
        )
        assert caption in texts(history.caption)
        pages_seen.append(history.dataframe[0].value["new_value"].iloc[0])  # its newest
        older = history.button(key="history_older")
        assert older.disabled == (expected_first == 21)
        if not older.disabled:
            older.click().run()
            assert_ran(history)
    # the newest save is on the first page; back to it with "Newer saves"
    assert [json.loads(v) for v in pages_seen] == [69, 39, 9]  # saves 23, 13 and 3
    history.button(key="history_newer").click().run()
    history.button(key="history_newer").click().run()
    assert history.button(key="history_newer").disabled
    assert t("history.page_caption", first=1, last=10, total=23) in texts(history.caption)
