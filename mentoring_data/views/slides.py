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


def slides(programme_id: str, pair_id: str | None = None) -> list[Slide]:
    """Title, map, one slide per pair (or the partners), timeline, outcomes, indicators,
    sources. With `pair_id`, the same sequence narrowed to that pair."""
    programme = _programme(programme_id)
    pairs = dashboard.pair_progress(programme_id)
    if pair_id is not None:
        if pair_id not in set(pairs["pair_id"]):
            raise UnknownSubject(
                t("export.unknown_pair", pair=pair_id, programme=programme["name"])
            )
        pairs = pairs[pairs["pair_id"] == pair_id]
    headline = dashboard.headline(programme_id)
    deck: list[Slide] = [
        Slide(
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
    ]
    places = dashboard.map_places(programme_id)
    if pair_id is not None:
        wanted = set(pairs["mentor_id"]) | set(pairs["mentee_id"])
        places = places[places["id"].isin(wanted)]
    deck.append(Slide("map", t("export.map_title"), {"places": places, "links": pairs}))
    if pairs.empty:
        deck.append(
            Slide(
                "partners",
                t("export.partners_title"),
                {"partners": dashboard.partners(programme_id)},
            )
        )
    deck += [_pair_slide(programme_id, p) for p in pairs["pair_id"]]
    dated = dashboard.activities(programme_id, pair_id)
    deck.append(
        Slide(
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
    )
    outcomes = dashboard.outcomes(programme_id, pair_id)
    deck.append(
        Slide(
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
    )
    deck.append(
        Slide(
            "indicators",
            t("export.indicators_title"),
            {"indicators": dashboard.indicator_latest(programme_id)},
            _urls(dashboard.indicator_series(programme_id)["sources"]),
        )
    )
    deck.append(Slide("sources", t("export.sources_title"), {"sources": _all_sources(deck)}))
    return deck


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
