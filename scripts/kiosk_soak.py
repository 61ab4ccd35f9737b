"""Soak test of the kiosk: the real app, one headless Chromium on the kiosk, for a while.

    .venv/bin/python scripts/kiosk_soak.py [--minutes 30] [--every 30] [--kiosk 2] [--out FILE]

Every `--every` seconds it samples the server's resident memory (from /proc) and Streamlit's
count of active sessions (its /_stcore/metrics endpoint), and it counts the slide changes the
browser shows. Prints a markdown table (and writes it to --out); a copy of the shipped data
in a temporary folder is used, and the browser may reach only the app.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser_support import chromium_path, open_page, running_app, wait_for_app  # noqa: E402

COUNTER = ".slide-counter"
# Chromium here draws the map's WebGL in software: on a loaded machine one map frame can keep
# the page busy for tens of seconds, which is slow drawing, not a stalled kiosk
READ_TIMEOUT_MS = 180_000


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def active_sessions(url: str) -> int | None:
    request = urllib.request.Request(
        f"{url}/_stcore/metrics?families=active_sessions", headers={"Accept": "text/plain"}
    )
    with urllib.request.urlopen(request, timeout=5) as answer:
        text = answer.read().decode()
    for line in text.splitlines():
        if line.startswith("active_sessions"):
            return int(float(line.split()[-1]))
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--every", type=float, default=30, help="seconds between samples")
    parser.add_argument("--kiosk", type=int, default=2, help="seconds per slide")
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    if chromium_path() is None:
        print("kiosk_soak: no Chromium on this machine", file=sys.stderr)
        return 2
    rows: list[tuple[float, float, int | None, int, int]] = []
    with tempfile.TemporaryDirectory() as scratch, running_app(Path(scratch)) as app:
        with open_page(app, size=(1920, 1080)) as (page, outside):
            page.goto(f"{app.url}/present?programme=inclucities&kiosk={args.kiosk}")
            wait_for_app(page)
            start = time.monotonic()
            end = start + args.minutes * 60
            next_sample = start
            shown, changes, loops = None, 0, 0
            longest_read = 0.0
            while True:
                asked = time.monotonic()
                text = page.locator(COUNTER).first.inner_text(timeout=READ_TIMEOUT_MS).strip()
                now = time.monotonic()
                longest_read = max(longest_read, now - asked)
                if text != shown:
                    if shown is not None:
                        changes += 1
                        if text.startswith("1 /"):
                            loops += 1
                    shown = text
                if now >= next_sample:
                    rows.append(
                        (
                            (now - start) / 60,
                            rss_mib(app.process.pid),
                            active_sessions(app.url),
                            changes,
                            loops,
                        )
                    )
                    print(f"{rows[-1][0]:6.1f} min  {rows[-1][1]:7.1f} MiB", flush=True)
                    if args.out:  # kept current, so an interrupted soak still leaves figures
                        args.out.write_text(markdown(rows, None) + "\n", encoding="utf-8")
                    next_sample += args.every
                if now >= end:
                    break
                page.wait_for_timeout(400)
            blocked = len(outside)
    table = markdown(rows, blocked)
    print(table)
    print(f"longest wait for the page to answer: {longest_read:.1f} s")
    if args.out:
        args.out.write_text(table + "\n", encoding="utf-8")
    return 0


def markdown(rows: list[tuple[float, float, int | None, int, int]], blocked: int | None) -> str:
    lines = [
        "| minute | server RSS (MiB) | active sessions | slide changes | loops |",
        "|---:|---:|---:|---:|---:|",
        *(
            f"| {m:.1f} | {r:.1f} | {s if s is not None else '?'} | {c} | {n} |"
            for m, r, s, c, n in rows
        ),
        "",
        f"start RSS {rows[0][1]:.1f} MiB, end {rows[-1][1]:.1f} MiB, "
        f"max {max(r[1] for r in rows):.1f} MiB; {rows[-1][3]} slide changes, "
        f"{rows[-1][4]} loops in {rows[-1][0]:.1f} minutes"
        + ("." if blocked is None else f"; {blocked} outside requests blocked."),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
