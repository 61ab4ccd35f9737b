"""What every page draws first: page setup, the data check, sign-in when required, and the
shared navigation.

With a pages/ folder Streamlit routes by file, so the navigation is drawn here with page links
(the built-in list is hidden in .streamlit/config.toml). `?present=1` hides the navigation and
the sidebar for a projector.

The interface language is decided here on every run, before anything is drawn: `?lang=` when it
names one of the offered languages, else the browser's language when it is one of them, else
English. Every link carries `lang` (and `programme`), so the choice follows the reader.
"""

from __future__ import annotations

import functools

import streamlit as st

from mentoring_data import settings, startup
from mentoring_data.format.validation import ValidationFailed
from mentoring_data.locale_format import language_from_locale, language_name
from mentoring_data.messages import LANGUAGES, current_language, label, t, use_language
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


def chosen_language() -> str:
    """?lang= when it is one of the offered languages, else the browser's, else English."""
    wanted = st.query_params.get("lang")
    if wanted in LANGUAGES:
        return wanted
    return language_from_locale(st.context.locale)


def in_page_language(callback):
    """A widget callback run in the page's language: callbacks run before the page's script,
    so before start_page has chosen the language of this run."""

    @functools.wraps(callback)
    def run(*args, **kwargs):
        use_language(chosen_language())
        return callback(*args, **kwargs)

    return run


def link_params(**params: object) -> dict[str, str]:
    """Query parameters for a link to another page: the ones given (None left out), with the
    current language and, unless given, the programme in view."""
    programme = st.query_params.get("programme")
    carried = {"programme": programme} if programme and "programme" not in params else {}
    given = {k: str(v) for k, v in params.items() if v is not None}
    return {**carried, **given, "lang": current_language()}


def start_page(title_key: str, navigation: bool = True) -> None:
    """Page setup, the data check, and the navigation; call first on every page."""
    use_language(chosen_language())
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
    _let_labels_wrap()
    if navigation:
        _navigation()


def _let_labels_wrap() -> None:
    # a metric's label is cut with "…" at its card's width; several languages need two lines
    st.html(
        "<style>[data-testid='stMetricLabel'] * {white-space: normal !important; "
        "overflow: visible !important; text-overflow: clip !important;}</style>"
    )


def _language_chosen() -> None:
    st.query_params["lang"] = st.session_state["interface_language"]


def _language_selector() -> None:
    # the widget follows the language decided for this run (a link may have changed it)
    st.session_state["interface_language"] = current_language()
    st.selectbox(
        t("nav.language"),
        LANGUAGES,
        key="interface_language",
        format_func=language_name,
        on_change=_language_chosen,
    )


def _navigation() -> None:
    carry = link_params()
    plain_carry = {"lang": current_language()}
    user = current_user()
    with st.sidebar:
        st.markdown(f"### :material/diversity_3: {t('app.name')}")
        _language_selector()
        for path, key, icon in PAGES:
            st.page_link(path, label=t(key), icon=icon, query_params=carry)
        if user is not None and user.can_edit_anything:
            st.divider()
            for path, key, icon in MANAGE_PAGES:
                st.page_link(path, label=t(key), icon=icon, query_params=carry)
            if user.role == "admin":
                st.page_link(
                    "pages/admin.py",
                    label=t("nav.admin"),
                    icon=":material/admin_panel_settings:",
                    query_params=plain_carry,
                )
        st.divider()
        if user is None:
            st.page_link(
                "pages/sign_in.py",
                label=t("nav.sign_in"),
                icon=":material/login:",
                query_params=plain_carry,
            )
        else:
            st.caption(t("auth.signed_in_as", name=user.username, role=label("role", user.role)))
            st.page_link(
                "pages/sign_in.py",
                label=t("nav.account"),
                icon=":material/person:",
                query_params=plain_carry,
            )
        st.page_link(
            "pages/present.py",
            label=t("nav.present"),
            icon=":material/slideshow:",
            query_params=carry,
        )
        if current_language() != "en":
            st.caption(t("content.marker_note"))
        st.caption(t("app.footer"))
