"""Who is signed in: password sign-in with a cookie that survives a reload, or an identity
provider through st.login; expiry after MENTORING_SESSION_MINUTES; sign-out ends the token."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from mentoring_data import settings
from mentoring_data.access import accounts
from mentoring_data.messages import t
from mentoring_data.views import dashboard


def identity_provider_configured() -> bool:
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False
    except Exception:  # no secrets file at all
        return False


def current_user() -> accounts.User | None:
    """The signed-in editor or admin, or None for a viewer.

    With an identity provider configured, Streamlit's st.login identifies the person and the
    role comes from our accounts (matched by e-mail). Otherwise the session holds the account
    signed in with a password, until it expires."""
    if identity_provider_configured():
        if not st.user.get("is_logged_in"):
            return None
        email = st.user.get("email")
        return accounts.user_for_email(dashboard.current_store(), email) if email else None
    user = st.session_state.get("user")
    signed_in_at = st.session_state.get("signed_in_at")
    if user is None and not st.session_state.get("signed_out"):
        user, signed_in_at = _resume_from_cookie()
    if user is None or signed_in_at is None:
        return None
    if dt.datetime.now() - signed_in_at > dt.timedelta(minutes=settings.session_minutes()):
        # kept so that an edit page can still be drawn, with the user's values, until they
        # sign in again; it grants nothing
        st.session_state["expired_user"] = st.session_state.pop("user", None)
        st.session_state["session_expired"] = True
        return None
    return user


SESSION_COOKIE = "mentoring_session"


def _resume_from_cookie() -> tuple[accounts.User | None, dt.datetime | None]:
    """A reload starts a new Streamlit session: the cookie brings the sign-in back."""
    token = _cookie_token()
    if token is None:
        return None, None
    found = accounts.resume_session(dashboard.current_store(), token)
    if found is None:
        return None, None
    user, signed_in_at = found
    st.session_state["user"], st.session_state["signed_in_at"] = user, signed_in_at
    return user, signed_in_at


def _cookie_token() -> str | None:
    token = st.context.cookies.get(SESSION_COOKIE)
    return token if isinstance(token, str) and token else None


def _set_cookie(token: str, max_age: int) -> None:
    # the token is URL-safe base64, so it needs no escaping inside the script
    st.html(
        f"<script>document.cookie = '{SESSION_COOKIE}={token}; path=/; "
        f"max-age={max_age}; SameSite=Strict';</script>",
        unsafe_allow_javascript=True,
    )


def write_pending_cookie() -> None:
    """Set or clear the sign-in cookie decided in the previous run (after its rerun)."""
    pending = st.session_state.pop("cookie_to_set", None)
    if pending is not None:
        _set_cookie(*pending)


def sign_in_form(key: str) -> accounts.User | None:
    """Password sign-in (or the identity provider's button); returns the user when signed in."""
    if identity_provider_configured():
        if st.button(t("auth.sign_in_with_provider"), key=f"{key}_oidc", type="primary"):
            st.login()
        return None
    with st.form(f"{key}_sign_in"):
        username = st.text_input(t("auth.username"), key=f"{key}_username")
        password = st.text_input(t("auth.password"), type="password", key=f"{key}_password")
        submitted = st.form_submit_button(t("auth.sign_in"), type="primary")
    if not submitted:
        return None
    try:
        user = accounts.sign_in(dashboard.current_store(), username, password)
    except accounts.SignInFailed as failed:
        st.error(t("auth.failed", reason=str(failed)))
        return None
    st.session_state["user"] = user
    st.session_state["signed_in_at"] = dt.datetime.now()
    st.session_state.pop("session_expired", None)
    st.session_state.pop("expired_user", None)
    st.session_state.pop("signed_out", None)
    token = accounts.start_session(dashboard.current_store(), user, settings.session_minutes())
    st.session_state["cookie_to_set"] = (token, settings.session_minutes() * 60)
    # this session's own token: the browser sends the cookie only to sessions started later
    st.session_state["session_token"] = token
    return user


def sign_out() -> None:
    if identity_provider_configured():
        st.logout()
    for token in {_cookie_token(), st.session_state.pop("session_token", None)} - {None}:
        accounts.end_session(dashboard.current_store(), token)
    st.session_state.pop("user", None)
    st.session_state.pop("signed_in_at", None)
    st.session_state["signed_out"] = True  # the old cookie may still be sent until cleared
    st.session_state["cookie_to_set"] = ("", 0)
