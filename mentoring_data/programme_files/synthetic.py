"""Synthetic mentoring networks for scale tests and benchmarks. Nothing here is real.

Every generated record is labelled synthetic: ids start with `synthetic-`, names say
"Synthetic", and the programme summary says the data were generated.
`write_programme_files` writes a network of a given size as programme files in the public
format (one file per programme), checked and loaded like any other file, so its rows come from
the same record-kind registry as real data; `write_synthetic_history` adds the change history
that goes with it (history is not part of programme files, so it is written into the database
directly).

The sizes: S is the shipped data (`mentoring_data/programmes/`); M and L are generated, the
same per-programme shape at 100 and 1,000 programmes. Everything follows from the seed and the
anchor date (the day the network's dates are placed around), so the same seed and anchor give
identical files.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from mentoring_data.store import database

STEP_STATUSES = np.array(["not-started", "in-progress", "done", "blocked", "dropped"])
ACTIVITY_KINDS = np.array(
    ["study-visit", "study-visit", "transfer-workshop", "training", "meeting"]
)


# --- sized networks as programme files -------------------------------------------------------


@dataclass(frozen=True)
class Size:
    """How large a generated network is; every programme has the same shape."""

    programmes: int
    pairs_per_programme: int = 10
    activities_per_pair: int = 5
    steps_per_pair: int = 20
    history_rows: int = 0

    @property
    def pairs(self) -> int:
        return self.programmes * self.pairs_per_programme

    @property
    def activities(self) -> int:
        return self.pairs * self.activities_per_pair

    @property
    def steps(self) -> int:
        return self.pairs * self.steps_per_pair


def scaled(programmes: int) -> Size:
    """A network of this many programmes of the usual shape, with 1,000 history rows each."""
    return Size(programmes=programmes, history_rows=1000 * programmes)


SIZES = {"M": scaled(100), "L": scaled(1000)}
SHIPPED_SIZE = "S"  # the shipped programme files themselves; nothing to generate
COUNTRIES = ["BE", "FR", "IT", "ES", "GR", "LV", "PL", "DE", "PT", "NL", "HU", "SE"]
STEP_OWNERS = ["Synthetic mentee city team", "Synthetic mentor city team", "Synthetic association"]
OUTCOME_KINDS = ["one-stop-shop", "toolkit", "guide", "video", "report"]
HISTORY_USERS = 20
HISTORY_COMMENT = "Synthetic history generated for scale tests"


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """libyaml's writer where it is installed (the same output, many times faster)."""


def programme_id(index: int) -> str:
    return f"synthetic-{index:04d}"


def step_id(pair: int, step: int) -> str:
    return f"synthetic-step-{pair:02d}-{step:02d}"


def write_programme_files(
    size: Size, folder: Path, seed: int = 7, anchor: dt.date | None = None
) -> list[Path]:
    """Write one programme file per generated programme into `folder`; returns the paths.

    The dates lie around `anchor` (default today): programmes started up to four years before
    it and run for three, so some steps are late and some activities are still to come."""
    anchor = anchor or dt.date.today()
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    paths = []
    for index in range(size.programmes):
        document = programme_document(index, size, rng, anchor)
        path = folder / f"{programme_id(index)}.yaml"
        text = yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _day(anchor: dt.date, offset: int) -> dt.date:
    return anchor + dt.timedelta(days=int(offset))


def programme_document(index: int, size: Size, rng: np.random.Generator, anchor: dt.date) -> dict:
    """One synthetic programme as a programme-file mapping, in the format's field order."""
    pid = programme_id(index)
    n_pairs = size.pairs_per_programme
    start = _day(anchor, -int(rng.integers(200, 1500)))
    document: dict = {
        "format": "mentoring-programme/1",
        "programme": {
            "id": pid,
            "name": f"Synthetic network {index}",
            "kind": "city-to-city",
            "coordinator": "Synthetic coordinating association",
            "start": start,
            "end": start + dt.timedelta(days=1095),
            "summary": "Synthetic data generated for scale tests; not a real programme.",
        },
    }
    document["cities"] = _cities(index, 2 * n_pairs, rng)
    statuses = rng.choice(["active", "completed", "planned"], n_pairs).tolist()
    document["pairs"] = [
        {
            "id": f"synthetic-pair-{k:02d}",
            "mentor": document["cities"][2 * k]["id"],
            "mentee": document["cities"][2 * k + 1]["id"],
            "theme": "Synthetic mentoring theme",
            "status": statuses[k],
        }
        for k in range(n_pairs)
    ]
    document["activities"] = _activities(document, size, rng, start, anchor)
    document["action_plans"] = [
        _action_plan(k, size.steps_per_pair, rng, start) for k in range(n_pairs)
    ]
    kinds = rng.choice(OUTCOME_KINDS, n_pairs).tolist()
    outcome_statuses = rng.choice(["planned", "in-progress", "delivered"], n_pairs).tolist()
    document["outcomes"] = [
        {
            "id": f"synthetic-outcome-{k:02d}",
            "kind": kinds[k],
            "title": f"Synthetic outcome {k} of network {index}",
            "pair": f"synthetic-pair-{k:02d}",
            "owner": document["cities"][2 * k + 1]["id"],
            "status": outcome_statuses[k],
        }
        for k in range(n_pairs)
    ]
    values = np.sort(rng.integers(0, 120, 4)).tolist()
    document["indicators"] = [
        {
            "id": "synthetic-volunteers",
            "name": "Synthetic volunteers trained",
            "unit": "people",
            "target": 100,
            "values": [
                {"date": start + dt.timedelta(days=days), "value": value}
                for days, value in zip((90, 270, 450, 630), values, strict=True)
            ],
        }
    ]
    return document


def _cities(index: int, count: int, rng: np.random.Generator) -> list[dict]:
    countries = rng.choice(COUNTRIES, count).tolist()
    lats = rng.uniform(37.0, 59.0, count).round(3).tolist()
    lons = rng.uniform(-8.0, 26.0, count).round(3).tolist()
    populations = rng.integers(5_000, 800_000, count).tolist()
    shares = rng.uniform(1, 40, count).round(1).tolist()
    return [
        {
            "id": f"synthetic-{index:04d}-city-{j:02d}",
            "name": f"Synthetic city {index}-{j}",
            "country": countries[j],
            "lat": lats[j],
            "lon": lons[j],
            "population": populations[j],
            "foreign_origin_pct": shares[j],
        }
        for j in range(count)
    ]


def _activities(
    document: dict, size: Size, rng: np.random.Generator, start: dt.date, anchor: dt.date
) -> list[dict]:
    count = size.pairs_per_programme * size.activities_per_pair
    kinds = rng.choice(ACTIVITY_KINDS, count).tolist()
    offsets = rng.integers(0, 1100, count).tolist()
    modes = rng.choice(["in-person", "online", "hybrid"], count).tolist()
    past = rng.choice(["done", "done", "done", "postponed", "cancelled"], count).tolist()
    participants = rng.integers(5, 80, count).tolist()
    activities = []
    per_pair = size.activities_per_pair
    for n in range(count):
        pair = n // per_pair
        day = start + dt.timedelta(days=offsets[n])
        activities.append(
            {
                "id": f"synthetic-activity-{pair:02d}-{n % per_pair}",
                "kind": kinds[n],
                "title": f"Synthetic {kinds[n].replace('-', ' ')} {n % per_pair + 1}",
                "pair": f"synthetic-pair-{pair:02d}",
                "start": day,
                "city": document["cities"][2 * pair + n % 2]["id"],
                "mode": modes[n],
                "status": past[n] if day < anchor else "planned",
                "participants": participants[n],
            }
        )
    return activities


def _action_plan(pair: int, steps: int, rng: np.random.Generator, start: dt.date) -> dict:
    statuses = rng.choice(STEP_STATUSES, steps, p=[0.25, 0.3, 0.35, 0.05, 0.05]).tolist()
    partial = rng.integers(1, 100, steps).tolist()
    owners = rng.choice(STEP_OWNERS, steps).tolist()
    due = rng.integers(30, 1100, steps).tolist()
    progress = {"done": 100, "not-started": 0}
    return {
        "id": f"synthetic-plan-{pair:02d}",
        "pair": f"synthetic-pair-{pair:02d}",
        "title": f"Synthetic action plan {pair}",
        "adopted": start + dt.timedelta(days=60),
        "steps": [
            {
                "id": step_id(pair, s),
                "title": f"Synthetic step {s + 1} of plan {pair}",
                "owner": owners[s],
                "due": start + dt.timedelta(days=due[s]),
                "status": statuses[s],
                "progress": progress.get(statuses[s], partial[s]),
            }
            for s in range(steps)
        ],
    }


def synthetic_history(
    size: Size, rows: int | None = None, seed: int = 7, anchor: dt.date | None = None
) -> pd.DataFrame:
    """Change-history rows for the steps of a network written by write_programme_files: each
    change group sets one step's status and progress, by one of 20 synthetic editors, spread
    over the two years before `anchor`, oldest first. Labelled synthetic in the user name, the
    group id and the comment."""
    rows = size.history_rows if rows is None else rows
    groups = (rows + 1) // 2
    rng = np.random.default_rng(seed + 1)
    anchor = anchor or dt.date.today()
    programme = rng.integers(0, size.programmes, groups)
    pair = rng.integers(0, size.pairs_per_programme, groups)
    step = rng.integers(0, size.steps_per_pair, groups)
    first = rng.integers(0, 4, groups)
    before = STEP_STATUSES[first]
    after = STEP_STATUSES[(first + rng.integers(1, 4, groups)) % 4]  # never the same status
    progress = rng.integers(1, 100, groups)
    seconds = np.sort(rng.integers(0, 730 * 86400, groups))
    changed_at = pd.Timestamp(anchor) - pd.Timedelta(days=730) + pd.to_timedelta(seconds, "s")
    users = rng.integers(1, HISTORY_USERS + 1, groups)
    ids = np.repeat(np.arange(groups), 2)[:rows]
    is_status = np.tile([True, False], groups)[:rows]
    status_json = [json.dumps(str(s)) for s in before], [json.dumps(str(s)) for s in after]
    old = [
        status_json[0][g] if first else str(_progress_of(before[g], progress[g]))
        for g, first in zip(ids, is_status, strict=True)
    ]
    new = [
        status_json[1][g] if first else str(_progress_of(after[g], 100 - progress[g]))
        for g, first in zip(ids, is_status, strict=True)
    ]
    return pd.DataFrame(
        {
            "change_group": [f"synthetic-change-{g:07d}" for g in ids],
            "changed_at": changed_at[ids],
            "username": [f"synthetic-editor-{u:02d}" for u in users[ids]],
            "programme_id": [programme_id(p) for p in programme[ids]],
            "table_name": "steps",
            "record_id": [step_id(a, b) for a, b in zip(pair[ids], step[ids], strict=True)],
            "action": "update",
            "field": np.where(is_status, "status", "progress"),
            "old_value": old,
            "new_value": new,
            "comment": HISTORY_COMMENT,
            "reverts_group": None,
        }
    ).astype({"reverts_group": object})


def _progress_of(status: str, partial: int) -> int:
    return {"done": 100, "not-started": 0}.get(str(status), int(partial))


def write_synthetic_history(
    target: database.Store,
    size: Size,
    rows: int | None = None,
    seed: int = 7,
    anchor: dt.date | None = None,
) -> int:
    """Add the generated history rows to the store in one transaction; returns how many."""
    frame = synthetic_history(size, rows, seed, anchor)
    with target.writing() as writer:
        writer.insert_frame("insert_changes", frame)
    return len(frame)
