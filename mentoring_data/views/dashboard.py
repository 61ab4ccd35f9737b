"""What the dashboard's pages may ask for. Each function runs named queries through the database.

Results are cached per database file and data version, so a rerun with unchanged data costs a
dictionary look-up, and any committed write (which bumps the version) is seen at once.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from mentoring_data.messages import current_language, label, t
from mentoring_data.startup import current_store
from mentoring_data.views.formatting import format_date, known, pair_label, shown_text

log = logging.getLogger(__name__)
MAX_TABLE_ROWS = 1000
# Above these sizes a page summarises instead of drawing every item, so it stays fast and legible.
MAP_PAIR_LIMIT = 300
CHART_PAIR_LIMIT = 30
CHART_PLAN_LIMIT = 12


def data_key() -> tuple[str, int, dt.date]:
    """What cached results depend on besides their arguments: the file, its version, the day."""
    target = current_store()
    return str(target.path), target.data_version, today()


def cached(function):
    """Cache a page-data function per database file, data version, day and language (results
    hold labels, dates and texts written in the current language).

    The result is shared, not copied, so a rerun costs a look-up even for large frames; the
    functions below never change a frame they return, and pages only derive new ones.
    """

    # the function's name is part of the key: Streamlit may treat every `run` made here as the
    # same cached function, so the name keeps their entries apart
    @st.cache_resource(show_spinner=False, max_entries=256)
    def run(
        name: str, db_path: str, data_version: int, day: dt.date, language: str, *args, **kwargs
    ):
        return function(*args, **kwargs)

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        target = current_store()
        return run(
            function.__qualname__,
            str(target.path),
            target.data_version,
            today(),
            current_language(),
            *args,
            **kwargs,
        )

    wrapper.clear = run.clear
    return wrapper


def _read(name: str, **params: object) -> pd.DataFrame:
    return current_store().read(name, **params)


def _decoded(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """JSON list columns as Python lists, for pages to show."""
    if frame.empty:
        return frame
    frame = frame.copy()
    for column in columns:
        frame[column] = [json.loads(v) if isinstance(v, str) else [] for v in frame[column]]
    return frame


def _shown(frame: pd.DataFrame, *fields: str, keep: bool = True) -> pd.DataFrame:
    """Each text field as the viewer reads it (their language, else the original marked with
    its language) from its `<field>_i18n` column: in `<field>_shown`, keeping the stored
    wording in `<field>` for the edit forms, or (keep=False) in place of it."""
    frame = frame.copy()
    for field in fields:
        shown = [
            shown_text(stored, fallback)
            for stored, fallback in zip(frame[f"{field}_i18n"], frame[field], strict=True)
        ]
        frame[f"{field}_shown" if keep else field] = shown
    return frame


def today() -> dt.date:
    return dt.date.today()


# --- programmes ---------------------------------------------------------------------------


@cached
def programmes() -> pd.DataFrame:
    return _shown(_decoded(_read("programmes"), "sources"), "title", "summary")


@cached
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


@cached
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


@cached
def pair_progress(programme_id: str | None) -> pd.DataFrame:
    frame = _read("pair_progress", programme_id=programme_id)
    frame["label"] = (
        frame["mentor_name"].fillna(frame["mentor_id"])
        + " → "
        + frame["mentee_name"].fillna(frame["mentee_id"])
    )
    total = frame["steps_total"].where(frame["steps_total"] > 0)
    frame["steps_pct"] = (100 * frame["steps_done"] / total).round()
    return frame


@cached
def map_places(programme_id: str | None) -> pd.DataFrame:
    return _read("map_places", programme_id=programme_id)


@cached
def pair_count(programme_id: str | None) -> int:
    return int(_read("pair_status_counts", programme_id=programme_id)["pairs"].sum())


@dataclass(frozen=True)
class NetworkView:
    """What the map draws: every pair and city, or (for large selections) country flows."""

    by_country: bool
    links: pd.DataFrame
    places: pd.DataFrame


@cached
def network_view(programme_id: str | None) -> NetworkView:
    if pair_count(programme_id) > MAP_PAIR_LIMIT:
        return NetworkView(
            True,
            _read("country_flows", programme_id=programme_id),
            _read("country_places", programme_id=programme_id),
        )
    return NetworkView(False, pair_progress(programme_id), map_places(programme_id))


@cached
def pair_table(programme_id: str | None) -> pd.DataFrame:
    """The Overview's table of pairs, each linked to its page: built once per data version
    and language, since for ten thousand pairs building it cost more than drawing it."""
    pairs = pair_progress(programme_id)
    return pairs.assign(
        link=[
            f"/pairs?programme={p}&lang={current_language()}&pair={q}"
            for p, q in zip(pairs["programme_id"], pairs["pair_id"], strict=True)
        ],
        status_label=pairs["status"].map(lambda s: label("status", s)),
    )[
        [
            "link",
            "programme_name",
            "status_label",
            "steps_done",
            "steps_total",
            "steps_pct",
            "visits_done",
            "visits_total",
        ]
    ]


@cached
def pair_progress_buckets(programme_id: str | None) -> pd.DataFrame:
    return _read("pair_progress_buckets", programme_id=programme_id)


@cached
def late_items(programme_id: str | None, max_rows: int = 50) -> pd.DataFrame:
    frame = _read("late_items", programme_id=programme_id, today=today(), max_rows=max_rows)
    return _shown(frame, "title", keep=False)


@cached
def upcoming_activities(programme_id: str | None, max_rows: int = 8) -> pd.DataFrame:
    frame = _read(
        "upcoming_activities", programme_id=programme_id, today=today(), max_rows=max_rows
    )
    return _shown(frame, "title", keep=False)


@cached
def recent_activities(programme_id: str | None, max_rows: int = 5) -> pd.DataFrame:
    frame = _read("recent_activities", programme_id=programme_id, max_rows=max_rows)
    return _shown(frame, "title", keep=False)


@cached
def partners(programme_id: str | None) -> pd.DataFrame:
    return _read("partners", programme_id=programme_id)


# --- pairs --------------------------------------------------------------------------------


@cached
def pair_choices(programme_id: str | None) -> pd.DataFrame:
    return _read("pair_choices", programme_id=programme_id)


@cached
def programmes_with_pair(pair_id: str) -> list[str]:
    return _read("programmes_with_pair", pair_id=pair_id)["programme_id"].tolist()


@cached
def pair_detail(programme_id: str, pair_id: str) -> dict | None:
    frame = _read("pair_detail", programme_id=programme_id, pair_id=pair_id)
    if frame.empty:
        return None
    row = frame.astype(object).iloc[0].to_dict()
    for field in ("supporting", "challenges", "strengths", "good_practices", "sources"):
        row[field] = json.loads(row[field])
    row["theme_shown"] = shown_text(row["theme_i18n"], row["theme"]) if known(row["theme"]) else ""
    for field in ("challenges", "strengths"):
        row[f"{field}_shown"] = [shown_text(item) for item in row[field]]
    row["good_practices_shown"] = [
        {
            "name": shown_text(practice["name"]),
            "summary": shown_text(practice["summary"]) if practice.get("summary") else "",
            "url": practice.get("url"),
        }
        for practice in row["good_practices"]
    ]
    return row


@cached
def place_declarations(place_ids: list[str]) -> pd.DataFrame:
    return _decoded(_read("place_declarations", place_ids=place_ids), "sources")


@cached
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


@cached
def organisations_named(organisation_ids: list[str]) -> pd.DataFrame:
    return _read("organisations_named", organisation_ids=organisation_ids)


# --- timeline, plans, outcomes, indicators -------------------------------------------------


@cached
def activities(
    programme_id: str | None, pair_id: str | None = None, kinds: list[str] | None = None
) -> pd.DataFrame:
    frame = _read(
        "activities",
        programme_id=programme_id,
        pair_id=pair_id,
        kinds=list(kinds or []),
        max_rows=MAX_TABLE_ROWS,
    )
    return _shown(_decoded(frame, "sources"), "title", "summary")


@cached
def pair_labels(programme_id: str | None) -> dict[str, str]:
    """Pair id → "Mentor → Mentee", for the pair filters."""
    choices = pair_choices(programme_id)
    return {
        p: pair_label(m, e)
        for p, m, e in zip(
            choices["pair_id"], choices["mentor_name"], choices["mentee_name"], strict=True
        )
    }


@cached
def activity_table(
    programme_id: str | None, pair_id: str | None = None, kinds: list[str] | None = None
) -> pd.DataFrame:
    """The timeline's activity list, ready to show."""
    frame = activities(programme_id, pair_id, kinds)
    return pd.DataFrame(
        {
            "when": [
                format_date(d, p)
                for d, p in zip(frame["start_date"], frame["start_precision"], strict=True)
            ],
            "kind_label": [label("activity_kind", k) for k in frame["kind"]],
            "title": frame["title_shown"],
            "pair_label": [
                pair_label(m, e)
                for m, e in zip(frame["mentor_name"], frame["mentee_name"], strict=True)
            ],
            "city_name": [c if known(c) else "" for c in frame["city_name"]],
            "mode_label": [label("mode", m) if known(m) else "" for m in frame["mode"]],
            "status_label": [label("status", s) for s in frame["status"]],
            "participants": [int(n) if known(n) else None for n in frame["participants"]],
        }
    )


@cached
def step_table(
    programme_id: str | None,
    pair_id: str | None = None,
    statuses: list[str] | None = None,
    owner: str | None = None,
) -> pd.DataFrame:
    """The action-plan steps, ready to show: labels, due dates and lateness as text."""
    frame = steps(programme_id, pair_id, statuses, owner)
    return pd.DataFrame(
        {
            "pair_label": [
                pair_label(m, e)
                for m, e in zip(frame["mentor_name"], frame["mentee_name"], strict=True)
            ],
            "title": frame["title_shown"],
            "owner": [o if known(o) else "" for o in frame["owner"]],
            "status": frame["status"],
            "status_label": [label("status", s) for s in frame["status"]],
            "progress": frame["progress"],
            "due": [
                format_date(d, p)
                for d, p in zip(frame["due_date"], frame["due_precision"], strict=True)
            ],
            "lateness": [
                t("plans.days_late", days=int(d)) if known(d) else "" for d in frame["days_late"]
            ],
            "late": [known(d) for d in frame["days_late"]],
            "evidence": frame["evidence"],
            "plan_title": frame["plan_title_shown"],
        }
    )


@cached
def programme_periods(programme_id: str | None) -> pd.DataFrame:
    return _read("programme_periods", programme_id=programme_id)


@cached
def steps(
    programme_id: str | None,
    pair_id: str | None = None,
    statuses: list[str] | None = None,
    owner: str | None = None,
) -> pd.DataFrame:
    frame = _read(
        "steps",
        programme_id=programme_id,
        pair_id=pair_id,
        statuses=list(statuses or []),
        owner=owner,
        today=today(),
        max_rows=MAX_TABLE_ROWS,
    )
    return _shown(_decoded(frame, "sources"), "title", "plan_title")


@cached
def step_counts(
    programme_id: str | None,
    pair_id: str | None = None,
    statuses: list[str] | None = None,
    owner: str | None = None,
) -> dict[str, int]:
    (row,) = _read(
        "step_counts",
        programme_id=programme_id,
        pair_id=pair_id,
        statuses=list(statuses or []),
        owner=owner,
        today=today(),
    ).to_dict("records")
    return {k: int(v) for k, v in row.items()}


@cached
def plan_step_totals(programme_id: str | None, pair_id: str | None = None) -> dict[str, int]:
    """Steps per plan; the selection's total under one name when many plans are drawn as one."""
    frame = _shown(
        _read("plan_step_totals", programme_id=programme_id, pair_id=pair_id), "plan_title"
    )
    totals = {k: int(v) for k, v in zip(frame["plan_title_shown"], frame["steps"], strict=True)}
    if pair_id is None and pair_count(programme_id) > CHART_PLAN_LIMIT:
        return {t("plans.all_plans_line"): sum(totals.values())}
    return totals


@cached
def plans(programme_id: str) -> pd.DataFrame:
    return _read("plans", programme_id=programme_id)


MAX_CHANGE_ROWS = 500  # the newest changes read for the History page


@cached
def changes(
    programme_id: str | None,
    username: str | None,
    table_name: str | None,
    max_rows: int = MAX_CHANGE_ROWS,
) -> pd.DataFrame:
    return _read(
        "changes",
        programme_id=programme_id,
        username=username,
        table_name=table_name,
        max_rows=max_rows,
    )


@cached
def users() -> pd.DataFrame:
    return _read("users")


@cached
def step_owners(programme_id: str | None) -> list[str]:
    return _read("step_owners", programme_id=programme_id)["owner"].tolist()


@cached
def plan_burnup(programme_id: str | None, pair_id: str | None = None) -> pd.DataFrame:
    """Done steps per month and plan; all plans together as one line when there are many."""
    if pair_id is None and pair_count(programme_id) > CHART_PLAN_LIMIT:
        frame = _read("steps_done_per_month", programme_id=programme_id, pair_id=pair_id)
        return frame.assign(
            plan_title=t("plans.all_plans_line"), programme_id=programme_id, plan_id=None
        )
    frame = _read("plan_burnup", programme_id=programme_id, pair_id=pair_id)
    # plan titles as the viewer reads them, matching the ceiling lines of plan_step_totals
    titles = _shown(
        _read("plan_step_totals", programme_id=programme_id, pair_id=pair_id), "plan_title"
    )
    shown = dict(zip(titles["plan_title"], titles["plan_title_shown"], strict=True))
    return frame.assign(plan_title=[shown.get(title, title) for title in frame["plan_title"]])


@cached
def outcomes(
    programme_id: str | None,
    pair_id: str | None = None,
    kinds: list[str] | None = None,
    statuses: list[str] | None = None,
) -> pd.DataFrame:
    frame = _read(
        "outcomes",
        programme_id=programme_id,
        pair_id=pair_id,
        kinds=list(kinds or []),
        statuses=list(statuses or []),
        max_rows=MAX_TABLE_ROWS,
    )
    return _shown(_decoded(frame, "sources", "languages"), "title", "summary")


@cached
def outcome_counts(programme_id: str | None) -> pd.DataFrame:
    return _read("outcome_counts", programme_id=programme_id)


@cached
def indicator_latest(programme_id: str | None) -> pd.DataFrame:
    return _shown(_read("indicator_latest", programme_id=programme_id), "name", keep=False)


@dataclass(frozen=True)
class IndicatorHistory:
    programme_id: str
    indicator_id: str
    name: str
    unit: str | None
    target: float | None
    values: pd.DataFrame
    sources: list[str]


@cached
def indicator_histories(programme_id: str | None, limit: int) -> list[IndicatorHistory]:
    """The first `limit` indicators with their values in date order, for charting."""
    wanted = indicator_latest(programme_id).head(limit)
    keys = set(zip(wanted["programme_id"], wanted["indicator_id"], strict=True))
    histories = []
    series = indicator_series(programme_id)
    for (pid, iid), group in series.groupby(["programme_id", "indicator_id"], sort=False):
        if (pid, iid) not in keys:
            continue
        first = group.iloc[0]
        values = group.dropna(subset=["value"])
        histories.append(
            IndicatorHistory(
                pid,
                iid,
                first["name"],
                first["unit"] if known(first["unit"]) else None,
                float(first["target"]) if known(first["target"]) else None,
                values,
                sorted({url for urls in values["sources"] for url in urls}),
            )
        )
    return histories


@cached
def indicator_series(programme_id: str | None) -> pd.DataFrame:
    frame = _decoded(_read("indicator_series", programme_id=programme_id), "sources")
    return _shown(frame, "name", keep=False)
