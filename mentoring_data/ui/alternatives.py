"""Text alternatives drawn next to every chart and the map: one sentence read from the data,
then the chart's numbers as a table (a real HTML table, which screen readers walk cell by
cell, unlike the canvas of st.dataframe) in a closed expander. Each page calls one function
right after its chart, with the same data the chart was built from."""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd
import streamlit as st

from mentoring_data.locale_format import format_month
from mentoring_data.messages import label, labelled, t
from mentoring_data.ui.widgets import plain
from mentoring_data.views import dashboard
from mentoring_data.views.formatting import format_date, known


def _number(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _draw(summary: str, table: pd.DataFrame | None = None) -> None:
    st.markdown(summary)
    if table is not None and not table.empty:
        with st.expander(t("alt.data_table"), icon=":material/table:"):
            # st.table renders its cells as markdown: data text is escaped, never rendered
            st.table(table.map(lambda v: plain(v) if isinstance(v, str) else v), hide_index=True)


def _by_status(statuses: Iterable[str]) -> str:
    counts = pd.Series(list(statuses), dtype="object").value_counts()
    return ", ".join(labelled(label("status", s), n) for s, n in counts.items())


def pair_progress(pairs: pd.DataFrame) -> None:
    """Beside the overview's bars of plan steps per pair."""
    _draw(
        t(
            "alt.pair_progress",
            pairs=len(pairs),
            done=int(pairs["steps_done"].sum()),
            total=int(pairs["steps_total"].sum()),
        ),
        pd.DataFrame(
            {
                t("col.pair"): pairs["label"],
                t("col.programme"): pairs["programme_name"],
                t("col.status"): [label("status", s) for s in pairs["status"]],
                t("col.steps_done"): pairs["steps_done"],
                t("col.steps"): pairs["steps_total"],
                t("col.visits_done"): pairs["visits_done"],
                t("col.visits"): pairs["visits_total"],
            }
        ),
    )


BUCKETS = ("no-plan", "0", "1-49", "50-99", "100")


def progress_buckets(buckets: pd.DataFrame) -> None:
    """Beside the overview's bars of pairs counted by the share of their steps done."""
    counts = dict(zip(buckets["bucket"], buckets["pairs"], strict=True))
    rows = [(t(f"chart.bucket_{b}"), int(counts.get(b, 0))) for b in BUCKETS]
    _draw(
        t("alt.buckets", parts="; ".join(labelled(name, n) for name, n in rows)),
        pd.DataFrame(rows, columns=[t("alt.col_share"), t("col.pairs")]),
    )


def activities(activities: pd.DataFrame) -> None:
    """Beside a time line of activities; the page lists the activities themselves."""
    _draw(_activities_summary(activities) + " " + t("alt.listed_below"))


def _activities_summary(activities: pd.DataFrame) -> str:
    ends = activities["end_date"].where(activities["end_date"].notna(), activities["start_date"])
    first = activities.loc[activities["start_date"].idxmin()]
    last_index = pd.to_datetime(ends).idxmax()
    last = activities.loc[last_index]
    last_precision = last["end_precision"] if known(last["end_date"]) else last["start_precision"]
    return t(
        "alt.activities",
        count=len(activities),
        first=format_date(first["start_date"], first["start_precision"]),
        last=format_date(ends[last_index], last_precision),
        statuses=_by_status(activities["status"]),
    )


def burnup(burnup: pd.DataFrame, totals: dict[str, int]) -> None:
    """Beside the cumulative line of steps done per plan."""
    data = burnup.assign(cumulative=burnup.groupby("plan_title", sort=False)["steps_done"].cumsum())
    last_month = pd.Timestamp(data["month"].max())
    _draw(
        t(
            "alt.burnup",
            plans=data["plan_title"].nunique(),
            month=format_month(last_month.date()),
            done=int(data["steps_done"].sum()),
            total=sum(totals.get(p, 0) for p in data["plan_title"].unique()),
        ),
        pd.DataFrame(
            {
                t("alt.col_plan"): data["plan_title"],
                t("plans.burnup_axis_x"): [
                    format_month(pd.Timestamp(m).date()) for m in data["month"]
                ],
                t("alt.col_done_in_month"): data["steps_done"],
                t("plans.burnup_axis_y"): data["cumulative"],
                t("alt.col_plan_total"): [totals.get(p) for p in data["plan_title"]],
            }
        ),
    )


def indicator(name: str, values: pd.DataFrame, unit: str | None, target: float | None) -> None:
    """Beside one indicator's line of values."""
    first, last = values.iloc[0], values.iloc[-1]
    summary = t(
        "alt.indicator",
        name=plain(name),
        count=len(values),
        first=format_date(first["value_date"], first["value_precision"]),
        last=format_date(last["value_date"], last["value_precision"]),
        latest=f"{last['value']:g} {plain(unit or '')}".strip(),
    )
    if known(target):
        summary += " " + t("alt.indicator_target", target=f"{target:g}")
    _draw(
        summary,
        pd.DataFrame(
            {
                t("col.date"): [
                    format_date(d, p)
                    for d, p in zip(values["value_date"], values["value_precision"], strict=True)
                ],
                unit or t("indicators.value"): [_number(v) for v in values["value"]],
            }
        ),
    )


def outcome_counts(counts: pd.DataFrame) -> None:
    """Beside the stacked bars of outcomes per kind and status."""
    by_status = counts.groupby("status", sort=False)["outcomes"].sum()
    _draw(
        t(
            "alt.outcomes",
            total=int(counts["outcomes"].sum()),
            statuses=", ".join(labelled(label("status", s), int(n)) for s, n in by_status.items()),
        ),
        pd.DataFrame(
            {
                t("col.kind"): [label("outcome_kind", k) for k in counts["kind"]],
                t("col.status"): [label("status", s) for s in counts["status"]],
                t("col.outcomes"): counts["outcomes"],
            }
        ),
    )


def network(programme_id: str | None) -> None:
    """Under the map (ui.widgets.network_map): what it draws, as a list."""
    listed = _network_lines(programme_id, plain)
    if listed is None:
        return
    pairs, heading, lines = listed
    st.markdown(t("alt.map_summary", pairs=pairs))
    with st.expander(heading, icon=":material/list:"):
        st.markdown("\n".join(f"- {line}" for line in lines))


def _network_lines(programme_id: str | None, text) -> tuple[int, str, list[str]] | None:
    """What the map draws, a line per pair (or per country flow when the map groups them):
    the number of pairs, the list's heading and its lines; None when it draws no pair.
    `text` makes data text safe where it is shown (markdown on a page, HTML on a slide)."""
    view = dashboard.network_view(programme_id)
    links = view.links
    if view.by_country:
        lines = [
            t(
                "alt.map_flow_line",
                mentor=text(row["mentor_country"]),
                mentee=text(row["mentee_country"]),
                pairs=int(row["pairs"]),
                done=int(row["steps_done"]),
                total=int(row["steps_total"]),
            )
            for row in links.to_dict("records")
        ]
        return int(links["pairs"].sum()), t("alt.map_flows"), lines
    if links.empty:
        return None
    lines = [
        t(
            "alt.map_pair_line",
            mentor=text(_place_name(row, "mentor")),
            mentee=text(_place_name(row, "mentee")),
            programme=text(row["programme_name"]),
            status=label("status", row["status"]),
            done=int(row["steps_done"]),
            total=int(row["steps_total"]),
        )
        for row in links.to_dict("records")
    ]
    return len(links), t("alt.map_pairs"), lines


def _place_name(row: dict, side: str) -> str:
    name = row[f"{side}_name"]
    return str(name if known(name) else row[f"{side}_id"])


# On a slide the alternatives are for screen readers only: drawn visibly they would push the
# slide's controls off a 1280x720 projector. The slide style hides `.visually-hidden` by
# clipping, not with display:none, so a screen reader still reads it; it holds no control, so
# nothing invisible can take the keyboard's focus.


def _for_screen_readers(
    summary: str, table: pd.DataFrame | None = None, lines: list[str] | None = None
) -> None:
    parts = [f"<p>{html.escape(summary)}</p>"]
    if table is not None and not table.empty:
        parts.append(table.astype(str).to_html(index=False, escape=True, border=0))
    if lines:
        parts.append("<ul>" + "".join(f"<li>{html.escape(x)}</li>" for x in lines) + "</ul>")
    st.html(f"<div class='visually-hidden'>{''.join(parts)}</div>")


def slide_network(programme_id: str | None) -> None:
    """Beside the map slide: its pairs (or country flows) as a list."""
    listed = _network_lines(programme_id, str)
    if listed is not None:
        pairs, _heading, lines = listed
        _for_screen_readers(t("alt.map_summary", pairs=pairs), lines=lines)


def slide_partners(partners: pd.DataFrame) -> None:
    """Beside the partners slide's bars of organisations per country and kind."""
    data = partners.assign(
        country=[
            c if known(c) and c != "" else t("chart.country_unknown") for c in partners["country"]
        ],
        kind=[label("organisation_kind", k) for k in partners["kind"]],
    )
    counts = data.groupby(["country", "kind"], sort=False).size().reset_index(name="n")
    by_country = data["country"].value_counts()
    _for_screen_readers(
        t(
            "alt.partners",
            count=len(data),
            parts="; ".join(labelled(country, n) for country, n in by_country.items()),
        ),
        pd.DataFrame(
            {
                t("col.country"): counts["country"],
                t("col.kind"): counts["kind"],
                t("alt.col_organisations"): counts["n"],
            }
        ),
    )


def slide_activities(activities: pd.DataFrame, table: pd.DataFrame) -> None:
    """Beside the timeline slide: how many activities, from when to when, and each one."""
    _for_screen_readers(
        _activities_summary(activities),
        pd.DataFrame(
            {
                t("col.date"): table["when"],
                t("col.kind"): table["kind_label"],
                t("col.title"): table["title"],
                t("col.pair"): table["pair_label"],
                t("col.status"): table["status_label"],
            }
        ),
    )


def slide_indicators(latest: pd.DataFrame) -> None:
    """Beside the indicators slide: each indicator's latest value against its target."""
    _for_screen_readers(
        t("alt.indicators", count=len(latest)),
        pd.DataFrame(
            {
                t("col.indicator"): latest["name"],
                t("col.latest"): [_number(v) if known(v) else "—" for v in latest["latest_value"]],
                t("col.target"): [_number(v) if known(v) else "—" for v in latest["target"]],
                t("col.unit"): [u if known(u) else "" for u in latest["unit"]],
            }
        ),
    )
