"""The slide sequence of a programme (or one pair), independent of how it is drawn.

Every slide is built from `dashboard` data functions only, so the deck, the PDF report, the
offline HTML and the on-screen slide mode all tell the same story from the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from mentoring_data.locale_format import country_name
from mentoring_data.messages import label, t
from mentoring_data.views import dashboard
from mentoring_data.views.formatting import format_date, known

KINDS = ("title", "map", "pair", "partners", "timeline", "outcomes", "indicators", "sources")


class UnknownSubject(ValueError):
    """The programme or pair asked for is not stored; the message says which."""


@dataclass
class Slide:
    """One slide: what it is (`kind`), its heading, and plain data for any renderer."""

    kind: str
    title: str
    data: dict = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)


def _text(value: object) -> str:
    return str(value) if known(value) else ""


def _period(row: dict) -> str:
    start = format_date(row["start_date"], row["start_precision"])
    end = format_date(row["end_date"], row["end_precision"])
    return f"{start} – {end}"


def _programme(programme_id: str) -> dict:
    frame = dashboard.programmes()
    rows = frame[frame["id"] == programme_id].astype(object).to_dict("records")
    if not rows:
        raise UnknownSubject(t("export.unknown_programme", programme=programme_id))
    return rows[0]


def _city(pair: dict, side: str, profiles: dict[str, dict]) -> dict:
    place_id = pair[f"{side}_id"]
    profile = profiles.get(place_id, {})
    population = profile.get("population")
    return {
        "id": place_id,
        "name": _text(pair[f"{side}_name"]) or place_id,
        "country": country_name(_text(pair[f"{side}_country"])),
        "population": int(population) if known(population) else None,
        "population_year": profile.get("population_year"),
        "foreign_origin_pct": profile.get("foreign_origin_pct"),
    }


def _pair_slide(programme_id: str, pair_id: str) -> Slide:
    pair = dashboard.pair_detail(programme_id, pair_id)
    profiles = dashboard.place_profiles(sorted({pair["mentor_id"], pair["mentee_id"]}))
    steps = dashboard.step_table(programme_id, pair_id)
    done = int((steps["status"] == "done").sum()) if not steps.empty else 0
    outcomes = dashboard.outcomes(programme_id, pair_id)
    mentor, mentee = _city(pair, "mentor", profiles), _city(pair, "mentee", profiles)
    sources = list(pair["sources"])
    for side in (mentor, mentee):
        sources += [u for u in profiles.get(side["id"], {}).get("sources", []) if u not in sources]
    return Slide(
        "pair",
        f"{mentor['name']} → {mentee['name']}",
        {
            "pair_id": pair_id,
            "theme": _text(pair["theme_shown"]),
            "status": label("status", pair["status"]),
            "mentor": mentor,
            "mentee": mentee,
            # the mentee brings its challenges, the mentor its strengths
            "challenges": list(pair["challenges_shown"]),
            "strengths": list(pair["strengths_shown"]),
            "visits_done": int(pair["visits_done"]),
            "visits_total": int(pair["visits_total"]),
            "steps_done": done,
            "steps_total": len(steps),
            "steps": steps[["title", "owner", "status_label", "progress", "due"]].reset_index(
                drop=True
            ),
            "outcomes": [
                {
                    "title": _text(o["title_shown"]),
                    "kind": label("outcome_kind", o["kind"]),
                    "status": label("status", o["status"]),
                }
                for o in outcomes.to_dict("records")
            ],
        },
        sources,
    )


@dataclass(frozen=True)
class Outline:
    """The slide sequence before any slide is built: which slides, in which order. Cheap to
    read (the programme and its pairs), so the slide page can count the slides and build
    only the one it shows."""

    programme_id: str
    pair_id: str | None
    entries: tuple[tuple[str, str | None], ...]  # (kind, pair id of a pair slide)

    def __len__(self) -> int:
        return len(self.entries)


def outline(programme_id: str, pair_id: str | None = None) -> Outline:
    """Title, map, one slide per pair (or the partners), timeline, outcomes, indicators,
    sources. With `pair_id`, the same sequence narrowed to that pair."""
    _programme(programme_id)  # refuses an unknown programme
    pairs = _pairs(programme_id, pair_id)
    entries: list[tuple[str, str | None]] = [("title", None), ("map", None)]
    if pairs.empty:
        entries.append(("partners", None))
    entries += [("pair", p) for p in pairs["pair_id"]]
    entries += [("timeline", None), ("outcomes", None), ("indicators", None), ("sources", None)]
    return Outline(programme_id, pair_id, tuple(entries))


def slides(programme_id: str, pair_id: str | None = None) -> list[Slide]:
    """Every slide of the sequence, built (what the exports draw)."""
    sequence = outline(programme_id, pair_id)
    built = [slide_at(sequence, n) for n in range(1, len(sequence))]
    return [*built, _sources_slide(built)]


def slide_at(sequence: Outline, number: int) -> Slide:
    """Slide `number` (1-based) of the sequence, built from the data as it is now. The closing
    slide lists the sources of all the others, so it builds them too."""
    kind, subject = sequence.entries[number - 1]
    programme_id, pair_id = sequence.programme_id, sequence.pair_id
    if kind == "sources":
        return _sources_slide([slide_at(sequence, n) for n in range(1, len(sequence))])
    if kind == "pair":
        return _pair_slide(programme_id, subject)
    return _BUILDERS[kind](programme_id, pair_id)


def _sources_slide(others: list[Slide]) -> Slide:
    return Slide("sources", t("export.sources_title"), {"sources": _all_sources(others)})


def _pairs(programme_id: str, pair_id: str | None) -> pd.DataFrame:
    pairs = dashboard.pair_progress(programme_id)
    if pair_id is None:
        return pairs
    if pair_id not in set(pairs["pair_id"]):
        programme = _programme(programme_id)
        raise UnknownSubject(t("export.unknown_pair", pair=pair_id, programme=programme["name"]))
    return pairs[pairs["pair_id"] == pair_id]


def _title_slide(programme_id: str, pair_id: str | None) -> Slide:
    programme = _programme(programme_id)
    headline = dashboard.headline(programme_id)
    return Slide(
        "title",
        _text(programme["name"]) or programme_id,
        {
            "subtitle": _text(programme["title_shown"]),
            "period": _period(programme),
            "coordinator": _text(programme["coordinator"]),
            "data_date": format_date(dashboard.today()),
            "figures": {
                t("export.figure_pairs"): sum(headline.pairs_by_status.values()),
                t("export.figure_visits"): headline.visits_done,
                t("export.figure_steps"): f"{headline.steps_done}/{headline.steps_total}",
                t("export.figure_outcomes"): headline.outcomes_delivered,
            },
        },
        list(programme["sources"]),
    )


def _map_slide(programme_id: str, pair_id: str | None) -> Slide:
    pairs = _pairs(programme_id, pair_id)
    places = dashboard.map_places(programme_id)
    if pair_id is not None:
        wanted = set(pairs["mentor_id"]) | set(pairs["mentee_id"])
        places = places[places["id"].isin(wanted)]
    return Slide("map", t("export.map_title"), {"places": places, "links": pairs})


def _partners_slide(programme_id: str, _pair_id: str | None) -> Slide:
    return Slide(
        "partners",
        t("export.partners_title"),
        {"partners": dashboard.partners(programme_id)},
    )


def _timeline_slide(programme_id: str, pair_id: str | None) -> Slide:
    dated = dashboard.activities(programme_id, pair_id)
    return Slide(
        "timeline",
        t("export.timeline_title"),
        {
            "periods": dashboard.programme_periods(programme_id),
            # the list as people read it, and the dated rows a chart places in time
            "activities": dashboard.activity_table(programme_id, pair_id),
            "dated": dated,
        },
        _urls(dated["sources"]),
    )


def _outcomes_slide(programme_id: str, pair_id: str | None) -> Slide:
    outcomes = dashboard.outcomes(programme_id, pair_id)
    return Slide(
        "outcomes",
        t("export.outcomes_title"),
        {
            "counts": _outcome_counts(outcomes),
            "items": [
                {
                    "title": _text(o["title_shown"]),
                    "kind": label("outcome_kind", o["kind"]),
                    "status": label("status", o["status"]),
                }
                for o in outcomes.to_dict("records")
            ],
        },
        _urls(outcomes["sources"]),
    )


def _indicators_slide(programme_id: str, _pair_id: str | None) -> Slide:
    return Slide(
        "indicators",
        t("export.indicators_title"),
        {"indicators": dashboard.indicator_latest(programme_id)},
        _urls(dashboard.indicator_series(programme_id)["sources"]),
    )


_BUILDERS = {
    "title": _title_slide,
    "map": _map_slide,
    "partners": _partners_slide,
    "timeline": _timeline_slide,
    "outcomes": _outcomes_slide,
    "indicators": _indicators_slide,
}


def _outcome_counts(outcomes: pd.DataFrame) -> dict[str, int]:
    counts: dict[str, int] = {}
    for kind in outcomes["kind"] if not outcomes.empty else []:
        name = label("outcome_kind", kind)
        counts[name] = counts.get(name, 0) + 1
    return counts


def _urls(lists: pd.Series) -> list[str]:
    seen: list[str] = []
    for urls in lists:
        seen += [u for u in urls if u not in seen]
    return seen


def _all_sources(deck: list[Slide]) -> list[str]:
    seen: list[str] = []
    for slide in deck:
        seen += [u for u in slide.sources if u not in seen]
    return seen
