"""Editing in the real app, in Debian's headless Chromium: sign in, change a step, reload and
find the change on the dashboard and in the history; a second person who opened the same step
gets the conflict warning.

The accounts are made with the command line on the database file before the app starts (a
running app holds DuckDB's lock on the file). Each browser context may reach only the app.
"""

from __future__ import annotations

import shutil
from contextlib import contextmanager

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from mentoring_data.messages import label, t
from tests.browser_support import (
    add_pair_editor,
    chromium_path,
    limit_to_app,
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

ADMIN_PASSWORD = "admin-password-browser"
PASSWORDS = {"carla": "carla-password-browser", "bob": "bob-password-browser"}
STEP = "capaci-analyse-context"  # the first step of the mechelen-capaci plan: done, 100 %
STEP_TITLE = "Analyse the local context and the challenges to tackle"
BLOCKED_STEPS = "/action_plans?programme=inclucities&pair=mechelen-capaci&status=blocked"
EXCEPTION = "[data-testid='stException']"


@pytest.fixture(scope="module")
def app(tmp_path_factory, shipped_db_template):
    """The app on a copy of the shipped programmes with two editors of mechelen-capaci."""
    scratch = tmp_path_factory.mktemp("browser-editing")
    shutil.copyfile(shipped_db_template, scratch / "browser.duckdb")  # running_app's file
    for name in PASSWORDS:
        add_pair_editor(scratch / "browser.duckdb", name, PASSWORDS[name])
    with running_app(scratch, {"MENTORING_ADMIN_PASSWORD": ADMIN_PASSWORD}) as running:
        assert running.db_path == scratch / "browser.duckdb"
        yield running


@contextmanager
def another_context(page, app):
    """A second, separate browser context (its own cookies: another person) in the same
    browser, limited to the app like the first."""
    context = page.context.browser.new_context(viewport={"width": 1280, "height": 800})
    outside = limit_to_app(context, app)
    try:
        yield context.new_page(), outside
    finally:
        context.close()


def go(page, app, path: str) -> None:
    """Open a URL (a new Streamlit session) and wait until the page has been drawn."""
    page.goto(app.url + path)
    page.locator("[data-testid='stHeading'] h1").first.wait_for(timeout=30_000)
    wait_for_app(page)
    assert page.locator(EXCEPTION).count() == 0, page.locator(EXCEPTION).all_inner_texts()


def sign_in(page, app, name: str) -> None:
    go(page, app, "/sign_in")
    page.get_by_label(t("auth.username"), exact=True).fill(name)
    page.get_by_label(t("auth.password"), exact=True).fill(PASSWORDS[name])
    page.get_by_role("button", name=t("auth.sign_in"), exact=True).click()
    wait_for_app(page)
    expect(page.get_by_test_id("stAlertContentSuccess")).to_have_text(
        t("auth.signed_in_as", name=name, role=label("role", "editor"))
    )


def step_form(page):
    """The single-step form of the Manage page (the one whose button is "Save")."""
    form = (
        page.get_by_test_id("stForm")
        .filter(has=page.get_by_role("button", name=t("form.save"), exact=True))
        .first
    )
    form.wait_for(timeout=10_000)
    return form


def choose(page, form, field_key: str, option: str) -> None:
    """Pick an option of a selectbox; a click that lands during a rerun is tried again."""
    box = form.get_by_label(t(field_key) + " *", exact=True)
    choice = page.get_by_role("option", name=option, exact=True)
    for _ in range(3):
        wait_for_app(page)
        box.click()
        try:
            choice.wait_for(timeout=5_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    choice.click()
    expect(box).to_have_value(option)


def save(page, form) -> None:
    form.get_by_role("button", name=t("form.save"), exact=True).click()
    wait_for_app(page)


def test_edit_a_step_and_meet_a_conflict(app):
    with open_page(app) as (page, outside):
        sign_in(page, app, "carla")
        # nothing is blocked in this plan yet
        go(page, app, BLOCKED_STEPS)
        expect(page.get_by_test_id("stAlertContentInfo")).to_have_text(t("plans.empty"))

        with another_context(page, app) as (other, other_outside):
            # Bob opens the same step before Carla saves
            sign_in(other, app, "bob")
            go(other, app, "/manage?programme=inclucities")
            bobs_form = step_form(other)
            expect(bobs_form.get_by_label(t("field.title") + " *", exact=True)).to_have_value(
                STEP_TITLE
            )

            # Carla changes the step's status and saves
            go(page, app, "/manage?programme=inclucities")
            form = step_form(page)
            expect(form.get_by_label(t("field.title") + " *", exact=True)).to_have_value(STEP_TITLE)
            choose(page, form, "field.status", label("status", "blocked"))
            save(page, form)
            saved = t("form.saved", what=STEP, fields=t("field.status"))
            page.get_by_text(saved, exact=True).wait_for(timeout=10_000)

            # after a reload the new value is in the form, on the dashboard and in the history
            go(page, app, "/manage?programme=inclucities")
            expect(
                step_form(page).get_by_label(t("field.status") + " *", exact=True)
            ).to_have_value(label("status", "blocked"))
            go(page, app, BLOCKED_STEPS)
            metric = page.get_by_test_id("stMetric").filter(has_text=t("plans.metric_steps"))
            expect(metric.get_by_test_id("stMetricValue")).to_have_text("1")
            go(page, app, "/history?programme=inclucities")
            entry = page.get_by_test_id("stMarkdownContainer").filter(has_text=STEP)
            expect(entry).to_have_count(1)
            expect(entry).to_contain_text("carla")
            expect(page.get_by_role("button", name=t("history.undo"), exact=True)).to_have_count(1)

            # Bob, still on the version he opened, saves his own change
            bobs_form.get_by_label(t("field.owner"), exact=True).fill("Bob's team")
            save(other, bobs_form)
            warning = other.get_by_test_id("stAlertContentWarning")
            expect(warning).to_contain_text(f"{STEP} was changed by carla")
            reapply = other.get_by_role("button", name=t("form.reapply"), exact=True)
            expect(reapply).to_be_visible()
            # his value is still in his form
            expect(step_form(other).get_by_label(t("field.owner"), exact=True)).to_have_value(
                "Bob's team"
            )
            reapply.click()
            wait_for_app(other)
            owner_saved = t("form.saved", what=STEP, fields=t("field.owner"))
            other.get_by_text(owner_saved, exact=True).wait_for(timeout=10_000)
            assert other_outside == []

        # Carla's status survived Bob's save
        go(page, app, "/manage?programme=inclucities")
        form = step_form(page)
        expect(form.get_by_label(t("field.status") + " *", exact=True)).to_have_value(
            label("status", "blocked")
        )
        expect(form.get_by_label(t("field.owner"), exact=True)).to_have_value("Bob's team")
        assert outside == []


def test_server_logged_no_error(app):
    """Runs last in this module: no page run ended in an uncaught exception on the server."""
    log = (app.db_path.parent / "server.log").read_text(errors="replace")
    assert "Traceback" not in log, log[log.find("Traceback") :][:4000]
