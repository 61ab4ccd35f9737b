"""The dashboard's benchmark at three sizes; writes the figures into docs/performance.md.

    python scripts/benchmark.py [--sizes S,M,L] [--repeat 5] [--saves 50] [--no-browser]
                                [--out docs/performance.md] [--json FILE]

Sizes: S is the shipped programme files; M and L add a generated synthetic network
(mentoring_data.programme_files.synthetic: 100 or 1,000 programmes with 10 pairs, 50
activities and 200 steps each, and 100,000 or 1,000,000 history rows). At each size, on a
fresh database in a temporary folder:

- loading the programme files (the loader `load` uses), in records per second;
- every page in Streamlit's AppTest, "all programmes" and one programme: the cold first run
  (data caches empty), the warm rerun (median of --repeat) and the run right after a write
  (a real save, which invalidates the caches: what the next viewer waits for; median of 3);
- saving one step with its history rows and version check, as the Manage page does (median
  and 95th percentile of --saves);
- each export of one programme (deck, PDF report, offline HTML), caches empty;
- the real app (`streamlit run app.py`) in Debian's Chromium through Playwright: the server's
  memory with 1 and 20 sessions, and the time to a rendered overview with 1 and 10 browser
  contexts at once;
- two references in the same run: an empty Streamlit page (scripts/benchmark_pages/
  empty_page.py) and a plain pandas overview that reads the programme files
  (scripts/benchmark_pages/pandas_overview.py).

The figures replace the part of --out between the benchmark markers. It is not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import logging
import os
import platform
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)

from scripts.kiosk_soak import active_sessions, rss_mib  # noqa: E402

PAGES = {
    "Overview": "app.py",
    "Map": "pages/map.py",
    "Pairs": "pages/pairs.py",
    "Timeline": "pages/timeline.py",
    "Action plans": "pages/action_plans.py",
    "Outcomes": "pages/outcomes.py",
    "Indicators": "pages/indicators.py",
    "History": "pages/history.py",
    "Manage": "pages/manage.py",
    "Present": "pages/present.py",
    "Admin": "pages/admin.py",
    "Sign in": "pages/sign_in.py",
}
SIGNED_IN_PAGES = {"Manage", "Admin"}  # drawn for an admin; every other page for a viewer
VIEWS = {"all programmes": {}, "one programme": {"programme": "inclucities"}}
EMPTY_PAGE = "scripts/benchmark_pages/empty_page.py"
PANDAS_PAGE = "scripts/benchmark_pages/pandas_overview.py"
EXPORTS = {"deck (pptx)": "pptx", "PDF report": "pdf", "offline HTML": "html"}
PROGRAMME = "inclucities"
SYNTHETIC_PROGRAMME = "synthetic-0000"  # the first generated programme of M and L
SYNTHETIC_SIZES = ("M", "L")
SESSION_PAGES = ["/", "/map", "/timeline", "/action_plans", "/outcomes", "/indicators", "/history"]
MARK_START = "<!-- benchmark figures: start (written by scripts/benchmark.py) -->"
MARK_END = "<!-- benchmark figures: end -->"
# what "rendered" means in the browser: the script run is over and these elements are there
OVERVIEW_READY = [
    "[data-testid='stMetric']",
    "[data-testid='stDeckGlJsonChart'] canvas",
    "[data-testid='stPlotlyChart']",
    "[data-testid='stDataFrame']",
]
EMPTY_READY = ["[data-testid='stHeading']"]


def ms(seconds: float) -> float:
    return seconds * 1000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def machine() -> dict:
    memory_kib = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    import duckdb
    import streamlit

    return {
        "cores": os.cpu_count(),
        "memory_gib": round(memory_kib / 1024 / 1024, 1),
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "duckdb": duckdb.__version__,
        "load_before": os.getloadavg(),
    }


# --- preparing a size ------------------------------------------------------------------------


def prepare(size_name: str, scratch: Path, seed: int) -> tuple[Path, Path, dict]:
    """Write the size's programme files into one folder and load them into a new database."""
    from mentoring_data import settings
    from mentoring_data.programme_files import loading, synthetic
    from mentoring_data.store import database

    files = scratch / "files"
    files.mkdir()
    for path in settings.shipped_programme_files():
        shutil.copy(path, files / path.name)
    figures: dict = {"history_rows": 0, "generate_s": 0.0}
    size = synthetic.SIZES.get(size_name)
    if size is not None:
        started = time.perf_counter()
        synthetic.write_programme_files(size, files, seed)
        figures["generate_s"] = time.perf_counter() - started
    paths = sorted(files.glob("*.yaml"))
    figures["files"] = len(paths)
    figures["megabytes"] = sum(p.stat().st_size for p in paths) / 1e6
    db_path = scratch / "bench.duckdb"
    started = time.perf_counter()
    loading.load_files(paths, db_path)
    figures["load_s"] = time.perf_counter() - started
    target = database.open_store(db_path)
    (counts,) = target.read("record_counts").to_dict("records")
    figures["counts"] = {k: int(v) for k, v in counts.items()}
    figures["records"] = sum(figures["counts"].values())
    figures["records_per_s"] = figures["records"] / figures["load_s"]
    if size is not None:
        started = time.perf_counter()
        figures["history_rows"] = synthetic.write_synthetic_history(target, size, seed=seed)
        figures["history_s"] = time.perf_counter() - started
    target.checkpoint()
    return files, db_path, figures


class StepSaver:
    """Saves one step of the programme back and forth, as the Manage page's form does."""

    def __init__(self, db_path: Path):
        from mentoring_data.access.accounts import User
        from mentoring_data.store import database

        self.target = database.open_store(db_path)
        self.user = User("benchmark-admin", "admin")
        steps = self.target.read("steps_of_programme", programme_id=PROGRAMME)
        first = steps.iloc[0]
        self.step_id, self.version = str(first["id"]), int(first["version"])
        self.turn = 0

    def save(self) -> float:
        from mentoring_data import editing

        self.turn += 1
        status = "blocked" if self.turn % 2 else "in-progress"
        edit = editing.Edit(self.step_id, self.version, {"status": status, "progress": 40})
        started = time.perf_counter()
        result = editing.save_edits(
            self.target, self.user, "steps", PROGRAMME, [edit], "benchmark save"
        )
        took = time.perf_counter() - started
        if not result.ok or result.saved != [self.step_id]:
            raise RuntimeError(f"the benchmark save was refused: {result}")
        self.version += 1
        return took


# --- pages in AppTest ------------------------------------------------------------------------


def clear_caches() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


def new_session(page: str, params: dict, signed_in: bool):
    from streamlit.testing.v1 import AppTest

    from mentoring_data.access.accounts import User

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=900)
    for key, value in params.items():
        at.query_params[key] = value
    if signed_in:
        at.session_state["user"] = User("benchmark-admin", "admin")
        at.session_state["signed_in_at"] = dt.datetime.now()
    if page != "app.py":
        at.switch_page(page)
    return at


def timed_run(at, what: str) -> float:
    started = time.perf_counter()
    at.run()
    took = time.perf_counter() - started
    if at.exception:
        raise RuntimeError(f"{what}: {at.exception[0].message}")
    return took


def time_page(page: str, params: dict, signed_in: bool, repeat: int, saver) -> dict:
    clear_caches()
    at = new_session(page, params, signed_in)
    cold = timed_run(at, page)
    warm = [timed_run(at, page) for _ in range(repeat)]
    after_write = []
    for _ in range(3):
        saver.save()
        after_write.append(timed_run(at, page))
    return {
        "cold": ms(cold),
        "warm": ms(statistics.median(warm)),
        "after_write": ms(statistics.median(after_write)),
    }


def time_reference(script: str, repeat: int, files: Path) -> dict:
    """A reference page in AppTest: the first run reads everything (as after a write, when a
    dashboard that caches its files must read them again), reruns use its cache."""
    from streamlit.testing.v1 import AppTest

    os.environ["MENTORING_BENCHMARK_FILES"] = str(files)
    runs = []
    for _ in range(2):
        clear_caches()
        at = AppTest.from_file(str(ROOT / script), default_timeout=1800)
        runs.append(timed_run(at, script))
    warm = [timed_run(at, script) for _ in range(repeat)]
    return {"after_write": ms(min(runs)), "warm": ms(statistics.median(warm))}


def time_saves(saver: StepSaver, count: int) -> dict:
    took = [ms(saver.save()) for _ in range(count)]
    return {"median": statistics.median(took), "p95": percentile(took, 0.95), "count": count}


def time_exports(scratch: Path, programme_id: str = PROGRAMME) -> dict:
    from mentoring_data.exports import files

    figures = {}
    for name, file_format in EXPORTS.items():
        clear_caches()
        started = time.perf_counter()
        out = scratch / f"{programme_id}.{file_format}"
        written = files.write(file_format, programme_id, None, out)
        figures[name] = {
            "s": time.perf_counter() - started,
            "kb": written.stat().st_size / 1024,
        }
    return figures


# --- the real server in a browser -----------------------------------------------------------


READY_SCRIPT = """
(() => {
  const wanted = %s;
  const check = () => {
    const app = document.querySelector("[data-testid='stApp']");
    if (app && app.getAttribute("data-test-script-state") === "notRunning"
        && wanted.every((selector) => document.querySelector(selector))) {
      window.__renderedAt = performance.now();
      return;
    }
    setTimeout(check, 20);
  };
  check();
})();
"""


async def _rendered_times(url: str, ready: list[str], contexts: int) -> list[float]:
    """Open `contexts` fresh browser contexts on url at once; ms from navigation to rendered."""
    from playwright.async_api import async_playwright

    from tests.browser_support import CHROMIUM_FLAGS, chromium_path

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_FLAGS
        )
        try:
            pages = []
            for _ in range(contexts):
                context = await browser.new_context(viewport={"width": 1280, "height": 800})
                await context.route(
                    "**/*",
                    lambda route: (
                        route.continue_() if route.request.url.startswith(url) else route.abort()
                    ),
                )
                await context.add_init_script(READY_SCRIPT % json.dumps(ready))
                pages.append(await context.new_page())
            await asyncio.gather(*(page.goto(url, wait_until="commit") for page in pages))
            times = []
            for page in pages:
                await page.wait_for_function("window.__renderedAt !== undefined", timeout=300_000)
                times.append(await page.evaluate("window.__renderedAt"))
            return times
        finally:
            await browser.close()


def rendered_times(url: str, ready: list[str], contexts: int) -> list[float]:
    return asyncio.run(_rendered_times(url, ready, contexts))


def browser_figures(url: str, ready: list[str]) -> dict:
    first = rendered_times(url, ready, 1)[0]  # the server's first visitor fills its caches
    one = [rendered_times(url, ready, 1)[0] for _ in range(3)]
    ten = rendered_times(url, ready, 10)
    return {
        "first": first,
        "one": statistics.median(one),
        "ten_median": statistics.median(ten),
        "ten_max": max(ten),
    }


def session_memory(app) -> dict:
    """Server memory with 1 and then 20 open sessions (browser contexts kept open)."""
    from playwright.sync_api import sync_playwright

    from tests.browser_support import CHROMIUM_FLAGS, chromium_path, limit_to_app, wait_for_app

    figures = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            opened = []
            for n in range(20):
                context = browser.new_context(viewport={"width": 1280, "height": 800})
                limit_to_app(context, app)
                page = context.new_page()
                page.goto(app.url + SESSION_PAGES[n % len(SESSION_PAGES)], timeout=300_000)
                wait_for_app(page, timeout_ms=300_000)
                opened.append(context)
                if n in (0, 19):
                    time.sleep(2)
                    key = "one" if n == 0 else "twenty"
                    figures[key] = rss_mib(app.process.pid)
                    figures[f"{key}_sessions"] = active_sessions(app.url)
        finally:
            browser.close()
    return figures


def measure_server(db_path: Path, scratch: Path, files: Path) -> dict:
    from tests.browser_support import chromium_path, running_app

    if chromium_path() is None:
        return {}
    figures = {}
    with running_app(scratch / "app", db_path=db_path) as app:
        figures["rss_start"] = rss_mib(app.process.pid)
        figures["overview"] = browser_figures(app.url + "/", OVERVIEW_READY)
        log(f"browser: overview {figures['overview']}")
        figures["memory"] = session_memory(app)
        log(f"browser: memory {figures['memory']}")
    with running_app(scratch / "empty", script=EMPTY_PAGE) as empty:
        figures["empty"] = browser_figures(empty.url + "/", EMPTY_READY)
        figures["empty_rss"] = rss_mib(empty.process.pid)
    return figures


# --- one size, all of it ---------------------------------------------------------------------


def measure_size(size_name: str, args: argparse.Namespace) -> dict:
    from mentoring_data import startup
    from mentoring_data.store import database

    with tempfile.TemporaryDirectory(prefix=f"benchmark-{size_name}-") as folder:
        scratch = Path(folder)
        for sub in ("app", "empty"):
            (scratch / sub).mkdir()
        log(f"{size_name}: preparing")
        files, db_path, figures = prepare(size_name, scratch, args.seed)
        log(f"{size_name}: loaded {figures['records']} records in {figures['load_s']:.1f} s")
        os.environ["MENTORING_DB"] = str(db_path)
        os.environ.pop("MENTORING_REQUIRE_SIGN_IN", None)
        # the first start's admin gets this password instead of printing a one-time one
        os.environ["MENTORING_ADMIN_PASSWORD"] = secrets.token_urlsafe(16)
        saver = StepSaver(db_path)
        figures["pages"] = {}
        chosen = args.pages.split(",") if args.pages else [] if args.exports_only else list(PAGES)
        for page_name, page in ((name.strip(), PAGES[name.strip()]) for name in chosen):
            for view, params in VIEWS.items():
                figures["pages"][f"{page_name} / {view}"] = result = time_page(
                    page, params, page_name in SIGNED_IN_PAGES, args.repeat, saver
                )
                log(f"{size_name}: {page_name} / {view}: {result}")
        if args.pages:  # a look at some pages only: nothing else measured, nothing written
            return figures
        if not args.exports_only:
            figures["save"] = time_saves(saver, args.saves)
            log(f"{size_name}: save {figures['save']}")
        figures["exports"] = time_exports(scratch)
        log(f"{size_name}: exports {figures['exports']}")
        if size_name in SYNTHETIC_SIZES:  # one generated programme: ten pairs, 200 steps
            figures["synthetic_exports"] = time_exports(scratch, SYNTHETIC_PROGRAMME)
            log(f"{size_name}: exports of {SYNTHETIC_PROGRAMME} {figures['synthetic_exports']}")
        if args.exports_only:
            return figures
        figures["empty_page"] = time_reference(EMPTY_PAGE, args.repeat, files)
        figures["pandas"] = time_reference(PANDAS_PAGE, args.repeat, files)
        log(f"{size_name}: references {figures['empty_page']} {figures['pandas']}")
        clear_caches()
        database.close_store(db_path)
        startup._checked_stores.discard(db_path.resolve())
        if not args.no_browser:
            figures["server"] = measure_server(db_path, scratch, files)
            log(f"{size_name}: server {figures['server']}")
    return figures


def log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


# --- the markdown ---------------------------------------------------------------------------


def fmt(value: float | None, digits: int = 0) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def markdown(run: dict) -> str:
    sizes = run["sizes"]
    names = list(sizes)
    m = run["machine"]
    lines = [
        MARK_START,
        "",
        f"Taken {run['date']} on a machine with {m['cores']} cores and {m['memory_gib']} GiB "
        f"of memory (Python {m['python']}, Streamlit {m['streamlit']}, DuckDB {m['duckdb']}); "
        f"load average {m['load_before'][0]:.1f} at the start and {m['load_after'][0]:.1f} at "
        f"the end (other work shared the machine). Warm reruns: median of {run['repeat']}; "
        "after a write: median of 3, each right after a real save.",
        "",
        "**Data and loading**",
        "",
        "| size | programmes | pairs | activities | steps | history rows | files (MB) "
        "| generating files (s) | loading (s) | records loaded per s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, f in sizes.items():
        c = f["counts"]
        lines.append(
            f"| {name} | {c['programmes']:,} | {c['pairs']:,} | {c['activities']:,} | "
            f"{c['steps']:,} | {f['history_rows']:,} | {f['files']:,} ({f['megabytes']:.1f}) | "
            f"{fmt(f['generate_s'], 1)} | {fmt(f['load_s'], 1)} | {fmt(f['records_per_s'])} |"
        )
    lines += [
        "",
        "**Pages in AppTest (ms)**: cold first run / warm rerun / right after a write",
        "",
        "| page | view | " + " | ".join(names) + " |",
        "|---|---|" + "---:|" * len(names),
    ]
    for key in next(iter(sizes.values()))["pages"]:
        page, view = key.split(" / ")
        cells = [
            " / ".join(fmt(sizes[n]["pages"][key][k]) for k in ("cold", "warm", "after_write"))
            for n in names
        ]
        lines.append(f"| {page} | {view} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "**References in AppTest (ms)**: the empty page and the pandas overview; the pandas "
        "overview's first run reads every programme file, as it must after any change",
        "",
        "| size | empty page: run | pandas overview: after a write / warm "
        "| our Overview (all): after a write / warm | after a write: pandas ÷ ours "
        "| warm: ours ÷ empty page |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, f in sizes.items():
        ours = f["pages"]["Overview / all programmes"]
        lines.append(
            f"| {name} | {fmt(f['empty_page']['warm'])} | {fmt(f['pandas']['after_write'])} / "
            f"{fmt(f['pandas']['warm'])} | {fmt(ours['after_write'])} / {fmt(ours['warm'])} | "
            f"{fmt(f['pandas']['after_write'] / ours['after_write'], 1)}× | "
            f"{fmt(ours['warm'] / f['empty_page']['warm'], 1)}× |"
        )
    lines += [
        "",
        "**Saving one step** (history rows and version check, as the Manage page saves; ms)",
        "",
        "| size | median | 95th percentile | saves |",
        "|---|---:|---:|---:|",
        *(
            f"| {n} | {fmt(f['save']['median'], 1)} | {fmt(f['save']['p95'], 1)} | "
            f"{f['save']['count']} |"
            for n, f in sizes.items()
        ),
        "",
        f"**Exports of `{PROGRAMME}`** (s, caches empty; file size in KiB)",
        "",
        "| export | " + " | ".join(names) + " |",
        "|---|" + "---:|" * len(names),
    ]
    lines += _export_rows(sizes, names, "exports")
    generated = [n for n in names if sizes[n].get("synthetic_exports")]
    if generated:
        from mentoring_data.programme_files import synthetic

        size = synthetic.SIZES[generated[0]]
        lines += [
            "",
            f"**Exports of one generated programme, `{SYNTHETIC_PROGRAMME}`** "
            f"({size.pairs_per_programme} pairs, "
            f"{size.pairs_per_programme * size.activities_per_pair} activities, "
            f"{size.pairs_per_programme * size.steps_per_pair} steps; s, caches empty; "
            "file size in KiB)",
            "",
            "| export | " + " | ".join(generated) + " |",
            "|---|" + "---:|" * len(generated),
            *_export_rows(sizes, generated, "synthetic_exports"),
        ]
    if any(f.get("server") for f in sizes.values()):
        lines += [
            "",
            "**The real server in Chromium**: server memory (RSS, MiB) and ms from navigation "
            "to a rendered overview (script finished, metrics, map, chart and table drawn)",
            "",
            "| size | RSS 1 session | RSS 20 sessions | overview: first visitor | overview: "
            "1 context | overview: 10 contexts, median / slowest | empty page: 1 context | "
            "empty page: 10 contexts, median / slowest | overview ÷ empty page (1 / 10) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for name, f in sizes.items():
            s = f.get("server")
            if not s:
                continue
            o, e, mem = s["overview"], s["empty"], s["memory"]
            lines.append(
                f"| {name} | {fmt(mem['one'])} | {fmt(mem['twenty'])} "
                f"({mem.get('twenty_sessions')} sessions) | {fmt(o['first'])} | {fmt(o['one'])} "
                f"| {fmt(o['ten_median'])} / {fmt(o['ten_max'])} | {fmt(e['one'])} | "
                f"{fmt(e['ten_median'])} / {fmt(e['ten_max'])} | "
                f"{fmt(o['one'] / e['one'], 2)} / {fmt(o['ten_median'] / e['ten_median'], 2)} |"
            )
    if "L" in sizes:
        lines += ["", "**Targets at L**", "", "| target | measured | met |", "|---|---|---|"]
        for target, value, met in targets(sizes["L"]):
            lines.append(f"| {target} | {value} | {'yes' if met else '**no**'} |")
    lines += ["", MARK_END]
    return "\n".join(lines)


def _export_rows(sizes: dict, names: list[str], key: str) -> list[str]:
    rows = []
    for export in EXPORTS:
        cells = [
            f"{fmt(sizes[n][key][export]['s'], 2)} ({fmt(sizes[n][key][export]['kb'])})"
            for n in names
        ]
        rows.append(f"| {export} | " + " | ".join(cells) + " |")
    return rows


def targets(f: dict) -> list[tuple[str, str, bool]]:
    pages = f["pages"]
    slowest_warm = max(pages, key=lambda k: pages[k]["warm"])
    slowest_after = max(pages, key=lambda k: pages[k]["after_write"])
    overview_after = pages["Overview / all programmes"]["after_write"]
    speedup = f["pandas"]["after_write"] / overview_after
    rows = [
        (
            "warm rerun of every page < 100 ms",
            f"slowest {pages[slowest_warm]['warm']:.0f} ms ({slowest_warm})",
            pages[slowest_warm]["warm"] < 100,
        ),
        (
            "every page after a write < 500 ms",
            f"slowest {pages[slowest_after]['after_write']:.0f} ms ({slowest_after})",
            pages[slowest_after]["after_write"] < 500,
        ),
        (
            "overview after a write ≥ 5× faster than the pandas reference",
            f"{speedup:.1f}× ({overview_after:.0f} ms against {f['pandas']['after_write']:.0f} ms)",
            speedup >= 5,
        ),
        ("save p95 < 30 ms", f"{f['save']['p95']:.1f} ms", f["save"]["p95"] < 30),
    ]
    server = f.get("server")
    if server:
        twenty = server["memory"]["twenty"]
        rows.append(("memory < 600 MB with 20 sessions", f"{twenty:.0f} MiB", twenty < 600))
        for label, key in (("1 context", "one"), ("10 contexts", "ten_median")):
            ratio = server["overview"][key] / server["empty"][key]
            rows.append(
                (
                    f"browser time to overview ≤ 1.5× the empty page ({label})",
                    f"{ratio:.2f}× ({server['overview'][key]:.0f} ms against "
                    f"{server['empty'][key]:.0f} ms)",
                    ratio <= 1.5,
                )
            )
    return rows


def write_into(path: Path, section: str) -> None:
    text = path.read_text(encoding="utf-8")
    if MARK_START in text and MARK_END in text:
        before, rest = text.split(MARK_START, 1)
        after = rest.split(MARK_END, 1)[1]
        text = before + section + after
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="S,M,L", help="comma-separated, of S, M, L")
    parser.add_argument("--repeat", type=int, default=5, help="warm reruns per page")
    parser.add_argument("--saves", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-browser", action="store_true", help="leave out the real server")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--json", type=Path, help="also keep the raw figures in this file")
    parser.add_argument("--from-json", type=Path, help="only write --out from kept figures")
    parser.add_argument(
        "--exports-only",
        action="store_true",
        help="time only the exports and print them, without writing --out",
    )
    parser.add_argument(
        "--pages",
        help=f"comma-separated, of {', '.join(PAGES)}: time only these pages (in AppTest) "
        "and print their figures, without writing --out",
    )
    args = parser.parse_args()
    if args.pages and not set(p.strip() for p in args.pages.split(",")) <= set(PAGES):
        parser.error(f"--pages: each one of {', '.join(PAGES)}")
    # AppTest outside a server: Streamlit warns about its missing runtime on every cache call
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    if args.from_json:
        run = json.loads(args.from_json.read_text(encoding="utf-8"))
    else:
        run = {
            "date": dt.date.today().isoformat(),
            "machine": machine(),
            "repeat": args.repeat,
            "sizes": {},
        }
        for size_name in args.sizes.split(","):
            run["sizes"][size_name] = measure_size(size_name.strip(), args)
            if args.json:  # kept after each size, so a long run interrupted keeps its figures
                args.json.write_text(json.dumps(run, indent=1, default=str), encoding="utf-8")
        run["machine"]["load_after"] = os.getloadavg()
        if args.pages or args.exports_only:
            print(json.dumps(run, indent=1, default=str))
            return 0
        if args.json:
            args.json.write_text(json.dumps(run, indent=1, default=str), encoding="utf-8")
    section = markdown(run)
    write_into(args.out, section)
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
