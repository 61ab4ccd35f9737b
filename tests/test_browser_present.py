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


def test_deep_link_opens_slide(app):
    with open_page(app, size=(1280, 720)) as (page, _):
        page.goto(app.url + START + "&slide=4")
        wait_for_app(page)
        assert counter(page)[0] == 4
        assert slide_in_url(page) == "4"


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
