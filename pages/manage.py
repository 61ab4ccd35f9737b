"""Manage: keep action plans, activities, outcomes, indicators and pairs up to date."""

import streamlit as st

from mentoring_data.messages import t
from mentoring_data.ui import manage_forms
from mentoring_data.ui.page_frame import link_params, start_page
from mentoring_data.ui.session import current_user, sign_in_form
from mentoring_data.ui.url_state import url_selectbox
from mentoring_data.ui.widgets import show_flash
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
    st.page_link(
        "pages/sign_in.py",
        label=t("nav.sign_in"),
        icon=":material/login:",
        query_params=link_params(programme=None),
    )
    st.stop()
show_flash()
if st.session_state.get("last_change_group"):
    st.page_link(
        "pages/history.py",
        label=t("manage.undo_link"),
        icon=":material/undo:",
        query_params=link_params(programme=None, group=st.session_state["last_change_group"]),
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

scope = manage_forms.Scope(user, programme_id, comment_key, pair_labels, my_pairs)
tabs = st.tabs(
    [
        t("manage.tab_steps"),
        t("manage.tab_activities"),
        t("manage.tab_outcomes"),
        t("manage.tab_indicators"),
        t("manage.tab_pairs"),
    ]
)
for tab, draw in zip(
    tabs,
    (
        manage_forms.steps_tab,
        manage_forms.activities_tab,
        manage_forms.outcomes_tab,
        manage_forms.indicators_tab,
        manage_forms.pairs_tab,
    ),
    strict=True,
):
    with tab:
        draw(scope)
