"""axe-core over every page of the real app, in the light and the dark theme, signed out and
signed in: no serious or critical violation in what the project draws.

One app server and one browser for the module; one browser context per theme and account
(signed in once, the session cookie keeps it), a new page per case. Streamlit picks the theme
from the browser's colour-scheme preference (.streamlit/config.toml defines both themes and
pins neither). A violation whose element lies inside Streamlit's own chrome and whose rule is
on STREAMLIT_CHROME is reported, not failed; every other serious or critical one fails the
case. Every violation of any impact is written to axe-report.json in a temporary folder (named
in the output; AXE_REPORT=FILE chooses the file); docs/accessibility.md summarises it by rule.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentoring_data.messages import t
from tests.browser_support import (
    CHROMIUM_FLAGS,
    add_pair_editor,
    chromium_path,
    limit_to_app,
    running_app,
    wait_for_app,
)

axe_playwright = pytest.importorskip("axe_playwright_python.sync_playwright")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        chromium_path() is None,
        reason="no Chromium on this machine (install Debian's `chromium` package "
        "to run the browser tests; CI does)",
    ),
]

EDITOR, EDITOR_PASSWORD = "carla", "carla-password-axe"
ADMIN_PASSWORD = "admin-password-axe"
FAILING_IMPACTS = {"serious", "critical"}
SETTLE_MS = 90_000  # generous: CI machines are shared

PUBLIC_PAGES = (
    "/",
    "/?programme=inclucities",
    "/map",
    "/pairs?programme=inclucities&pair=mechelen-capaci",
    "/timeline?programme=inclucities",
    "/action_plans?programme=inclucities",
    "/outcomes?programme=inclucities",
    "/indicators",
    "/sign_in",
    "/present?programme=inclucities",
    "/present?programme=inclucities&slide=2",
)
EDITOR_PAGES = ("/manage?programme=inclucities", "/history?programme=inclucities")
ADMIN_PAGES = ("/admin",)
# signed out, the editing pages say how to sign in: checked too
# signed in, a public page differs from its signed-out self only in the navigation's editing
# links: two of them stand for the rest, which keeps the run within the suite's time
SIGNED_IN_PUBLIC_PAGES = (
    "/?programme=inclucities",
    "/pairs?programme=inclucities&pair=mechelen-capaci",
)
ACCOUNT_PAGES = {
    None: PUBLIC_PAGES + EDITOR_PAGES + ADMIN_PAGES,
    "editor": SIGNED_IN_PUBLIC_PAGES + EDITOR_PAGES,
    "admin": ADMIN_PAGES,
}
CASES = [
    pytest.param(theme, account, path, id=f"{theme}-{account or 'signed-out'}-{path}")
    for theme in ("light", "dark")
    for account, paths in ACCOUNT_PAGES.items()
    for path in paths
]

# Streamlit's own parts: (axe rule, CSS selector of the part, why it is not the project's).
# A node counts as Streamlit's when the rule matches and the node lies inside the part.
# Keep each entry to one part and one rule; docs/accessibility.md lists them.
STREAMLIT_CHROME = (
    # the top toolbar's menu and status widget: icon buttons styled by Streamlit's theme code
    ("color-contrast", "[data-testid='stToolbar']"),
    ("color-contrast", "[data-testid='stStatusWidget']"),
    # the sidebar's collapse/expand control: an icon button whose name Streamlit sets
    ("button-name", "[data-testid='stSidebarCollapseButton']"),
    ("button-name", "[data-testid='stExpandSidebarButton']"),
    # the data grid of st.dataframe draws on a canvas; its ARIA grid is Streamlit's
    ("aria-required-children", "[data-testid='stDataFrame']"),
    ("aria-required-parent", "[data-testid='stDataFrame']"),
)

# Which allow-list part each violating node lies in (null: the project's content).
_LOCATE = """([nodes, parts]) => nodes.map(([rule, target]) => {
    const element = document.querySelector(target);
    if (!element) return null;
    const part = parts.find(([r, selector]) => r === rule && element.closest(selector));
    return part ? part[1] : null;
})"""
_PLOTLY_DRAWN = """() => [...document.querySelectorAll("[data-testid='stPlotlyChart']")]
    .every(chart => chart.querySelector('.main-svg'))"""
_DECK_DRAWN = """() => [...document.querySelectorAll("[data-testid='stDeckGlJsonChart']")]
    .every(deck => deck.querySelector('canvas'))"""


@pytest.fixture(scope="module")
def app(tmp_path_factory, shipped_db_template):
    scratch = tmp_path_factory.mktemp("accessibility")
    shutil.copyfile(shipped_db_template, scratch / "browser.duckdb")
    add_pair_editor(scratch / "browser.duckdb", EDITOR, EDITOR_PASSWORD)
    with running_app(scratch, {"MENTORING_ADMIN_PASSWORD": ADMIN_PASSWORD}) as running:
        yield running


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Iterator[dict]:
    found: dict = {}
    yield found
    # AXE_REPORT=FILE keeps the report where one asks (for docs/accessibility.md)
    path = Path(os.environ.get("AXE_REPORT") or tmp_path_factory.mktemp("axe") / "axe-report.json")
    path.write_text(json.dumps(found, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"\naxe report: {path}")


@pytest.fixture(scope="module")
def contexts(app) -> Iterator:
    """A function giving the browser context of a theme and account, made on first use."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        made: dict = {}

        def context_for(theme: str, account: str | None):
            if (theme, account) not in made:
                context = browser.new_context(
                    viewport={"width": 1280, "height": 900}, color_scheme=theme
                )
                limit_to_app(context, app)
                if account is not None:
                    _sign_in(context, app, account)
                made[theme, account] = context
            return made[theme, account]

        yield context_for
        for context in made.values():
            context.close()
        browser.close()


def _sign_in(context, app, account: str) -> None:
    name, password = (EDITOR, EDITOR_PASSWORD) if account == "editor" else ("admin", ADMIN_PASSWORD)
    page = context.new_page()
    page.goto(app.url + "/sign_in")
    wait_for_app(page)
    page.get_by_label(t("auth.username"), exact=True).fill(name)
    page.get_by_label(t("auth.password"), exact=True).fill(password)
    page.get_by_role("button", name=t("auth.sign_in"), exact=True).click()
    page.get_by_test_id("stAlertContentSuccess").wait_for(timeout=SETTLE_MS)
    # the run that shows the message also writes the session cookie the next pages need
    page.wait_for_function("document.cookie.includes('mentoring_session=')", timeout=SETTLE_MS)
    page.close()


def _settle(page) -> None:
    """The script run has ended, the page's heading is drawn, and so is every chart."""
    wait_for_app(page, SETTLE_MS)
    page.locator("[data-testid='stMain'] h1").first.wait_for(timeout=SETTLE_MS)
    page.wait_for_function(_PLOTLY_DRAWN, timeout=SETTLE_MS)
    page.wait_for_function(_DECK_DRAWN, timeout=SETTLE_MS)
    page.wait_for_timeout(300)  # plotly's legend and modebar settle after the first paint
    wait_for_app(page, SETTLE_MS)


def _violations(page) -> list[dict]:
    """axe's violations, each node marked with the Streamlit part it lies in (or None)."""
    found = axe_playwright.Axe().run(page).response["violations"]
    nodes = [(v["id"], n["target"][0]) for v in found for n in v["nodes"]]
    parts = iter(page.evaluate(_LOCATE, [nodes, [list(p) for p in STREAMLIT_CHROME]]))
    return [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [
                {"target": n["target"], "streamlit_part": next(parts), "html": n["html"][:300]}
                | {"summary": n.get("failureSummary", "")[:400]}
                for n in v["nodes"]
            ],
        }
        for v in found
    ]


@pytest.mark.parametrize(("theme", "account", "path"), CASES)
def test_no_serious_violation_in_the_projects_content(contexts, report, app, theme, account, path):
    page = contexts(theme, account).new_page()
    try:
        page.goto(app.url + path)
        _settle(page)
        assert page.locator("[data-testid='stException']").count() == 0
        if account is not None and "present" not in path:  # the sign-in held
            assert (
                page.get_by_test_id("stSidebar").get_by_text(t("nav.account"), exact=True).count()
            )
        violations = _violations(page)
    finally:
        page.close()
    report[f"{theme} {account or 'signed-out'} {path}"] = violations
    failing = [
        f"{v['rule']} ({v['impact']}): {v['help']}\n    {n['target']}: {n['summary']}"
        for v in violations
        if v["impact"] in FAILING_IMPACTS
        for n in v["nodes"]
        if n["streamlit_part"] is None
    ]
    assert not failing, "\n".join(failing)


def test_the_allow_list_names_only_streamlit_parts():
    """Every allow-list entry is one of axe's rules and a part Streamlit draws by itself (a
    data-testid of Streamlit's, never a key or container of the project's)."""
    rules = set(re.findall(r'id:"([a-z0-9-]+)",impact:', axe_playwright.Axe().axe_script))
    assert "color-contrast" in rules
    for rule, selector in STREAMLIT_CHROME:
        assert rule in rules, rule
        assert re.fullmatch(r"\[data-testid='st[A-Za-z]+'\]", selector), selector
        assert selector not in ("[data-testid='stMain']", "[data-testid='stSidebarContent']")
