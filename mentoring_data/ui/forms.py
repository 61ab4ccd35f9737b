"""Record forms for the Manage page: one spec per record kind, validated on the server.

A form is drawn from a spec and a record. Saving runs in the submit button's callback (before
the page is drawn again), so each error can be shown under its own field while every value the
user typed stays in the form. A save that meets a newer version keeps the user's values and
offers to apply them on top of the new version.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from mentoring_data import editing
from mentoring_data.access.accounts import NotAllowed
from mentoring_data.format.iso_codes import LANGUAGES
from mentoring_data.format.models import (
    ActivityKind,
    ActivityMode,
    ActivityStatus,
    OrganisationKind,
    OutcomeKind,
    OutcomeStatus,
    PairStatus,
    StepStatus,
    choices,
)
from mentoring_data.messages import label, t
from mentoring_data.ui.session import current_user
from mentoring_data.ui.widgets import flash
from mentoring_data.views import dashboard


@dataclass(frozen=True)
class FormField:
    name: str  # the file format's field name
    widget: str  # text, longtext, select, multiselect, date, whole, url
    options: tuple = ()
    label_group: str | None = None  # catalogue group naming the options
    required: bool = False


STEP_FIELDS = (
    FormField("title", "text", required=True),
    FormField("owner", "text"),
    FormField("start", "date"),
    FormField("due", "date"),
    FormField("status", "select", choices(StepStatus), "status", required=True),
    FormField("progress", "whole"),
    FormField("evidence", "url"),
)
ACTIVITY_FIELDS = (
    FormField("title", "text", required=True),
    FormField("kind", "select", choices(ActivityKind), "activity_kind", required=True),
    FormField("pair", "select"),
    FormField("sequence", "whole"),
    FormField("start", "date", required=True),
    FormField("end", "date"),
    FormField("city", "select"),
    FormField("mode", "select", choices(ActivityMode), "mode"),
    FormField("status", "select", choices(ActivityStatus), "status", required=True),
    FormField("participants", "whole"),
    FormField("summary", "longtext"),
)
OUTCOME_FIELDS = (
    FormField("title", "text", required=True),
    FormField("kind", "select", choices(OutcomeKind), "outcome_kind", required=True),
    FormField("pair", "select"),
    FormField("owner", "select"),
    FormField("status", "select", choices(OutcomeStatus), "status", required=True),
    FormField("date", "date"),
    FormField("url", "url"),
    FormField("languages", "multiselect", tuple(sorted(LANGUAGES))),
    FormField("summary", "longtext"),
)
CITY_FIELDS = (
    FormField("name", "text", required=True),
    FormField("country", "text", required=True),
    FormField("lat", "number", required=True),
    FormField("lon", "number", required=True),
    FormField("population", "whole"),
    FormField("population_year", "whole"),
    FormField("foreign_origin_pct", "number"),
    FormField("sources", "url"),
)
ORGANISATION_FIELDS = (
    FormField("name", "text", required=True),
    FormField("kind", "select", choices(OrganisationKind), "organisation_kind", required=True),
    FormField("city", "select"),
    FormField("country", "text"),
    FormField("website", "url"),
    FormField("sources", "url"),
)
PAIR_STATUS_FIELDS = (
    FormField("status", "select", choices(PairStatus), "status", required=True),
    FormField("replaced_by", "select"),
)


def widget_key(form: str, name: str) -> str:
    return f"{form}__{name}"


def _shown_value(field: FormField, value: object) -> object:
    """A stored value as its widget holds it."""
    if field.widget == "multiselect":
        return list(value or [])
    if field.widget == "whole":
        return None if value is None else int(value)
    if field.widget == "date":
        return "" if value is None else str(value)
    if field.widget == "select":
        return value or ""
    if isinstance(value, dict):  # a translated text: the form edits its English wording
        return value.get("en") or next(iter(value.values()))
    return value or ""


def _document_value(field: FormField, value: object) -> object:
    """What the user entered, as the file format takes it (blank means absent)."""
    if field.widget == "multiselect":
        return list(value or [])
    if field.widget == "whole":
        return None if value is None else int(value)
    if isinstance(value, str):
        value = value.strip()
        if field.widget == "number" and value:
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
    fields: tuple[FormField, ...],
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


def draw_fields(form: str, fields: tuple[FormField, ...], options: dict[str, dict]) -> None:
    """The widgets, each followed by its error from the last save, if any."""
    errors = st.session_state.get(widget_key(form, "_errors"), {})
    for field in fields:
        text = t(f"field.{field.name}") + (" *" if field.required else "")
        key = widget_key(form, field.name)
        if field.widget == "select":
            choices = options.get(field.name) or {
                o: label(field.label_group, o) for o in field.options
            }
            keys = ([] if field.required else [""]) + list(choices)
            if st.session_state.get(key) not in keys:
                st.session_state[key] = keys[0] if keys else ""
            st.selectbox(
                text, keys, key=key, format_func=lambda o, c=choices: c.get(o, t("form.none"))
            )
        elif field.widget == "multiselect":
            st.multiselect(text, list(field.options), key=key)
        elif field.widget == "whole":
            st.number_input(text, min_value=0, step=1, key=key, value=None)
        elif field.widget == "longtext":
            st.text_area(text, key=key, max_chars=editing.MAX_TEXT)
        elif field.widget == "date":
            st.text_input(text, key=key, placeholder=t("form.date_placeholder"))
        else:
            st.text_input(
                text,
                key=key,
                max_chars=editing.MAX_TEXT if field.widget != "url" else 2000,
                placeholder=t("form.url_placeholder") if field.widget == "url" else None,
            )
        if field.name in errors:
            st.error(
                t("form.field_error", field=t(f"field.{field.name}"), message=errors[field.name]),
                icon=":material/error:",
            )
    if "_other" in errors:
        st.error(errors["_other"])


def entered_changes(form: str, fields: tuple[FormField, ...]) -> dict:
    """The fields the user changed, in file-format terms."""
    original = st.session_state.get(widget_key(form, "_original"), {})
    changes = {}
    for field in fields:
        entered = _document_value(field, st.session_state.get(widget_key(form, field.name)))
        before = _document_value(field, _shown_value(field, original.get(field.name)))
        if entered != before:
            changes[field.name] = entered
    return changes


def entered_document(form: str, fields: tuple[FormField, ...]) -> dict:
    return {
        f.name: _document_value(f, st.session_state.get(widget_key(form, f.name))) for f in fields
    }


def report(form: str, result: editing.SaveResult, success_message: str) -> bool:
    """Keep a save's outcome for the next draw: errors by field, a conflict, or a flash."""
    if result.errors:
        st.session_state[widget_key(form, "_errors")] = {
            name if name in _field_names(form) else "_other": message
            if name in _field_names(form)
            else f"{name}: {message}"
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
        st.session_state[widget_key(form, "_errors")] = {"_other": t("form.session_expired")}
        st.session_state["edit_needs_sign_in"] = True
    return user


def save_record(
    form: str,
    table: str,
    programme_id: str,
    record_id: str,
    version: int,
    fields: tuple[FormField, ...],
    comment_key: str,
) -> None:
    """Submit callback of an edit form."""
    user = signed_in_editor(form)
    if user is None:
        return
    changes = entered_changes(form, fields)
    if not changes:
        st.session_state[widget_key(form, "_errors")] = {"_other": t("form.nothing_changed")}
        return
    try:
        result = editing.save_edits(
            dashboard.current_store(),
            user,
            table,
            programme_id,
            [editing.Edit(record_id, version, changes)],
            st.session_state.get(comment_key) or None,
        )
    except NotAllowed as refused:
        st.session_state[widget_key(form, "_errors")] = {
            "_other": t("form.not_allowed", reason=str(refused))
        }
        return
    report(
        form,
        result,
        t("form.saved", what=record_id, fields=", ".join(t(f"field.{name}") for name in changes)),
    )


def reapply(
    form: str, table: str, programme_id: str, fields: tuple[FormField, ...], comment_key: str
) -> None:
    """Apply the user's kept values on top of the version that someone else saved."""
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
    save_record(form, table, programme_id, record_id, conflict.version, fields, comment_key)


def draw_conflict(form: str, fields: tuple[FormField, ...], on_reapply, args: tuple) -> None:
    conflict: editing.Conflict | None = st.session_state.get(widget_key(form, "_conflict"))
    if conflict is None:
        return
    if conflict.version is None:
        st.error(t("form.record_gone", record=conflict.record_id))
        return
    when = (
        conflict.changed_at.strftime("%d %b %Y %H:%M")
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
        st.table(rows)
    st.button(
        t("form.reapply"), key=f"{form}_reapply", on_click=on_reapply, args=args, type="primary"
    )
