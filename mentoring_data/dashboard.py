"""What the dashboard's pages may ask for. Each function runs named queries through the store.

Results are cached per database file and data version, so a rerun with unchanged data costs a
dictionary look-up, and any committed write (which bumps the version) is seen at once.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from mentoring_data import loading, settings, store
from mentoring_data.validation import ValidationFailed

log = logging.getLogger(__name__)
MAX_TABLE_ROWS = 5000


def current_store() -> store.Store:
    """The store of MENTORING_DB (or the default file); filled with the shipped files at first."""
    target = store.open_store(settings.database_path())
    _fill_if_empty(target)
    return target


def _fill_if_empty(target: store.Store) -> None:
    if target.rows("programme_ids"):
        return
    files = settings.shipped_programme_files()
    report = loading.check_files(files)
    if not report.ok:
        raise ValidationFailed(report)
    loading.write_programmes(target, [(f.programme, f.label) for f in report.files])
    log.info("loaded %d shipped programme files into %s", len(files), target.path)


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_read(db_path: str, data_version: int, name: str, params: tuple) -> pd.DataFrame:
    return store.open_store(db_path).read(name, **dict(params))


def _read(name: str, **params: object) -> pd.DataFrame:
    target = current_store()
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    frame = _cached_read(str(target.path), target.data_version, name, frozen)
    return frame


def _decoded(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """JSON list columns as Python lists, for pages to show."""
    if frame.empty:
        return frame
    frame = frame.copy()
    for column in columns:
        frame[column] = [json.loads(v) if isinstance(v, str) else [] for v in frame[column]]
    return frame


def today() -> dt.date:
    return dt.date.today()


# --- programmes ---------------------------------------------------------------------------

def programmes() -> pd.DataFrame:
    return _decoded(_read("programme_summaries"), "sources")


def programme_names() -> dict[str, str]:
    frame = programmes()
    return dict(zip(frame["id"], frame["name"], strict=True))


# --- overview -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Headline:
    pairs_by_status: dict[str, int]
    visits_done: int
    visits_planned: int
    steps_done: int
    steps_total: int
    outcomes_delivered: int
    outcomes_total: int
    next_activity: dt.date | None

    @property
    def steps_pct(self) -> int | None:
        return round(100 * self.steps_done / self.steps_total) if self.steps_total else None

    @property
    def days_to_next(self) -> int | None:
        return (self.next_activity - today()).days if self.next_activity else None


def headline(programme_id: str | None) -> Headline:
    counts = _read("pair_status_counts", programme_id=programme_id)
    (row,) = _read("headline_figures", programme_id=programme_id, today=today()).to_dict("records")
    next_date = row["next_activity_date"]
    return Headline(
        pairs_by_status=dict(zip(counts["status"], counts["pairs"].astype(int), strict=True)),
        visits_done=int(row["visits_done"]),
        visits_planned=int(row["visits_planned"]),
        steps_done=int(row["steps_done"]),
        steps_total=int(row["steps_total"]),
        outcomes_delivered=int(row["outcomes_delivered"]),
        outcomes_total=int(row["outcomes_total"]),
        next_activity=None if pd.isna(next_date) else pd.Timestamp(next_date).date(),
    )


def pair_progress(programme_id: str | None) -> pd.DataFrame:
    frame = _read("pair_progress", programme_id=programme_id)
    if frame.empty:
        return frame
    frame = frame.copy()
    frame["label"] = frame["mentor_name"].fillna(frame["mentor_id"]) + " → " + \
        frame["mentee_name"].fillna(frame["mentee_id"])
    total = frame["steps_total"].where(frame["steps_total"] > 0)
    frame["steps_pct"] = (100 * frame["steps_done"] / total).round()
    return frame


def map_places(programme_id: str | None) -> pd.DataFrame:
    return _read("map_places", programme_id=programme_id)


def late_items(programme_id: str | None, max_rows: int = 50) -> pd.DataFrame:
    return _read("late_items", programme_id=programme_id, today=today(), max_rows=max_rows)


def upcoming_activities(programme_id: str | None, max_rows: int = 8) -> pd.DataFrame:
    return _read("upcoming_activities", programme_id=programme_id, today=today(),
                 max_rows=max_rows)


def recent_activities(programme_id: str | None, max_rows: int = 5) -> pd.DataFrame:
    return _read("recent_activities", programme_id=programme_id, max_rows=max_rows)


def partners(programme_id: str | None) -> pd.DataFrame:
    return _read("programme_partners", programme_id=programme_id)


# --- pairs --------------------------------------------------------------------------------

def pair_choices(programme_id: str | None) -> pd.DataFrame:
    return _read("pair_choices", programme_id=programme_id)


def programmes_with_pair(pair_id: str) -> list[str]:
    return _read("pairs_named", pair_id=pair_id)["programme_id"].tolist()


def pair_detail(programme_id: str, pair_id: str) -> dict | None:
    frame = _read("pair_detail", programme_id=programme_id, pair_id=pair_id)
    if frame.empty:
        return None
    row = frame.astype(object).iloc[0].to_dict()
    for field in ("supporting", "challenges", "strengths", "good_practices", "sources"):
        row[field] = json.loads(row[field])
    return row


def place_declarations(place_ids: list[str]) -> pd.DataFrame:
    return _decoded(_read("place_declarations", place_ids=place_ids), "sources")


def known(value: object) -> bool:
    """True for a real value; False for None, NaN, NaT and pandas' NA."""
    return value is not None and not (pd.api.types.is_scalar(value) and pd.isna(value))


def place_profiles(place_ids: list[str]) -> dict[str, dict]:
    """Each place's profile merged over the files that declare it, with all their sources."""
    frame = place_declarations(place_ids)
    profiles: dict[str, dict] = {}
    for row in frame.astype(object).to_dict("records"):
        profile = profiles.setdefault(row["id"], {"country": row["country"], "sources": []})
        for field in ("population", "population_year", "foreign_origin_pct"):
            if profile.get(field) is None and known(row[field]):
                profile[field] = row[field]
        profile["sources"] += [u for u in row["sources"] if u not in profile["sources"]]
    return profiles


def organisations_named(organisation_ids: list[str]) -> pd.DataFrame:
    return _read("organisations_named", organisation_ids=organisation_ids)


# --- timeline, plans, outcomes, indicators -------------------------------------------------

def activities(programme_id: str | None, pair_id: str | None = None,
               kinds: list[str] | None = None) -> pd.DataFrame:
    return _decoded(_read("activities_filtered", programme_id=programme_id, pair_id=pair_id,
                          kinds=list(kinds or []), max_rows=MAX_TABLE_ROWS), "sources")


def programme_periods(programme_id: str | None) -> pd.DataFrame:
    return _read("programme_periods", programme_id=programme_id)


def steps(programme_id: str | None, pair_id: str | None = None,
          statuses: list[str] | None = None, owner: str | None = None) -> pd.DataFrame:
    return _decoded(_read("steps_filtered", programme_id=programme_id, pair_id=pair_id,
                          statuses=list(statuses or []), owner=owner, today=today(),
                          max_rows=MAX_TABLE_ROWS), "sources")


def step_owners(programme_id: str | None) -> list[str]:
    return _read("step_owners", programme_id=programme_id)["owner"].tolist()


def plan_burnup(programme_id: str | None, pair_id: str | None = None) -> pd.DataFrame:
    return _read("plan_burnup_from_due_dates", programme_id=programme_id, pair_id=pair_id)


def outcomes(programme_id: str | None, pair_id: str | None = None,
             kinds: list[str] | None = None, statuses: list[str] | None = None) -> pd.DataFrame:
    return _decoded(_read("outcomes_filtered", programme_id=programme_id, pair_id=pair_id,
                          kinds=list(kinds or []), statuses=list(statuses or []),
                          max_rows=MAX_TABLE_ROWS), "sources", "languages")


def outcome_counts(programme_id: str | None) -> pd.DataFrame:
    return _read("outcome_counts", programme_id=programme_id)


def indicator_series(programme_id: str | None) -> pd.DataFrame:
    return _decoded(_read("indicator_series", programme_id=programme_id), "sources")
