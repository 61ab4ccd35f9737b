"""Every page in every interface language, in Debian's headless Chromium: no English left.

One app server and one browser for the module. The test signs in as the administrator (so the
Manage, History and Admin pages draw their forms), then opens every page in each of the nine
other languages and reads the visible text of the main area and the sidebar. No English
catalogue text may be in it, except where the language writes the same words, and except the
programmes' own content (names, titles, summaries: shown as written when no translation
exists), which is taken out of the page's text before looking.
"""

from __future__ import annotations

import re
import time

import pytest
import yaml

from mentoring_data import settings
from mentoring_data.messages import LANGUAGES, catalogue, messages
from tests.browser_support import chromium_path, open_page, running_app, wait_for_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(chromium_path() is None, reason="no Chromium on this machine"),
]

ADMIN_PASSWORD = "languages-test-password"
FIRST_PAGE = "/?programme=inclucities"
# the other pages, reached as a reader does, through the navigation's links (one session per
# language, so the app's scripts are loaded once per language, not once per page)
LINKED_PAGES = (
    "map",
    "pairs",
    "timeline",
    "action_plans",
    "outcomes",
    "indicators",
    "manage",
    "history",
    "admin",
    "sign_in",
    "present",  # last: the slide page has no navigation
)
OTHER_LANGUAGES = [code for code in LANGUAGES if code != "en"]
MIN_LETTERS = 4  # shorter words ("Map", "Id") are too often shared or part of names
# words several languages write as English does, beyond values identical in the catalogue
SHARED_WORDS = {"Status", "Partner", "Partners", "Workshop", "Video", "Online", "online", "Link"}


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for item in node for s in _strings(item)]
    return []


def programme_content() -> list[str]:
    """Every text of the shipped programme files, longest first (names, titles, summaries)."""
    texts = set()
    for path in settings.shipped_programme_files():
        texts.update(_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
    return sorted((s for s in texts if len(s) >= 3), key=len, reverse=True)


def english_fragments(language: str) -> dict[str, re.Pattern]:
    """Pieces of English catalogue text that must not be seen in `language`: each value's
    literal parts between placeholders, when they hold a word of MIN_LETTERS letters and the
    language's own text for that key does not contain them."""
    own = catalogue(language)
    own_text = "\n".join(own.values())
    fragments: dict[str, re.Pattern] = {}
    for key, english in catalogue("en").items():
        translated = own.get(key, "")
        if key not in messages(language) or translated == english:
            continue
        for piece in re.split(r"\{[^}]*\}", english):
            piece = piece.strip(" .,:;()[]·–—-\n")
            if not re.search(rf"[A-Za-z]{{{MIN_LETTERS},}}", piece) or piece in SHARED_WORDS:
                continue
            pattern = re.compile(rf"(?<![\w-]){re.escape(piece)}(?![\w-])")
            if piece in translated or pattern.search(own_text):
                continue  # the language writes it too (a name, a code, German "Programme")
            fragments[piece] = pattern
    return fragments


def english_left(text: str, fragments: dict[str, re.Pattern], content: list[str]) -> list[str]:
    for original in content:
        text = text.replace(original, " ")
    return sorted(piece for piece, pattern in fragments.items() if pattern.search(text))


def visible_text(page) -> str:
    """What a reader sees in the sidebar and the main area, icons aside (a material icon is
    drawn from its English name, e.g. "history")."""
    return page.evaluate(
        """() => {
            document.querySelectorAll("[data-testid='stIconMaterial']")
                .forEach((icon) => { icon.textContent = ""; });
            return ["[data-testid='stSidebar']", "[data-testid='stMain']"]
                .map((selector) => document.querySelector(selector))
                .filter((element) => element !== null)
                .map((element) => element.innerText)
                .join("\\n");
        }"""
    )


def open_drawn(page, url: str) -> None:
    """Open a page and wait until its script run has finished and its heading is drawn."""
    page.goto(url)
    wait_for_app(page, 60_000)
    page.locator("h1").first.wait_for(state="visible", timeout=60_000)
    wait_for_app(page, 60_000)


def follow_link(page, path: str) -> None:
    """Click the navigation's link to a page and wait until that page is drawn."""
    page.locator(f"[data-testid='stSidebar'] a[href^='{path}?']").first.click()
    page.wait_for_url(re.compile(rf"/{path}\?"), timeout=60_000)
    wait_for_app(page, 60_000)
    page.locator("h1").first.wait_for(state="visible", timeout=60_000)
    wait_for_app(page, 60_000)


def sign_in(page, url: str) -> None:
    page.goto(url + "/sign_in")
    wait_for_app(page, 90_000)  # the first page of a fresh server: cold caches
    page.get_by_label(catalogue("en")["auth.username"]).first.fill("admin")
    page.get_by_label(catalogue("en")["auth.password"]).first.fill(ADMIN_PASSWORD)
    page.get_by_role("button", name=catalogue("en")["auth.sign_in"]).first.click()
    # signed in once the navigation links the account; the cookie is written by that run
    page.get_by_text(catalogue("en")["nav.account"]).first.wait_for(timeout=60_000)
    wait_for_app(page, 60_000)
    page.wait_for_timeout(1000)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    with running_app(
        tmp_path_factory.mktemp("languages-app"), {"MENTORING_ADMIN_PASSWORD": ADMIN_PASSWORD}
    ) as running:
        yield running


def test_the_fragment_finder_finds_english():
    fragments = english_fragments("fr")
    english = catalogue("en")
    assert english_left(f"x {english['overview.title']} y", fragments, []) == [
        english["overview.title"]
    ]
    assert english_left(catalogue("fr")["overview.title"], fragments, []) == []
    # a word the language itself writes is not English on its page
    assert "Programme" not in english_fragments("de")
    # original content is taken out first: an English title shown as written is allowed
    assert english_left(english["overview.title"], fragments, [english["overview.title"]]) == []


# Streamlit's own English, which no catalogue holds: the file uploader's button and size line
# and the placeholder of an empty multiselect
STREAMLIT_ENGLISH = ("Upload", "per file", "Choose options", "Choose an option")


def streamlit_english(text: str) -> list[str]:
    return [word for word in STREAMLIT_ENGLISH if re.search(rf"(?<!\w){word}(?!\w)", text)]


def test_no_english_is_left_in_any_language(app):
    content = [*programme_content(), "admin"]  # and the account's name
    found: dict[str, list[str]] = {}
    started = time.monotonic()
    with open_page(app) as (page, outside):
        sign_in(page, app.url)
        for language in OTHER_LANGUAGES:
            fragments = english_fragments(language)
            open_drawn(page, f"{app.url}{FIRST_PAGE}&lang={language}")
            for path in ("", *LINKED_PAGES):
                if path:
                    follow_link(page, path)
                assert f"lang={language}" in page.url, f"{path or 'overview'} lost the language"
                text = visible_text(page)
                left = english_left(text, fragments, content) + streamlit_english(text)
                if left:
                    found[f"{language} /{path}"] = left
        assert outside == [], f"the pages tried to reach: {outside}"
    pages = len(OTHER_LANGUAGES) * (1 + len(LINKED_PAGES))
    print(f"\n{pages} pages in {time.monotonic() - started:.0f} s")
    assert found == {}, "English left on screen:\n" + "\n".join(
        f"{where}: {left}" for where, left in found.items()
    )


def generated_text(page, selector: str) -> str:
    """The CSS-generated text (::after) of the first element matching selector."""
    content = page.locator(selector).first.evaluate(
        "(e) => getComputedStyle(e, '::after').getPropertyValue('content')"
    )
    return content.strip('"')


@pytest.mark.parametrize("language", ["fr", "el", "hu"])
def test_the_admin_uploader_and_multiselects_speak_the_language(app, language):
    words = catalogue(language)
    with open_page(app) as (page, _outside):
        sign_in(page, app.url)
        open_drawn(page, f"{app.url}/admin?lang={language}")
        assert streamlit_english(visible_text(page)) == []  # the accounts tab's multiselects
        placeholders = page.get_by_placeholder(words["form.choose_many"], exact=True).count()
        assert placeholders + page.get_by_text(words["form.choose_many"]).count() >= 2
        page.get_by_role("tab", name=words["admin.tab_import"]).click()
        page.locator("[data-testid='stFileUploaderDropzone']").wait_for(timeout=30_000)
        assert streamlit_english(visible_text(page)) == []
        button = "[data-testid='stFileUploaderDropzone'] button [data-has-shortcut]"
        assert generated_text(page, button) == words["admin.upload_button"]
        limit = generated_text(page, "[data-testid='stFileUploaderDropzoneInstructions'] > div")
        assert limit.endswith("• YAML, YML") and "10" in limit
        assert limit.replace("\u202f", " ").startswith(
            words["admin.upload_limit"].split("{")[0].replace("\u202f", " ")
        )
        # the button's accessible name is the generated text: what a screen reader says
        upload = page.get_by_role("button", name=words["admin.upload_button"], exact=True)
        assert upload.count() == 1


def test_the_streamlit_english_finder_finds_it():
    assert streamlit_english("x Upload y 10MB per file") == ["Upload", "per file"]
    assert streamlit_english("Uploaden, Choisissez-en un ou plusieurs") == []
