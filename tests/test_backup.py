"""Backing up the whole database while it is in use, and restoring a backup.

Real DuckDB files, the command line as a subprocess, the Admin and History pages under
AppTest, and a second process holding the file where the dashboard would.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

from mentoring_data import editing
from mentoring_data.access.accounts import COMMAND_LINE as ADMIN
from mentoring_data.editing import Edit
from mentoring_data.messages import t
from mentoring_data.programme_files import backups
from mentoring_data.store import database
from tests.conftest import EDIT_ADMIN_PASSWORD, PROJECT_DIR
from tests.test_editing_pages import assert_ran, open_page, sign_in

PROGRAMME = "inclucities"
STEP = "capaci-define-target-group"


@pytest.fixture
def stopped_db(tmp_path: Path, shipped_db_template: Path) -> Path:
    """A database file that no process holds, as when the dashboard is stopped."""
    path = tmp_path / "mentoring.duckdb"
    shutil.copyfile(shipped_db_template, path)
    return path


def save_owner(path: Path, owner: str, comment: str | None = None) -> None:
    store = database.open_store(path)
    current = int(store.read("step_record", programme_id=PROGRAMME, id=STEP)["version"][0])
    result = editing.save_edits(
        store, ADMIN, "steps", PROGRAMME, [Edit(STEP, current, {"owner": owner})], comment
    )
    assert result.ok, result
    database.close_store(path)


def stored_owner(path: Path) -> str | None:
    database.close_store(path)
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute(
            "select owner from steps where programme_id = $p and id = $i",
            {"p": PROGRAMME, "i": STEP},
        ).fetchone()[0]


def history(path: Path) -> list[dict]:
    database.close_store(path)
    with duckdb.connect(str(path), read_only=True) as connection:
        cursor = connection.execute("select * from changes order by id")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


HOLDER = textwrap.dedent(
    """
    import sys
    from mentoring_data.store import database
    database.open_store(sys.argv[1])
    print("holding", flush=True)
    sys.stdin.readline()
    """
)


@contextmanager
def held_by_another_process(path: Path):
    """A second process holds the file open, as the running dashboard does."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        cwd=PROJECT_DIR,
        env={**os.environ, "PYTHONPATH": str(PROJECT_DIR)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        yield holder
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


# --- taking a backup --------------------------------------------------------------------


def test_backup_command_copies_every_table(stopped_db, run_cli, table_contents, tmp_path):
    out = tmp_path / "copy.duckdb"
    done = run_cli("backup", out, db=stopped_db)
    assert done.returncode == 0, done.stderr
    assert str(out) in done.stderr
    original, copy = table_contents(stopped_db), table_contents(out)
    assert original.keys() == copy.keys()
    for table in original:
        if table != "changes":
            assert original[table] == copy[table], table
    # the backup is recorded in the database's history, after the copy was written
    (recorded,) = [row for row in history(stopped_db) if row["action"] == "backup"]
    assert recorded["record_id"] == out.name
    assert history(out) == []


def test_backup_never_overwrites_a_file(stopped_db, tmp_path):
    out = tmp_path / "taken.duckdb"
    out.write_bytes(b"an older backup")
    with pytest.raises(backups.BackupRefused, match="already exists"):
        backups.take_backup(database.open_store(stopped_db), ADMIN, out)
    with pytest.raises(backups.BackupRefused, match="is the database itself"):
        backups.take_backup(database.open_store(stopped_db), ADMIN, stopped_db)
    database.close_store(stopped_db)
    assert out.read_bytes() == b"an older backup"


def test_while_another_process_holds_the_file_backup_and_restore_say_so(
    stopped_db, run_cli, tmp_path, directory_state
):
    out = tmp_path / "copy.duckdb"
    earlier = backups.take_backup(database.open_store(stopped_db), ADMIN, tmp_path / "old.duckdb")
    database.close_store(stopped_db)
    with held_by_another_process(stopped_db):
        before = directory_state(stopped_db.parent)
        backed_up, restored = run_cli.many(
            [
                {"args": ["backup", out], "db": stopped_db},
                {"args": ["restore", earlier, "--yes"], "db": stopped_db},
            ]
        )
        assert directory_state(stopped_db.parent) == before
    for done in (backed_up, restored):
        assert done.returncode == 1
        assert "in use by another process" in done.stderr
        assert t("backup.app_running") in done.stderr
        assert "Traceback" not in done.stderr
    assert not out.exists()


def test_a_backup_taken_while_saves_run_is_consistent(stopped_db, tmp_path):
    """The app's own process takes the backup while another session keeps saving: each copy
    opens, and in each the step's version matches the history it holds."""
    store = database.open_store(stopped_db)
    stop = threading.Event()
    saved = []

    def keep_saving() -> None:
        n = 0
        while not stop.is_set():
            frame = store.read("step_record", programme_id=PROGRAMME, id=STEP)
            result = editing.save_edits(
                store,
                ADMIN,
                "steps",
                PROGRAMME,
                [Edit(STEP, int(frame["version"][0]), {"owner": f"owner {n}"})],
            )
            saved.append(result.ok)
            n += 1

    saver = threading.Thread(target=keep_saving)
    saver.start()
    try:
        copies = []
        for k in range(4):
            while len(saved) < 5 * (k + 1):
                stop.wait(0.01)
            copies.append(backups.take_backup(store, ADMIN))
    finally:
        stop.set()
        saver.join(timeout=30)
    database.close_store(stopped_db)
    assert all(saved)
    versions = []
    for copy in copies:
        with duckdb.connect(str(copy), read_only=True) as connection:
            version, owner = connection.execute(
                "select version, owner from steps where id = $i", {"i": STEP}
            ).fetchone()
            updates = connection.execute(
                "select new_value::varchar from changes where record_id = $i and field = 'owner' "
                "order by id",
                {"i": STEP},
            ).fetchall()
        assert version == 1 + len(updates)
        assert json.loads(updates[-1][0]) == owner
        versions.append(version)
    assert versions == sorted(versions) and len(set(versions)) == len(versions)
    print(f"\n{len(saved)} saves during 4 backups; versions in the backups: {versions}")


def test_the_admin_page_takes_a_backup_while_the_app_runs(app_session, edit_store):
    at = sign_in(app_session(), "admin", EDIT_ADMIN_PASSWORD)
    at = open_page(at, "pages/admin.py")
    assert t("admin.no_backups") in [i.value for i in at.info]
    at.button(key="backup_now").click().run()
    assert_ran(at)
    (written,) = sorted(backups.backup_folder(edit_store).glob("*.duckdb"))
    assert any(str(written) in s.value for s in at.success)
    assert [d for d in at.get("download_button")]
    rows = edit_store.read("changes", programme_id="*", username=None, table_name=None, max_rows=10)
    assert list(rows["action"]) == ["backup"]
    with duckdb.connect(str(written), read_only=True) as connection:
        assert connection.execute("select count(*) from users").fetchone()[0] >= 1


# --- restoring --------------------------------------------------------------------------


@pytest.fixture
def backup_then_changes(stopped_db, tmp_path):
    """A backup, then two saves made after it; returns the backup's path."""
    save_owner(stopped_db, "before the backup")
    out = backups.take_backup(database.open_store(stopped_db), ADMIN, tmp_path / "backup.duckdb")
    save_owner(stopped_db, "after the backup, first", "first later change")
    save_owner(stopped_db, "after the backup, second")
    return out


def test_restore_warns_of_the_later_changes_and_without_yes_changes_nothing(
    stopped_db, backup_then_changes, run_cli, directory_state
):
    before = directory_state(stopped_db.parent)
    done = run_cli("restore", backup_then_changes, db=stopped_db)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines[0] == t(
        "backup.lost_changes", backup=backup_then_changes, target=stopped_db, count=2
    )
    assert sum(STEP in line for line in lines) == 2  # each lost change is named
    assert lines[-1] == t("backup.confirm")
    assert directory_state(stopped_db.parent) == before


def test_restore_with_yes_puts_the_backup_back_keeps_the_file_aside_and_records_it(
    stopped_db, backup_then_changes, run_cli, run_page, page_db
):
    later = history(stopped_db)
    done = run_cli("restore", backup_then_changes, "--yes", db=stopped_db)
    assert done.returncode == 0, done.stderr
    assert stored_owner(stopped_db) == "before the backup"
    (aside,) = stopped_db.parent.glob("mentoring-replaced-*.duckdb")
    assert stored_owner(aside) == "after the backup, second"  # nothing is thrown away
    assert history(aside) == later
    restored = history(stopped_db)
    last = restored[-1]
    assert (last["action"], last["table_name"], last["record_id"]) == (
        "restore_backup",
        "database",
        backup_then_changes.name,
    )
    value = json.loads(last["new_value"])
    assert value["lost_changes"] == 2 and value["replaced_file_kept_as"] == str(aside)
    # the History page lists the restore
    shutil.copyfile(stopped_db, page_db)
    at = run_page("pages/history.py")
    assert_ran(at)
    shown = " ".join(m.value for m in at.markdown)
    assert t("record_kind.database") in shown and backup_then_changes.name in shown


def test_restore_refuses_a_truncated_backup(stopped_db, backup_then_changes, directory_state):
    os.truncate(backup_then_changes, backup_then_changes.stat().st_size // 2)
    before = directory_state(stopped_db.parent)
    with pytest.raises(backups.CannotRestore, match="is not a backup of this dashboard"):
        backups.plan_restore(stopped_db, backup_then_changes)
    assert directory_state(stopped_db.parent) == before


def test_restore_refuses_a_file_that_is_no_database(stopped_db, tmp_path):
    other = tmp_path / "notes.duckdb"
    other.write_text("not a database", encoding="utf-8")
    with pytest.raises(backups.CannotRestore, match="is not a backup"):
        backups.plan_restore(stopped_db, other)
    with pytest.raises(backups.CannotRestore, match="no such file"):
        backups.plan_restore(stopped_db, tmp_path / "missing.duckdb")


def test_restore_brings_back_a_truncated_database(stopped_db, backup_then_changes, run_cli):
    os.truncate(stopped_db, stopped_db.stat().st_size // 2)
    with pytest.raises(database.DatabaseDamaged):
        database.open_store(stopped_db)
    done = run_cli("restore", backup_then_changes, "--yes", db=stopped_db)
    assert done.returncode == 0, done.stderr
    assert "cannot be read" in done.stderr and "kept aside" in done.stderr
    assert len(database.open_store(stopped_db).rows("programme_ids")) == 5
    database.close_store(stopped_db)
    assert len(list(stopped_db.parent.glob("mentoring-replaced-*.duckdb"))) == 1
