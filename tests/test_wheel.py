"""The built package works on its own: installed into a fresh environment outside the checkout,
the command line validates the shipped files, prepares a database and counts its records."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def run(command: list, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=900, **kwargs)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The python of a new environment holding the wheel built from this checkout."""
    place = tmp_path_factory.mktemp("installed")
    built = run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", place, PROJECT_DIR],
        cwd=place,
    )
    assert built.returncode == 0, built.stderr
    environment = place / "venv"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    wheel = next(place.glob("*.whl"))
    setup = run([python, "-m", "pip", "install", "-q", wheel], cwd=place)
    assert setup.returncode == 0, setup.stderr
    return python


def test_the_wheel_carries_the_program_data(installed):
    found = run(
        [installed, "-c", "import mentoring_data.settings as s; print(s.QUERIES_DIR)"],
        cwd=installed.parent,
    )
    queries = Path(found.stdout.strip())
    assert not queries.is_relative_to(PROJECT_DIR)
    assert len(list(queries.glob("*.sql"))) == len(list((PROJECT_DIR / "queries").glob("*.sql")))


def test_validate_init_and_stats_run_from_the_installed_package(installed, tmp_path):
    shipped = sorted((PROJECT_DIR / "mentoring_data" / "programmes").glob("*.yaml"))
    copies = []
    for path in shipped:
        copy = tmp_path / path.name
        copy.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
        copies.append(copy)
    command = [installed, "-m", "mentoring_data", "--db", tmp_path / "here.duckdb"]
    checked = run([*command, "validate", *copies], cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    prepared = run(
        [*command, "init"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "MENTORING_ADMIN_PASSWORD": "a long test password 1"},
    )
    assert prepared.returncode == 0, prepared.stderr
    counted = run([*command, "stats"], cwd=tmp_path)
    assert counted.returncode == 0, counted.stderr
    assert json.loads(counted.stdout)["programmes"] == len(shipped)


@pytest.mark.browser
def test_the_app_starts_from_the_installed_package(installed, tmp_path):
    """`serve` from a folder that is not the checkout: the installed app, its pages and its
    config come from the package, the database is created in the folder it was started in."""
    from tests.browser_support import (
        RunningApp,
        _free_port,
        _wait_healthy,
        chromium_path,
        open_page,
        wait_for_app,
    )

    if chromium_path() is None:
        pytest.skip("Debian's chromium is not installed")
    port = _free_port()
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [installed, "-m", "mentoring_data", "serve", "--port", str(port)],
            cwd=tmp_path,
            env={"PATH": "/usr/bin:/bin", "MENTORING_ADMIN_PASSWORD": "a long test password 1"},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://localhost:{port}"
            _wait_healthy(url, process, log_path)
            app = RunningApp(url, tmp_path / "data" / "mentoring.duckdb", process)
            with open_page(app) as (page, outside):
                page.goto(f"{url}/map")
                wait_for_app(page)
                heading = page.get_by_role("heading", level=1).first.inner_text()
                links = page.locator("[data-testid='stSidebar'] a").count()
            assert "Map" in heading or "map" in heading.lower(), heading
            assert links >= 7  # the shared navigation of the installed pages
            assert outside == []
            assert app.db_path.is_file()
        finally:
            process.terminate()
            process.wait(timeout=20)
    assert "Traceback" not in log_path.read_text(), log_path.read_text()
