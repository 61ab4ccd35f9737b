"""The slide page in the real app and Chromium: buttons, arrow keys, deep links, kiosk, themes."""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser_support import chromium_path, open_page, running_app, wait_for_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(chromium_path() is None, reason="no Chromium on this machine"),
]

COUNTER = ".slide-counter"
START = "/present?programme=inclucities"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("present-app")) as running:
        yield running


def counter(page) -> tuple[int, int]:
    text = page.locator(COUNTER).first.inner_text().strip()
    number, total = re.fullmatch(r"(\d+) / (\d+)", text).groups()
    return int(number), int(total)


def slide_in_url(page) -> str | None:
    return parse_qs(urlsplit(page.url).query).get("slide", [None])[0]


def wait_for_slide(page, number: int, timeout_s: float = 15) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if counter(page)[0] == number and slide_in_url(page) == str(number):
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"slide {number} not reached: {counter(page)}, url {page.url}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_buttons_and_arrow_keys(app, scheme):
    with open_page(app, size=(1920, 1080), color_scheme=scheme) as (page, outside):
        page.goto(app.url + START)
        wait_for_app(page)
        assert counter(page)[0] == 1
        page.get_by_role("button", name=re.compile("Next")).click()
        wait_for_slide(page, 2)
        page.keyboard.press("ArrowRight")
        wait_for_slide(page, 3)
        page.keyboard.press("ArrowLeft")
        wait_for_slide(page, 2)
        page.get_by_role("button", name=re.compile("Previous")).click()
        wait_for_slide(page, 1)
        page.keyboard.press("ArrowLeft")  # wraps to the last slide
        wait_for_slide(page, counter(page)[1])
        # no navigation, sidebar or toolbar on a projector
        assert (
            page.locator("[data-testid='stSidebar']").count() == 0
            or not page.locator("[data-testid='stSidebar']").is_visible()
        )
        assert page.locator("[data-testid='stPageLink']").count() == 0
        assert not page.locator("[data-testid='stToolbar']").is_visible()
        assert page.locator("[data-testid='stException']").count() == 0
        assert outside == []


def background_is_dark(page) -> bool:
    colour = page.evaluate(
        "getComputedStyle(document.querySelector(\"[data-testid='stApp']\")).backgroundColor"
    )
    red, green, blue = (int(x) for x in re.findall(r"\d+", colour)[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue < 128


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_deep_link_opens_slide(app, scheme):
    with open_page(app, size=(1280, 720), color_scheme=scheme) as (page, _):
        page.goto(app.url + START + "&slide=4")
        wait_for_app(page)
        assert counter(page)[0] == 4
        assert slide_in_url(page) == "4"
        assert background_is_dark(page) == (scheme == "dark")
        page.goto(app.url + START + "&pair=mechelen-capaci&slide=3")
        wait_for_app(page)
        assert counter(page) == (3, 7)  # title, map, the pair, timeline, outcomes, ...
        assert "Mechelen" in page.locator("h1").first.inner_text()


# IncluCities: title, map, five pairs, then the timeline
TIMELINE_SLIDE, PAIR_SLIDE = 8, 3


def controls_top(page) -> float:
    return page.locator(".st-key-present_controls").bounding_box()["y"]


@pytest.mark.parametrize(("size", "scheme"), [((1280, 720), "light"), ((1920, 1080), "dark")])
def test_slides_fit_the_screen_above_the_controls(app, size, scheme):
    """One chart sized for the screen on the timeline slide; the longest pair slide ends
    above the controls; no request leaves the machine."""
    with open_page(app, size=size, color_scheme=scheme) as (page, outside):
        page.goto(app.url + START + f"&slide={TIMELINE_SLIDE}")
        wait_for_app(page)
        page.locator(".js-plotly-plot:visible").first.wait_for(timeout=60_000)
        plots = [p for p in page.locator(".js-plotly-plot").all() if p.is_visible()]
        assert len(plots) == 1
        box = plots[0].bounding_box()
        assert box["width"] > 0.8 * size[0]
        assert box["y"] + box["height"] <= controls_top(page)
        page.goto(app.url + START + f"&slide={PAIR_SLIDE}")
        wait_for_app(page)
        figures = page.locator(".slide-figures").first.bounding_box()
        assert figures["y"] + figures["height"] <= controls_top(page)
        assert page.locator("[data-testid='stException']").count() == 0
        assert outside == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_kiosk_advances_and_loops(app, scheme):
    with open_page(app, size=(1280, 720), color_scheme=scheme) as (page, _):
        page.goto(app.url + START + "&kiosk=2")
        wait_for_app(page)
        total = counter(page)[1]
        page.goto(app.url + START + f"&kiosk=2&slide={total}")
        wait_for_app(page)
        assert counter(page)[0] == total
        wait_for_slide(page, 1, timeout_s=8)  # within its interval (plus drawing time)
        wait_for_slide(page, 2, timeout_s=8)
