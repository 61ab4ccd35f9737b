"""The forms of the Manage page, one function per tab.

Every save goes through `submit`: it takes the person signed in now (never the expired one a
page may still be drawn for) and turns a refused permission or an expired sign-in into a
message on the form, with every typed value kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from mentoring_data import editing
from mentoring_data.access.accounts import NotAllowed, User
from mentoring_data.locale_format import language_name, spoken_language_name
from mentoring_data.messages import LANGUAGES, current_language, label, t
from mentoring_data.ui import forms
from mentoring_data.ui.page_frame import in_page_language
from mentoring_data.ui.session import current_user, sign_in_form
from mentoring_data.ui.widgets import flash, plain
from mentoring_data.views import dashboard
from mentoring_data.views.formatting import text_language, translations_of

Save = Callable[[User], editing.SaveResult]


@dataclass(frozen=True)
class Scope:
    """What every form of the page shares: who edits which programme, and its choices."""

    user: User
    programme_id: str
    comment_key: str
    pair_labels: dict[str, str]
    my_pairs: list[str]

    @property
    def comment(self) -> str | None:
        return st.session_state.get(self.comment_key) or None

    @property
    def programme_wide(self) -> bool:
        return self.user.may_edit(self.programme_id, None)


def submit(form: str, save: Save) -> editing.SaveResult | None:
    """Run one save for a form; None (and a message on the form) when it was refused."""
    acting = forms.signed_in_editor(form)
    if acting is None:
        return None
    try:
        return save(acting)
    except NotAllowed as refused:
        forms.set_form_error(form, t("form.not_allowed", reason=str(refused)))
        return None


def pick(text: str, options: list[str], key: str, labels: dict[str, str]) -> str | None:
    if not options:
        return None
    return st.selectbox(text, options, key=key, format_func=lambda o: labels.get(o, o))


# --- one record: edit, add ------------------------------------------------------------------


def edit_form(scope: Scope, form: str, table: str, record_id: str, fields, options) -> None:
    """The form of one record: loaded at its current version, saved with a version check."""
    found = editing.record_for_edit(table, scope.programme_id, record_id)
    if found is None:
        st.info(t("manage.record_gone"))
        return
    document, version = found
    forms.load_record(form, fields, document, version, record_id)
    _, shown_version = st.session_state[forms.widget_key(form, "_record")]
    with st.form(form, enter_to_submit=False):
        forms.draw_fields(form, fields, options)
        st.form_submit_button(
            t("form.save"),
            type="primary",
            on_click=_save_record,
            args=(scope, form, table, record_id, shown_version, fields),
        )
    forms.draw_conflict(form, fields, _reapply, (scope, form, table, fields))
    if TRANSLATABLE.get(table):
        translation_form(scope, table, record_id, document, version)


# --- translations of a record's texts -------------------------------------------------------

# the text fields whose wording a record keeps in several languages
TRANSLATABLE = {
    "steps": ("title",),
    "activities": ("title", "summary"),
    "outcomes": ("title", "summary"),
    "pairs": ("theme",),
}


def translation_form(scope: Scope, table: str, record_id: str, document: dict, version) -> None:
    """Add or change a title, summary or theme in one language. Saved like any other edit:
    version-checked, with its history; the other languages' wording is kept."""
    form = f"translate_{table}_{record_id}"
    with st.expander(t("manage.translations"), icon=":material/translate:"):
        fields = TRANSLATABLE[table]
        field = st.selectbox(
            t("manage.translation_field"),
            fields,
            key=forms.widget_key(form, "field"),
            format_func=lambda name: t(f"field.{name}"),
        )
        others = [code for code in LANGUAGES if code != "en"]
        language = st.selectbox(
            t("manage.translation_language"),
            others,
            index=others.index(current_language()) if current_language() in others else 0,
            key=forms.widget_key(form, "language"),
            format_func=language_name,
        )
        texts = translations_of(document.get(field))
        original, written_in = text_language(document.get(field))
        if written_in is None:
            st.info(t("manage.translation_no_text", field=t(f"field.{field}")))
            return
        st.caption(t("manage.translation_original", language_name=spoken_language_name(written_in)))
        st.markdown(f"> {plain(original)}")
        key = forms.widget_key(form, f"{field}_{language}_{version}")
        if key not in st.session_state:
            st.session_state[key] = texts.get(language, "")
        with st.form(form, enter_to_submit=False):
            st.text_area(
                t("manage.translation_text", language_name=spoken_language_name(language)),
                key=key,
                max_chars=editing.MAX_TEXT,
            )
            st.form_submit_button(
                t("manage.translation_save"),
                on_click=_save_translation,
                args=(scope, form, table, record_id, version, field, language, key),
            )
        forms.draw_form_error(form)


@in_page_language
def _save_translation(
    scope: Scope,
    form: str,
    table: str,
    record_id: str,
    version: int,
    field: str,
    language: str,
    key: str,
) -> None:
    found = editing.record_for_edit(table, scope.programme_id, record_id)
    texts = translations_of(found[0].get(field)) if found else {}
    entered = (st.session_state.get(key) or "").strip()
    if entered == texts.get(language, ""):
        forms.set_form_error(form, t("form.nothing_changed"))
        return
    wording = {k: v for k, v in texts.items() if k != language}
    if entered:
        wording[language] = entered
    if not wording:
        forms.set_form_error(form, t("manage.translation_last_one"))
        return

    def save(acting: User) -> editing.SaveResult:
        edit = editing.Edit(record_id, version, {field: wording})
        return editing.save_edits(
            dashboard.current_store(), acting, table, scope.programme_id, [edit], scope.comment
        )

    result = submit(form, save)
    if result is None:
        return
    if result.conflicts:
        forms.set_form_error(form, t("manage.translation_conflict"))
        return
    saved = t(
        "manage.translation_saved",
        field=t(f"field.{field}"),
        language_name=spoken_language_name(language),
        what=record_id,
    )
    if forms.report(form, result, saved):
        st.session_state.pop(key, None)


@in_page_language
def _save_record(scope: Scope, form: str, table: str, record_id: str, version, fields) -> None:
    changes = forms.entered_changes(form, fields)
    if not changes:
        forms.set_form_error(form, t("form.nothing_changed"))
        return

    def save(acting: User) -> editing.SaveResult:
        edit = editing.Edit(record_id, version, changes)
        return editing.save_edits(
            dashboard.current_store(), acting, table, scope.programme_id, [edit], scope.comment
        )

    result = submit(form, save)
    if result is not None:
        names = ", ".join(t(f"field.{name}") for name in changes)
        forms.report(form, result, t("form.saved", what=record_id, fields=names))


@in_page_language
def _reapply(scope: Scope, form: str, table: str, fields) -> None:
    """Apply the user's kept values on top of the version that someone else saved."""
    record_id, version = forms.take_theirs_keep_mine(form, fields)
    _save_record(scope, form, table, record_id, version, fields)


def add_form(scope: Scope, form: str, table: str, fields, options, **target) -> None:
    """A form for a new record (its id first), e.g. target plan_id= for a step."""

    def save(acting: User, document: dict) -> editing.SaveResult:
        return editing.add_record(
            dashboard.current_store(),
            acting,
            table,
            scope.programme_id,
            document,
            scope.comment,
            **target,
        )

    _new_record_form(form, fields, options, save)


def place_form(scope: Scope, form: str, kind: str, fields, options) -> None:
    """A new city or organisation, checked against every programme that shares its id."""

    def save(acting: User, document: dict) -> editing.SaveResult:
        return editing.add_place(
            dashboard.current_store(), acting, kind, scope.programme_id, document, scope.comment
        )

    _new_record_form(form, fields, options, save)


def _new_record_form(
    form: str, fields, options, save, with_id: bool = True, name: str | None = None
) -> None:
    """A form for a new record; `name` says what was added when the record has no id."""
    with st.form(form, enter_to_submit=False):
        if with_id:
            st.text_input(
                t("field.id") + " *", key=forms.widget_key(form, "id"), help=t("form.id_help")
            )
        if forms.widget_key(form, "_original") not in st.session_state:
            st.session_state[forms.widget_key(form, "_original")] = {f.name: None for f in fields}
        forms.draw_fields(form, fields, options)
        st.form_submit_button(
            t("form.add"), type="primary", on_click=_add, args=(form, fields, save, with_id, name)
        )


@in_page_language
def _add(form: str, fields, save, with_id: bool, name: str | None) -> None:
    """Submit callback of a new-record form: keeps every value when something is wrong."""
    document = forms.entered_document(form, fields)
    if with_id:
        document["id"] = (st.session_state.get(forms.widget_key(form, "id")) or "").strip() or None
    result = submit(form, lambda acting: save(acting, document))
    what = document.get("id") or name
    if result is not None and forms.report(form, result, t("form.added", what=what)):
        for field in fields:
            st.session_state.pop(forms.widget_key(form, field.name), None)
        st.session_state.pop(forms.widget_key(form, "id"), None)


def record_tab(scope: Scope, table: str, records: pd.DataFrame, fields, options) -> None:
    """Edit one of the records the user may change, or add one."""
    user, programme_id = scope.user, scope.programme_id
    mine = records[
        [user.may_edit(programme_id, p if dashboard.known(p) else None) for p in records["pair_id"]]
    ]
    labels = dict(zip(mine["id"], mine["title_shown"], strict=True))
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown(f"**{t(f'manage.edit_{table}')}**")
        record_id = pick(t(f"manage.{table}_pick"), list(labels), f"manage_{table}_pick", labels)
        if record_id:
            edit_form(scope, f"{table}_{record_id}", table, record_id, fields, options)
        else:
            st.info(t("manage.nothing_to_edit"))
    with right:
        st.markdown(f"**{t(f'manage.add_{table}')}**")
        add_form(scope, f"new_{table}", table, fields, options)


# --- action-plan steps ----------------------------------------------------------------------


def steps_tab(scope: Scope) -> None:
    pair_id = pick(t("manage.pair"), scope.my_pairs, "manage_steps_pair", scope.pair_labels)
    if pair_id is None:
        st.info(t("manage.no_pairs_to_edit"))
        return
    steps = dashboard.steps(scope.programme_id, pair_id=pair_id)
    _steps_table(scope, pair_id, steps)
    st.divider()
    step_labels = dict(zip(steps["id"], steps["title_shown"], strict=True))
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown(f"**{t('manage.edit_step')}**")
        step_id = pick(t("manage.step"), list(step_labels), "manage_step_pick", step_labels)
        if step_id:
            edit_form(scope, f"step_{step_id}", "steps", step_id, forms.STEP_FIELDS, {})
            version = int(steps.loc[steps["id"] == step_id, "version"].iloc[0])
            _drop_step(scope, step_id, version)
    with right:
        st.markdown(f"**{t('manage.add_step')}**")
        plans = dashboard.plans(scope.programme_id)
        plan_ids = plans.loc[plans["pair_id"] == pair_id, "id"].tolist()
        if not plan_ids:
            st.info(t("manage.no_plan"))
        else:
            add_form(
                scope, f"new_step_{pair_id}", "steps", forms.STEP_FIELDS, {}, plan_id=plan_ids[0]
            )


def _steps_table(scope: Scope, pair_id: str, steps: pd.DataFrame) -> None:
    """Every step of a pair's plan in one table, saved together or not at all."""
    st.markdown(f"**{t('manage.bulk_heading')}**")
    st.caption(t("manage.bulk_help"))
    snapshot_key = f"steps_snapshot_{scope.programme_id}_{pair_id}"
    if snapshot_key not in st.session_state or st.session_state.pop("steps_reload", False):
        st.session_state[snapshot_key] = _steps_snapshot(steps)
    snapshot = st.session_state[snapshot_key]
    form = f"bulk_{pair_id}"
    with st.form(form, enter_to_submit=False):
        st.data_editor(
            snapshot,
            key=f"editor_{snapshot_key}",
            hide_index=True,
            placeholder="",  # never the word "None"
            num_rows="fixed",
            disabled=["id", "version", "position"],
            column_order=["order", "title", "owner", "status", "progress", "due"],
            column_config=_steps_columns(),
        )
        saved = st.form_submit_button(t("form.save_all"), type="primary")
    if not saved:
        return
    edits = editing.edits_from_editor(snapshot, st.session_state[f"editor_{snapshot_key}"])
    if not edits:
        st.info(t("form.nothing_changed"))
        return

    def save(acting: User) -> editing.SaveResult:
        return editing.save_edits(
            dashboard.current_store(), acting, "steps", scope.programme_id, edits, scope.comment
        )

    result = submit(form, save)
    if result is None:
        forms.draw_form_error(form)
        if current_user() is None:
            sign_in_form("bulk")
        return
    if result.ok:
        flash("success", t("form.saved_many", count=len(result.saved)))
        st.session_state["last_change_group"] = result.group
        st.session_state.pop(snapshot_key)
        st.rerun()
    _steps_table_problems(result, snapshot_key)


def _steps_snapshot(steps: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "order": range(1, len(steps) + 1),
            "title": steps["title"],
            "owner": steps["owner"].astype("string"),
            "status": steps["status"],
            "progress": steps["progress"].astype("Int64"),
            # typed, so that a plan without steps (no values at all) is still text
            "due": pd.array(
                [str(d)[:10] if dashboard.known(d) else None for d in steps["due_date"]],
                dtype="string",
            ),
            "id": steps["id"],
            "version": steps["version"].astype("Int64"),
            "position": steps["position"].astype("Int64"),
        }
    )


def _steps_columns() -> dict:
    status = next(f for f in forms.STEP_FIELDS if f.name == "status")
    return {
        "order": st.column_config.NumberColumn(t("field.order"), min_value=1, step=1),
        "title": st.column_config.TextColumn(
            t("field.title"), required=True, max_chars=editing.MAX_TEXT, width="large"
        ),
        "owner": st.column_config.TextColumn(t("field.owner"), width="small"),
        "status": st.column_config.SelectboxColumn(
            t("field.status"),
            options=list(status.widget.options),
            required=True,
            format_func=lambda value: label("status", value),
        ),
        "progress": st.column_config.NumberColumn(t("field.progress"), min_value=0, max_value=100),
        "due": st.column_config.TextColumn(t("field.due"), help=t("form.date_placeholder")),
    }


def _steps_table_problems(result: editing.SaveResult, snapshot_key: str) -> None:
    for (record, name), message in result.errors.items():
        st.error(t("form.row_error", record=record, field=t(f"field.{name}"), message=message))
    for conflict in result.conflicts:
        st.warning(
            t(
                "form.conflict",
                record=conflict.record_id,
                who=conflict.changed_by or "?",
                when=str(conflict.changed_at)[:16],
                comment=conflict.comment or "—",
            )
        )
    if result.conflicts:
        st.caption(t("manage.bulk_conflict_help"))
        if st.button(t("manage.reload_steps")):
            st.session_state.pop(snapshot_key)
            st.rerun()


def _drop_step(scope: Scope, step_id: str, version: int) -> None:
    with st.popover(t("manage.drop_step")):
        st.caption(t("manage.drop_help"))
        form = f"drop_{step_id}"
        forms.draw_form_error(form)
        if not st.button(t("manage.drop_confirm"), key=form):
            return

        def drop(acting: User) -> editing.SaveResult:
            return editing.delete_record(
                dashboard.current_store(),
                acting,
                "steps",
                scope.programme_id,
                step_id,
                version,
                scope.comment,
            )

        result = submit(form, drop)
        if result is None:
            flash("warning", forms.take_form_error(form))
        elif result.ok:
            flash("success", t("form.dropped", what=step_id))
            st.session_state["last_change_group"] = result.group
            st.session_state["steps_reload"] = True
        else:
            flash("warning", t("form.conflict_short", record=step_id))
        st.rerun()


# --- activities, outcomes -------------------------------------------------------------------


def place_options(scope: Scope) -> dict[str, str]:
    places = dashboard.map_places(scope.programme_id)
    return dict(zip(places["id"], places["name"], strict=True))


def owner_options(scope: Scope) -> dict[str, str]:
    partners = dashboard.partners(scope.programme_id)
    return {**place_options(scope), **dict(zip(partners["id"], partners["name"], strict=True))}


def pair_options(scope: Scope) -> dict[str, str]:
    if scope.programme_wide:
        return {"": t("form.programme_wide"), **scope.pair_labels}
    return {p: scope.pair_labels[p] for p in scope.my_pairs}


def activities_tab(scope: Scope) -> None:
    record_tab(
        scope,
        "activities",
        dashboard.activities(scope.programme_id),
        forms.ACTIVITY_FIELDS,
        {"pair": pair_options(scope), "city": place_options(scope)},
    )


def outcomes_tab(scope: Scope) -> None:
    record_tab(
        scope,
        "outcomes",
        dashboard.outcomes(scope.programme_id),
        forms.OUTCOME_FIELDS,
        {"pair": pair_options(scope), "owner": owner_options(scope)},
    )


# --- indicator values -----------------------------------------------------------------------


def indicators_tab(scope: Scope) -> None:
    indicators = dashboard.indicator_latest(scope.programme_id)
    if indicators.empty or not scope.programme_wide:
        st.info(t("manage.no_indicators"))
        return
    names = dict(zip(indicators["indicator_id"], indicators["name"], strict=True))
    indicator_id = pick(t("manage.indicator"), list(names), "manage_indicator_pick", names)
    st.dataframe(
        indicators[indicators["indicator_id"] == indicator_id][
            ["name", "latest_value", "latest_date", "target", "unit"]
        ],
        hide_index=True,
        placeholder="—",
        column_config={
            "name": t("col.indicator"),
            "latest_value": t("col.latest"),
            "latest_date": t("col.date"),
            "target": t("col.target"),
            "unit": t("col.unit"),
        },
    )

    def save(acting: User, document: dict) -> editing.SaveResult:
        return editing.add_record(
            dashboard.current_store(),
            acting,
            "indicator_values",
            scope.programme_id,
            document,
            scope.comment,
            indicator_id=indicator_id,
        )

    form = f"new_value_{indicator_id}"
    fields = forms.INDICATOR_VALUE_FIELDS
    _new_record_form(form, fields, {}, save, with_id=False, name=names[indicator_id])


# --- pairs, cities, organisations -------------------------------------------------------------


def pairs_tab(scope: Scope) -> None:
    labels = scope.pair_labels
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown(f"**{t('manage.pair_status')}**")
        status_pair = pick(t("manage.pair"), scope.my_pairs, "manage_status_pair", labels)
        if status_pair:
            others = {p: labels[p] for p in labels if p != status_pair}
            edit_form(
                scope,
                f"pair_{status_pair}",
                "pairs",
                status_pair,
                forms.PAIR_STATUS_FIELDS,
                {"replaced_by": others},
            )
    with right:
        st.markdown(f"**{t('manage.add_pair')}**")
        if scope.programme_wide:
            owners = owner_options(scope)
            add_form(
                scope,
                "new_pair",
                "pairs",
                forms.NEW_PAIR_FIELDS,
                {"mentor": owners, "mentee": owners},
            )
        else:
            st.info(t("manage.pairs_need_programme_scope"))
    st.divider()
    if scope.programme_wide:
        city_col, organisation_col = st.columns(2, gap="large")
        with city_col:
            st.markdown(f"**{t('manage.add_city')}**")
            place_form(scope, "new_city", "cities", forms.CITY_FIELDS, {})
        with organisation_col:
            st.markdown(f"**{t('manage.add_organisation')}**")
            place_form(
                scope,
                "new_organisation",
                "organisations",
                forms.ORGANISATION_FIELDS,
                {"city": place_options(scope)},
            )
