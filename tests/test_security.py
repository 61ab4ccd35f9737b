"""Security checks: user text is never markup, a signed-out token is dead, no write without
its role (whatever the address says), no secret in the repository.

The hostile programme is tests/fixtures/full.yaml with script tags, an image with an onerror
handler, a javascript: link and a markdown image pointing outside appended to every title,
name, summary and theme; it is loaded into a fresh database, every page is drawn under AppTest
and three pages in Debian's Chromium.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from mentoring_data import editing
from mentoring_data.access import accounts
from mentoring_data.editing import Edit
from mentoring_data.messages import t
from tests.browser_support import chromium_path, open_page, running_app, wait_for_app
from tests.conftest import DATA_FIXTURES_DIR, EDIT_ADMIN_PASSWORD, PROJECT_DIR
from tests.test_editing_pages import assert_ran, sign_in

PAYLOAD = (
    '<script>alert("s")</script> <img src=x onerror=alert(1)> '
    "[click me](javascript:alert(2)) ![track](http://example.invalid/pixel.png) **loud**"
)
HOSTILE_KEYS = {"name", "title", "summary", "theme", "coordinator"}  # a step owner: by an edit
PROGRAMME = "full-network"
PAIR = "oslo-lublin"
PAGES = {
    "app.py": {"programme": PROGRAMME},
    "pages/map.py": {"programme": PROGRAMME},
    "pages/pairs.py": {"programme": PROGRAMME, "pair": PAIR},
    "pages/timeline.py": {"programme": PROGRAMME},
    "pages/action_plans.py": {"programme": PROGRAMME},
    "pages/outcomes.py": {"programme": PROGRAMME},
    "pages/indicators.py": {"programme": PROGRAMME},
    "pages/present.py": {"programme": PROGRAMME},
    "pages/history.py": {},
    "pages/manage.py": {"programme": PROGRAMME},
    "pages/admin.py": {},
    "pages/sign_in.py": {},
}


def poisoned(value: object) -> object:
    if isinstance(value, str):
        return f"{value} {PAYLOAD}"
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return {k: f"{v} {PAYLOAD}" for k, v in value.items()}
    return value


def poison(node: object) -> object:
    if isinstance(node, dict):
        return {k: poisoned(v) if k in HOSTILE_KEYS else poison(v) for k, v in node.items()}
    if isinstance(node, list):
        return [poison(item) for item in node]
    return node


def hostile_programme_text() -> str:
    document = yaml.safe_load((DATA_FIXTURES_DIR / "full.yaml").read_text(encoding="utf-8"))
    return yaml.safe_dump(poison(document), allow_unicode=True, sort_keys=False)


@pytest.fixture
def hostile_db(load_programme, page_db):
    load_programme(hostile_programme_text(), "hostile.yaml")
    from mentoring_data.store import database

    store = database.open_store(page_db)
    saved = editing.save_edits(
        store,
        accounts.COMMAND_LINE,
        "steps",
        PROGRAMME,
        [Edit("review", 1, {"owner": f"Owner {PAYLOAD}"})],
        comment=f"Because {PAYLOAD}",
    )
    assert saved.ok, saved
    return page_db


def elements(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from elements(child)


# Raw (unescaped) pieces of the payload that would become markup where text is read as
# markdown or HTML. Escaped text (`\<img`, `\[click me\]\(`) contains none of them.
MARKDOWN_MARKUP = ("](javascript:", "](http://example.invalid", "**loud**")
HTML_MARKUP = ("<script", "<img src=x")  # escaped, "onerror=" is mere text


def tooltips(node: object) -> list[str]:
    """The tooltip texts of a deck's layers (rendered as HTML by deck.gl)."""
    if isinstance(node, dict):
        own = [v for k, v in node.items() if k == "tooltip" and isinstance(v, str)]
        return own + [text for v in node.values() for text in tooltips(v)]
    if isinstance(node, list):
        return [text for item in node for text in tooltips(item)]
    return []


def markup_found(at) -> list[str]:
    found = []
    for node in elements(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        kind = proto.DESCRIPTOR.name
        texts = []
        if kind in ("Markdown", "Alert"):
            texts = [proto.body]
            html_allowed = getattr(proto, "allow_html", False)
        elif kind == "Html":
            texts, html_allowed = [proto.body], True
        elif kind == "DeckGlJsonChart":  # map tooltips are HTML; labels are drawn as text
            texts, html_allowed = tooltips(json.loads(proto.json)), True
        elif kind == "Block" and proto.WhichOneof("type") == "expandable":
            texts, html_allowed = [proto.expandable.label], False
        elif "label" in proto.DESCRIPTOR.fields_by_name:  # links, buttons: markdown labels
            texts, html_allowed = [proto.label], False
        for text in texts:
            raw = [m for m in MARKDOWN_MARKUP if m in text and kind != "DeckGlJsonChart"]
            if html_allowed:
                raw += [m for m in HTML_MARKUP if m in text]
            if raw:
                found.append(f"{kind}: {raw} in {text[:160]!r}")
    return found


@pytest.mark.parametrize("page", list(PAGES))
def test_user_text_is_never_markup_on_any_page(hostile_db, run_page, page):
    at = run_page(page, **PAGES[page])
    assert_ran(at)
    assert markup_found(at) == []


def test_the_hostile_text_is_shown_as_text(hostile_db, run_page):
    """The guard on the test above: the payload does reach the pages, escaped."""
    at = run_page("pages/pairs.py", **PAGES["pages/pairs.py"])
    bodies = " ".join(
        n.proto.body
        for n in elements(at._tree)
        if getattr(n, "proto", None) is not None and n.proto.DESCRIPTOR.name == "Markdown"
    )
    assert "\\[click me\\]" in bodies and "\\<img src=x" in bodies


def test_admin_pages_signed_in_show_no_markup(hostile_db, app_session):
    at = sign_in(app_session(), "admin", EDIT_ADMIN_PASSWORD)
    for page in ("pages/manage.py", "pages/history.py", "pages/admin.py"):
        at.query_params["programme"] = PROGRAMME
        at.switch_page(page).run()
        assert_ran(at)
        assert markup_found(at) == [], page


# --- signing out ------------------------------------------------------------------------


def test_a_token_is_dead_after_sign_out(edit_store, make_account):
    user = make_account("carla", "editor")
    token = accounts.start_session(edit_store, user, minutes=60)
    assert accounts.resume_session(edit_store, token)[0].username == "carla"
    accounts.end_session(edit_store, token)
    assert accounts.resume_session(edit_store, token) is None
    # other sign-ins of the same person stay valid
    other = accounts.start_session(edit_store, user, minutes=60)
    accounts.end_session(edit_store, token)
    assert accounts.resume_session(edit_store, other) is not None


def test_signing_out_in_the_session_that_signed_in_ends_its_token(app_session, edit_store):
    """The browser sends the new cookie only to sessions started after the sign-in, so the
    page must end the token it made itself (it ended only the cookie's before)."""
    at = sign_in(app_session(), "admin", EDIT_ADMIN_PASSWORD)
    token = at.session_state["session_token"]
    assert accounts.resume_session(edit_store, token) is not None
    at.button[[b.label for b in at.button].index(t("auth.sign_out"))].click().run()
    assert_ran(at)
    assert accounts.resume_session(edit_store, token) is None


def test_a_made_up_token_signs_nobody_in(edit_store, make_account):
    make_account("carla", "editor")
    for token in ("", "x", "a" * 43, "' or 1=1 --"):
        assert accounts.resume_session(edit_store, token) is None


# --- sign-in says nothing about which names exist ----------------------------------------


def test_an_unknown_name_locks_like_a_real_one(edit_store, make_account):
    import datetime as dt

    make_account("carla", "editor")
    now = dt.datetime(2026, 3, 1, 10, 0)
    answers = {}
    for name in ("carla", "nobody-by-this-name"):
        seen = []
        for attempt in range(accounts.MAX_FAILED_SIGN_INS + 1):
            try:
                accounts.sign_in(edit_store, name, f"wrong-password-{attempt}", now=now)
            except accounts.SignInFailed as failed:
                seen.append(str(failed))
        answers[name] = seen
    assert answers["carla"] == answers["nobody-by-this-name"]
    assert "try again in" in answers["carla"][-1]


# --- no write without its role, whatever the address says ---------------------------------

TRICKS = [
    {"role": "admin", "user": "admin"},
    {"edit": "1", "admin": "1", "signed_in": "true"},
    {"present": "0", "programme": "inclucities", "username": "admin"},
]


@pytest.mark.parametrize("params", TRICKS, ids=["role", "flags", "username"])
def test_query_string_tricks_give_a_viewer_no_write_path(app_session, edit_store, params):
    for page in ("pages/manage.py", "pages/admin.py", "pages/history.py"):
        at = app_session()
        for key, value in params.items():
            at.query_params[key] = value
        at.switch_page(page).run()
        assert_ran(at)
        writes = [b for b in at.form_submit_button if not b.proto.form_id.endswith("_sign_in")]
        assert writes == [], page
        actions = [b.key for b in at.button if (b.key or "").startswith(("undo_", "backup_"))]
        assert actions == [], page
        assert ("user" not in at.session_state) or at.session_state["user"] is None


def test_a_link_to_a_change_gives_a_viewer_no_undo(app_session, edit_store):
    saved = editing.save_edits(
        edit_store,
        accounts.COMMAND_LINE,
        "steps",
        "inclucities",
        [Edit("capaci-define-target-group", 1, {"owner": "x"})],
    )
    at = app_session()
    at.query_params["group"] = saved.group
    at.switch_page("pages/history.py").run()
    assert_ran(at)
    assert not [b for b in at.button if b.key == f"undo_{saved.group}"]


# --- no secret in the repository -----------------------------------------------------------

SECRET_PATTERNS = {
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "AWS access key": re.compile(r"AKIA[0-9A-Z]{16}"),
    "GitHub token": re.compile(r"gh[pousr]_[A-Za-z0-9]{36,}"),
    "Slack token": re.compile(r"xox[abpr]-[A-Za-z0-9-]{10,}"),
}
CONFIG_SECRET = re.compile(
    r"(password|secret|token|client_secret|cookie_secret)\s*=\s*[\"'][^\"']+", re.IGNORECASE
)


def tracked_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=PROJECT_DIR, capture_output=True, check=True
    ).stdout
    return [PROJECT_DIR / name for name in listed.decode().split("\0") if name]


def test_no_secret_is_tracked():
    files = tracked_files()
    assert files, "git ls-files listed nothing"
    found = []
    for path in files:
        if not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        found += [f"{path.name}: {kind}" for kind, p in SECRET_PATTERNS.items() if p.search(text)]
        relative = path.relative_to(PROJECT_DIR).as_posix()
        if relative.startswith(".streamlit/") or "secret" in path.name.lower():
            found += [f"{relative}: {m.group(0)[:20]}…" for m in CONFIG_SECRET.finditer(text)]
    assert found == []


def test_the_secrets_file_is_ignored_by_git():
    checked = subprocess.run(
        ["git", "check-ignore", "-q", ".streamlit/secrets.toml"], cwd=PROJECT_DIR
    )
    assert checked.returncode == 0, ".streamlit/secrets.toml must be listed in .gitignore"


def test_the_secret_scan_finds_a_planted_key(tmp_path):
    """The guard on the scan: each pattern does match what it is meant to find."""
    planted = {
        "private key": "-----BEGIN RSA " + "PRIVATE KEY-----",  # split: the scan reads this file
        "AWS access key": "AKIA" + "ABCDEFGHIJKLMNOP",
        "GitHub token": "ghp_" + "a" * 36,
        "Slack token": "xoxb-" + "1234567890-abc",
    }
    for kind, text in planted.items():
        assert SECRET_PATTERNS[kind].search(text), kind
    assert CONFIG_SECRET.search('cookie_secret = "abc"')


# --- in a real browser -------------------------------------------------------------------

browser = pytest.mark.skipif(
    chromium_path() is None, reason="no Chromium on this machine (install Debian's chromium)"
)


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    from mentoring_data.programme_files import loading
    from mentoring_data.store import database

    scratch = tmp_path_factory.mktemp("hostile-app")
    source = scratch / "hostile.yaml"
    source.write_text(hostile_programme_text(), encoding="utf-8")
    loading.load_files([source], scratch / "browser.duckdb")
    database.close_store(scratch / "browser.duckdb")
    with running_app(scratch, {"MENTORING_ADMIN_PASSWORD": EDIT_ADMIN_PASSWORD}) as app:
        yield app


@browser
@pytest.mark.browser
@pytest.mark.parametrize(
    "path, shown_as_text",
    [
        (f"/?programme={PROGRAMME}", True),
        (f"/pairs?programme={PROGRAMME}&pair={PAIR}", True),
        (f"/action_plans?programme={PROGRAMME}", False),  # a data grid draws on a canvas
    ],
    ids=["overview", "pairs", "action-plans"],
)
def test_no_injected_element_exists_in_the_browser(hostile_app, path, shown_as_text):
    with open_page(hostile_app) as (page, outside):
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(hostile_app.url + path)
        wait_for_app(page)
        page.wait_for_timeout(1500)  # charts and the map draw after the run
        page.mouse.move(640, 400)  # over the map: its tooltips are HTML
        page.wait_for_timeout(300)
        assert page.locator("img[src=x]").count() == 0
        assert page.locator("a[href^='javascript']").count() == 0
        assert page.locator("img[src*='example.invalid']").count() == 0
        scripts = page.locator("script").all_inner_texts()
        assert not [s for s in scripts if 'alert("s")' in s]
        assert dialogs == []
        assert not [u for u in outside if "example.invalid" in u]
        if shown_as_text:
            assert page.get_by_text("<img src=x onerror=alert(1)>", exact=False).count() > 0


@browser
@pytest.mark.browser
def test_the_old_cookie_signs_nobody_in_after_sign_out(hostile_app):
    from tests.browser_support import limit_to_app

    with open_page(hostile_app) as (page, _):
        page.goto(hostile_app.url + "/sign_in")
        wait_for_app(page)
        page.get_by_label(t("auth.username"), exact=True).fill("admin")
        page.get_by_label(t("auth.password"), exact=True).fill(EDIT_ADMIN_PASSWORD)
        page.get_by_role("button", name=t("auth.sign_in"), exact=True).click()
        wait_for_app(page)
        # the cookie is written by a script of the run after the sign-in
        page.wait_for_function("document.cookie.includes('mentoring_session=')", timeout=30_000)
        cookies = [c for c in page.context.cookies() if c["name"] == "mentoring_session"]
        assert cookies and cookies[0]["value"], page.context.cookies()
        page.get_by_role("button", name=t("auth.sign_out"), exact=True).click()
        wait_for_app(page)
        browser_ = page.context.browser
        fresh = browser_.new_context()
        limit_to_app(fresh, hostile_app)
        fresh.add_cookies([{**cookies[0]}])
        other = fresh.new_page()
        other.goto(hostile_app.url + "/sign_in")
        wait_for_app(other)
        assert other.get_by_role("button", name=t("auth.sign_in"), exact=True).count() == 1
        assert other.get_by_role("button", name=t("auth.sign_out"), exact=True).count() == 0
        fresh.close()
