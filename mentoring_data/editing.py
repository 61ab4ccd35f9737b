"""Changes made in the app: validated like a file, version-checked, recorded, reversible.

An edit names a record, the version the editor saw, and new values in the file format's own
field names. Each save is one transaction: every record's version is checked, the edited record
is validated with the same pydantic model as a programme file, the change and its history rows
are written together, and a save that meets a newer version writes nothing and says who changed
what. Every function checks the user's role itself.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import pandas as pd
import yaml
from pydantic import ValidationError

from mentoring_data import exporting, loading, store
from mentoring_data.accounts import NotAllowed, User, require_editor
from mentoring_data.exporting import (
    activity_document,
    outcome_document,
    pair_document,
    plain_records,
    step_document,
)
from mentoring_data.programme_format import Activity, IndicatorValue, Outcome, Pair, Step

MAX_TEXT = 5000  # characters in one text field: a 10 MB paste is refused, not stored


@dataclass(frozen=True)
class RecordKind:
    table: str
    model: type
    read_query: str
    update_query: str
    delete_query: str
    insert_query: str
    to_document: Callable[[dict], dict]
    to_row: Callable[[str, dict, object], dict]  # (programme, stored row or context, model)


def _step_row(pid: str, stored: dict, step: Step) -> dict:
    return loading.step_row(pid, stored["plan_id"], stored["position"], step)


KINDS = {
    "steps": RecordKind(
        "steps",
        Step,
        "step_record",
        "update_step",
        "delete_step_record",
        "insert_steps",
        step_document,
        _step_row,
    ),
    "activities": RecordKind(
        "activities",
        Activity,
        "activity_record",
        "update_activity",
        "delete_activity_record",
        "insert_activities",
        activity_document,
        lambda pid, stored, a: loading.activity_row(pid, stored["position"], a),
    ),
    "outcomes": RecordKind(
        "outcomes",
        Outcome,
        "outcome_record",
        "update_outcome",
        "delete_outcome_record",
        "insert_outcomes",
        outcome_document,
        lambda pid, stored, o: loading.outcome_row(pid, stored["position"], o),
    ),
    "pairs": RecordKind(
        "pairs",
        Pair,
        "pair_record",
        "update_pair",
        "delete_pair_record",
        "insert_pairs",
        pair_document,
        lambda pid, stored, p: loading.pair_row(pid, stored["position"], p),
    ),
}
# columns each update query writes (besides programme_id, id and version)
_UPDATED = {
    "steps": (
        "title",
        "title_i18n",
        "owner",
        "start_date",
        "start_precision",
        "due_date",
        "due_precision",
        "status",
        "progress",
        "evidence",
        "sources",
        "position",
    ),
    "activities": (
        "kind",
        "title",
        "title_i18n",
        "pair_id",
        "sequence",
        "start_date",
        "start_precision",
        "end_date",
        "end_precision",
        "city_id",
        "mode",
        "status",
        "participants",
        "summary",
        "summary_i18n",
        "sources",
    ),
    "outcomes": (
        "kind",
        "title",
        "title_i18n",
        "pair_id",
        "owner_id",
        "status",
        "outcome_date",
        "outcome_precision",
        "url",
        "languages",
        "summary",
        "summary_i18n",
        "sources",
    ),
    "pairs": (
        "mentor_id",
        "mentee_id",
        "supporting",
        "theme",
        "theme_i18n",
        "status",
        "replaced_by",
        "challenges",
        "strengths",
        "good_practices",
        "sources",
    ),
}


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


class _Refused(Exception):
    """Raised inside a transaction to roll it back; the result says why."""


def _require_signed_in(user: User | None) -> None:
    if user is None:
        raise NotAllowed("sign in as an editor to change anything")


def _pair_of(stored: dict) -> str | None:
    """The pair whose editors may change this record (its own id for a pair record; the
    read queries give every record a pair_id column, None for programme-wide ones)."""
    return stored["pair_id"]


def _new_group() -> str:
    return uuid.uuid4().hex


def _json_value(value: object) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, default=str)


def _too_long(changes: dict) -> str | None:
    for name, value in changes.items():
        text = json.dumps(value, ensure_ascii=False, default=str) if value is not None else ""
        if len(text) > MAX_TEXT:
            return name
    return None


def _field_errors(record_id: str, err: ValidationError) -> dict[tuple[str, str], str]:
    errors = {}
    for error in err.errors():
        name = str(error["loc"][0]) if error["loc"] else "record"
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "missing":
            message = "is required"
        errors.setdefault((record_id, name), message)
    return errors


def _read_one(
    writer: store.Writer, kind: RecordKind, programme_id: str, record_id: str
) -> dict | None:
    rows = plain_records(writer.read(kind.read_query, programme_id=programme_id, id=record_id))
    return rows[0] if rows else None


def _conflict(
    writer: store.Writer, kind: RecordKind, programme_id: str, record_id: str, current: dict | None
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
        kind.to_document(current) if current else {},
        current["version"] if current else None,
    )


def _history_rows(
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
            "old_value": _json_value(old),
            "new_value": _json_value(new),
            "comment": comment,
            "reverts_group": reverts,
        }

    if action in ("insert", "delete"):  # one row holding the whole record
        return [row(None, before or None, after or None)]
    return [
        row(name, before.get(name), after.get(name))
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    ]


def _document_values(document: dict) -> dict:
    """File-format values with dates as text, as history keeps them."""
    return json.loads(json.dumps(document, ensure_ascii=False, default=str))


def save_edits(
    target: store.Store,
    user: User | None,
    table: str,
    programme_id: str,
    edits: list[Edit],
    comment: str | None = None,
) -> SaveResult:
    """Apply edits to records of one kind in one transaction, or none of them."""
    kind = KINDS[table]
    result = SaveResult(group=_new_group())
    _require_signed_in(user)
    try:
        with target.writing() as writer:
            history: list[dict] = []
            for edit in edits:
                _apply_edit(writer, kind, user, programme_id, edit, comment, result, history)
            if not result.ok:
                raise _Refused
            writer.insert_frame("insert_changes", pd.DataFrame(history, dtype=object))
    except _Refused:
        result.saved.clear()
        return result
    except duckdb.TransactionException:
        # another save touched the same rows at the same moment: report it as a conflict
        result.saved.clear()
        with target.writing() as writer:
            for edit in edits:
                current = _read_one(writer, kind, programme_id, edit.record_id)
                result.conflicts.append(
                    _conflict(writer, kind, programme_id, edit.record_id, current)
                )
        return result
    return result


def _apply_edit(
    writer: store.Writer,
    kind: RecordKind,
    user: User,
    programme_id: str,
    edit: Edit,
    comment: str | None,
    result: SaveResult,
    history: list,
) -> None:
    stored = _read_one(writer, kind, programme_id, edit.record_id)
    if stored is None:
        result.conflicts.append(Conflict(edit.record_id, None, None, None, {}))
        return
    require_editor(user, programme_id, _pair_of(stored))
    if stored["version"] != edit.version:
        result.conflicts.append(_conflict(writer, kind, programme_id, edit.record_id, stored))
        return
    long_field = _too_long(edit.changes)
    if long_field:
        result.errors[(edit.record_id, long_field)] = f"is longer than {MAX_TEXT} characters"
        return
    before = kind.to_document(stored)
    document = {k: v for k, v in {**before, **edit.changes}.items() if v not in (None, "", [])}
    document["id"] = stored["id"]
    try:
        model = kind.model.model_validate(document)
    except ValidationError as err:
        result.errors.update(_field_errors(edit.record_id, err))
        return
    new_pair = getattr(model, "pair", None)
    if kind.table in ("activities", "outcomes") and new_pair != stored["pair_id"]:
        require_editor(user, programme_id, new_pair)
    old_position = stored.get("position")
    if edit.position is not None:
        stored = {**stored, "position": edit.position}
    row = kind.to_row(programme_id, stored, model)
    params = {name: row[name] for name in _UPDATED[kind.table]}
    after = _document_values(kind.to_document({**stored, **row}))
    before_values = _document_values(before)
    moved = edit.position is not None and edit.position != old_position
    if after == before_values and not moved:
        return  # nothing changed: no new version, no history
    answer = writer.run(
        kind.update_query,
        programme_id=programme_id,
        id=stored["id"],
        version=edit.version,
        **params,
    )
    if not answer:
        result.conflicts.append(_conflict(writer, kind, programme_id, edit.record_id, stored))
        return
    if moved:
        before_values["position"], after["position"] = old_position, edit.position
    history += _history_rows(
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


def add_record(
    target: store.Store,
    user: User | None,
    table: str,
    programme_id: str,
    document: dict,
    comment: str | None = None,
    plan_id: str | None = None,
    indicator_id: str | None = None,
) -> SaveResult:
    """Add a step (to plan_id), an activity, an outcome, a pair or an indicator value."""
    result = SaveResult(group=_new_group())
    _require_signed_in(user)
    document = {k: v for k, v in document.items() if v not in (None, "", [])}
    long_field = _too_long(document)
    record_id = str(document.get("id") or indicator_id or "new")
    if long_field:
        result.errors[(record_id, long_field)] = f"is longer than {MAX_TEXT} characters"
        return result
    model_class = IndicatorValue if table == "indicator_values" else KINDS[table].model
    try:
        model = model_class.model_validate(document)
    except ValidationError as err:
        result.errors.update(_field_errors(record_id, err))
        return result
    try:
        with target.writing() as writer:
            row, pair_id = _new_row(
                writer, table, programme_id, model, plan_id, indicator_id, result, record_id
            )
            if not result.ok:
                raise _Refused
            require_editor(user, programme_id, pair_id)
            writer.insert_frame(_INSERT[table], pd.DataFrame([row], dtype=object))
            history = _history_rows(
                result.group,
                user,
                programme_id,
                table,
                record_id,
                "insert",
                {},
                _document_values(document),
                comment,
            )
            writer.insert_frame("insert_changes", pd.DataFrame(history, dtype=object))
    except _Refused:
        return result
    result.saved.append(record_id)
    return result


_INSERT = {
    "steps": "insert_steps",
    "activities": "insert_activities",
    "outcomes": "insert_outcomes",
    "pairs": "insert_pairs",
    "indicator_values": "insert_indicator_values",
}


def _new_row(
    writer: store.Writer,
    table: str,
    programme_id: str,
    model: object,
    plan_id: str | None,
    indicator_id: str | None,
    result: SaveResult,
    record_id: str,
) -> tuple[dict, str | None]:
    """The row to insert and the pair it belongs to (for the scope check)."""
    if table == "indicator_values":
        position = writer.run("next_record_position", programme_id=programme_id, table_name=table)[
            0
        ][0]
        return loading.indicator_value_row(programme_id, indicator_id, position, model), None
    kind = KINDS[table]
    if _read_one(writer, kind, programme_id, record_id) is not None:
        result.errors[(record_id, "id")] = f"{record_id!r} is already used in this programme"
        return {}, None
    if table == "steps":
        plans = {
            pid: pair
            for pid, pair, _ in writer.run("plans_of_programme_pairs", programme_id=programme_id)
        }
        if plan_id not in plans:
            result.errors[(record_id, "plan")] = "choose the action plan this step belongs to"
            return {}, None
        position = writer.run("next_step_position", programme_id=programme_id)[0][0]
        return loading.step_row(programme_id, plan_id, position, model), plans[plan_id]
    position = writer.run("next_record_position", programme_id=programme_id, table_name=table)[0][0]
    row = kind.to_row(programme_id, {"position": position}, model)
    return row, (model.id if table == "pairs" else getattr(model, "pair", None))


def delete_record(
    target: store.Store,
    user: User | None,
    table: str,
    programme_id: str,
    record_id: str,
    version: int,
    comment: str | None = None,
) -> SaveResult:
    """Drop one record, if nobody changed it since it was read; undo brings it back."""
    kind = KINDS[table]
    result = SaveResult(group=_new_group())
    _require_signed_in(user)
    with target.writing() as writer:
        stored = _read_one(writer, kind, programme_id, record_id)
        if stored is None:
            result.conflicts.append(Conflict(record_id, None, None, None, {}))
            return result
        require_editor(user, programme_id, _pair_of(stored))
        if stored["version"] != version or not writer.run(
            kind.delete_query, programme_id=programme_id, id=record_id, version=version
        ):
            result.conflicts.append(_conflict(writer, kind, programme_id, record_id, stored))
            return result
        before = {
            **_document_values(kind.to_document(stored)),
            "_row": _row_values(table, stored),
            "_pair": _pair_of(stored),
        }
        history = _history_rows(
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


def revert_group(
    target: store.Store, user: User | None, group: str, comment: str | None = None
) -> SaveResult:
    """Undo one save: put back what it changed, if nobody has changed it since."""
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
    result = SaveResult(group=_new_group())
    records: dict[str, list[dict]] = {}
    for change in changes:
        records.setdefault(change["record_id"], []).append(change)
    try:
        with target.writing() as writer:
            history: list[dict] = []
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
            if not result.ok:
                raise _Refused
            writer.insert_frame("insert_changes", pd.DataFrame(history, dtype=object))
    except _Refused:
        result.saved.clear()
    return result


def _revert_record(
    writer: store.Writer,
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
    _require_signed_in(user)
    action = rows[0]["action"]
    stored = _read_one(writer, kind, programme_id, record_id)
    if action == "insert":
        if stored is None:
            return
        require_editor(user, programme_id, _pair_of(stored))
        writer.run(
            kind.delete_query, programme_id=programme_id, id=record_id, version=stored["version"]
        )
        history += _history_rows(
            result.group,
            user,
            programme_id,
            kind.table,
            record_id,
            "delete",
            _document_values(kind.to_document(stored)),
            {},
            comment,
            reverts=group,
        )
    elif action == "delete":
        if stored is not None:
            result.conflicts.append(_conflict(writer, kind, programme_id, record_id, stored))
            return
        old = json.loads(rows[0]["old_value"])
        row, scope_pair = old.pop("_row"), old.pop("_pair")
        require_editor(user, programme_id, scope_pair)
        writer.insert_frame(kind.insert_query, pd.DataFrame([_typed_row(row)], dtype=object))
        history += _history_rows(
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
        now = _document_values(kind.to_document(stored))
        restore = {}
        for change in rows:
            name = change["field"]
            new = json.loads(change["new_value"]) if change["new_value"] else None
            if name == "position":
                continue
            if now.get(name) != new:  # changed again since: undo would lose that change
                result.conflicts.append(_conflict(writer, kind, programme_id, record_id, stored))
                return
            restore[name] = json.loads(change["old_value"]) if change["old_value"] else None
        before = kind.to_document(stored)
        document = {k: v for k, v in {**before, **restore}.items() if v not in (None, "", [])}
        model = kind.model.model_validate(document)
        row = kind.to_row(programme_id, stored, model)
        require_editor(user, programme_id, _pair_of(stored))
        writer.run(
            kind.update_query,
            programme_id=programme_id,
            id=record_id,
            version=stored["version"],
            **{n: row[n] for n in _UPDATED[kind.table]},
        )
        history += _history_rows(
            result.group,
            user,
            programme_id,
            kind.table,
            record_id,
            "revert",
            now,
            _document_values(kind.to_document({**stored, **row})),
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


BULK_COLUMNS = {
    "title": "title",
    "owner": "owner",
    "status": "status",
    "progress": "progress",
    "due": "due",
}


def edits_from_editor(snapshot: pd.DataFrame, state: dict) -> list[Edit]:
    """Turn a step table's editor state into edits. Row numbers in the state refer to the
    snapshot the editor was drawn from, so ids and versions come from that snapshot; a new
    order gives the plan's existing positions to the steps in their new order."""
    rows = snapshot.reset_index(drop=True)
    edited = {int(k): v for k, v in state.get("edited_rows", {}).items()}
    orders = [edited.get(i, {}).get("order", rows.at[i, "order"]) for i in range(len(rows))]
    by_new_order = sorted(range(len(rows)), key=lambda i: (orders[i], i))
    positions = sorted(int(p) for p in rows["position"])
    new_position = {i: positions[rank] for rank, i in enumerate(by_new_order)}
    edits = []
    for i in range(len(rows)):
        changes = {}
        for column, value in edited.get(i, {}).items():
            if column in BULK_COLUMNS:
                if isinstance(value, float) and value.is_integer():
                    value = int(value)
                changes[BULK_COLUMNS[column]] = value if value not in ("",) else None
        moved = new_position[i] != int(rows.at[i, "position"])
        if changes or moved:
            edits.append(
                Edit(
                    str(rows.at[i, "id"]),
                    int(rows.at[i, "version"]),
                    changes,
                    new_position[i] if moved else None,
                )
            )
    return edits


def add_place(
    target: store.Store,
    user: User | None,
    kind: str,
    programme_id: str,
    document: dict,
    comment: str | None = None,
) -> SaveResult:
    """Declare a new city or organisation in a programme (editors of the whole programme).

    The programme is checked as a whole file with the new place in it, against every other
    stored programme, so a shared id must agree on country, coordinates and figures exactly
    as it must when files are loaded."""
    from mentoring_data.validation import validate_text

    result = SaveResult(group=_new_group())
    require_editor(user, programme_id, None)
    document = {k: v for k, v in document.items() if v not in (None, "", [])}
    record_id = str(document.get("id") or "new")
    long_field = _too_long(document)
    if long_field:
        result.errors[(record_id, long_field)] = f"is longer than {MAX_TEXT} characters"
        return result
    whole = exporting.programme_document(target, programme_id)
    whole.setdefault(kind, [])
    if any(item.get("id") == record_id for item in whole[kind]):
        result.errors[(record_id, "id")] = f"{record_id!r} is already declared here"
        return result
    whole[kind].append(document)
    text = yaml.safe_dump(whole, allow_unicode=True, sort_keys=False)
    report = validate_text(text, "form", loading.known_places(target.path, [programme_id]))
    prefix = f"{kind}[{len(whole[kind]) - 1}]"
    for problem in report.problems:
        if problem.field.startswith(prefix):
            name = problem.field[len(prefix) :].lstrip(".").split(".")[0].split("[")[0]
            result.errors[(record_id, name or "id")] = problem.message
        else:
            result.errors[(record_id, "_other")] = problem.message
    if not result.ok:
        return result
    parsed = report.files[0].programme
    model = next(item for item in getattr(parsed, kind) if item.id == record_id)
    rows = loading.rows_of(parsed, "form")
    table = "city_declarations" if kind == "cities" else "organisation_declarations"
    row = next(r for r in rows[table] if r["id"] == record_id)
    with target.writing() as writer:
        row["declared_seq"] = writer.run("next_declaration_seq")[0][0]
        writer.insert_frame(f"insert_{table}", pd.DataFrame([row], dtype=object))
        history = _history_rows(
            result.group,
            user,
            programme_id,
            kind,
            record_id,
            "insert",
            {},
            _document_values(model.model_dump(exclude_none=True)),
            comment,
        )
        writer.insert_frame("insert_changes", pd.DataFrame(history, dtype=object))
    result.saved.append(record_id)
    return result
