"""Turns stored programmes back into programme files (`load` of the result gives the same data)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import yaml

from mentoring_data.format.models import FORMAT_NAME, PartialDate
from mentoring_data.store import database


def _text(stored_json: str | None) -> object:
    """A text field as written: a plain string when only English is given."""
    if stored_json is None:
        return None
    text = json.loads(stored_json)
    return text["en"] if set(text) == {"en"} else text


def _date(value: object, precision: object) -> object:
    if value is None or pd.isna(value):
        return None
    partial = PartialDate.from_stored(pd.Timestamp(value).date(), precision)
    # a day-precision date is written bare so YAML reads it back as a date
    return partial.first_day() if partial.precision == "day" else str(partial)


def _number(value: object) -> object:
    if value is None or pd.isna(value):
        return None
    number = float(value)
    return int(number) if number.is_integer() else number


def _clean(record: dict) -> dict:
    """Drop absent fields and empty lists, as a hand-written file would."""
    return {k: v for k, v in record.items() if v is not None and v != []}


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
    (p,) = _records(target, "programme_row", programme_id)
    doc: dict = {
        "format": FORMAT_NAME,
        "programme": _clean(
            {
                "id": p["id"],
                "name": _text(p["name_i18n"]),
                "title": _text(p["title_i18n"]),
                "kind": p["kind"],
                "coordinator": p["coordinator"],
                "funding": p["funding"],
                "start": _date(p["start_date"], p["start_precision"]),
                "end": _date(p["end_date"], p["end_precision"]),
                "website": p["website"],
                "summary": _text(p["summary_i18n"]),
                "themes": json.loads(p["themes"]),
                "sources": json.loads(p["sources"]),
            }
        ),
    }
    doc["cities"] = [
        _clean(
            {
                "id": c["id"],
                "name": _text(c["name_i18n"]),
                "country": c["country"],
                "lat": c["lat"],
                "lon": c["lon"],
                "population": _number(c["population"]),
                "population_year": _number(c["population_year"]),
                "foreign_origin_pct": _number(c["foreign_origin_pct"]),
                "sources": json.loads(c["sources"]),
            }
        )
        for c in _records(target, "city_declarations_of_programme", programme_id)
    ]
    doc["organisations"] = [
        _clean(
            {
                "id": o["id"],
                "name": _text(o["name_i18n"]),
                "kind": o["kind"],
                "city": o["city_id"],
                "country": o["country"],
                "website": o["website"],
                "sources": json.loads(o["sources"]),
            }
        )
        for o in _records(target, "organisation_declarations_of_programme", programme_id)
    ]
    doc["pairs"] = [pair_document(r) for r in _records(target, "pairs_of_programme", programme_id)]
    doc["activities"] = [
        activity_document(a) for a in _records(target, "activities_of_programme", programme_id)
    ]
    steps = _records(target, "steps_of_programme", programme_id)
    doc["action_plans"] = [
        _clean(
            {
                "id": plan["id"],
                "pair": plan["pair_id"],
                "title": _text(plan["title_i18n"]),
                "adopted": _date(plan["adopted_date"], plan["adopted_precision"]),
                "steps": [step_document(s) for s in steps if s["plan_id"] == plan["id"]],
                "sources": json.loads(plan["sources"]),
            }
        )
        for plan in _records(target, "action_plans_of_programme", programme_id)
    ]
    doc["outcomes"] = [
        outcome_document(o) for o in _records(target, "outcomes_of_programme", programme_id)
    ]
    values = _records(target, "indicator_values_of_programme", programme_id)
    doc["indicators"] = [
        _clean(
            {
                "id": i["id"],
                "name": _text(i["name_i18n"]),
                "unit": i["unit"],
                "pair": i["pair_id"],
                "target": _number(i["target"]),
                "values": [
                    _clean(
                        {
                            "date": _date(v["value_date"], v["value_precision"]),
                            "value": _number(v["value"]),
                            "sources": json.loads(v["sources"]),
                        }
                    )
                    for v in values
                    if v["indicator_id"] == i["id"]
                ],
                "sources": json.loads(i["sources"]),
            }
        )
        for i in _records(target, "indicators_of_programme", programme_id)
    ]
    return {k: v for k, v in doc.items() if v != []}


def _good_practice(stored: dict) -> dict:
    return _clean(
        {
            "name": _plain_english(stored["name"]),
            "summary": _plain_english(stored.get("summary")),
            "url": stored.get("url"),
            "sources": stored.get("sources") or None,
        }
    )


def _plain_english(text: dict | None) -> object:
    if text is None:
        return None
    return text["en"] if set(text) == {"en"} else text


# One function per record kind: a stored row back as the file format writes it. Also used by
# the app's editing, which validates an edited record with the same models as a file.


def pair_document(r: dict) -> dict:
    return _clean(
        {
            "id": r["id"],
            "mentor": r["mentor_id"],
            "mentee": r["mentee_id"],
            "supporting": json.loads(r["supporting"]),
            "theme": _text(r["theme_i18n"]),
            "status": r["status"],
            "replaced_by": r["replaced_by"],
            "challenges": json.loads(r["challenges"]),
            "strengths": json.loads(r["strengths"]),
            "good_practices": [_good_practice(g) for g in json.loads(r["good_practices"])],
            "sources": json.loads(r["sources"]),
        }
    )


def activity_document(a: dict) -> dict:
    return _clean(
        {
            "id": a["id"],
            "kind": a["kind"],
            "title": _text(a["title_i18n"]),
            "pair": a["pair_id"],
            "sequence": _number(a["sequence"]),
            "start": _date(a["start_date"], a["start_precision"]),
            "end": _date(a["end_date"], a["end_precision"]),
            "city": a["city_id"],
            "mode": a["mode"],
            "status": a["status"],
            "participants": _number(a["participants"]),
            "summary": _text(a["summary_i18n"]),
            "sources": json.loads(a["sources"]),
        }
    )


def outcome_document(o: dict) -> dict:
    return _clean(
        {
            "id": o["id"],
            "kind": o["kind"],
            "title": _text(o["title_i18n"]),
            "pair": o["pair_id"],
            "owner": o["owner_id"],
            "status": o["status"],
            "date": _date(o["outcome_date"], o["outcome_precision"]),
            "url": o["url"],
            "languages": json.loads(o["languages"]),
            "summary": _text(o["summary_i18n"]),
            "sources": json.loads(o["sources"]),
        }
    )


def step_document(s: dict) -> dict:
    return _clean(
        {
            "id": s["id"],
            "title": _text(s["title_i18n"]),
            "owner": s["owner"],
            "start": _date(s["start_date"], s["start_precision"]),
            "due": _date(s["due_date"], s["due_precision"]),
            "status": s["status"],
            "progress": _number(s["progress"]),
            "evidence": s["evidence"],
            "sources": json.loads(s["sources"]),
        }
    )


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
