"""Accounts: argon2 hashes, sign-in and its lock, the first admin, `user add` on the command line.

Real argon2 and a real DuckDB file per test (fixtures in conftest.py, "editing fixtures"); the
command line runs as a subprocess on a database file this process has not opened (DuckDB
locks the file against other processes).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest
from argon2 import PasswordHasher

from mentoring_data.access import accounts
from mentoring_data.access.accounts import SignInFailed
from mentoring_data.store import database
from tests.conftest import EDIT_ADMIN_PASSWORD, EDITOR_PASSWORD, PROJECT_DIR

NOW = dt.datetime(2026, 3, 2, 9, 0)


def stored_user(target, username: str) -> tuple | None:
    rows = target.rows("user_by_name", username=username)
    return rows[0] if rows else None


# --- hashes ----------------------------------------------------------------------------------


def test_the_password_is_stored_as_an_argon2_hash(edit_store):
    accounts.add_user(edit_store, accounts.COMMAND_LINE, "carla", "editor", EDITOR_PASSWORD)
    name, password_hash, role, email, failed, locked_until = stored_user(edit_store, "carla")
    assert (name, role, email, failed, locked_until) == ("carla", "editor", None, 0, None)
    assert password_hash.startswith("$argon2id$")
    assert EDITOR_PASSWORD not in password_hash
    assert PasswordHasher().verify(password_hash, EDITOR_PASSWORD)
    # two accounts with one password get different hashes (salted)
    accounts.add_user(edit_store, accounts.COMMAND_LINE, "dario", "editor", EDITOR_PASSWORD)
    assert stored_user(edit_store, "dario")[1] != password_hash


def test_a_short_password_is_refused(edit_store):
    with pytest.raises(ValueError, match="at least 10"):
        accounts.add_user(edit_store, accounts.COMMAND_LINE, "carla", "editor", "short")
    assert stored_user(edit_store, "carla") is None


def test_a_second_account_with_the_same_name_is_refused(edit_store):
    accounts.add_user(edit_store, accounts.COMMAND_LINE, "carla", "editor", EDITOR_PASSWORD)
    with pytest.raises(ValueError, match="already"):
        accounts.add_user(edit_store, accounts.COMMAND_LINE, "carla", "admin", "another-password")
    assert stored_user(edit_store, "carla")[2] == "editor"


# --- signing in ------------------------------------------------------------------------------


def test_sign_in_with_the_right_password(edit_store, make_account):
    make_account("carla", "editor", scopes=[("inclucities", "mechelen-capaci")])
    user = accounts.sign_in(edit_store, "carla", EDITOR_PASSWORD, now=NOW)
    assert user == accounts.User("carla", "editor", (("inclucities", "mechelen-capaci"),))
    assert user.may_edit("inclucities", "mechelen-capaci")
    assert not user.may_edit("inclucities", "schaerbeek-jelgava")


def test_sign_in_with_a_wrong_password_fails_and_is_counted(edit_store, make_account):
    make_account("carla", "editor")
    with pytest.raises(SignInFailed, match="wrong name or password"):
        accounts.sign_in(edit_store, "carla", EDITOR_PASSWORD + "x", now=NOW)
    assert stored_user(edit_store, "carla")[4] == 1
    # a right password resets the count
    accounts.sign_in(edit_store, "carla", EDITOR_PASSWORD, now=NOW)
    assert stored_user(edit_store, "carla")[4] == 0


def test_an_unknown_user_gets_the_same_message_as_a_wrong_password(edit_store, make_account):
    make_account("carla", "editor")
    with pytest.raises(SignInFailed) as wrong_password:
        accounts.sign_in(edit_store, "carla", "not-the-password", now=NOW)
    with pytest.raises(SignInFailed) as unknown_user:
        accounts.sign_in(edit_store, "nobody-here", "not-the-password", now=NOW)
    assert str(unknown_user.value) == str(wrong_password.value)


def test_five_failures_lock_the_account_even_for_the_right_password(edit_store, make_account):
    make_account("carla", "editor")
    assert accounts.MAX_FAILED_SIGN_INS == 5
    for attempt in range(5):
        with pytest.raises(SignInFailed, match="wrong name or password"):
            accounts.sign_in(edit_store, "carla", f"wrong-{attempt}", now=NOW)
    with pytest.raises(SignInFailed) as locked:
        accounts.sign_in(
            edit_store, "carla", EDITOR_PASSWORD, now=NOW + dt.timedelta(minutes=1, seconds=30)
        )
    message = str(locked.value)
    assert "try again in" in message and "minute" in message
    assert "wrong name or password" not in message
    assert f"{accounts.LOCK_MINUTES - 1} minute" in message  # 13.5 minutes are left
    # after the lock, the right password works again
    later = NOW + dt.timedelta(minutes=accounts.LOCK_MINUTES, seconds=1)
    assert accounts.sign_in(edit_store, "carla", EDITOR_PASSWORD, now=later).username == "carla"


def test_four_failures_do_not_lock(edit_store, make_account):
    make_account("carla", "editor")
    for attempt in range(4):
        with pytest.raises(SignInFailed):
            accounts.sign_in(edit_store, "carla", f"wrong-{attempt}", now=NOW)
    assert accounts.sign_in(edit_store, "carla", EDITOR_PASSWORD, now=NOW).username == "carla"


def test_user_for_email_finds_the_account(edit_store, make_account):
    make_account(
        "iris", "editor", scopes=[("inclucities", None)], email="iris@example.org", password=None
    )
    assert accounts.user_for_email(edit_store, "iris@example.org") == accounts.User(
        "iris", "editor", (("inclucities", None),)
    )
    assert accounts.user_for_email(edit_store, "someone@example.org") is None
    # an account without a password cannot sign in with one
    with pytest.raises(SignInFailed, match="wrong name or password"):
        accounts.sign_in(edit_store, "iris", "", now=NOW)


# --- the first admin ---------------------------------------------------------------------------


def test_ensure_admin_uses_the_configured_password(edit_store, capsys):
    assert os.environ["MENTORING_ADMIN_PASSWORD"] == EDIT_ADMIN_PASSWORD
    assert accounts.ensure_admin(edit_store) is None
    admin = accounts.sign_in(edit_store, "admin", EDIT_ADMIN_PASSWORD)
    assert admin.role == "admin"
    assert EDIT_ADMIN_PASSWORD not in capsys.readouterr().out
    hash_before = stored_user(edit_store, "admin")[1]
    assert accounts.ensure_admin(edit_store) is None  # a second start changes nothing
    assert stored_user(edit_store, "admin")[1] == hash_before


def test_ensure_admin_without_a_password_prints_a_one_time_password_once(
    edit_store, capsys, monkeypatch
):
    monkeypatch.delenv("MENTORING_ADMIN_PASSWORD")
    generated = accounts.ensure_admin(edit_store)
    assert generated and len(generated) >= accounts.MIN_PASSWORD_LENGTH
    printed = capsys.readouterr().out
    assert printed.count(generated) == 1
    assert accounts.sign_in(edit_store, "admin", generated).role == "admin"
    assert accounts.ensure_admin(edit_store) is None
    assert capsys.readouterr().out == ""


# --- `python -m mentoring_data user add` ----------------------------------------------------


def user_add(db, *args, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mentoring_data", "--db", str(db), "user", "add", *args],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        input=stdin,
        timeout=60,
        env={**os.environ, "MENTORING_DB": str(db.parent / "unused.duckdb")},
    )


def test_cli_creates_a_scoped_editor(edit_db):
    done = user_add(edit_db, "carla", "--role", "editor", "--pair", "mechelen-capaci")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "created editor carla (may edit: inclucities/mechelen-capaci)"
    assert lines[1].startswith("one-time password: ")
    password = lines[1].removeprefix("one-time password: ")
    target = database.open_store(edit_db)
    user = accounts.sign_in(target, "carla", password)
    assert user == accounts.User("carla", "editor", (("inclucities", "mechelen-capaci"),))
    assert not (edit_db.parent / "unused.duckdb").exists()


def test_cli_refuses_an_unknown_pair(edit_db):
    done = user_add(edit_db, "carla", "--role", "editor", "--pair", "nope")
    assert done.returncode == 1
    assert "--pair nope" in done.stderr
    assert done.stdout == ""
    assert database.open_store(edit_db).rows("user_by_name", username="carla") == []


def test_cli_refuses_an_unknown_programme(edit_db):
    done = user_add(edit_db, "carla", "--role", "editor", "--programme", "nope")
    assert done.returncode == 1
    assert "--programme nope" in done.stderr
    assert database.open_store(edit_db).rows("user_by_name", username="carla") == []


def test_cli_reads_the_password_from_stdin(edit_db):
    done = user_add(
        edit_db,
        "dario",
        "--role",
        "editor",
        "--programme",
        "inclucities",
        "--password-stdin",
        stdin=EDITOR_PASSWORD + "\n",
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["created editor dario (may edit: inclucities)"]
    assert EDITOR_PASSWORD not in done.stdout + done.stderr
    user = accounts.sign_in(database.open_store(edit_db), "dario", EDITOR_PASSWORD)
    assert user.scopes == (("inclucities", None),)


def test_cli_refuses_a_short_password_from_stdin(edit_db):
    done = user_add(edit_db, "dario", "--role", "editor", "--password-stdin", stdin="short\n")
    assert done.returncode == 1
    assert "at least 10" in done.stderr
    assert database.open_store(edit_db).rows("user_by_name", username="dario") == []


def test_cli_account_with_email_signs_in_through_the_provider(edit_db):
    done = user_add(edit_db, "iris", "--role", "admin", "--email", "iris@example.org")
    assert done.returncode == 0, done.stderr
    assert "one-time password" not in done.stdout
    target = database.open_store(edit_db)
    assert accounts.user_for_email(target, "iris@example.org").role == "admin"
    assert stored_user(target, "iris")[1] is None  # no password at all


def test_nobody_signed_in_may_not_manage_accounts(edit_store):
    """None is nobody: only the signed-in admin or the server's command line may manage."""
    with pytest.raises(accounts.NotAllowed):
        accounts.add_user(edit_store, None, "eve", "admin", "eve-password-1")
    with pytest.raises(accounts.NotAllowed):
        accounts.set_scopes(edit_store, None, "admin", "viewer", [])
    with pytest.raises(accounts.NotAllowed):
        accounts.set_password(edit_store, None, "admin", "taken-over-1")
    assert edit_store.rows("user_by_name", username="eve") == []
