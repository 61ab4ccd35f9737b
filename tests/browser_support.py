"""A real app server and Debian's headless Chromium, for browser tests and screenshots.

The browser may reach only the app's own address: every other request is blocked and
recorded, so a test can assert that the app never tried to reach the internet.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "overview": "/",
    "map": "/map",
    "pairs": "/pairs?programme=inclucities&pair=mechelen-capaci",
    "pairs-replaced": "/pairs?programme=inclucities&pair=mechelen-partinico",
    "timeline": "/timeline?programme=inclucities",
    "action-plans": "/action_plans",
    "outcomes": "/outcomes?programme=inclucities",
    "indicators": "/indicators",
}
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--use-gl=swiftshader",
    "--enable-unsafe-swiftshader",
]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RunningApp:
    url: str
    db_path: Path
    process: subprocess.Popen


@contextmanager
def running_app(
    scratch: Path,
    extra_env: dict[str, str] | None = None,
    script: str = "app.py",
    db_path: Path | None = None,
) -> Iterator[RunningApp]:
    """`streamlit run SCRIPT` (the dashboard unless told otherwise) on db_path, by default a
    new database file in scratch."""
    port = _free_port()
    db_path = db_path or scratch / "browser.duckdb"
    env = {**os.environ, "MENTORING_DB": str(db_path), **(extra_env or {})}
    log = (scratch / "server.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.headless=true",
            f"--server.port={port}",
            "--server.address=127.0.0.1",
            "--browser.gatherUsageStats=false",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, scratch / "server.log")
        yield RunningApp(url, db_path, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def add_pair_editor(db_path: Path, name: str, password: str, pair: str = "mechelen-capaci") -> None:
    """An editor of one pair, created through the command line as an admin would."""
    done = subprocess.run(
        [sys.executable, "-m", "mentoring_data", "--db", str(db_path), "user", "add", name]
        + ["--role", "editor", "--pair", pair, "--password-stdin"],
        input=password + "\n",
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def _wait_healthy(url: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app exited early:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the app did not become healthy:\n{log_path.read_text()}")


def limit_to_app(context, app: RunningApp) -> list[str]:
    """Let a browser context reach only the app; returns the list its blocked requests fill."""
    outside: list[str] = []

    def guard(route) -> None:
        if route.request.url.startswith(app.url) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    return outside


@contextmanager
def open_page(
    app: RunningApp, size: tuple[int, int] = (1280, 800), color_scheme: str = "light"
) -> Iterator[tuple[object, list[str]]]:
    """A fresh browser page that can reach only the app; yields (page, blocked requests)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        context = browser.new_context(
            viewport={"width": size[0], "height": size[1]}, color_scheme=color_scheme
        )

        outside = limit_to_app(context, app)
        try:
            yield context.new_page(), outside
        finally:
            context.close()
            browser.close()


def wait_for_app(page, timeout_ms: int = 30_000) -> None:
    """Wait until the script run has finished (Streamlit marks the app root 'notRunning')."""
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']",
        state="attached",
        timeout=timeout_ms,
    )
    page.wait_for_timeout(300)
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']",
        state="attached",
        timeout=timeout_ms,
    )
