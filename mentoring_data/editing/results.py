"""What a change in the app answers: saved, refused field by field, or in conflict."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from pydantic import ValidationError

from mentoring_data.access.accounts import NotAllowed, User
from mentoring_data.format.validation import field_message
from mentoring_data.messages import t
from mentoring_data.store import database

MAX_TEXT = 5000  # characters in one text field: a 10 MB paste is refused, not stored


@dataclass(frozen=True)
class Edit:
    """New values for some fields of one record, as the editor saw it (its version)."""

    record_id: str
    version: int
    changes: dict  # file-format field name -> new value (None clears an optional field)
    position: int | None = None  # steps only: a new place in the plan


@dataclass(frozen=True)
class Conflict:
    record_id: str
    changed_by: str | None
    changed_at: dt.datetime | None
    comment: str | None
    current: dict  # the record as it is now, in file-format fields
    version: int | None = None  # its version now: re-applying an edit uses this one


@dataclass
class SaveResult:
    group: str | None = None
    saved: list[str] = field(default_factory=list)
    errors: dict[tuple[str, str], str] = field(default_factory=dict)  # (record, field) -> why
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.conflicts


class Refused(Exception):
    """Raised inside a transaction to roll it back; the result says why."""


def require_signed_in(user: User | None) -> None:
    if user is None:
        raise NotAllowed(t("problem.sign_in_to_edit"))


def too_long_field(changes: dict) -> str | None:
    for name, value in changes.items():
        text = json.dumps(value, ensure_ascii=False, default=str) if value is not None else ""
        if len(text) > MAX_TEXT:
            return name
    return None


def field_problem(changes: dict) -> tuple[str, str] | None:
    """The first field that cannot be stored as given, and why: too long, or holding a lone
    surrogate (half of a character, from a broken paste), which is no text in UTF-8."""
    long_field = too_long_field(changes)
    if long_field:
        return long_field, t("problem.too_long", limit=str(MAX_TEXT))
    for name, value in changes.items():
        text = json.dumps(value, ensure_ascii=False, default=str)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return str(name), t("form.unstorable_text")
    return None


def field_errors(record_id: str, err: ValidationError) -> dict[tuple[str, str], str]:
    errors = {}
    for error in err.errors():
        name = str(error["loc"][0]) if error["loc"] else "record"
        errors.setdefault((record_id, name), field_message(error))
    return errors


def refused_when_the_disk_refuses(write: Callable[..., SaveResult]) -> Callable[..., SaveResult]:
    """A disk that will not take the write (read-only, full) gives a clean refusal like any
    other: the transaction kept nothing, and the page shows why next to the form."""

    @functools.wraps(write)
    def guarded(*args: object, **kwargs: object) -> SaveResult:
        try:
            return write(*args, **kwargs)
        except database.CannotWrite as refused:
            return SaveResult(errors={("database", "database"): str(refused)})

    return guarded
