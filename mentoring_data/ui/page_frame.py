"""What every page draws first: page setup, the data check, sign-in when required, and the
shared navigation.

With a pages/ folder Streamlit routes by file, so the navigation is drawn here with page links
(the built-in list is hidden in .streamlit/config.toml). `?present=1` hides the navigation and
the sidebar for a projector.
"""

from __future__ import annotations

import streamlit as st

from mentoring_data import settings, startup
from mentoring_data.format.validation import ValidationFailed
from mentoring_data.messages import label, t
from mentoring_data.ui.session import current_user, sign_in_form, write_pending_cookie
from mentoring_data.views import dashboard

MANAGE_PAGES = (
    ("pages/manage.py", "nav.manage", ":material/edit_note:"),
    ("pages/history.py", "nav.history", ":material/history:"),
)


PAGES = (
    ("app.py", "nav.overview", ":material/dashboard:"),
    ("pages/map.py", "nav.map", ":material/map:"),
    ("pages/pairs.py", "nav.pairs", ":material/handshake:"),
    ("pages/timeline.py", "nav.timeline", ":material/timeline:"),
    ("pages/action_plans.py", "nav.action_plans", ":material/checklist:"),
    ("pages/outcomes.py", "nav.outcomes", ":material/inventory_2:"),
    ("pages/indicators.py", "nav.indicators", ":material/monitoring:"),
)


def presenting() -> bool:
    return st.query_params.get("present") == "1"


def start_page(title_key: str, navigation: bool = True) -> None:
    """Page setup, the data check, and the navigation; call first on every page."""
    navigation = navigation and not presenting()
    st.set_page_config(
        page_title=f"{t(title_key)} · {t('app.name')}",
        layout="wide",
        initial_sidebar_state="auto" if navigation else "collapsed",
    )
    try:
        store = dashboard.current_store()
    except ValidationFailed as failed:
        st.error(t("app.shipped_data_invalid"))
        st.code("\n".join(str(p) for p in failed.report.problems), language=None)
        st.stop()
    except startup.CANNOT_OPEN as failed:
        st.error(str(failed))
        st.stop()
    if store.read_only:
        st.warning(t("store.read_only_banner"))
    if settings.sign_in_required() and current_user() is None:
        st.title(t("auth.required_title"))
        sign_in_form("required")
        st.stop()
    write_pending_cookie()
    if navigation:
        _navigation()


def _navigation() -> None:
    programme = st.query_params.get("programme")
    carry = {"programme": programme} if programme else None
    user = current_user()
    with st.sidebar:
        st.markdown(f"### :material/diversity_3: {t('app.name')}")
        for path, key, icon in PAGES:
            st.page_link(path, label=t(key), icon=icon, query_params=carry)
        if user is not None and user.can_edit_anything:
            st.divider()
            for path, key, icon in MANAGE_PAGES:
                st.page_link(path, label=t(key), icon=icon, query_params=carry)
            if user.role == "admin":
                st.page_link(
                    "pages/admin.py", label=t("nav.admin"), icon=":material/admin_panel_settings:"
                )
        st.divider()
        if user is None:
            st.page_link("pages/sign_in.py", label=t("nav.sign_in"), icon=":material/login:")
        else:
            st.caption(t("auth.signed_in_as", name=user.username, role=label("role", user.role)))
            st.page_link("pages/sign_in.py", label=t("nav.account"), icon=":material/person:")
        st.page_link(
            "pages/present.py",
            label=t("nav.present"),
            icon=":material/slideshow:",
            query_params=carry,
        )
        st.caption(t("app.footer"))
