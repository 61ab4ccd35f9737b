"""The slide sequence of a programme, independent of how it is shown.

Provisional: the minimum the /present page reads (kind, title, subtitle, figures, points,
chart). The full sequence (timeline, outcomes, indicators) is built by the exports work.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mentoring_data import dashboard
from mentoring_data.messages import label, t


@dataclass(frozen=True)
class Slide:
    kind: str  # title | map | pair | sources
    title: str
    subtitle: str = ""
    figures: tuple[tuple[str, str], ...] = ()  # (caption, value) shown big
    points: tuple[str, ...] = ()
    pair_id: str | None = None
    sources: tuple[str, ...] = field(default=())


def slides(programme_id: str, pair_id: str | None = None) -> list[Slide]:
    """Title, map, one slide per pair (or only `pair_id`), sources."""
    names = dashboard.programme_names()
    if programme_id not in names:
        raise KeyError(programme_id)
    pairs = dashboard.pair_progress(programme_id)
    if pair_id is not None:
        pairs = pairs[pairs["pair_id"] == pair_id]
        if pairs.empty:
            raise KeyError(pair_id)
    figures = dashboard.headline(programme_id)
    out = [
        Slide(
            "title",
            names[programme_id],
            figures=(
                (t("overview.metric_pairs"), str(sum(figures.pairs_by_status.values()))),
                (
                    t("overview.metric_visits"),
                    f"{figures.visits_done} / {figures.visits_done + figures.visits_planned}",
                ),
                (
                    t("overview.metric_outcomes"),
                    f"{figures.outcomes_delivered} / {figures.outcomes_total}",
                ),
            ),
        ),
        Slide("map", t("overview.map_heading")),
    ]
    for row in pairs.to_dict("records"):
        pct = row["steps_pct"]
        out.append(
            Slide(
                "pair",
                row["label"],
                subtitle=label("status", row["status"]),
                figures=(
                    (t("col.visits_done"), f"{row['visits_done']} / {row['visits_total']}"),
                    (t("col.progress"), "—" if pct != pct else f"{int(pct)} %"),
                ),
                pair_id=row["pair_id"],
            )
        )
    programme = dashboard.programmes().set_index("id").loc[programme_id]
    out.append(Slide("sources", t("common.sources"), sources=tuple(programme["sources"] or ())))
    return out
