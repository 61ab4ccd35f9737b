"""Every form of the Manage page under AppTest: a success and a validation error each.

Signed in as admin (whole-programme rights) through the sign-in form; each test has its own
copy of the shipped programmes (conftest.py, "editing fixtures").
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from mentoring_data.messages import t
from tests.conftest import EDIT_ADMIN_PASSWORD
from tests.test_editing_pages import assert_ran, changes, open_page, sign_in, submit, texts

PROGRAMME = "inclucities"
ACTIVITY = "mechelen-capaci-visit-2"
OUTCOME = "mechelen-welkomapp"


@pytest.fixture
def admin(app_session):
    at = sign_in(app_session(), "admin", EDIT_ADMIN_PASSWORD)
    return open_page(at, "pages/manage.py", programme=PROGRAMME)


def stored(target, table: str, record_id: str, programme: str = PROGRAMME) -> dict | None:
    with duckdb.connect(str(target.path)) as connection:
        cursor = connection.execute(
            f"select * from {table} where programme_id = $p and id = $i",  # test-only SQL
            {"p": programme, "i": record_id},
        )
        row = cursor.fetchone()
        return dict(zip([d[0] for d in cursor.description], row, strict=True)) if row else None


def fill(at, form: str, **values) -> None:
    for name, value in values.items():
        key = f"{form}__{name}"
        widget = at.get_by_key(key) if hasattr(at, "get_by_key") else None
        kind = type(widget).__name__ if widget is not None else ""
        if kind == "Selectbox":
            at.selectbox(key=key).set_value(value)
        elif kind == "NumberInput":
            at.number_input(key=key).set_value(value)
        elif kind == "TextArea":
            at.text_area(key=key).input(value)
        else:
            at.text_input(key=key).input(value)


def error_texts(at) -> str:
    return " | ".join(texts(at.error))


# --- activities ----------------------------------------------------------------------------


def test_activity_form_saves(admin, edit_store):
    admin.selectbox(key="manage_activities_pick").set_value(ACTIVITY).run()
    form = f"activities_{ACTIVITY}"
    fill(admin, form, participants=25, status="done")
    submit(admin, form)
    assert not admin.error, error_texts(admin)
    assert stored(edit_store, "activities", ACTIVITY)["participants"] == 25
    assert {c["field"] for c in changes(edit_store)} == {"participants"}


def test_activity_form_refuses_an_end_before_the_start(admin, edit_store):
    admin.selectbox(key="manage_activities_pick").set_value(ACTIVITY).run()
    form = f"activities_{ACTIVITY}"
    fill(admin, form, end="2020-01-01")
    submit(admin, form)
    assert texts(admin.error)[0].startswith(t("form.field_error", field=t("field.end"), message=""))
    assert admin.text_input(key=f"{form}__end").value == "2020-01-01"  # kept for correcting
    assert str(stored(edit_store, "activities", ACTIVITY)["end_date"]) == "2021-10-05"
    assert changes(edit_store) == []


def test_new_activity_is_added_and_a_taken_id_is_refused(admin, edit_store):
    form = "new_activities"
    admin.text_input(key=f"{form}__id").input("capaci-follow-up-meeting")
    fill(admin, form, title="Follow-up meeting", kind="meeting", start="2026-12", status="planned")
    submit(admin, form)
    assert not admin.error, error_texts(admin)
    row = stored(edit_store, "activities", "capaci-follow-up-meeting")
    assert (row["status"], row["start_precision"]) == ("planned", "month")

    admin.text_input(key=f"{form}__id").input(ACTIVITY)
    fill(admin, form, title="Duplicate", kind="meeting", start="2026-12", status="planned")
    submit(admin, form)
    assert "already used" in error_texts(admin)


# --- outcomes ------------------------------------------------------------------------------


def test_outcome_form_saves_languages(admin, edit_store):
    admin.selectbox(key="manage_outcomes_pick").set_value(OUTCOME).run()
    form = f"outcomes_{OUTCOME}"
    admin.multiselect(key=f"{form}__languages").select("fr")
    submit(admin, form)
    assert not admin.error, error_texts(admin)
    assert '"fr"' in stored(edit_store, "outcomes", OUTCOME)["languages"]


def test_outcome_form_refuses_a_javascript_link(admin, edit_store):
    admin.selectbox(key="manage_outcomes_pick").set_value(OUTCOME).run()
    form = f"outcomes_{OUTCOME}"
    fill(admin, form, url="javascript:alert(1)")
    submit(admin, form)
    assert texts(admin.error)[0].startswith(t("form.field_error", field=t("field.url"), message=""))
    assert stored(edit_store, "outcomes", OUTCOME)["url"] != "javascript:alert(1)"


# --- indicator values ----------------------------------------------------------------------


def test_indicator_value_is_added_and_a_bad_number_refused(app_session, edit_store):
    programme = "brescia-local-integration-tutors"
    at = open_page(
        sign_in(app_session(), "admin", EDIT_ADMIN_PASSWORD), "pages/manage.py", programme=programme
    )
    indicator = at.selectbox(key="manage_indicator_pick").value
    form = f"new_value_{indicator}"
    at.text_input(key=f"{form}__date").input("2021-06")
    at.text_input(key=f"{form}__value").input("many")
    submit(at, form)
    value_error = t("form.field_error", field=t("field.value"), message="")
    assert any(e.startswith(value_error) for e in texts(at.error)), texts(at.error)
    at.text_input(key=f"{form}__value").input("72")
    submit(at, form)
    assert not at.error, error_texts(at)
    values = edit_store.read("indicator_values_of_programme", programme_id=programme)
    assert 72.0 in set(values["value"])


def test_indicator_value_after_an_expired_sign_in_is_refused_with_a_message(
    app_session, edit_store
):
    from mentoring_data.settings import session_minutes

    programme = "brescia-local-integration-tutors"
    at = open_page(
        sign_in(app_session(), "admin", EDIT_ADMIN_PASSWORD), "pages/manage.py", programme=programme
    )
    before = edit_store.read("indicator_values_of_programme", programme_id=programme)
    indicator = at.selectbox(key="manage_indicator_pick").value
    form = f"new_value_{indicator}"
    at.text_input(key=f"{form}__date").input("2021-06")
    at.text_input(key=f"{form}__value").input("72")
    at.session_state["signed_in_at"] = dt.datetime.now() - dt.timedelta(
        minutes=session_minutes() + 1
    )
    submit(at, form)
    assert not at.exception, [e.message for e in at.exception]
    assert any(t("form.session_expired") in w for w in texts(at.warning))
    after = edit_store.read("indicator_values_of_programme", programme_id=programme)
    assert len(after) == len(before)


# --- pairs, cities, organisations ------------------------------------------------------------


def test_pair_status_saves_and_replaced_by_needs_status_replaced(admin, edit_store):
    pair = "fuenlabrada-levadia"
    admin.selectbox(key="manage_status_pair").set_value(pair).run()
    form = f"pair_{pair}"
    fill(admin, form, replaced_by="mechelen-capaci")
    submit(admin, form)
    assert (
        "replaced_by" in error_texts(admin)
        or t("field.replaced_by") in error_texts(admin)
        or "replaced" in error_texts(admin)
    )
    assert stored(edit_store, "pairs", pair)["replaced_by"] is None
    fill(admin, form, replaced_by="", status="stopped")
    submit(admin, form)
    assert not admin.error, error_texts(admin)
    assert stored(edit_store, "pairs", pair)["status"] == "stopped"


def test_new_pair_is_added(admin, edit_store):
    form = "new_pair"
    admin.text_input(key=f"{form}__id").input("madrid-capaci")
    fill(admin, form, mentor="madrid", mentee="capaci", status="planned")
    submit(admin, form)
    assert not admin.error, error_texts(admin)
    assert stored(edit_store, "pairs", "madrid-capaci")["mentor_id"] == "madrid"


def test_new_city_is_added_and_a_clashing_shared_city_refused(admin, edit_store):
    form = "new_city"
    admin.text_input(key=f"{form}__id").input("ghent")
    fill(admin, form, name="Ghent", country="BE", lat="51.054", lon="3.717", population=265000)
    submit(admin, form)
    assert not admin.error, error_texts(admin)
    assert edit_store.rows("declarations_of_place", place_id="ghent") == [(PROGRAMME,)]

    # 'athens' is declared by other programmes in Greece: the same id elsewhere is refused
    admin.text_input(key=f"{form}__id").input("athens")
    fill(admin, form, name="Athens", country="US", lat="33.96", lon="-83.38")
    submit(admin, form)
    assert "same place" in error_texts(admin) or "two places" in error_texts(admin)
    assert (PROGRAMME,) not in edit_store.rows("declarations_of_place", place_id="athens")


def test_new_organisation_needs_a_known_city(admin, edit_store):
    form = "new_organisation"
    admin.text_input(key=f"{form}__id").input("capaci-welcome-desk")
    fill(admin, form, name="Capaci welcome desk", kind="public-body", country="XX")
    submit(admin, form)
    assert "ISO" in error_texts(admin)
    fill(admin, form, country="IT")
    submit(admin, form)
    assert not admin.error, error_texts(admin)
    assert edit_store.rows("declarations_of_place", place_id="capaci-welcome-desk")


# --- steps: add, drop, undo ----------------------------------------------------------------


def test_add_and_drop_a_step_then_undo_the_drop(admin, edit_store):
    admin.selectbox(key="manage_steps_pair").set_value("mechelen-capaci").run()
    form = "new_step_mechelen-capaci"
    admin.text_input(key=f"{form}__id").input("capaci-evaluation")
    fill(admin, form, title="Evaluate the first year", status="not-started")
    submit(admin, form)
    assert not admin.error, error_texts(admin)
    assert stored(edit_store, "steps", "capaci-evaluation")["status"] == "not-started"

    admin.selectbox(key="manage_step_pick").set_value("capaci-evaluation").run()
    drop = [b for b in admin.button if b.key == "drop_capaci-evaluation"]
    drop[0].click().run()
    assert_ran(admin)
    assert stored(edit_store, "steps", "capaci-evaluation") is None
    group = admin.session_state["last_change_group"]

    history = open_page(admin, "pages/history.py", group=group)
    [button for button in history.button if button.key == f"undo_{group}"][0].click().run()
    assert_ran(history)
    assert stored(edit_store, "steps", "capaci-evaluation")["title"] == "Evaluate the first year"
