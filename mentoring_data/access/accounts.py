"""Accounts, sign-in and roles.

Viewers need no account. Editors and admins sign in with a password hashed by argon2, or
through an identity provider (the account is then found by e-mail). Repeated failed sign-ins
lock an account for a while. Every write function asks `require_editor` or `require_admin`
itself: hiding a button is not security.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import secrets
import threading
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from mentoring_data import settings
from mentoring_data.messages import t
from mentoring_data.store import database

ROLES = ("viewer", "editor", "admin")
MAX_FAILED_SIGN_INS = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 10
_hasher = PasswordHasher()


class NotAllowed(Exception):
    """The signed-in user (or nobody) may not make this change."""


class SignInFailed(Exception):
    pass


@dataclass(frozen=True)
class User:
    username: str
    role: str
    scopes: tuple[tuple[str, str | None], ...] = field(default_factory=tuple)

    def may_edit(self, programme_id: str, pair_id: str | None = None) -> bool:
        if self.role == "admin":
            return True
        if self.role != "editor":
            return False
        for scope_programme, scope_pair in self.scopes:
            if scope_programme != programme_id:
                continue
            if scope_pair is None or scope_pair == pair_id:
                return True
        return False

    def may_edit_programme(self, programme_id: str) -> bool:
        """True if the user may edit at least something in the programme."""
        return self.role == "admin" or any(p == programme_id for p, _ in self.scopes)

    @property
    def can_edit_anything(self) -> bool:
        return self.role == "admin" or (self.role == "editor" and bool(self.scopes))


# Who acts when the server's own command line (or the first start) manages accounts: someone
# with access to the machine, so an admin. Pages always pass the signed-in user, and None
# (nobody signed in) is refused by every write function.
COMMAND_LINE = User("command line", "admin")


def require_editor(user: User | None, programme_id: str, pair_id: str | None = None) -> User:
    if user is None:
        raise NotAllowed(t("problem.sign_in_to_edit"))
    if not user.may_edit(programme_id, pair_id):
        if pair_id:
            raise NotAllowed(
                t(
                    "problem.may_not_change_pair",
                    user=user.username,
                    pair=repr(pair_id),
                    programme=repr(programme_id),
                )
            )
        raise NotAllowed(
            t("problem.may_not_change_programme", user=user.username, programme=repr(programme_id))
        )
    return user


def require_admin(user: User | None) -> User:
    if user is None or user.role != "admin":
        raise NotAllowed(t("problem.admin_only"))
    return user


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(t("problem.password_too_short", count=MIN_PASSWORD_LENGTH))
    return _hasher.hash(password)


def _load_user(target: database.Store, username: str) -> User:
    scopes = tuple((p, s) for p, s in target.rows("user_scopes_of", username=username))
    (row,) = target.rows("user_by_name", username=username)
    return User(username=row[0], role=row[2], scopes=scopes)


# Failed sign-ins under names that have no account, counted in this process as the users
# table counts them for real accounts: a name that locks after five tries gives away nothing.
_unknown_name_failures: dict[str, tuple[int, dt.datetime | None]] = {}
_unknown_name_lock = threading.Lock()


def _locked_message(locked_until: dt.datetime, now: dt.datetime) -> str:
    minutes = max(1, int((locked_until - now).total_seconds() // 60) + 1)
    return t("problem.too_many_attempts", minutes=minutes)


def _refuse_unknown_name(name: str, password: str, now: dt.datetime) -> None:
    _hasher.hash(password or "-")  # same cost as a real check: no timing hint
    with _unknown_name_lock:
        failed, locked_until = _unknown_name_failures.get(name, (0, None))
        if locked_until is not None and locked_until > now:
            raise SignInFailed(_locked_message(locked_until, now))
        if len(_unknown_name_failures) > 10_000:  # many made-up names: keep only the locks
            for other in [k for k, (_, until) in _unknown_name_failures.items() if not until]:
                del _unknown_name_failures[other]
        failed += 1
        if failed >= MAX_FAILED_SIGN_INS:
            locked_until = now + dt.timedelta(minutes=LOCK_MINUTES)
        _unknown_name_failures[name] = (failed, locked_until)
    raise SignInFailed(t("problem.wrong_password"))


def sign_in(
    target: database.Store, username: str, password: str, now: dt.datetime | None = None
) -> User:
    """The user, if the password is right and the account is not locked; else SignInFailed
    with a message that does not tell whether the account exists."""
    now = now or dt.datetime.now()
    rows = target.rows("user_by_name", username=username.strip())
    if not rows:
        _refuse_unknown_name(username.strip(), password, now)
    name, password_hash, role, _email, _failed, locked_until = rows[0]
    if locked_until is not None and locked_until > now:
        raise SignInFailed(_locked_message(locked_until, now))
    try:
        _hasher.verify(password_hash or "", password)
    except (VerificationError, InvalidHashError):
        with contextlib.suppress(database.CannotWrite):  # a read-only file counts nothing
            with target.writing() as writer:
                writer.run(
                    "record_failed_sign_in",
                    username=name,
                    max_attempts=MAX_FAILED_SIGN_INS,
                    lock_minutes=LOCK_MINUTES,
                    now=now,
                )
        raise SignInFailed(t("problem.wrong_password")) from None
    try:
        with target.writing() as writer:
            writer.run("reset_failed_sign_ins", username=name)
    except database.CannotWrite as refused:
        raise SignInFailed(str(refused)) from None
    return _load_user(target, name)


def user_for_email(target: database.Store, email: str) -> User | None:
    """The account an identity provider's e-mail belongs to; None means a plain viewer."""
    rows = target.rows("user_by_email", email=email)
    return _load_user(target, rows[0][0]) if rows else None


def add_user(
    target: database.Store,
    acting: User | None,
    username: str,
    role: str,
    password: str | None,
    email: str | None = None,
    scopes: list[tuple[str, str | None]] | None = None,
) -> None:
    """Create an account (admins only; the server's command line acts as COMMAND_LINE)."""
    require_admin(acting)
    username = username.strip()
    if (
        not username
        or len(username) > 64
        or not username.replace("-", "")
        .replace(".", "")
        .replace("_", "")
        .replace("@", "")
        .isalnum()
    ):
        raise ValueError(t("problem.bad_username"))
    if role not in ROLES:
        raise ValueError(t("problem.bad_role", roles=", ".join(ROLES)))
    if target.rows("user_by_name", username=username):
        raise ValueError(t("problem.account_exists", name=repr(username)))
    password_hash = hash_password(password) if password else None
    with target.writing() as writer:
        writer.run(
            "insert_user", username=username, password_hash=password_hash, role=role, email=email
        )
        for programme_id, pair_id in scopes or []:
            writer.run(
                "insert_user_scope", username=username, programme_id=programme_id, pair_id=pair_id
            )


def set_scopes(
    target: database.Store,
    acting: User | None,
    username: str,
    role: str,
    scopes: list[tuple[str, str | None]],
) -> None:
    require_admin(acting)
    if role not in ROLES:
        raise ValueError(t("problem.bad_role", roles=", ".join(ROLES)))
    with target.writing() as writer:
        writer.run("update_user_role", username=username, role=role)
        writer.run("delete_user_scopes", username=username)
        for programme_id, pair_id in scopes:
            writer.run(
                "insert_user_scope", username=username, programme_id=programme_id, pair_id=pair_id
            )


def set_password(target: database.Store, acting: User | None, username: str, password: str) -> None:
    if acting is None or acting.username != username:
        require_admin(acting)
    with target.writing() as writer:
        writer.run("update_user_password", username=username, password_hash=hash_password(password))


def ensure_admin(target: database.Store) -> str | None:
    """On first start, create `admin` with MENTORING_ADMIN_PASSWORD, or with a one-time
    password printed to the server log. Returns the generated password, if any."""
    if target.rows("admin_count")[0][0]:
        return None
    password = settings.admin_password()
    generated = None
    if not password:
        generated = password = secrets.token_urlsafe(12)
    add_user(target, COMMAND_LINE, "admin", "admin", password)
    if generated:
        # printed rather than logged: the server log is where an admin looks on first start
        print(
            f"mentoring dashboard: account 'admin' created with the one-time password "
            f"{generated} (set MENTORING_ADMIN_PASSWORD to choose it; change it after "
            "signing in)",
            flush=True,
        )
    return generated


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(
    target: database.Store, user: User, minutes: int, now: dt.datetime | None = None
) -> str:
    """A new sign-in token for the browser to keep; the database stores only its hash."""
    now = now or dt.datetime.now()
    token = secrets.token_urlsafe(32)
    with target.writing() as writer:
        writer.run(
            "insert_sign_in_session",
            token_hash=_token_hash(token),
            username=user.username,
            created_at=now,
            expires_at=now + dt.timedelta(minutes=minutes),
        )
    return token


def resume_session(
    target: database.Store, token: str, now: dt.datetime | None = None
) -> tuple[User, dt.datetime] | None:
    """The user and sign-in time of a token that has not expired."""
    rows = target.rows(
        "sign_in_session_user", token_hash=_token_hash(token), now=now or dt.datetime.now()
    )
    if not rows:
        return None
    username, created_at = rows[0]
    return _load_user(target, username), created_at


def end_session(target: database.Store, token: str | None) -> None:
    with target.writing() as writer:
        writer.run(
            "delete_sign_in_session", token_hash=_token_hash(token or ""), now=dt.datetime.now()
        )
