"""What every page draws first: page setup, the shared navigation, the programme selector.

With a pages/ folder Streamlit routes by file, so the navigation is drawn here with page links
(the built-in list is hidden in .streamlit/config.toml). `?present=1` hides the navigation and
the sidebar for a projector.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from mentoring_data import settings, startup
from mentoring_data.access import accounts
from mentoring_data.format.validation import ValidationFailed
from mentoring_data.messages import label, t
from mentoring_data.views import charts, dashboard
from mentoring_data.views.formatting import format_date, known  # noqa: F401 (pages use them)

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
ALL = ""


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


@st.cache_resource(show_spinner=False, max_entries=128)
def _built_chart(name: str, data_key: tuple, selection: tuple, _build):
    return _build()


def cached_chart(name: str, selection: tuple, build):
    """A chart built once per data version and selection: figures and decks cost tens of
    milliseconds to build, a look-up costs none. `build` makes it on a miss."""
    return _built_chart(name, dashboard.data_key(), selection, build)


def network_map(programme_id: str | None, key: str, height: int, width_px: int) -> None:
    """The mentoring network on the offline map; a click on a pair or city opens the pair."""
    view = dashboard.network_view(programme_id)
    if view.links.empty and view.places.empty:
        st.info(t("map.empty"))
        return
    dark = st.context.theme.type == "dark"
    if view.by_country:
        st.info(t("map.by_country", pairs=dashboard.pair_count(programme_id)))
        deck = cached_chart(
            "country_flows",
            (programme_id, dark, width_px, height),
            lambda: charts.country_flow_deck(view.links, view.places, dark, width_px, height),
        )
        st.pydeck_chart(deck, key=key, height=height)
        return
    if view.links.empty:
        st.info(t("map.no_pairs"))
    deck = cached_chart(
        "network",
        (programme_id, dark, width_px, height),
        lambda: charts.network_deck(view.links, view.places, dark, width_px, height),
    )
    event = st.pydeck_chart(
        deck, key=key, on_select="rerun", selection_mode="single-object", height=height
    )
    picked = event["selection"]["objects"] if event else {}
    if picked.get("arcs"):
        arc = picked["arcs"][0]
        st.switch_page(
            "pages/pairs.py",
            query_params={"programme": arc["programme_id"], "pair": arc["pair_id"]},
        )
    if picked.get("cities"):
        st.switch_page("pages/pairs.py", query_params={"place": picked["cities"][0]["id"]})
    st.caption(t("map.legend"))


def flash(kind: str, message: str) -> None:
    """A message that survives st.rerun()."""
    st.session_state["flash"] = (kind, message)


def show_flash() -> None:
    if "flash" in st.session_state:
        kind, message = st.session_state.pop("flash")
        getattr(st, kind)(message)


def sources_list(urls: list[str], heading_key: str = "common.sources") -> None:
    """Sources as links the reader can follow; text is never rendered as markup."""
    if not urls:
        return
    st.markdown(f"**{t(heading_key)}**")
    for url in urls:
        st.markdown(f"- [{_link_text(url)}]({url})")


def plain(text: object) -> str:
    """Data text shown inside markdown: its markdown characters are escaped, never rendered."""
    if not known(text):
        return ""
    special = "\\`*_{}[]()#+-.!|<>~$"
    return "".join("\\" + ch if ch in special else ch for ch in str(text))


def _link_text(url: str) -> str:
    shown = url.split("://", 1)[-1]
    shown = shown if len(shown) <= 80 else shown[:77] + "…"
    return shown.replace("[", "(").replace("]", ")").replace("*", "\\*").replace("_", "\\_")
