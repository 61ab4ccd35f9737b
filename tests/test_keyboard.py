"""Keyboard alone, in the real app in Debian's headless Chromium: sign in, then change a
step's status on the Manage page and save it, with Tab, Shift+Tab, Enter and typing only (no
click, no fill). Every control reached shows where the focus is: an outline, a shadow or a
border that it has only while focused.
"""

from __future__ import annotations

import shutil

import pytest
from playwright.sync_api import expect

from mentoring_data.messages import label, t
from tests.browser_support import (
    add_pair_editor,
    chromium_path,
    open_page,
    running_app,
    wait_for_app,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        chromium_path() is None,
        reason="no Chromium on this machine (install Debian's `chromium` package "
        "to run the browser tests; CI does)",
    ),
]

EDITOR, PASSWORD = "carla", "carla-password-keyboard"
STEP = "capaci-analyse-context"  # the first step of the mechelen-capaci plan, done
MAX_TABS = 120  # the sidebar's links, the filters and the bulk editor come before the forms
SETTLE_MS = 90_000

# The focus indicator of an element: its own outline and shadow and those of the three
# ancestors Streamlit styles instead (a text input's frame, a button's wrapper), with borders.
_INDICATOR = """element => {
    const looks = [];
    for (let node = element, depth = 0; node && depth < 4; node = node.parentElement, depth++) {
        const style = getComputedStyle(node);
        const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
        looks.push({
            outline: outline ? `${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`
                             : 'none',
            shadow: style.boxShadow,
            border: `${style.borderTopColor} ${style.borderBottomColor}`,
        });
    }
    return looks;
}"""


@pytest.fixture(scope="module")
def app(tmp_path_factory, shipped_db_template):
    scratch = tmp_path_factory.mktemp("keyboard")
    shutil.copyfile(shipped_db_template, scratch / "browser.duckdb")
    add_pair_editor(scratch / "browser.duckdb", EDITOR, PASSWORD)
    with running_app(scratch) as running:
        yield running


def focused(target) -> bool:
    return target.evaluate("element => element === document.activeElement")


def tab_to(page, target, key: str = "Tab") -> None:
    """Press Tab (or Shift+Tab) until the target has the focus."""
    target.wait_for(timeout=SETTLE_MS)
    for _ in range(MAX_TABS):
        if focused(target):
            return
        page.keyboard.press(key)
    pytest.fail(f"{MAX_TABS} presses of {key} never reached {target}", pytrace=False)


def assert_focus_visible(page, target, what: str) -> None:
    """The focused target looks different from the same target unfocused, through an outline,
    a shadow or a border colour."""
    assert focused(target)
    with_focus = target.evaluate(_INDICATOR)
    page.keyboard.press("Shift+Tab")
    assert not focused(target)
    without_focus = target.evaluate(_INDICATOR)
    page.keyboard.press("Tab")
    assert focused(target), f"Shift+Tab then Tab did not come back to {what}"
    changed = [
        (depth, name, without_focus[depth][name], value)
        for depth, look in enumerate(with_focus)
        for name, value in look.items()
        if value != without_focus[depth][name]
    ]
    assert changed, f"{what}: nothing shows the focus ({with_focus})"
    assert any(name == "border" or value not in ("none", "") for _, name, _, value in changed), (
        f"{what}: the focus only removes an indicator ({changed})"
    )


def go(page, app, path: str) -> None:
    page.goto(app.url + path)
    page.locator("[data-testid='stMain'] h1").first.wait_for(timeout=SETTLE_MS)
    wait_for_app(page, SETTLE_MS)


def test_sign_in_and_save_a_step_by_keyboard_alone(app):
    with open_page(app) as (page, outside):
        go(page, app, "/sign_in")
        form = page.get_by_test_id("stForm")
        username = form.get_by_label(t("auth.username"), exact=True)
        password = form.get_by_label(t("auth.password"), exact=True)
        sign_in = form.get_by_role("button", name=t("auth.sign_in"), exact=True)

        tab_to(page, username)
        assert_focus_visible(page, username, "the user name")
        page.keyboard.type(EDITOR)
        tab_to(page, password)
        assert_focus_visible(page, password, "the password")
        page.keyboard.type(PASSWORD)
        tab_to(page, sign_in)
        assert_focus_visible(page, sign_in, "the sign-in button")
        page.keyboard.press("Enter")
        wait_for_app(page, SETTLE_MS)
        expect(page.get_by_test_id("stAlertContentSuccess")).to_have_text(
            t("auth.signed_in_as", name=EDITOR, role=label("role", "editor")),
            timeout=SETTLE_MS,
        )
        # the run that shows the message also writes the session cookie a new page needs
        page.wait_for_function("document.cookie.includes('mentoring_session=')", timeout=SETTLE_MS)

        go(page, app, "/manage?programme=inclucities")
        step_form = (
            page.get_by_test_id("stForm")
            .filter(has=page.get_by_role("button", name=t("form.save"), exact=True))
            .first
        )
        status = step_form.get_by_label(t("field.status") + " *", exact=True)
        save = step_form.get_by_role("button", name=t("form.save"), exact=True)
        expect(status).to_have_value(label("status", "done"), timeout=SETTLE_MS)

        tab_to(page, status)
        assert_focus_visible(page, status, "the step's status")
        # a select box opens and filters as one types; Enter takes the highlighted option
        page.keyboard.type(label("status", "blocked"))
        blocked = page.get_by_role("option", name=label("status", "blocked"), exact=True)
        blocked.wait_for(timeout=SETTLE_MS)
        page.keyboard.press("Enter")
        expect(status).to_have_value(label("status", "blocked"))
        tab_to(page, save)
        assert_focus_visible(page, save, "the Save button")
        page.keyboard.press("Enter")
        wait_for_app(page, SETTLE_MS)
        saved = t("form.saved", what=STEP, fields=t("field.status"))
        page.get_by_text(saved, exact=True).wait_for(timeout=SETTLE_MS)

        # the change landed in the database: a new session reads it back
        go(page, app, "/manage?programme=inclucities")
        expect(status).to_have_value(label("status", "blocked"), timeout=SETTLE_MS)
        assert outside == []
