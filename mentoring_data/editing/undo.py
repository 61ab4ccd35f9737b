"""Undoing one save at a time, if nobody has changed the records since."""

from __future__ import annotations

import datetime as dt
import json

from mentoring_data.access.accounts import User, require_editor
from mentoring_data.editing.history import (
    all_or_nothing,
    conflict_with,
    document_values,
    history_rows,
    is_storable,
    new_group,
    pair_of,
    read_one,
)
from mentoring_data.editing.kinds import KINDS, RecordKind, insert, replace_record, row_of
from mentoring_data.editing.results import (
    Conflict,
    SaveResult,
    refused_when_the_disk_refuses,
    require_signed_in,
)
from mentoring_data.programme_files.exporting import (
    plain_records,
)
from mentoring_data.store import database


@refused_when_the_disk_refuses
def revert_group(
    target: database.Store, user: User | None, group: str, comment: str | None = None
) -> SaveResult:
    """Undo one save: put back what it changed, if nobody has changed it since."""
    if not is_storable(group):
        return SaveResult(errors={("change", "change"): "there is no such change"})
    changes = plain_records(target.read("changes_in_group", change_group=group))
    if not changes:
        return SaveResult(errors={(group, "change"): "there is no such change"})
    if target.rows("group_is_reverted", change_group=group)[0][0]:
        return SaveResult(errors={(group, "change"): "this change was already undone"})
    programme_id, table = changes[0]["programme_id"], changes[0]["table_name"]
    if table not in KINDS:  # indicator values, cities, organisations
        return SaveResult(
            errors={
                (group, "change"): "this kind of addition is undone by an "
                "admin restoring a snapshot or "
                "re-importing the programme's file"
            }
        )
    result = SaveResult(group=new_group())
    records: dict[str, list[dict]] = {}
    for change in changes:
        records.setdefault(change["record_id"], []).append(change)

    def write_each(writer: database.Writer, history: list[dict]) -> None:
        for record_id, rows in records.items():
            _revert_record(
                writer,
                KINDS[table],
                user,
                programme_id,
                record_id,
                rows,
                group,
                comment,
                result,
                history,
            )

    all_or_nothing(target, result, write_each)
    return result


def _revert_record(
    writer: database.Writer,
    kind: RecordKind,
    user: User | None,
    programme_id: str,
    record_id: str,
    rows: list[dict],
    group: str,
    comment: str | None,
    result: SaveResult,
    history: list,
) -> None:
    require_signed_in(user)
    action = rows[0]["action"]
    stored = read_one(writer, kind, programme_id, record_id)
    if action == "insert":
        if stored is None:
            return
        require_editor(user, programme_id, pair_of(stored))
        writer.run(
            kind.delete_query, programme_id=programme_id, id=record_id, version=stored["version"]
        )
        history += history_rows(
            result.group,
            user,
            programme_id,
            kind.table,
            record_id,
            "delete",
            document_values(kind.document(stored)),
            {},
            comment,
            reverts=group,
        )
    elif action == "delete":
        if stored is not None:
            result.conflicts.append(conflict_with(writer, kind, programme_id, record_id, stored))
            return
        old = json.loads(rows[0]["old_value"])
        row, scope_pair = old.pop("_row"), old.pop("_pair")
        require_editor(user, programme_id, scope_pair)
        insert(writer, kind.table, _typed_row(row))
        history += history_rows(
            result.group,
            user,
            programme_id,
            kind.table,
            record_id,
            "insert",
            {},
            old,
            comment,
            reverts=group,
        )
    else:
        if stored is None:
            result.conflicts.append(Conflict(record_id, None, None, None, {}))
            return
        now = document_values(kind.document(stored))
        restore = {}
        for change in rows:
            name = change["field"]
            new = json.loads(change["new_value"]) if change["new_value"] else None
            if name == "position":
                continue
            if now.get(name) != new:  # changed again since: undo would lose that change
                result.conflicts.append(
                    conflict_with(writer, kind, programme_id, record_id, stored)
                )
                return
            restore[name] = json.loads(change["old_value"]) if change["old_value"] else None
        before = kind.document(stored)
        document = {k: v for k, v in {**before, **restore}.items() if v not in (None, "", [])}
        model = kind.model.model_validate(document)
        row = row_of(kind, programme_id, stored, model)
        require_editor(user, programme_id, pair_of(stored))
        replace_record(writer, kind, stored, row, stored["version"])
        history += history_rows(
            result.group,
            user,
            programme_id,
            kind.table,
            record_id,
            "revert",
            now,
            document_values(kind.document({**stored, **row})),
            comment,
            reverts=group,
        )
    result.saved.append(record_id)


def _typed_row(row: dict) -> dict:
    """A stored row from history JSON with its dates as dates again."""
    typed = {}
    for name, value in row.items():
        if isinstance(value, str) and (name.endswith("_date") or name == "value_date"):
            typed[name] = dt.date.fromisoformat(value[:10])
        else:
            typed[name] = value
    return typed
