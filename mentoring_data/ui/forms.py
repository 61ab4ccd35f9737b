"""Record forms: widgets drawn from the registry's field specs, validated on the server.

A form is drawn from a spec and a record. Saving runs in the submit button's callback (before
the page is drawn again), so each error can be shown under its own field while every value the
user typed stays in the form. A save that meets a newer version keeps the user's values and
offers to apply them on top of the new version.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from mentoring_data import editing
from mentoring_data.format.record_kinds import (
    ACTIVITY,
    CITY,
    INDICATOR_VALUE,
    ORGANISATION,
    OUTCOME,
    PAIR,
    STEP,
    FieldSpec,
)
from mentoring_data.locale_format import format_day
from mentoring_data.messages import label, labelled, t
from mentoring_data.ui.session import current_user
from mentoring_data.ui.widgets import flash, plain

# the form field lists come from the record-kind registry, with each field's widget
STEP_FIELDS = STEP.form_fields()
ACTIVITY_FIELDS = ACTIVITY.form_fields()
OUTCOME_FIELDS = OUTCOME.form_fields()
CITY_FIELDS = CITY.form_fields()
ORGANISATION_FIELDS = ORGANISATION.form_fields()
PAIR_STATUS_FIELDS = PAIR.form_fields("status")
NEW_PAIR_FIELDS = PAIR.form_fields("add")
INDICATOR_VALUE_FIELDS = INDICATOR_VALUE.form_fields()
Fields = tuple[FieldSpec, ...]


def widget_key(form: str, name: str) -> str:
    return f"{form}__{name}"


def _shown_value(field: FieldSpec, value: object) -> object:
    """A stored value as its widget holds it."""
    if field.widget.kind == "multiselect":
        return list(value or [])
    if field.widget.kind == "whole":
        return None if value is None else int(value)
    if field.widget.kind == "date":
        return "" if value is None else str(value)
    if field.widget.kind == "select":
        return value or ""
    if isinstance(value, dict):  # a translated text: the form edits its English wording
        return value.get("en") or next(iter(value.values()))
    return value or ""


def _document_value(field: FieldSpec, value: object) -> object:
    """What the user entered, as the file format takes it (blank means absent)."""
    if field.widget.kind == "multiselect":
        return list(value or [])
    if field.widget.kind == "whole":
        return None if value is None else int(value)
    if isinstance(value, str):
        value = value.strip()
        if field.widget.kind == "number" and value:
            try:
                return float(value.replace(",", "."))
            except ValueError:
                return value  # the format's check then says it is not a number
        if field.name == "sources":
            return [value] if value else []
        return value or None
    return value


def load_record(
    form: str,
    fields: Fields,
    document: dict,
    version: int | None,
    record_id: str | None,
) -> None:
    """Put a record into the form's widgets, unless the form already holds that record."""
    if st.session_state.get(widget_key(form, "_record")) == (record_id, version):
        return
    conflict = st.session_state.get(widget_key(form, "_conflict"))
    if conflict is not None and conflict.record_id == record_id:
        return  # a save met this newer version: keep the user's values until they choose
    for field in fields:
        st.session_state[widget_key(form, field.name)] = _shown_value(
            field, document.get(field.name)
        )
    st.session_state[widget_key(form, "_record")] = (record_id, version)
    st.session_state[widget_key(form, "_original")] = {f.name: document.get(f.name) for f in fields}
    st.session_state.pop(widget_key(form, "_errors"), None)
    st.session_state.pop(widget_key(form, "_conflict"), None)


def draw_fields(form: str, fields: Fields, options: dict[str, dict]) -> None:
    """The widgets, each followed by its error from the last save, if any."""
    errors = st.session_state.get(widget_key(form, "_errors"), {})
    for field in fields:
        text = t(f"field.{field.name}") + (" *" if field.widget.required else "")
        key = widget_key(form, field.name)
        if field.widget.kind == "select":
            choices = options.get(field.name) or {
                o: label(field.widget.label_group, o) for o in field.widget.options
            }
            keys = ([] if field.widget.required else [""]) + list(choices)
            if st.session_state.get(key) not in keys:
                st.session_state[key] = keys[0] if keys else ""
            st.selectbox(
                text, keys, key=key, format_func=lambda o, c=choices: c.get(o, t("form.none"))
            )
        elif field.widget.kind == "multiselect":
            st.multiselect(
                text, list(field.widget.options), key=key, placeholder=t("form.choose_many")
            )
        elif field.widget.kind == "whole":
            st.number_input(text, min_value=0, step=1, key=key, value=None)
        elif field.widget.kind == "longtext":
            st.text_area(text, key=key, max_chars=editing.MAX_TEXT)
        elif field.widget.kind == "date":
            st.text_input(text, key=key, placeholder=t("form.date_placeholder"))
        else:
            st.text_input(
                text,
                key=key,
                max_chars=editing.MAX_TEXT if field.widget.kind != "url" else 2000,
                placeholder=t("form.url_placeholder") if field.widget.kind == "url" else None,
            )
        if field.name in errors:
            st.error(
                t("form.field_error", field=t(f"field.{field.name}"), message=errors[field.name]),
                icon=":material/error:",
            )
    if "_other" in errors:
        st.error(errors["_other"])


def entered_changes(form: str, fields: Fields) -> dict:
    """The fields the user changed, in file-format terms."""
    original = st.session_state.get(widget_key(form, "_original"), {})
    changes = {}
    for field in fields:
        entered = _document_value(field, st.session_state.get(widget_key(form, field.name)))
        before = _document_value(field, _shown_value(field, original.get(field.name)))
        if entered != before:
            changes[field.name] = _keeping_translations(original.get(field.name), entered)
    return changes


def _keeping_translations(stored: object, entered: object) -> object:
    """A new wording of a translated text replaces the one the form showed (English, else the
    first language given) and keeps the other languages."""
    if isinstance(stored, dict) and stored and isinstance(entered, str) and entered:
        shown = "en" if "en" in stored else next(iter(stored))
        return {**stored, shown: entered}
    return entered


def entered_document(form: str, fields: Fields) -> dict:
    return {
        f.name: _document_value(f, st.session_state.get(widget_key(form, f.name))) for f in fields
    }


def report(form: str, result: editing.SaveResult, success_message: str) -> bool:
    """Keep a save's outcome for the next draw: errors by field, a conflict, or a flash."""
    if result.errors:
        st.session_state[widget_key(form, "_errors")] = {
            name if name in _field_names(form) else "_other": message
            if name in _field_names(form)
            else labelled(name, message)
            for (_record, name), message in result.errors.items()
        }
        return False
    if result.conflicts:
        st.session_state[widget_key(form, "_conflict")] = result.conflicts[0]
        return False
    st.session_state.pop(widget_key(form, "_errors"), None)
    st.session_state.pop(widget_key(form, "_conflict"), None)
    st.session_state.pop(widget_key(form, "_record"), None)  # reload the saved record next draw
    flash("success", success_message)
    st.session_state["last_change_group"] = result.group
    return True


def _field_names(form: str) -> set[str]:
    return set(st.session_state.get(widget_key(form, "_original"), {}))


def signed_in_editor(form: str):
    """The current user for a save; if the sign-in expired, say so and keep every value."""
    user = current_user()
    if user is None:
        set_form_error(form, t("form.session_expired"))
        st.session_state["edit_needs_sign_in"] = True
    return user


def take_theirs_keep_mine(form: str, fields: Fields) -> tuple[str, int]:
    """After a conflict: the fields the user did not change take the other person's values,
    and the form now stands on their version. Returns the record and that version."""
    conflict: editing.Conflict = st.session_state.pop(widget_key(form, "_conflict"))
    record_id, _ = st.session_state[widget_key(form, "_record")]
    mine = entered_changes(form, fields)  # only what the user changed, not what they saw
    for field in fields:
        if field.name not in mine:
            st.session_state[widget_key(form, field.name)] = _shown_value(
                field, conflict.current.get(field.name)
            )
    st.session_state[widget_key(form, "_original")] = {
        f.name: conflict.current.get(f.name) for f in fields
    }
    st.session_state[widget_key(form, "_record")] = (record_id, conflict.version)
    return record_id, conflict.version


def set_form_error(form: str, message: str) -> None:
    """A message for the whole form, shown under its fields on the next draw."""
    st.session_state[widget_key(form, "_errors")] = {"_other": message}


def take_form_error(form: str) -> str | None:
    errors = st.session_state.pop(widget_key(form, "_errors"), {})
    return errors.get("_other")


def draw_form_error(form: str) -> None:
    message = take_form_error(form)
    if message:
        st.error(message)


def draw_conflict(form: str, fields: Fields, on_reapply, args: tuple) -> None:
    conflict: editing.Conflict | None = st.session_state.get(widget_key(form, "_conflict"))
    if conflict is None:
        return
    if conflict.version is None:
        st.error(t("form.record_gone", record=conflict.record_id))
        return
    when = (
        f"{format_day(conflict.changed_at.date())} {conflict.changed_at:%H:%M}"
        if isinstance(conflict.changed_at, dt.datetime)
        else "?"
    )
    st.warning(
        t(
            "form.conflict",
            record=conflict.record_id,
            who=conflict.changed_by or "?",
            when=when,
            comment=conflict.comment or "—",
        )
    )
    rows = []
    changed = entered_changes(form, fields)
    for field in fields:
        if field.name not in changed:
            continue  # a field the user did not touch keeps their value
        mine = _document_value(field, st.session_state.get(widget_key(form, field.name)))
        theirs = _document_value(field, _shown_value(field, conflict.current.get(field.name)))
        if mine != theirs:
            rows.append(
                {
                    t("form.col_field"): t(f"field.{field.name}"),
                    t("form.col_theirs"): str(theirs if theirs is not None else "—"),
                    t("form.col_mine"): str(mine if mine is not None else "—"),
                }
            )
    if rows:
        # st.table renders its cells as markdown: the values are escaped, never rendered
        st.table([{k: plain(v) for k, v in row.items()} for row in rows])
    st.button(
        t("form.reapply"), key=f"{form}_reapply", on_click=on_reapply, args=args, type="primary"
    )
