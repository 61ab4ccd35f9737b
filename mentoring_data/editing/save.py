"""Saving edits: every record version-checked and validated, all in one transaction or none."""

from __future__ import annotations

from pydantic import ValidationError

from mentoring_data.access.accounts import User, require_editor
from mentoring_data.editing.history import (
    all_or_nothing,
    conflict_with,
    document_values,
    history_rows,
    new_group,
    pair_of,
    read_one,
)
from mentoring_data.editing.kinds import KINDS, RecordKind, replace_record, row_of
from mentoring_data.editing.results import (
    Conflict,
    Edit,
    SaveResult,
    field_errors,
    field_problem,
    refused_when_the_disk_refuses,
    require_signed_in,
)
from mentoring_data.store import database


@refused_when_the_disk_refuses
def save_edits(
    target: database.Store,
    user: User | None,
    table: str,
    programme_id: str,
    edits: list[Edit],
    comment: str | None = None,
) -> SaveResult:
    """Apply edits to records of one kind in one transaction, or none of them."""
    kind = KINDS[table]
    result = SaveResult(group=new_group())
    require_signed_in(user)

    def write_each(writer: database.Writer, history: list[dict]) -> None:
        for edit in edits:
            _apply_edit(writer, kind, user, programme_id, edit, comment, result, history)

    try:
        all_or_nothing(target, result, write_each)
    except database.WriteConflict:
        # another save touched the same rows at the same moment: report it as a conflict
        result.saved.clear()
        with target.writing() as writer:
            for edit in edits:
                current = read_one(writer, kind, programme_id, edit.record_id)
                result.conflicts.append(
                    conflict_with(writer, kind, programme_id, edit.record_id, current)
                )
        return result
    return result


def _apply_edit(
    writer: database.Writer,
    kind: RecordKind,
    user: User,
    programme_id: str,
    edit: Edit,
    comment: str | None,
    result: SaveResult,
    history: list,
) -> None:
    stored = read_one(writer, kind, programme_id, edit.record_id)
    if stored is None:
        result.conflicts.append(Conflict(edit.record_id, None, None, None, {}))
        return
    require_editor(user, programme_id, pair_of(stored))
    if stored["version"] != edit.version:
        result.conflicts.append(conflict_with(writer, kind, programme_id, edit.record_id, stored))
        return
    problem = field_problem(edit.changes)
    if problem:
        result.errors[(edit.record_id, problem[0])] = problem[1]
        return
    before = kind.document(stored)
    document = {k: v for k, v in {**before, **edit.changes}.items() if v not in (None, "", [])}
    document["id"] = stored["id"]
    try:
        model = kind.model.model_validate(document)
    except ValidationError as err:
        result.errors.update(field_errors(edit.record_id, err))
        return
    new_pair = getattr(model, "pair", None)
    if kind.table in ("activities", "outcomes") and new_pair != stored["pair_id"]:
        require_editor(user, programme_id, new_pair)
    old_position = stored.get("position")
    if edit.position is not None:
        stored = {**stored, "position": edit.position}
    row = row_of(kind, programme_id, stored, model)
    after = document_values(kind.document({**stored, **row}))
    before_values = document_values(before)
    moved = edit.position is not None and edit.position != old_position
    if after == before_values and not moved:
        return  # nothing changed: no new version, no history
    if not replace_record(writer, kind, stored, row, edit.version):
        result.conflicts.append(conflict_with(writer, kind, programme_id, edit.record_id, stored))
        return
    if moved:
        before_values["position"], after["position"] = old_position, edit.position
    history += history_rows(
        result.group,
        user,
        programme_id,
        kind.table,
        edit.record_id,
        "update",
        before_values,
        after,
        comment,
    )
    result.saved.append(edit.record_id)
