"""Adding records and places, checked like a programme file."""

from __future__ import annotations

import pandas as pd
import yaml
from pydantic import ValidationError

from mentoring_data.access.accounts import User, require_editor
from mentoring_data.editing.history import (
    document_values,
    history_rows,
    new_group,
    read_one,
)
from mentoring_data.editing.kinds import KINDS, insert
from mentoring_data.editing.results import (
    Refused,
    SaveResult,
    field_errors,
    field_problem,
    refused_when_the_disk_refuses,
    require_signed_in,
)
from mentoring_data.format.record_kinds import BY_TABLE, INDICATOR_VALUE, STEP
from mentoring_data.programme_files import exporting, loading
from mentoring_data.store import database


@refused_when_the_disk_refuses
def add_record(
    target: database.Store,
    user: User | None,
    table: str,
    programme_id: str,
    document: dict,
    comment: str | None = None,
    plan_id: str | None = None,
    indicator_id: str | None = None,
) -> SaveResult:
    """Add a step (to plan_id), an activity, an outcome, a pair or an indicator value."""
    result = SaveResult(group=new_group())
    require_signed_in(user)
    document = {k: v for k, v in document.items() if v not in (None, "", [])}
    problem = field_problem(document)
    record_id = str(document.get("id") or indicator_id or "new")
    if problem:
        result.errors[(record_id, problem[0])] = problem[1]
        return result
    model_class = BY_TABLE[table].model
    try:
        model = model_class.model_validate(document)
    except ValidationError as err:
        result.errors.update(field_errors(record_id, err))
        return result
    try:
        with target.writing() as writer:
            row, pair_id = _new_row(
                writer, table, programme_id, model, plan_id, indicator_id, result, record_id
            )
            if not result.ok:
                raise Refused
            require_editor(user, programme_id, pair_id)
            insert(writer, table, row)
            history = history_rows(
                result.group,
                user,
                programme_id,
                table,
                record_id,
                "insert",
                {},
                document_values(document),
                comment,
            )
            writer.insert_frame("insert_changes", pd.DataFrame(history, dtype=object))
    except Refused:
        return result
    result.saved.append(record_id)
    return result


def _new_row(
    writer: database.Writer,
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
        context = {"indicator_id": indicator_id, "position": position}
        return INDICATOR_VALUE.row(programme_id, model, **context), None
    kind = KINDS[table]
    if read_one(writer, kind, programme_id, record_id) is not None:
        result.errors[(record_id, "id")] = f"{record_id!r} is already used in this programme"
        return {}, None
    if table == "steps":
        plans = {pid: pair for pid, pair, _ in writer.run("plans", programme_id=programme_id)}
        if plan_id not in plans:
            result.errors[(record_id, "plan")] = "choose the action plan this step belongs to"
            return {}, None
        position = writer.run("next_step_position", programme_id=programme_id)[0][0]
        row = STEP.row(programme_id, model, plan_id=plan_id, position=position)
        return row, plans[plan_id]
    position = writer.run("next_record_position", programme_id=programme_id, table_name=table)[0][0]
    row = kind.row(programme_id, model, position=position)
    return row, (model.id if table == "pairs" else getattr(model, "pair", None))


@refused_when_the_disk_refuses
def add_place(
    target: database.Store,
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
    from mentoring_data.format.validation import validate_text

    result = SaveResult(group=new_group())
    require_editor(user, programme_id, None)
    document = {k: v for k, v in document.items() if v not in (None, "", [])}
    record_id = str(document.get("id") or "new")
    problem = field_problem(document)
    if problem:
        result.errors[(record_id, problem[0])] = problem[1]
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
        history = history_rows(
            result.group,
            user,
            programme_id,
            kind,
            record_id,
            "insert",
            {},
            document_values(model.model_dump(exclude_none=True)),
            comment,
        )
        writer.insert_frame("insert_changes", pd.DataFrame(history, dtype=object))
    result.saved.append(record_id)
    return result
