"""A synthetic mentoring network for scale tests and benchmarks. Nothing here is real.

Every generated record is labelled synthetic: ids start with `synthetic-`, names say
"Synthetic", and the programme summary says the data were generated. It is written through the
same insert queries as real programme files.
"""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd

from mentoring_data.store import database

STEP_STATUSES = np.array(["not-started", "in-progress", "done", "blocked", "dropped"])
ACTIVITY_KINDS = np.array(
    ["study-visit", "study-visit", "transfer-workshop", "training", "meeting"]
)
ACTIVITY_STATUSES = np.array(["done", "done", "planned", "postponed", "cancelled"])
EMPTY_LIST = "[]"


def _text(values: pd.Series | np.ndarray) -> list[str]:
    return [json.dumps({"en": v}) for v in values]


def write_synthetic_network(
    target: database.Store,
    programmes: int = 1000,
    pairs_per_programme: int = 10,
    activities_per_pair: int = 5,
    steps_per_pair: int = 20,
    seed: int = 7,
) -> dict[str, int]:
    """Write a synthetic network (by default 1,000 programmes, 10,000 pairs, 50,000
    activities and 200,000 steps) in one transaction; returns the counts written."""
    rng = np.random.default_rng(seed)
    today = pd.Timestamp(dt.date.today())
    frames = _frames(
        rng, today, programmes, pairs_per_programme, activities_per_pair, steps_per_pair
    )
    with target.writing() as writer:
        for table, query in (
            ("programmes", "insert_programmes"),
            ("city_declarations", "insert_city_declarations"),
            ("pairs", "insert_pairs"),
            ("activities", "insert_activities"),
            ("action_plans", "insert_action_plans"),
            ("steps", "insert_steps"),
            ("outcomes", "insert_outcomes"),
            ("indicators", "insert_indicators"),
            ("indicator_values", "insert_indicator_values"),
        ):
            writer.insert_frame(query, frames[table])
    return {table: len(frame) for table, frame in frames.items()}


def _frames(
    rng: np.random.Generator,
    today: pd.Timestamp,
    n_programmes: int,
    pairs_per: int,
    activities_per: int,
    steps_per: int,
) -> dict[str, pd.DataFrame]:
    programme_ids = [f"synthetic-{i:04d}" for i in range(n_programmes)]
    starts = today - pd.to_timedelta(rng.integers(200, 1500, n_programmes), unit="D")
    programmes = pd.DataFrame(
        {
            "id": programme_ids,
            "name": [f"Synthetic network {i}" for i in range(n_programmes)],
            "kind": "city-to-city",
            "start_date": starts.date,
            "start_precision": "day",
            "end_date": (starts + pd.Timedelta(days=1095)).date,
            "end_precision": "day",
            "summary": "Synthetic data generated for scale tests; not a real programme.",
            "themes": EMPTY_LIST,
            "sources": EMPTY_LIST,
            "source_file": "synthetic",
        }
    )
    programmes["name_i18n"] = _text(programmes["name"])
    programmes["summary_i18n"] = _text(programmes["summary"])

    # two cities per pair, declared by the programme that uses them
    n_pairs = n_programmes * pairs_per
    pair_programme = np.repeat(programme_ids, pairs_per)
    city_ids = [f"synthetic-city-{i:05d}" for i in range(2 * n_pairs)]
    cities = pd.DataFrame(
        {
            "programme_id": np.repeat(pair_programme, 2),
            "id": city_ids,
            "declared_seq": np.arange(1, 2 * n_pairs + 1) + 1_000_000,
            "position": np.tile(np.arange(2 * pairs_per), n_programmes),
            "name": [f"Synthetic city {i}" for i in range(2 * n_pairs)],
            "country": rng.choice(
                ["BE", "FR", "IT", "ES", "GR", "LV", "PL", "DE", "PT"], 2 * n_pairs
            ),
            "lat": rng.uniform(37.0, 59.0, 2 * n_pairs).round(3),
            "lon": rng.uniform(-8.0, 26.0, 2 * n_pairs).round(3),
            "population": rng.integers(5_000, 800_000, 2 * n_pairs),
            "foreign_origin_pct": rng.uniform(1, 40, 2 * n_pairs).round(1),
            "sources": EMPTY_LIST,
        }
    )
    cities["name_i18n"] = _text(cities["name"])

    pair_ids = [f"synthetic-pair-{i % pairs_per:02d}" for i in range(n_pairs)]
    pairs = pd.DataFrame(
        {
            "programme_id": pair_programme,
            "id": pair_ids,
            "position": np.tile(np.arange(pairs_per), n_programmes),
            "mentor_id": city_ids[0::2],
            "mentee_id": city_ids[1::2],
            "supporting": EMPTY_LIST,
            "status": rng.choice(["active", "completed", "planned"], n_pairs),
            "challenges": EMPTY_LIST,
            "strengths": EMPTY_LIST,
            "good_practices": EMPTY_LIST,
            "sources": EMPTY_LIST,
        }
    )

    n_activities = n_pairs * activities_per
    activity_start = np.repeat(
        pd.to_datetime(np.repeat(starts, pairs_per)), activities_per
    ) + pd.to_timedelta(rng.integers(0, 1100, n_activities), unit="D")
    activities = pd.DataFrame(
        {
            "programme_id": np.repeat(pair_programme, activities_per),
            "id": [
                f"synthetic-activity-{i % (pairs_per * activities_per):03d}"
                for i in range(n_activities)
            ],
            "position": np.tile(np.arange(pairs_per * activities_per), n_programmes),
            "kind": rng.choice(ACTIVITY_KINDS, n_activities),
            "title": [f"Synthetic activity {i}" for i in range(n_activities)],
            "pair_id": np.repeat(pair_ids, activities_per),
            "start_date": pd.DatetimeIndex(activity_start).date,
            "start_precision": "day",
            "mode": rng.choice(["in-person", "online", "hybrid"], n_activities),
            "status": np.where(
                activity_start < today, rng.choice(ACTIVITY_STATUSES[:2], n_activities), "planned"
            ),
            "sources": EMPTY_LIST,
        }
    )
    activities["title_i18n"] = _text(activities["title"])

    plan_ids = [f"synthetic-plan-{i % pairs_per:02d}" for i in range(n_pairs)]
    plans = pd.DataFrame(
        {
            "programme_id": pair_programme,
            "id": plan_ids,
            "position": np.tile(np.arange(pairs_per), n_programmes),
            "pair_id": pair_ids,
            "title": [f"Synthetic plan {i}" for i in range(n_pairs)],
            "sources": EMPTY_LIST,
        }
    )
    plans["title_i18n"] = _text(plans["title"])

    n_steps = n_pairs * steps_per
    status = rng.choice(STEP_STATUSES, n_steps, p=[0.25, 0.3, 0.35, 0.05, 0.05])
    progress = np.where(
        status == "done", 100, np.where(status == "not-started", 0, rng.integers(0, 100, n_steps))
    )
    due = np.repeat(pd.to_datetime(np.repeat(starts, pairs_per)), steps_per) + pd.to_timedelta(
        rng.integers(30, 1100, n_steps), unit="D"
    )
    steps = pd.DataFrame(
        {
            "programme_id": np.repeat(pair_programme, steps_per),
            "id": [f"synthetic-step-{i % (pairs_per * steps_per):03d}" for i in range(n_steps)],
            "plan_id": np.repeat(plan_ids, steps_per),
            "position": np.tile(np.arange(pairs_per * steps_per), n_programmes),
            "title": [f"Synthetic step {i}" for i in range(n_steps)],
            "owner": rng.choice(["Mentee city", "Mentor city", "Association"], n_steps),
            "due_date": pd.DatetimeIndex(due).date,
            "due_precision": "day",
            "status": status,
            "progress": progress,
            "sources": EMPTY_LIST,
        }
    )
    steps["title_i18n"] = _text(steps["title"])

    outcomes = pd.DataFrame(
        {
            "programme_id": pair_programme,
            "id": [f"synthetic-outcome-{i % pairs_per:02d}" for i in range(n_pairs)],
            "position": np.tile(np.arange(pairs_per), n_programmes),
            "kind": rng.choice(["one-stop-shop", "toolkit", "guide", "video"], n_pairs),
            "title": [f"Synthetic outcome {i}" for i in range(n_pairs)],
            "pair_id": pair_ids,
            "owner_id": city_ids[0::2],
            "status": rng.choice(["planned", "in-progress", "delivered"], n_pairs),
            "languages": EMPTY_LIST,
            "sources": EMPTY_LIST,
        }
    )
    outcomes["title_i18n"] = _text(outcomes["title"])

    indicators = pd.DataFrame(
        {
            "programme_id": programme_ids,
            "id": "synthetic-volunteers",
            "position": 0,
            "name": "Synthetic volunteers trained",
            "unit": "people",
            "target": 100.0,
            "sources": EMPTY_LIST,
        }
    )
    indicators["name_i18n"] = _text(indicators["name"])
    values = pd.DataFrame(
        {
            "programme_id": np.repeat(programme_ids, 4),
            "indicator_id": "synthetic-volunteers",
            "position": np.tile(np.arange(4), n_programmes),
            "value_date": pd.DatetimeIndex(
                np.repeat(starts, 4)
                + pd.to_timedelta(np.tile([90, 270, 450, 630], n_programmes), unit="D")
            ).date,
            "value_precision": "day",
            "value": np.sort(rng.integers(0, 120, (n_programmes, 4)), axis=1).ravel().astype(float),
            "sources": EMPTY_LIST,
        }
    )
    return {
        "programmes": programmes,
        "city_declarations": cities,
        "pairs": pairs,
        "activities": activities,
        "action_plans": plans,
        "steps": steps,
        "outcomes": outcomes,
        "indicators": indicators,
        "indicator_values": values,
    }
