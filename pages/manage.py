"""Manage: keep action plans, activities, outcomes, indicators and pairs up to date."""

import pandas as pd
import streamlit as st

from mentoring_data import editing
from mentoring_data.access.accounts import NotAllowed
from mentoring_data.messages import t
from mentoring_data.ui import forms
from mentoring_data.ui.page_frame import (
    current_user,
    show_flash,
    sign_in_form,
    start_page,
    url_selectbox,
)
from mentoring_data.views import dashboard

start_page("manage.title")
st.title(t("manage.title"))
user = current_user()
if user is None and st.session_state.get("expired_user") is not None:
    # the sign-in expired: draw the page as before (every typed value stays) but saving is
    # refused until the person signs in again here
    st.warning(t("form.session_expired"))
    if sign_in_form("manage") is not None:
        st.session_state.pop("edit_needs_sign_in", None)
        st.rerun()
    user = st.session_state["expired_user"]
if user is None or not user.can_edit_anything:
    st.info(t("manage.sign_in_first"))
    st.page_link("pages/sign_in.py", label=t("nav.sign_in"), icon=":material/login:")
    st.stop()
show_flash()
if st.session_state.get("last_change_group"):
    st.page_link(
        "pages/history.py",
        label=t("manage.undo_link"),
        icon=":material/undo:",
        query_params={"group": st.session_state["last_change_group"]},
    )

names = dashboard.programme_names()
editable = [pid for pid in names if user.may_edit_programme(pid)]
top_left, top_right = st.columns([2, 3])
with top_left:
    programme_id = url_selectbox(
        t("app.programme_selector"), editable, "programme", lambda pid: names.get(pid, pid)
    )
comment_key = "manage_comment"
top_right.text_input(t("manage.comment"), key=comment_key, placeholder=t("manage.comment_hint"))
pairs = dashboard.pair_choices(programme_id)
pair_labels = {
    p: f"{m} → {e}"
    for p, m, e in zip(pairs["pair_id"], pairs["mentor_name"], pairs["mentee_name"], strict=True)
}
my_pairs = [p for p in pair_labels if user.may_edit(programme_id, p)]

steps_tab, activities_tab, outcomes_tab, indicators_tab, pairs_tab = st.tabs(
    [
        t("manage.tab_steps"),
        t("manage.tab_activities"),
        t("manage.tab_outcomes"),
        t("manage.tab_indicators"),
        t("manage.tab_pairs"),
    ]
)


def pick(text: str, options: list[str], key: str, labels: dict[str, str]) -> str | None:
    if not options:
        return None
    return st.selectbox(text, options, key=key, format_func=lambda o: labels.get(o, o))


def edit_form(form: str, table: str, record_id: str, fields, options: dict) -> None:
    """The form of one record: loaded at its current version, saved with a version check."""
    found = editing.record_for_edit(table, programme_id, record_id)
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
            on_click=forms.save_record,
            args=(form, table, programme_id, record_id, shown_version, fields, comment_key),
        )
    forms.draw_conflict(
        form, fields, forms.reapply, (form, table, programme_id, fields, comment_key)
    )


def add_form(form: str, table: str, fields, options: dict, **target) -> None:
    """A form for a new record (its id first)."""

    def save(acting, document):
        return editing.add_record(
            dashboard.current_store(),
            acting,
            table,
            programme_id,
            document,
            st.session_state.get(comment_key) or None,
            **target,
        )

    _new_record_form(form, fields, options, save)


def place_form(form: str, kind: str, fields, options: dict) -> None:
    """A new city or organisation, checked against every programme that shares its id."""

    def save(acting, document):
        return editing.add_place(
            dashboard.current_store(),
            acting,
            kind,
            programme_id,
            document,
            st.session_state.get(comment_key) or None,
        )

    _new_record_form(form, fields, options, save)


def _new_record_form(form: str, fields, options: dict, save) -> None:
    with st.form(form, enter_to_submit=False):
        st.text_input(
            t("field.id") + " *", key=forms.widget_key(form, "id"), help=t("form.id_help")
        )
        if forms.widget_key(form, "_original") not in st.session_state:
            st.session_state[forms.widget_key(form, "_original")] = {f.name: None for f in fields}
        forms.draw_fields(form, fields, options)
        st.form_submit_button(t("form.add"), on_click=_add, args=(form, fields, save))


def _add(form: str, fields, save) -> None:
    """Submit callback of a new-record form: keeps every value when something is wrong."""
    acting = forms.signed_in_editor(form)
    if acting is None:
        return
    document = {
        "id": (st.session_state.get(forms.widget_key(form, "id")) or "").strip() or None,
        **forms.entered_document(form, fields),
    }
    try:
        result = save(acting, document)
    except NotAllowed as refused:
        st.session_state[forms.widget_key(form, "_errors")] = {
            "_other": t("form.not_allowed", reason=str(refused))
        }
        return
    if forms.report(form, result, t("form.added", what=document["id"])):
        for field in fields:
            st.session_state.pop(forms.widget_key(form, field.name), None)
        st.session_state.pop(forms.widget_key(form, "id"), None)


def record_tab(table: str, records, fields, options: dict) -> None:
    """Edit one of the records the user may change, or add one."""
    mine = records[
        [user.may_edit(programme_id, p if dashboard.known(p) else None) for p in records["pair_id"]]
    ]
    labels = dict(zip(mine["id"], mine["title"], strict=True))
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown(f"**{t(f'manage.edit_{table}')}**")
        record_id = pick(t(f"manage.{table}_pick"), list(labels), f"manage_{table}_pick", labels)
        if record_id:
            edit_form(f"{table}_{record_id}", table, record_id, fields, options)
        else:
            st.info(t("manage.nothing_to_edit"))
    with right:
        st.markdown(f"**{t(f'manage.add_{table}')}**")
        add_form(f"new_{table}", table, fields, options)


# --- action-plan steps -------------------------------------------------------------------
with steps_tab:
    pair_id = pick(t("manage.pair"), my_pairs, "manage_steps_pair", pair_labels)
    if pair_id is None:
        st.info(t("manage.no_pairs_to_edit"))
    else:
        steps = dashboard.steps(programme_id, pair_id=pair_id)
        st.markdown(f"**{t('manage.bulk_heading')}**")
        st.caption(t("manage.bulk_help"))
        snapshot_key = f"steps_snapshot_{programme_id}_{pair_id}"
        if snapshot_key not in st.session_state or st.session_state.pop("steps_reload", False):
            st.session_state[snapshot_key] = pd.DataFrame(
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
        snapshot = st.session_state[snapshot_key]
        with st.form(f"bulk_{pair_id}", enter_to_submit=False):
            st.data_editor(
                snapshot,
                key=f"editor_{snapshot_key}",
                hide_index=True,
                num_rows="fixed",
                disabled=["id", "version", "position"],
                column_order=["order", "title", "owner", "status", "progress", "due"],
                column_config={
                    "order": st.column_config.NumberColumn(t("field.order"), min_value=1, step=1),
                    "title": st.column_config.TextColumn(
                        t("field.title"), required=True, max_chars=editing.MAX_TEXT, width="large"
                    ),
                    "owner": st.column_config.TextColumn(t("field.owner"), width="small"),
                    "status": st.column_config.SelectboxColumn(
                        t("field.status"), options=list(forms.STEP_FIELDS[4].options), required=True
                    ),
                    "progress": st.column_config.NumberColumn(
                        t("field.progress"), min_value=0, max_value=100
                    ),
                    "due": st.column_config.TextColumn(
                        t("field.due"), help=t("form.date_placeholder")
                    ),
                },
            )
            bulk_saved = st.form_submit_button(t("form.save_all"), type="primary")
        if bulk_saved:
            acting = current_user()
            edits = editing.edits_from_editor(snapshot, st.session_state[f"editor_{snapshot_key}"])
            if acting is None:
                st.warning(t("form.session_expired"))
                sign_in_form("bulk")
            elif not edits:
                st.info(t("form.nothing_changed"))
            else:
                result = editing.save_edits(
                    dashboard.current_store(),
                    acting,
                    "steps",
                    programme_id,
                    edits,
                    st.session_state.get(comment_key) or None,
                )
                if result.ok:
                    forms.flash("success", t("form.saved_many", count=len(result.saved)))
                    st.session_state["last_change_group"] = result.group
                    st.session_state.pop(snapshot_key)
                    st.rerun()
                for (record, name), message in result.errors.items():
                    st.error(
                        t(
                            "form.row_error",
                            record=record,
                            field=t(f"field.{name}"),
                            message=message,
                        )
                    )
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

        st.divider()
        step_labels = dict(zip(steps["id"], steps["title"], strict=True))
        left, right = st.columns(2, gap="large")
        with left:
            st.markdown(f"**{t('manage.edit_step')}**")
            step_id = pick(t("manage.step"), list(step_labels), "manage_step_pick", step_labels)
            if step_id:
                edit_form(f"step_{step_id}", "steps", step_id, forms.STEP_FIELDS, {})
                with st.popover(t("manage.drop_step")):
                    st.caption(t("manage.drop_help"))
                    if st.button(t("manage.drop_confirm"), key=f"drop_{step_id}"):
                        version = int(steps.loc[steps["id"] == step_id, "version"].iloc[0])
                        acting = current_user()  # never the expired one the page is drawn for
                        if acting is None:
                            forms.flash("warning", t("form.session_expired"))
                            st.rerun()
                        result = editing.delete_record(
                            dashboard.current_store(),
                            acting,
                            "steps",
                            programme_id,
                            step_id,
                            version,
                            st.session_state.get(comment_key),
                        )
                        if result.ok:
                            forms.flash("success", t("form.dropped", what=step_id))
                            st.session_state["last_change_group"] = result.group
                            st.session_state["steps_reload"] = True
                        else:
                            forms.flash("warning", t("form.conflict_short", record=step_id))
                        st.rerun()
        with right:
            st.markdown(f"**{t('manage.add_step')}**")
            plans = dashboard.plans(programme_id)
            plan_ids = plans.loc[plans["pair_id"] == pair_id, "id"].tolist()
            if not plan_ids:
                st.info(t("manage.no_plan"))
            else:
                add_form(f"new_step_{pair_id}", "steps", forms.STEP_FIELDS, {}, plan_id=plan_ids[0])

# --- activities ---------------------------------------------------------------------------
place_options = {
    c: n
    for c, n in zip(
        *[dashboard.map_places(programme_id)[col] for col in ("id", "name")], strict=True
    )
}
pair_options = {p: pair_labels[p] for p in my_pairs}
if user.may_edit(programme_id, None):
    pair_options = {"": t("form.programme_wide"), **pair_labels}
with activities_tab:
    record_tab(
        "activities",
        dashboard.activities(programme_id),
        forms.ACTIVITY_FIELDS,
        {"pair": pair_options, "city": place_options},
    )

# --- outcomes -----------------------------------------------------------------------------
owner_options = {
    **place_options,
    **dict(zip(*[dashboard.partners(programme_id)[col] for col in ("id", "name")], strict=True)),
}
with outcomes_tab:
    record_tab(
        "outcomes",
        dashboard.outcomes(programme_id),
        forms.OUTCOME_FIELDS,
        {"pair": pair_options, "owner": owner_options},
    )

# --- indicator values ---------------------------------------------------------------------
with indicators_tab:
    indicators = dashboard.indicator_latest(programme_id)
    allowed = [i for i in indicators["indicator_id"] if user.may_edit(programme_id, None)]
    if not allowed:
        st.info(t("manage.no_indicators"))
    else:
        indicator_names = dict(zip(indicators["indicator_id"], indicators["name"], strict=True))
        indicator_id = pick(
            t("manage.indicator"), allowed, "manage_indicator_pick", indicator_names
        )
        st.dataframe(
            indicators[indicators["indicator_id"] == indicator_id][
                ["name", "latest_value", "latest_date", "target", "unit"]
            ],
            hide_index=True,
            column_config={
                "name": t("col.indicator"),
                "latest_value": t("col.latest"),
                "latest_date": t("col.date"),
                "target": t("col.target"),
                "unit": t("col.unit"),
            },
        )
        value_fields = (
            forms.FormField("date", "date", required=True),
            forms.FormField("value", "text", required=True),
        )
        form = f"new_value_{indicator_id}"
        with st.form(form, enter_to_submit=False):
            forms.draw_fields(form, value_fields, {})
            st.text_input(
                t("field.sources"),
                key=forms.widget_key(form, "source"),
                placeholder=t("form.url_placeholder"),
            )
            submitted = st.form_submit_button(t("form.add"), type="primary")
        if submitted:
            document = forms.entered_document(form, value_fields)
            source = (st.session_state.get(forms.widget_key(form, "source")) or "").strip()
            try:
                document["value"] = float(document["value"]) if document["value"] else None
            except ValueError:
                st.error(t("form.not_a_number"))
            else:
                document["sources"] = [source] if source else []
                acting = current_user()
                try:
                    if acting is None:  # the sign-in expired while the form was open
                        raise NotAllowed(t("form.session_expired"))
                    result = editing.add_record(
                        dashboard.current_store(),
                        acting,
                        "indicator_values",
                        programme_id,
                        document,
                        st.session_state.get(comment_key) or None,
                        indicator_id=indicator_id,
                    )
                except NotAllowed as refused:
                    st.session_state["edit_needs_sign_in"] = acting is None
                    st.warning(t("form.not_allowed", reason=str(refused)))
                else:
                    if result.ok:
                        forms.flash("success", t("form.added", what=indicator_names[indicator_id]))
                        st.rerun()
                    for (_record, name), message in result.errors.items():
                        st.error(t("form.field_error", field=t(f"field.{name}"), message=message))

# --- pairs --------------------------------------------------------------------------------
with pairs_tab:
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown(f"**{t('manage.pair_status')}**")
        status_pair = pick(t("manage.pair"), my_pairs, "manage_status_pair", pair_labels)
        if status_pair:
            edit_form(
                f"pair_{status_pair}",
                "pairs",
                status_pair,
                forms.PAIR_STATUS_FIELDS,
                {"replaced_by": {p: pair_labels[p] for p in pair_labels if p != status_pair}},
            )
    with right:
        st.markdown(f"**{t('manage.add_pair')}**")
        if user.may_edit(programme_id, None):
            pair_fields = (
                forms.FormField("mentor", "select", required=True),
                forms.FormField("mentee", "select", required=True),
                forms.FormField("theme", "text"),
                forms.PAIR_STATUS_FIELDS[0],
            )
            add_form(
                "new_pair", "pairs", pair_fields, {"mentor": owner_options, "mentee": owner_options}
            )
        else:
            st.info(t("manage.pairs_need_programme_scope"))
    st.divider()
    if user.may_edit(programme_id, None):
        city_col, organisation_col = st.columns(2, gap="large")
        with city_col:
            st.markdown(f"**{t('manage.add_city')}**")
            place_form("new_city", "cities", forms.CITY_FIELDS, {})
        with organisation_col:
            st.markdown(f"**{t('manage.add_organisation')}**")
            place_form(
                "new_organisation",
                "organisations",
                forms.ORGANISATION_FIELDS,
                {"city": place_options},
            )
