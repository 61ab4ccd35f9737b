"""Turns stored programmes back into programme files (`load` of the result gives the same data)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from mentoring_data.format.models import FORMAT_NAME
from mentoring_data.format.record_kinds import (
    ACTION_PLAN,
    ACTIVITY,
    CITY,
    INDICATOR,
    INDICATOR_VALUE,
    ORGANISATION,
    OUTCOME,
    PAIR,
    PROGRAMME,
    STEP,
    RecordKind,
)
from mentoring_data.store import database


def _records(target: database.Store, query: str, programme_id: str) -> list[dict]:
    return plain_records(target.read(query, programme_id=programme_id))


def plain_records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts of plain Python values, with None for every kind of missing value."""
    return [
        {k: (None if _missing(v) else v) for k, v in row.items()}
        for row in frame.astype(object).to_dict("records")
    ]


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, list | str) and bool(pd.isna(value)))


def programme_document(target: database.Store, programme_id: str) -> dict:
    """One stored programme as a programme-file mapping, fields in the format's order."""

    def records(kind: RecordKind) -> list[dict]:
        return _records(target, kind.list_query, programme_id)

    (programme,) = records(PROGRAMME)
    steps, values = records(STEP), records(INDICATOR_VALUE)
    doc: dict = {"format": FORMAT_NAME, "programme": PROGRAMME.document(programme)}
    for kind in (CITY, ORGANISATION, PAIR, ACTIVITY):
        doc[kind.model_list] = [kind.document(r) for r in records(kind)]
    doc["action_plans"] = [
        ACTION_PLAN.document(
            plan, steps=[STEP.document(s) for s in steps if s["plan_id"] == plan["id"]]
        )
        for plan in records(ACTION_PLAN)
    ]
    doc["outcomes"] = [OUTCOME.document(o) for o in records(OUTCOME)]
    doc["indicators"] = [
        INDICATOR.document(
            indicator,
            values=[
                INDICATOR_VALUE.document(v) for v in values if v["indicator_id"] == indicator["id"]
            ],
        )
        for indicator in records(INDICATOR)
    ]
    return {k: v for k, v in doc.items() if v != []}


def programme_yaml(target: database.Store, programme_id: str) -> str:
    return yaml.safe_dump(
        programme_document(target, programme_id), allow_unicode=True, sort_keys=False, width=100
    )


def export_all(target: database.Store, directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for (programme_id,) in target.rows("programme_ids"):
        path = directory / f"{programme_id}.yaml"
        path.write_text(programme_yaml(target, programme_id), encoding="utf-8")
        written.append(path)
    return written
