"""The record kinds the app edits one at a time, and the two writes every edit is made of."""

from __future__ import annotations

import pandas as pd

from mentoring_data.format.record_kinds import BY_TABLE, EDITABLE, HISTORY_KINDS, RecordKind
from mentoring_data.programme_files.exporting import plain_records
from mentoring_data.startup import current_store
from mentoring_data.store import database

KINDS = EDITABLE
# what the history calls each kind of record it holds, in the order its filter lists them
HISTORY_TABLES = tuple(kind.history_table for kind in HISTORY_KINDS)


def row_of(kind: RecordKind, programme_id: str, stored: dict, model: object) -> dict:
    """The row a validated record becomes, where the stored one sits (its plan, position)."""
    return kind.row(programme_id, model, **{name: stored[name] for name in kind.context})


def replace_record(
    writer: database.Writer, kind: RecordKind, stored: dict, row: dict, version: int
) -> bool:
    """Write a record's new row if it is still at `version`: the old row is removed (checked
    against its version) and the new one inserted with the next version. False when someone
    else's change came first. Every column comes from the row, so a field added to the kind
    needs no query of its own."""
    removed = writer.run(
        kind.delete_query, programme_id=stored["programme_id"], id=stored["id"], version=version
    )
    if not removed:
        return False
    insert(writer, kind.table, {**row, "version": version + 1})
    return True


def insert(writer: database.Writer, table: str, row: dict) -> None:
    writer.insert_frame(BY_TABLE[table].insert_query, pd.DataFrame([row], dtype=object))


def record_for_edit(table: str, programme_id: str, record_id: str) -> tuple[dict, int] | None:
    """A record as the file format writes it, with its version; never cached (forms must see
    the latest version)."""
    kind = KINDS[table]
    rows = plain_records(
        current_store().read(kind.read_query, programme_id=programme_id, id=record_id)
    )
    if not rows:
        return None
    return kind.document(rows[0]), int(rows[0]["version"])
