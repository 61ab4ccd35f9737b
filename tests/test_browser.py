"""The real app in Debian's headless Chromium: every page draws, offline, without an error.

One app server for the module (a fresh database in a temporary folder); each test opens its
own browser page that may reach only the app (tests/browser_support.py blocks and records
every other request). Screenshots go to a temporary folder, named in the test output.
"""

from __future__ import annotations

import io
from urllib.parse import parse_qs, urlsplit

import pytest

from mentoring_data.messages import t
from tests.browser_support import PAGES, chromium_path, open_page, running_app, wait_for_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        chromium_path() is None,
        reason="no Chromium on this machine (install Debian's `chromium` package "
        "to run the browser tests; CI does)",
    ),
]

TITLES = {  # URL path -> catalogue key of the page's heading
    "/": "overview.title",
    "/map": "map.title",
    "/pairs": "pair.title",
    "/timeline": "timeline.title",
    "/action_plans": "plans.title",
    "/outcomes": "outcomes.title",
    "/indicators": "indicators.title",
}
EXCEPTION = "[data-testid='stException']"
ERROR = "[data-testid='stAlertContentError']"
HEADING = "[data-testid='stHeading'] h1"
DECK = "[data-testid='stDeckGlJsonChart']"
DRAW_MS = 1500  # charts and the map draw after the script run has finished
# Beyond browser_support.PAGES: a programme without city pairs (AMIR works between people and
# organisations), whose overview and map take the no-pairs branches.
EXTRA_PAGES = {
    "overview-no-pairs": "/?programme=amir",
    "map-no-pairs": "/map?programme=amir",
}
ALL_PAGES = {**PAGES, **EXTRA_PAGES}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("browser-app")) as running:
        yield running


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    folder = tmp_path_factory.mktemp("screenshots")
    print(f"\nscreenshots: {folder}")
    return folder


def server_log(app) -> str:
    return (app.db_path.parent / "server.log").read_text(errors="replace")


def assert_page_is_clean(page, app, name: str) -> None:
    exceptions = page.locator(EXCEPTION)
    errors = page.locator(ERROR)
    if exceptions.count() or errors.count():
        shown = [e.inner_text() for e in exceptions.all()] + [e.inner_text() for e in errors.all()]
        pytest.fail(
            f"{name}: the page shows an error: {shown}\n\nserver log:\n{server_log(app)[-4000:]}",
            pytrace=False,
        )


def expected_heading(path: str) -> str | None:
    """The heading's text, or None for a pair page (its heading names the two cities)."""
    url = urlsplit(path)
    if url.path == "/pairs" and "pair" in parse_qs(url.query):
        return None
    key = TITLES.get(url.path)
    return t(key) if key else None


@pytest.mark.parametrize("name", list(ALL_PAGES))
def test_page_draws_offline_without_error(app, shots, name):
    path = ALL_PAGES[name]
    with open_page(app) as (page, outside):
        page.goto(app.url + path)
        wait_for_app(page)
        page.wait_for_timeout(DRAW_MS)
        assert_page_is_clean(page, app, name)
        heading = page.locator(HEADING).first
        heading.wait_for(state="visible", timeout=10_000)
        wanted = expected_heading(path)
        if wanted is not None:
            assert heading.inner_text().strip() == wanted
        else:
            assert " → " in heading.inner_text()
        target = shots / f"{name}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
        assert outside == [], f"{name} tried to reach: {outside}"


def _colours(png: bytes) -> tuple[int, float]:
    """How many distinct colours a PNG has, and the share of its most common one."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    pixels = image.width * image.height
    colours = image.getcolors(maxcolors=pixels)
    return len(colours), max(count for count, _ in colours) / pixels


def test_map_canvas_is_drawn(app, shots):
    with open_page(app) as (page, outside):
        page.goto(app.url + PAGES.get("map", "/map"))
        wait_for_app(page)
        deck = page.locator(DECK).first
        deck.wait_for(state="visible", timeout=10_000)
        assert deck.locator("canvas").count() >= 1
        # WebGL keeps no drawing buffer to read pixels back from (preserveDrawingBuffer is
        # off), so look at screenshots of the element until the map has been drawn
        for _ in range(20):
            page.wait_for_timeout(500)
            png = deck.screenshot()
            distinct, dominant = _colours(png)
            if distinct > 20 and dominant < 0.9:
                break
        (shots / "map-canvas.png").write_bytes(png)
        assert distinct > 20, f"the map looks blank: {distinct} colours"
        assert dominant < 0.9, f"one colour covers {dominant:.0%} of the map"
        assert outside == [], f"the map tried to reach: {outside}"


def test_dark_colour_scheme(app, shots):
    with open_page(app, color_scheme="dark") as (page, outside):
        page.goto(app.url + "/")
        wait_for_app(page)
        page.wait_for_timeout(DRAW_MS)
        assert_page_is_clean(page, app, "overview (dark)")
        heading = page.locator(HEADING).first
        heading.wait_for(state="visible", timeout=10_000)
        assert heading.inner_text().strip() == t("overview.title")
        background = page.evaluate(
            "getComputedStyle(document.querySelector(\"[data-testid='stApp']\")).backgroundColor"
        )
        red, green, blue = (
            int(v) for v in background[background.index("(") + 1 : -1].split(",")[:3]
        )
        assert red + green + blue < 3 * 80, f"the dark scheme has a light background: {background}"
        page.screenshot(path=str(shots / "overview-dark.png"), full_page=True)
        assert outside == [], f"the dark overview tried to reach: {outside}"


def test_server_logged_no_error(app):
    """Runs last in this module: no page run ended in an uncaught exception on the server."""
    log = server_log(app)
    if "Traceback" in log:
        first = log.index("Traceback")
        pytest.fail(f"the server logged an exception:\n{log[first : first + 4000]}", pytrace=False)
    assert "Uncaught app execution" not in log, log[-4000:]
