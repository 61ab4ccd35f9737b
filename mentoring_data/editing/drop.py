"""Dropping a record, if nobody changed it since it was read; undo brings it back."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from mentoring_data.access.accounts import User, require_editor
from mentoring_data.editing.history import (
    conflict_with,
    document_values,
    history_rows,
    new_group,
    pair_of,
    read_one,
)
from mentoring_data.editing.kinds import KINDS
from mentoring_data.editing.results import (
    Conflict,
    SaveResult,
    refused_when_the_disk_refuses,
    require_signed_in,
)
from mentoring_data.store import database


@refused_when_the_disk_refuses
def delete_record(
    target: database.Store,
    user: User | None,
    table: str,
    programme_id: str,
    record_id: str,
    version: int,
    comment: str | None = None,
) -> SaveResult:
    """Drop one record, if nobody changed it since it was read; undo brings it back."""
    kind = KINDS[table]
    result = SaveResult(group=new_group())
    require_signed_in(user)
    with target.writing() as writer:
        stored = read_one(writer, kind, programme_id, record_id)
        if stored is None:
            result.conflicts.append(Conflict(record_id, None, None, None, {}))
            return result
        require_editor(user, programme_id, pair_of(stored))
        if stored["version"] != version or not writer.run(
            kind.delete_query, programme_id=programme_id, id=record_id, version=version
        ):
            result.conflicts.append(conflict_with(writer, kind, programme_id, record_id, stored))
            return result
        before = {
            **document_values(kind.document(stored)),
            "_row": _row_values(table, stored),
            "_pair": pair_of(stored),
        }
        history = history_rows(
            result.group, user, programme_id, table, record_id, "delete", before, {}, comment
        )
        writer.insert_frame("insert_changes", pd.DataFrame(history, dtype=object))
    result.saved.append(record_id)
    return result


def _row_values(table: str, stored: dict) -> dict:
    """The stored row itself, kept with a deletion so that undo restores it exactly (without
    the pair_id that the read query adds to steps and pairs)."""
    added = {"pair_id"} if table in ("steps", "pairs") else set()
    return {
        k: (v.isoformat() if isinstance(v, dt.date | dt.datetime) else v)
        for k, v in stored.items()
        if k not in added
    }
