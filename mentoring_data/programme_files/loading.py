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
from mentoring_data.format.models import City, Organisation, ProgrammeFile
from mentoring_data.format.record_kinds import (
    ACTION_PLAN,
    ACTIVITY,
    ALL_KINDS,
    CITY,
    INDICATOR,
    INDICATOR_VALUE,
    ORGANISATION,
    OUTCOME,
    PAIR,
    PROGRAMME,
    STEP,
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
from mentoring_data.messages import t
from mentoring_data.store import database

BOOKKEEPING = {"version", "loaded_at", "source_file", "declared_seq"}


def rows_of(doc: ProgrammeFile, source_file: str) -> dict[str, list[dict]]:
    """The table rows one programme file becomes."""
    pid = doc.programme.id
    rows: dict[str, list[dict]] = {kind.table: [] for kind in ALL_KINDS}
    rows["programmes"].append(PROGRAMME.row(pid, doc.programme, source_file=source_file))
    for kind, records in (
        (CITY, doc.cities),
        (ORGANISATION, doc.organisations),
        (PAIR, doc.pairs),
        (ACTIVITY, doc.activities),
        (ACTION_PLAN, doc.action_plans),
        (OUTCOME, doc.outcomes),
        (INDICATOR, doc.indicators),
    ):
        rows[kind.table] = [kind.row(pid, r, position=i) for i, r in enumerate(records)]
    # steps and indicator values are numbered across the programme, not within their parent
    rows["steps"] = [
        STEP.row(pid, step, plan_id=plan.id, position=position)
        for position, (plan, step) in enumerate(
            (plan, step) for plan in doc.action_plans for step in plan.steps
        )
    ]
    rows["indicator_values"] = [
        INDICATOR_VALUE.row(pid, value, indicator_id=indicator.id, position=position)
        for position, (indicator, value) in enumerate(
            (indicator, value) for indicator in doc.indicators for value in indicator.values
        )
    ]
    return rows


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
        places.append(KnownPlace(t("problem.in_database", programme=pid), record))
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
        places.append(KnownPlace(t("problem.in_database", programme=pid), record))
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
            for kind in ALL_KINDS:
                writer.run(kind.delete_all_query, programme_id=programme_id)
        next_seq = writer.run("next_declaration_seq")[0][0]
        order = {(kind, pid, rid): seq for kind, pid, rid, seq in writer.run("declaration_order")}
        stored = {pid for (pid,) in writer.run("programme_ids")}
        # a programme not stored yet has no rows to compare or delete: its rows are inserted
        # together with those of the other new programmes, one insert per table
        new_rows: dict[str, list[dict]] = {kind.table: [] for kind in ALL_KINDS}
        for doc, label in documents:
            pid = doc.programme.id
            rows = rows_of(doc, Path(label).name)
            next_seq = _assign_declaration_order(rows, order, pid, next_seq)
            if pid not in stored:
                for table, table_rows in rows.items():
                    new_rows[table] += table_rows
                continue
            for kind in ALL_KINDS:
                old = writer.read(kind.list_query, programme_id=pid)
                if kind.versioned:
                    _carry_versions(rows[kind.table], old)
                writer.run(kind.delete_all_query, programme_id=pid)
                writer.insert_frame(kind.insert_query, _frame(rows[kind.table]))
        for kind in ALL_KINDS:
            writer.insert_frame(kind.insert_query, _frame(new_rows[kind.table]))


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
