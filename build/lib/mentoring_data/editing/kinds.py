"""The record kinds the app edits: their model, queries and converters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mentoring_data.format.models import Activity, Outcome, Pair, Step
from mentoring_data.programme_files import loading
from mentoring_data.programme_files.exporting import (
    activity_document,
    outcome_document,
    pair_document,
    plain_records,
    step_document,
)
from mentoring_data.startup import current_store


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
UPDATED_COLUMNS = {
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


INSERT_QUERIES = {
    "steps": "insert_steps",
    "activities": "insert_activities",
    "outcomes": "insert_outcomes",
    "pairs": "insert_pairs",
    "indicator_values": "insert_indicator_values",
}


def record_for_edit(table: str, programme_id: str, record_id: str) -> tuple[dict, int] | None:
    """A record as the file format writes it, with its version; never cached (forms must see
    the latest version)."""
    kind = KINDS[table]
    rows = plain_records(
        current_store().read(kind.read_query, programme_id=programme_id, id=record_id)
    )
    if not rows:
        return None
    return kind.to_document(rows[0]), int(rows[0]["version"])
