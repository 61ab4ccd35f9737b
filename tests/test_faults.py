"""Faults of the machine under the store: a killed process, a full disk, a read-only file, a
truncated file. Each runs the real editing functions on a real DuckDB file, in a child process
where the fault must not reach the test itself (a kill, a file-size limit, dropped rights).

What must hold after each: the file opens, every save confirmed to the user is there, no
change is stored without its history row nor a history row without its change, and the user
gets a message saying what happened instead of a traceback.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from mentoring_data.messages import t
from tests.conftest import EDIT_ADMIN_PASSWORD, PROJECT_DIR

PROGRAMME = "inclucities"
STEP = "capaci-define-target-group"
PLAN = "capaci-tutti-capaci"

# A child that saves in a loop through the real editing functions, as the Manage page does,
# and prints each save only once it is confirmed (the function returned ok), flushed.
SAVE_LOOP = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from mentoring_data import editing
    from mentoring_data.access.accounts import COMMAND_LINE as ADMIN
    from mentoring_data.store import database

    db, run, limit = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    store = database.open_store(db)
    print(json.dumps({"ready": True}), flush=True)
    refused = 0
    for n in range(limit):
        _, version = editing.record_for_edit("steps", "inclucities", "capaci-define-target-group")
        owner = f"{run}-{n}"
        result = editing.save_edits(
            store, ADMIN, "steps", "inclucities",
            [editing.Edit("capaci-define-target-group", version, {"owner": owner})],
        )
        if result.ok:
            print(json.dumps({"kind": "update", "owner": owner, "version": version + 1}),
                  flush=True)
        if n % 3 == 0:
            step_id = f"kill-{run}-{n}"
            added = editing.add_record(
                store, ADMIN, "steps", "inclucities",
                {"id": step_id, "title": f"Step {n}", "status": "not-started"},
                plan_id="capaci-tutti-capaci",
            )
            if added.ok:
                print(json.dumps({"kind": "insert", "id": step_id}), flush=True)
        if not result.ok:
            print(json.dumps({"kind": "refused", "owner": owner,
                              "errors": list(result.errors.values())}), flush=True)
            refused += 1
            if refused == 3:  # the disk stays full: a user would stop trying here
                break
    print(json.dumps({"done": True}), flush=True)
    """
)


def child_env(db: Path) -> dict:
    return {
        **os.environ,
        "MENTORING_DB": str(db),
        "MENTORING_ADMIN_PASSWORD": EDIT_ADMIN_PASSWORD,
        "PYTHONPATH": str(PROJECT_DIR),
    }


def start_save_loop(db: Path, run: str, limit: int = 100_000, preexec=None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", SAVE_LOOP, str(db), run, str(limit)],
        cwd=PROJECT_DIR,
        env=child_env(db),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=preexec,
    )


def read_lines(stream) -> list[dict]:
    return [json.loads(line) for line in stream.read().splitlines() if line.strip()]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_consistent(db: Path, confirmed: list[dict]) -> dict:
    """Open the file as the app would, then compare data and history; returns figures."""
    from mentoring_data.store import database

    database.open_store(db)  # opens (replaying DuckDB's WAL) and migrates, or raises
    database.close_store(db)
    with duckdb.connect(str(db), read_only=True) as connection:
        owner, version = connection.execute(
            "select owner, version from steps where programme_id = $p and id = $i",
            {"p": PROGRAMME, "i": STEP},
        ).fetchone()
        owner_history = connection.execute(
            "select new_value, change_group from changes where table_name = 'steps' "
            "and record_id = $i and field = 'owner' order by id",
            {"i": STEP},
        ).fetchall()
        update_groups = connection.execute(
            "select count(distinct change_group) from changes where table_name = 'steps' "
            "and record_id = $i and action = 'update'",
            {"i": STEP},
        ).fetchone()[0]
        added_steps = {
            i
            for (i,) in connection.execute("select id from steps where id like 'kill-%'").fetchall()
        }
        added_history = {
            i
            for (i,) in connection.execute(
                "select record_id from changes where action = 'insert' and record_id like 'kill-%'"
            ).fetchall()
        }
    owners = [json.loads(value) for value, _ in owner_history]
    for save in confirmed:
        if save["kind"] == "update":
            assert save["owner"] in owners, f"confirmed save {save} is missing"
        elif save["kind"] == "insert":
            assert save["id"] in added_steps, f"confirmed step {save['id']} is missing"
    # no change without its history row, and no history row without its change
    assert version == 1 + update_groups
    assert (owners[-1] if owners else None) == owner
    assert added_steps == added_history
    return {"version": version, "added": len(added_steps)}


@pytest.fixture
def fault_db(tmp_path: Path, shipped_db_template: Path) -> Path:
    path = tmp_path / "faults.duckdb"
    shutil.copyfile(shipped_db_template, path)
    return path


# --- SIGKILL while saves run -------------------------------------------------------------


@pytest.mark.slow
def test_kill_during_a_save_loop_loses_no_confirmed_save(fault_db):
    random.seed(20261203)
    confirmed: list[dict] = []
    rounds = 5
    for run in range(rounds):
        child = start_save_loop(fault_db, f"r{run}")
        ready = child.stdout.readline()
        assert ready, child.stderr.read()[-3000:]
        assert json.loads(ready) == {"ready": True}
        first = child.stdout.readline()  # saves are running now: kill at a random point
        assert first, child.stderr.read()
        time.sleep(random.uniform(0.05, 0.8))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=20)
        this_round = [json.loads(first), *read_lines(child.stdout)]
        assert all("refused" != line.get("kind") for line in this_round), this_round
        confirmed += this_round
        figures = check_consistent(fault_db, confirmed)
    updates = sum(1 for c in confirmed if c["kind"] == "update")
    print(f"\n{rounds} kills, {updates} confirmed saves, final version {figures['version']}")
    assert figures["version"] >= updates + 1


# --- a full disk ------------------------------------------------------------------------


def file_size_limit(limit: int):
    """For the child: the kernel refuses to grow any file past `limit` bytes (EFBIG), as a
    full disk refuses it (ENOSPC); works without root and without mounting anything."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))

    return apply


def test_a_full_disk_refuses_saves_cleanly_and_damages_nothing(fault_db):
    before = sha256(fault_db)
    # the WAL starts empty: it may grow to 48 KiB, a few dozen saves, then the disk is "full"
    child = start_save_loop(fault_db, "full", limit=400, preexec=file_size_limit(48 * 1024))
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert "Traceback" not in err
    lines = [json.loads(line) for line in out.splitlines()]
    confirmed = [line for line in lines if line.get("kind") in ("update", "insert")]
    refused = [line for line in lines if line.get("kind") == "refused"]
    assert confirmed and refused, lines[-3:]
    message = refused[0]["errors"][0]
    assert message.startswith("Nothing was saved: the disk refused to write to")
    assert str(fault_db) in message
    figures = check_consistent(fault_db, confirmed)
    refused_owners = {r["owner"] for r in refused}
    with duckdb.connect(str(fault_db), read_only=True) as connection:
        stored_owners = {
            json.loads(v)
            for (v,) in connection.execute(
                "select new_value from changes where field = 'owner'"
            ).fetchall()
        }
    assert not refused_owners & stored_owners, "a refused save was partly written"
    print(f"\n{len(confirmed)} saves before the disk was full, {len(refused)} refused; {figures}")
    assert sha256(fault_db) != before  # the confirmed saves did reach the file


# --- a read-only file -------------------------------------------------------------------

READ_ONLY_VISIT = textwrap.dedent(
    """
    import json
    from streamlit.testing.v1 import AppTest
    from mentoring_data import editing, startup
    from mentoring_data.access import accounts
    from mentoring_data.access.accounts import COMMAND_LINE as ADMIN

    store = startup.current_store()
    counts = store.read("record_counts").to_dict("records")[0]
    saved = editing.save_edits(store, ADMIN, "steps", "inclucities",
                               [editing.Edit("capaci-define-target-group", 1, {"owner": "x"})])
    try:
        accounts.sign_in(store, "admin", "admin-password-for-tests")
        sign_in = "signed in"
    except accounts.SignInFailed as failed:
        sign_in = str(failed)
    pages = {}
    for page in ("app.py", "pages/pairs.py", "pages/action_plans.py"):
        at = AppTest.from_file("app.py", default_timeout=60)
        if page != "app.py":
            at.switch_page(page)
        at.run()
        pages[page] = {
            "exceptions": [e.message for e in at.exception],
            "warnings": [w.value for w in at.warning],
            "titles": [h.value for h in at.title],
        }
    print(json.dumps({"read_only": store.read_only, "steps": int(counts["steps"]),
                      "save_errors": list(saved.errors.values()), "saved": saved.saved,
                      "sign_in": sign_in, "pages": pages}))
    """
)
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER = 1, 2, 3
PR_CAPBSET_DROP = 24


def without_file_rights() -> None:
    """For a child run as root: drop the capabilities that let root ignore file modes, so a
    read-only file is read-only to it too (no mount, no other user needed)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def test_a_read_only_file_is_shown_and_refuses_saves_with_a_message(fault_db, monkeypatch):
    from mentoring_data.access import accounts
    from mentoring_data.store import database

    monkeypatch.setenv("MENTORING_ADMIN_PASSWORD", EDIT_ADMIN_PASSWORD)
    accounts.ensure_admin(database.open_store(fault_db))  # as the app's first start
    database.close_store(fault_db)
    folder = fault_db.parent
    before = sha256(fault_db)
    fault_db.chmod(0o444)
    folder.chmod(0o555)
    try:
        answer = subprocess.run(
            [sys.executable, "-c", READ_ONLY_VISIT],
            cwd=PROJECT_DIR,
            env={**child_env(fault_db), "MENTORING_ADMIN_PASSWORD": EDIT_ADMIN_PASSWORD},
            capture_output=True,
            text=True,
            timeout=180,
            preexec_fn=without_file_rights if os.geteuid() == 0 else None,
        )
    finally:
        folder.chmod(0o755)
        fault_db.chmod(0o644)
    assert answer.returncode == 0, answer.stderr[-3000:]
    seen = json.loads(answer.stdout.splitlines()[-1])
    assert seen["read_only"] is True
    assert seen["steps"] > 0
    assert seen["saved"] == []
    assert seen["save_errors"][0].startswith("Nothing was saved: the disk refused")
    assert "read-only" in seen["save_errors"][0]
    assert seen["sign_in"].startswith("Nothing was saved")
    for page, drawn in seen["pages"].items():
        assert drawn["exceptions"] == [], (page, drawn)
        assert t("store.read_only_banner") in drawn["warnings"], (page, drawn)
        assert drawn["titles"], page  # the page itself is drawn below the banner
    assert sha256(fault_db) == before


# --- a truncated file -------------------------------------------------------------------


@pytest.fixture
def truncated_db(fault_db) -> Path:
    from mentoring_data.store import database

    database.open_store(fault_db)  # migrated and checkpointed on close, as after a run
    database.close_store(fault_db)
    size = fault_db.stat().st_size
    os.truncate(fault_db, size // 2)
    return fault_db


def test_the_command_line_names_a_truncated_file_and_what_to_do(truncated_db, run_cli):
    before = sha256(truncated_db)
    done = run_cli("stats", db=truncated_db)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith(f"error: The database file {truncated_db} cannot be read")
    assert "python -m mentoring_data restore" in line
    assert sha256(truncated_db) == before


def test_the_app_shows_a_message_for_a_truncated_file(truncated_db, page_db, run_page):
    shutil.copyfile(truncated_db, page_db)
    before = sha256(page_db)
    for page in ("app.py", "pages/pairs.py", "pages/manage.py"):
        at = run_page(page)
        assert not at.exception, [e.message for e in at.exception]
        errors = [e.value for e in at.error]
        assert errors and "cannot be read" in errors[0], (page, errors)
        assert "restore" in errors[0]
    assert sha256(page_db) == before
