"""Writes validated programme files into the store, all of them or none.

A file is the whole truth about its programme: loading it replaces that programme's records.
Records that did not change keep their version, so loading the same file twice changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from mentoring_data import settings
from mentoring_data.format.models import (
    Activity,
    City,
    IndicatorValue,
    Organisation,
    Outcome,
    Pair,
    PartialDate,
    ProgrammeFile,
    Step,
)
from mentoring_data.format.validation import (
    KnownPlace,
    Problem,
    Report,
    ValidationFailed,
    check_together,
    parse_files,
    validate_files,  # noqa: F401  (snapshots.py checks files through this module)
)
from mentoring_data.store import database

# (table, query listing a programme's rows, query deleting them, query inserting new ones),
# children after parents so the order reads naturally; there are no foreign keys to satisfy.
TABLES = (
    ("programmes", "programme_row", "delete_programme", "insert_programmes"),
    (
        "city_declarations",
        "city_declarations_of_programme",
        "delete_city_declarations_of_programme",
        "insert_city_declarations",
    ),
    (
        "organisation_declarations",
        "organisation_declarations_of_programme",
        "delete_organisation_declarations_of_programme",
        "insert_organisation_declarations",
    ),
    ("pairs", "pairs_of_programme", "delete_pairs_of_programme", "insert_pairs"),
    (
        "activities",
        "activities_of_programme",
        "delete_activities_of_programme",
        "insert_activities",
    ),
    (
        "action_plans",
        "action_plans_of_programme",
        "delete_action_plans_of_programme",
        "insert_action_plans",
    ),
    ("steps", "steps_of_programme", "delete_steps_of_programme", "insert_steps"),
    ("outcomes", "outcomes_of_programme", "delete_outcomes_of_programme", "insert_outcomes"),
    (
        "indicators",
        "indicators_of_programme",
        "delete_indicators_of_programme",
        "insert_indicators",
    ),
    (
        "indicator_values",
        "indicator_values_of_programme",
        "delete_indicator_values_of_programme",
        "insert_indicator_values",
    ),
)
UNVERSIONED = {"programmes", "city_declarations", "organisation_declarations", "indicator_values"}
BOOKKEEPING = {"version", "loaded_at", "source_file", "declared_seq"}


def as_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=False)


def display_text(text: dict[str, str] | None) -> str | None:
    """The wording shown by default: English, else the first language given."""
    if not text:
        return None
    return text.get("en") or next(iter(text.values()))


def _text_columns(name: str, text: dict[str, str] | None) -> dict[str, object]:
    return {name: display_text(text), f"{name}_i18n": as_json(text) if text else None}


def _date_columns(prefix: str, value: PartialDate | None, ends: bool) -> dict[str, object]:
    if value is None:
        return {f"{prefix}_date": None, f"{prefix}_precision": None}
    day = value.last_day() if ends else value.first_day()
    return {f"{prefix}_date": day, f"{prefix}_precision": value.precision}


def _text_list(items: Sequence[dict[str, str]]) -> str:
    return as_json([item if set(item) != {"en"} else item["en"] for item in items])


def rows_of(doc: ProgrammeFile, source_file: str) -> dict[str, list[dict]]:
    """The table rows one programme file becomes."""
    p = doc.programme
    pid = p.id
    rows: dict[str, list[dict]] = {table: [] for table, *_ in TABLES}
    rows["programmes"].append(
        {
            "id": pid,
            **_text_columns("name", p.name),
            **_text_columns("title", p.title),
            "kind": p.kind,
            "coordinator": p.coordinator,
            "funding": p.funding,
            **_date_columns("start", p.start, False),
            **_date_columns("end", p.end, True),
            "website": p.website,
            **_text_columns("summary", p.summary),
            "themes": _text_list(p.themes),
            "sources": as_json(p.sources),
            "source_file": source_file,
        }
    )
    for i, c in enumerate(doc.cities):
        rows["city_declarations"].append(
            {
                "programme_id": pid,
                "id": c.id,
                "position": i,
                **_text_columns("name", c.name),
                "country": c.country,
                "lat": c.lat,
                "lon": c.lon,
                "population": c.population,
                "population_year": c.population_year,
                "foreign_origin_pct": c.foreign_origin_pct,
                "sources": as_json(c.sources),
            }
        )
    for i, o in enumerate(doc.organisations):
        rows["organisation_declarations"].append(
            {
                "programme_id": pid,
                "id": o.id,
                "position": i,
                **_text_columns("name", o.name),
                "kind": o.kind,
                "city_id": o.city,
                "country": o.country,
                "website": o.website,
                "sources": as_json(o.sources),
            }
        )
    for i, pair in enumerate(doc.pairs):
        rows["pairs"].append(pair_row(pid, i, pair))
    for i, a in enumerate(doc.activities):
        rows["activities"].append(activity_row(pid, i, a))
    position = 0
    for i, plan in enumerate(doc.action_plans):
        rows["action_plans"].append(
            {
                "programme_id": pid,
                "id": plan.id,
                "position": i,
                "pair_id": plan.pair,
                **_text_columns("title", plan.title),
                **_date_columns("adopted", plan.adopted, False),
                "sources": as_json(plan.sources),
            }
        )
        for step in plan.steps:
            rows["steps"].append(step_row(pid, plan.id, position, step))
            position += 1
    for i, o in enumerate(doc.outcomes):
        rows["outcomes"].append(outcome_row(pid, i, o))
    position = 0
    for i, ind in enumerate(doc.indicators):
        rows["indicators"].append(
            {
                "programme_id": pid,
                "id": ind.id,
                "position": i,
                **_text_columns("name", ind.name),
                "unit": ind.unit,
                "pair_id": ind.pair,
                "target": ind.target,
                "sources": as_json(ind.sources),
            }
        )
        for value in ind.values:
            rows["indicator_values"].append(indicator_value_row(pid, ind.id, position, value))
            position += 1
    return rows


# One function per record kind, shared by loading files and by edits made in the app.


def pair_row(pid: str, position: int, pair: Pair) -> dict:
    return {
        "programme_id": pid,
        "id": pair.id,
        "position": position,
        "mentor_id": pair.mentor,
        "mentee_id": pair.mentee,
        "supporting": as_json(pair.supporting),
        **_text_columns("theme", pair.theme),
        "status": pair.status,
        "replaced_by": pair.replaced_by,
        "challenges": _text_list(pair.challenges),
        "strengths": _text_list(pair.strengths),
        "good_practices": as_json([g.model_dump(exclude_none=True) for g in pair.good_practices]),
        "sources": as_json(pair.sources),
    }


def activity_row(pid: str, position: int, a: Activity) -> dict:
    return {
        "programme_id": pid,
        "id": a.id,
        "position": position,
        "kind": a.kind,
        **_text_columns("title", a.title),
        "pair_id": a.pair,
        "sequence": a.sequence,
        **_date_columns("start", a.start, False),
        **_date_columns("end", a.end, True),
        "city_id": a.city,
        "mode": a.mode,
        "status": a.status,
        "participants": a.participants,
        **_text_columns("summary", a.summary),
        "sources": as_json(a.sources),
    }


def step_row(pid: str, plan_id: str, position: int, step: Step) -> dict:
    return {
        "programme_id": pid,
        "id": step.id,
        "plan_id": plan_id,
        "position": position,
        **_text_columns("title", step.title),
        "owner": step.owner,
        **_date_columns("start", step.start, False),
        **_date_columns("due", step.due, True),
        "status": step.status,
        "progress": step.progress,
        "evidence": step.evidence,
        "sources": as_json(step.sources),
    }


def outcome_row(pid: str, position: int, o: Outcome) -> dict:
    return {
        "programme_id": pid,
        "id": o.id,
        "position": position,
        "kind": o.kind,
        **_text_columns("title", o.title),
        "pair_id": o.pair,
        "owner_id": o.owner,
        "status": o.status,
        **_date_columns("outcome", o.date, False),
        "url": o.url,
        "languages": as_json(o.languages),
        **_text_columns("summary", o.summary),
        "sources": as_json(o.sources),
    }


def indicator_value_row(pid: str, indicator_id: str, position: int, value: IndicatorValue) -> dict:
    return {
        "programme_id": pid,
        "indicator_id": indicator_id,
        "position": position,
        **_date_columns("value", value.date, False),
        "value": value.value,
        "sources": as_json(value.sources),
    }


def _frame(rows: list[dict]) -> pd.DataFrame:
    # object columns keep None as NULL and python dates as DATE for DuckDB
    return pd.DataFrame(rows, dtype=object)


def known_places(db_path: Path, programme_ids: list[str]) -> list[KnownPlace]:
    """Cities and organisations stored for programmes not being replaced by this load."""
    places: list[KnownPlace] = []
    cities = (
        database.peek(db_path, "city_declarations_of_other_programmes", programme_ids=programme_ids)
        or []
    )
    for pid, cid, name, country, lat, lon, population, year, pct in cities:
        record = City.model_construct(
            id=cid,
            name=json.loads(name),
            country=country,
            lat=lat,
            lon=lon,
            population=population,
            population_year=year,
            foreign_origin_pct=pct,
            sources=[],
        )
        places.append(KnownPlace(f"the database (programme {pid})", record))
    organisations = (
        database.peek(
            db_path, "organisation_declarations_of_other_programmes", programme_ids=programme_ids
        )
        or []
    )
    for pid, oid, name, kind, city, country, website in organisations:
        record = Organisation.model_construct(
            id=oid, name=json.loads(name), kind=kind, city=city, country=country, website=website
        )
        places.append(KnownPlace(f"the database (programme {pid})", record))
    return places


def check_files(paths: Sequence[Path | str], db_path: Path | None = None) -> Report:
    """Validate files for loading: against each other and, with db_path, the stored places."""
    parsed = parse_files(paths)
    first_pass = check_together(parsed)
    if db_path is None or not first_pass.files:
        return first_pass
    ids = [f.programme.programme.id for f in first_pass.files]
    places = known_places(db_path, ids)
    report = check_together(parsed, places)  # the files are read once, checked twice
    if report.ok:
        _check_nothing_left_dangling(report, db_path, ids, places)
    return report


def _check_nothing_left_dangling(
    report: Report, db_path: Path, ids: list[str], places: list[KnownPlace]
) -> None:
    """Refuse a load that would remove a city or organisation another programme still uses."""
    remaining = {p.record.id for p in places}
    for parsed in report.files:
        remaining |= {c.id for c in parsed.programme.cities}
        remaining |= {o.id for o in parsed.programme.organisations}
    used = database.peek(db_path, "place_references_of_other_programmes", programme_ids=ids) or []
    for programme_id, ref_id in used:
        if ref_id in remaining:
            continue
        parsed = report.files[0]
        for candidate in report.files:  # blame the file that used to declare it, if any
            if candidate.programme.programme.id in _declarers(db_path, ref_id):
                parsed = candidate
        report.problems.append(
            Problem(
                parsed.label,
                1,
                "cities",
                f"{ref_id!r} is no longer declared, but the stored programme {programme_id!r} "
                "still refers to it; keep it in this file, or load that programme's file too",
            )
        )


def _declarers(db_path: Path, place_id: str) -> set[str]:
    rows = database.peek(db_path, "declarations_of_place", place_id=place_id) or []
    return {programme_id for (programme_id,) in rows}


def load_files(paths: Sequence[Path | str], db_path: Path | None = None) -> Report:
    """Validate, then write every file in one transaction; raise ValidationFailed if invalid."""
    db_path = settings.database_path(db_path)
    report = check_files(paths, db_path)
    if not report.ok:
        raise ValidationFailed(report)
    write_programmes(database.open_store(db_path), [(f.programme, f.label) for f in report.files])
    return report


def write_programmes(
    target: database.Store, documents: list[tuple[ProgrammeFile, str]], remove: Sequence[str] = ()
) -> None:
    """Write programmes (replacing each one's records) and remove the programmes named in
    `remove`, all in one transaction."""
    with target.writing() as writer:
        for programme_id in remove:
            for _table, _list_query, delete_query, _insert_query in TABLES:
                writer.run(delete_query, programme_id=programme_id)
        next_seq = writer.run("next_declaration_seq")[0][0]
        order = {(kind, pid, rid): seq for kind, pid, rid, seq in writer.run("declaration_order")}
        stored = {pid for (pid,) in writer.run("programme_ids")}
        # a programme not stored yet has no rows to compare or delete: its rows are inserted
        # together with those of the other new programmes, one insert per table
        new_rows: dict[str, list[dict]] = {table: [] for table, *_ in TABLES}
        for doc, label in documents:
            pid = doc.programme.id
            rows = rows_of(doc, Path(label).name)
            next_seq = _assign_declaration_order(rows, order, pid, next_seq)
            if pid not in stored:
                for table, table_rows in rows.items():
                    new_rows[table] += table_rows
                continue
            for table, list_query, delete_query, insert_query in TABLES:
                old = writer.read(list_query, programme_id=pid)
                if table not in UNVERSIONED:
                    _carry_versions(rows[table], old)
                writer.run(delete_query, programme_id=pid)
                writer.insert_frame(insert_query, _frame(rows[table]))
        for table, _list_query, _delete_query, insert_query in TABLES:
            writer.insert_frame(insert_query, _frame(new_rows[table]))


def _assign_declaration_order(rows: dict, order: dict, pid: str, next_seq: int) -> int:
    for kind, table in (
        ("city", "city_declarations"),
        ("organisation", "organisation_declarations"),
    ):
        for row in rows[table]:
            seq = order.get((kind, pid, row["id"]))
            if seq is None:
                seq, next_seq = next_seq, next_seq + 1
            row["declared_seq"] = seq
    return next_seq


def _comparable(row: dict) -> dict:
    return {k: _plain(v) for k, v in row.items() if k not in BOOKKEEPING}


def _plain(value: object) -> object:
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None  # a NULL date comes back as NaT, a NULL number as NaN
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _carry_versions(new_rows: list[dict], old: pd.DataFrame) -> None:
    """An unchanged record keeps its version; a changed one gets the next."""
    if old.empty:
        return
    old_rows = {row["id"]: row for row in old.astype(object).to_dict("records")}
    for row in new_rows:
        before = old_rows.get(row["id"])
        if before is None:
            continue
        version = int(before["version"])
        same = _comparable(before) == _comparable({**before, **row})
        row["version"] = version if same else version + 1
