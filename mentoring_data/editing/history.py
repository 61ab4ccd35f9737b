"""Every change is recorded: who, when, which field, old and new value, and why."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable

import pandas as pd

from mentoring_data.access.accounts import User
from mentoring_data.editing.results import Conflict, Refused, SaveResult
from mentoring_data.format.record_kinds import RecordKind
from mentoring_data.programme_files.exporting import plain_records
from mentoring_data.store import database


def all_or_nothing(
    target: database.Store,
    result: SaveResult,
    write_each: Callable[[database.Writer, list[dict]], None],
) -> bool:
    """Run the writes of one save and its history rows in one transaction, kept only when
    every record of it was saved (`result` then has no error or conflict)."""
    try:
        with target.writing() as writer:
            history: list[dict] = []
            write_each(writer, history)
            if not result.ok:
                raise Refused
            writer.insert_frame("insert_changes", pd.DataFrame(history, dtype=object))
    except Refused:
        result.saved.clear()
        return False
    return True


def pair_of(stored: dict) -> str | None:
    """The pair whose editors may change this record (its own id for a pair record; the
    read queries give every record a pair_id column, None for programme-wide ones)."""
    return stored["pair_id"]


def new_group() -> str:
    return uuid.uuid4().hex


def json_value(value: object) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, default=str)


def read_one(
    writer: database.Writer, kind: RecordKind, programme_id: str, record_id: str
) -> dict | None:
    if not is_storable(record_id):
        return None  # no stored record has an id that is no text
    rows = plain_records(writer.read(kind.read_query, programme_id=programme_id, id=record_id))
    return rows[0] if rows else None


def conflict_with(
    writer: database.Writer,
    kind: RecordKind,
    programme_id: str,
    record_id: str,
    current: dict | None,
) -> Conflict:
    last = writer.run(
        "last_change_of_record",
        programme_id=programme_id,
        table_name=kind.table,
        record_id=record_id,
    )
    who, when, comment = last[0] if last else (None, None, None)
    return Conflict(
        record_id,
        who,
        when,
        comment,
        kind.document(current) if current else {},
        current["version"] if current else None,
    )


def history_rows(
    group: str,
    user: User,
    programme_id: str,
    table: str,
    record_id: str,
    action: str,
    before: dict,
    after: dict,
    comment: str | None,
    reverts: str | None = None,
) -> list[dict]:
    def row(name: str | None, old: object, new: object) -> dict:
        return {
            "change_group": group,
            "username": user.username,
            "programme_id": programme_id,
            "table_name": table,
            "record_id": record_id,
            "action": action,
            "field": name,
            "old_value": json_value(old),
            "new_value": json_value(new),
            "comment": storable(comment),
            "reverts_group": reverts,
        }

    if action in ("insert", "delete"):  # one row holding the whole record
        return [row(None, before or None, after or None)]
    return [
        row(name, before.get(name), after.get(name))
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    ]


def is_storable(text: object) -> bool:
    """False for text holding a lone surrogate, which UTF-8 (and so DuckDB) cannot hold."""
    try:
        str(text).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def storable(text: str | None) -> str | None:
    """A comment as it can be stored: a lone surrogate (half a character) becomes U+FFFD."""
    if text is None:
        return None
    return "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in str(text))


def document_values(document: dict) -> dict:
    """File-format values with dates as text, as history keeps them."""
    return json.loads(json.dumps(document, ensure_ascii=False, default=str))
