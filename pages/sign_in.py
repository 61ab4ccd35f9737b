"""Sign in as an editor or admin (viewers need no account), change the password, sign out."""

import streamlit as st

from mentoring_data.access import accounts
from mentoring_data.messages import label, t
from mentoring_data.ui.page_frame import start_page
from mentoring_data.ui.session import (
    current_user,
    identity_provider_configured,
    sign_in_form,
    sign_out,
)
from mentoring_data.ui.widgets import show_flash
from mentoring_data.views import dashboard

start_page("auth.title")
st.title(t("auth.title"))
show_flash()
user = current_user()
if user is None:
    if st.session_state.get("session_expired"):
        st.warning(t("auth.expired"))
    st.caption(t("auth.viewers_need_no_account"))
    if sign_in_form("page") is not None:
        st.rerun()
    st.stop()

st.success(t("auth.signed_in_as", name=user.username, role=label("role", user.role)))
if user.role == "editor":
    scopes = [f"{p}" + (f" / {q}" if q else "") for p, q in user.scopes]
    st.markdown(t("auth.scopes", scopes=", ".join(scopes) or t("auth.no_scopes")))
if not identity_provider_configured():
    with st.form("change_password", clear_on_submit=True):
        new_password = st.text_input(t("auth.new_password"), type="password")
        repeated = st.text_input(t("auth.repeat_password"), type="password")
        if st.form_submit_button(t("auth.change_password")):
            if new_password != repeated:
                st.error(t("auth.passwords_differ"))
            else:
                try:
                    accounts.set_password(
                        dashboard.current_store(), user, user.username, new_password
                    )
                    st.success(t("auth.password_changed"))
                except ValueError as err:
                    st.error(str(err))
if st.button(t("auth.sign_out")):
    sign_out()
    st.rerun()
