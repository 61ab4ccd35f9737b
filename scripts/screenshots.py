"""Screenshots of every page in headless Chromium, for looking at the dashboard as users do.

Starts the app on a free local port with a fresh database, blocks every request that does not
go to that port, and saves PNGs in light and dark theme at two window sizes.

    python scripts/screenshots.py [OUT_DIR] [PAGE...]   # default: screenshots/, every page
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser_support import PAGES, open_page, running_app, wait_for_app  # noqa: E402

SIZES = {"1280x800": (1280, 800), "1920x1080": (1920, 1080)}
TALL = (1280, 2600)  # the app scrolls inside its own container, so a tall window shows it all


def main(out_dir: Path, only: list[str]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    sizes = {**SIZES, "tall": TALL}
    with tempfile.TemporaryDirectory() as scratch, running_app(Path(scratch)) as app:
        for scheme in ("light", "dark"):
            for size_name, size in sizes.items():
                with open_page(app, size, scheme) as (page, outside_requests):
                    for name, path in PAGES.items():
                        if only and name not in only:
                            continue
                        page.goto(app.url + path)
                        wait_for_app(page)
                        page.wait_for_timeout(1500)  # let charts and the map draw
                        target = out_dir / f"{name}-{scheme}-{size_name}.png"
                        page.screenshot(path=str(target), full_page=True)
                        print(target)
                    if outside_requests:
                        print("requests outside the app:", outside_requests)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots", sys.argv[2:])
