"""Widgets whose value lives in the address (?key=value), so any view can be shared as a link
and the browser's back button restores it."""

from __future__ import annotations

import streamlit as st

from mentoring_data.messages import t
from mentoring_data.views import dashboard

ALL = ""


def programme_selector(key: str = "programme") -> str | None:
    """All programmes, or one; kept in ?programme= so the view can be shared as a link."""
    names = dashboard.programme_names()
    wanted = st.query_params.get(key)
    if wanted and wanted not in names:
        st.warning(t("app.unknown_programme", programme=wanted))
    column, _ = st.columns([2, 3])
    with column:
        chosen = url_selectbox(
            t("app.programme_selector"),
            [ALL, *names],
            key,
            lambda pid: names.get(pid, t("app.all_programmes")),
        )
    return chosen or None


def _follow_url(key: str, url_value: object, default: object) -> None:
    """Set a widget's value before it is drawn: from the URL when the URL changed since we last
    wrote it (a shared link, a navigation link), else what the user chose last. Set on every
    run, because a widget drawn on another page does not carry its state over."""
    marker = f"_url_{key}"
    if st.session_state.get(marker, object()) != url_value:
        value = url_value if url_value is not None else default
    else:
        value = st.session_state.get(key, default)
    st.session_state[key] = value
    st.session_state[marker] = url_value


def _write_url(key: str, value: object, empty: object) -> None:
    if value == empty or value is None:
        st.query_params.pop(key, None)
        st.session_state[f"_url_{key}"] = None
    else:
        st.query_params[key] = ",".join(value) if isinstance(value, list) else value
        st.session_state[f"_url_{key}"] = value


def url_selectbox(text: str, options: list[str], key: str, format_func) -> str:
    """A selectbox whose value is the ?key= parameter (by id, so links stay readable).
    The first option is the default and is left out of the URL; an unknown value is ignored."""
    url_value = st.query_params.get(key)
    _follow_url(key, url_value if url_value in options else None, options[0])
    if st.session_state[key] not in options:
        st.session_state[key] = options[0]
    value = st.selectbox(text, options, key=key, format_func=format_func)
    _write_url(key, value, options[0])
    return value


def url_multiselect(
    text: str, options: list[str], key: str, format_func, placeholder: str
) -> list[str]:
    """A multiselect whose values are the comma-separated ?key= parameter."""
    raw = st.query_params.get(key)
    url_value = [v for v in raw.split(",") if v in options] if raw else None
    _follow_url(key, url_value or None, [])
    value = st.multiselect(text, options, key=key, format_func=format_func, placeholder=placeholder)
    _write_url(key, value, [])
    return value
