"""Chart and map builders: data frames in, plotly figures and pydeck decks out.

One status palette for every chart (Okabe-Ito colours, told apart with the common colour-vision
deficiencies and readable on light and dark backgrounds). The map needs no tile server: its
background is the country outlines shipped in geo/europe.geojson.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from mentoring_data.messages import label, t

GEO_FILE = Path(__file__).resolve().parent / "geo" / "europe.geojson"

DONE, ACTIVE, PLANNED, LATE, STOPPED, REPLACED, NEUTRAL = (
    "#009E73", "#0072B2", "#56B4E9", "#E69F00", "#D55E00", "#CC79A7", "#8C8C8C",
)
STATUS_COLOURS = {
    "done": DONE, "completed": DONE, "delivered": DONE,
    "active": ACTIVE, "in-progress": ACTIVE,
    "planned": PLANNED, "not-started": PLANNED,
    "postponed": LATE, "blocked": LATE, "late": LATE,
    "cancelled": STOPPED, "stopped": STOPPED,
    "replaced": REPLACED, "dropped": NEUTRAL,
}
KIND_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
                "#8C8C8C", "#332288", "#88CCEE", "#117733", "#AA4499"]


def status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, NEUTRAL)


def _rgb(hex_colour: str, alpha: int = 255) -> list[int]:
    return [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)] + [alpha]


def _layout(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(height=height, margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      legend={"orientation": "h", "y": -0.15}, hovermode="closest")
    return fig


# --- map ----------------------------------------------------------------------------------

@cache
def country_outlines() -> dict:
    return json.loads(GEO_FILE.read_text(encoding="utf-8"))


def progress_colour(done: int, total: int, status: str) -> list[int]:
    if status in ("replaced", "stopped"):
        return _rgb(status_colour(status), 160)
    if total and done >= total:
        return _rgb(DONE)
    if done:
        return _rgb(ACTIVE)
    return _rgb(PLANNED)


def network_deck(pairs: pd.DataFrame, places: pd.DataFrame, dark: bool = False) -> pdk.Deck:
    """Mentor→mentee arcs coloured by progress over cities sized by population."""
    arcs = pairs.dropna(subset=["mentor_lat", "mentee_lat"]).copy()
    arcs["colour"] = [progress_colour(d, n, s) for d, n, s in
                      zip(arcs["steps_done"], arcs["steps_total"], arcs["status"], strict=True)]
    arcs["tooltip"] = [
        t("map.arc_tooltip", pair=label_, status=label("status", s), done=d, total=n,
          visits=v, visits_total=vt)
        for label_, s, d, n, v, vt in zip(arcs["label"], arcs["status"], arcs["steps_done"],
                                          arcs["steps_total"], arcs["visits_done"],
                                          arcs["visits_total"], strict=True)
    ]
    arcs = arcs[["programme_id", "pair_id", "label", "mentor_lon", "mentor_lat", "mentee_lon",
                 "mentee_lat", "colour", "tooltip"]]
    dots = places.copy()
    population = dots["population"].astype("Float64")
    dots["radius"] = (population.fillna(20000).clip(lower=5000) ** 0.5 * 45).astype(float)
    dots["colour"] = [_rgb(ACTIVE if m else (LATE if e else NEUTRAL), 220)
                      for m, e in zip(dots["is_mentor"], dots["is_mentee"], strict=True)]
    dots["tooltip"] = [_place_tooltip(row) for row in dots.to_dict("records")]
    dots = dots[["id", "name", "lon", "lat", "radius", "colour", "tooltip"]]
    land, border, text = ([40, 52, 66, 255], [90, 105, 125, 255], [235, 240, 245, 255]) if dark \
        else ([236, 239, 242, 255], [176, 184, 194, 255], [27, 38, 49, 255])
    layers = [
        pdk.Layer("GeoJsonLayer", id="countries", data=country_outlines(), stroked=True,
                  filled=True, get_fill_color=land, get_line_color=border,
                  line_width_min_pixels=1, pickable=False),
        pdk.Layer("ArcLayer", id="arcs", data=arcs, pickable=True, auto_highlight=True,
                  get_source_position=["mentor_lon", "mentor_lat"],
                  get_target_position=["mentee_lon", "mentee_lat"],
                  get_source_color="colour", get_target_color="colour", get_width=5,
                  get_height=0.5),
        pdk.Layer("ScatterplotLayer", id="cities", data=dots, pickable=True, auto_highlight=True,
                  get_position=["lon", "lat"], get_radius="radius", get_fill_color="colour",
                  stroked=True, get_line_color=[255, 255, 255, 255], line_width_min_pixels=1,
                  radius_min_pixels=4, radius_max_pixels=30),
        pdk.Layer("TextLayer", id="labels", data=dots, get_position=["lon", "lat"],
                  get_text="name", get_size=14, get_color=text, get_pixel_offset=[0, -20],
                  character_set="'auto'", font_family="'Source Sans Pro', sans-serif",
                  outline_width=2, font_settings={"sdf": True},
                  get_outline_color=[20, 20, 20, 255] if dark else [255, 255, 255, 255]),
    ]
    return pdk.Deck(layers=layers, map_provider=None, initial_view_state=_view(dots),
                    tooltip={"html": "{tooltip}"})


def _place_tooltip(row: dict) -> str:
    parts = [f"<b>{_escape(row['name'])}</b> ({_escape(row.get('country') or '')})"]
    population = row.get("population")
    if population is not None and not pd.isna(population):
        parts.append(t("map.population", population=f"{int(population):,}"))
    if row.get("foreign_origin_pct") is not None and not pd.isna(row["foreign_origin_pct"]):
        parts.append(t("map.foreign_origin", pct=f"{row['foreign_origin_pct']:g}"))
    return "<br/>".join(parts)


def _escape(text: str) -> str:
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def _view(dots: pd.DataFrame) -> pdk.ViewState:
    if dots.empty:
        return pdk.ViewState(latitude=50.0, longitude=12.0, zoom=3.2)
    lat_span = float(dots["lat"].max() - dots["lat"].min())
    lon_span = float(dots["lon"].max() - dots["lon"].min())
    span = max(lat_span * 1.6, lon_span, 1.0)
    zoom = max(2.5, min(7.0, 8.6 - span ** 0.5 * 1.05))
    return pdk.ViewState(latitude=float(dots["lat"].mean()),
                         longitude=float(dots["lon"].mean()), zoom=zoom)


# --- plotly charts ------------------------------------------------------------------------

def pair_progress_chart(pairs: pd.DataFrame) -> go.Figure:
    """Horizontal bars: plan steps done and still open, per pair."""
    data = pairs.sort_values(["programme_id", "position"], ascending=False)
    open_steps = data["steps_total"] - data["steps_done"]
    fig = go.Figure([
        go.Bar(y=data["label"], x=data["steps_done"], orientation="h", name=t("chart.steps_done"),
               marker_color=DONE, hovertemplate="%{y}: %{x}<extra></extra>"),
        go.Bar(y=data["label"], x=open_steps, orientation="h", name=t("chart.steps_open"),
               marker_color=PLANNED, hovertemplate="%{y}: %{x}<extra></extra>"),
    ])
    fig.update_layout(barmode="stack", title=t("chart.pair_progress_title"),
                      xaxis_title=t("chart.steps_axis"))
    return _layout(fig, max(220, 60 + 34 * len(data)))


def gantt(activities: pd.DataFrame, periods: pd.DataFrame, today: object) -> go.Figure:
    """Phases and activities on one time axis, coloured by kind, outlined by status."""
    rows = []
    for period in periods.to_dict("records"):
        rows.append({"row": t("timeline.phase", name=period["name"]),
                     "start": period["start_date"], "end": period["end_date"] or today,
                     "kind": t("timeline.phase_kind"), "status": "", "text": period["name"],
                     "approx": period["start_precision"] == "month"})
    for a in activities.to_dict("records"):
        start = pd.Timestamp(a["start_date"])
        end = pd.Timestamp(a["end_date"]) if not pd.isna(a["end_date"]) else start
        if a["start_precision"] == "month" and pd.isna(a["end_date"]):
            end = start + pd.offsets.MonthEnd(0)
        approx = a["start_precision"] == "month" or a["end_precision"] == "month"
        title = a["title"] + (" " + t("timeline.approximate") if approx else "")
        rows.append({"row": _activity_row(a), "start": start,
                     "end": end + pd.Timedelta(days=1), "kind": label("activity_kind", a["kind"]),
                     "status": a["status"], "text": title, "approx": approx})
    frame = pd.DataFrame(rows)
    fig = go.Figure()
    for index, (kind, group) in enumerate(frame.groupby("kind", sort=False)):
        fig.add_bar(
            base=group["start"], x=(pd.to_datetime(group["end"]) - pd.to_datetime(group["start"]))
            .dt.total_seconds() * 1000, y=group["row"], orientation="h", name=kind,
            marker={"color": KIND_COLOURS[index % len(KIND_COLOURS)],
                    "pattern": {"shape": [_status_pattern(s, ap) for s, ap in
                                          zip(group["status"], group["approx"], strict=True)]},
                    "line": {"color": [status_colour(s) if s else "rgba(0,0,0,0)"
                                       for s in group["status"]], "width": 2}},
            customdata=list(zip(group["text"], [label("status", s) for s in group["status"]],
                                strict=True)),
            hovertemplate="%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        )
    fig.update_xaxes(type="date")
    fig.update_yaxes(autorange="reversed", categoryorder="array",
                     categoryarray=list(dict.fromkeys(frame["row"])))
    fig.add_vline(x=pd.Timestamp(today).timestamp() * 1000, line_dash="dash",
                  line_color=LATE, annotation_text=t("timeline.today"))
    fig.update_layout(title=t("timeline.chart_title"), barmode="overlay",
                      xaxis_title=t("timeline.axis_date"))
    return _layout(fig, max(320, 80 + 24 * frame["row"].nunique()))


def _activity_row(activity: dict) -> str:
    if activity.get("mentee_name"):
        return f"{activity['mentor_name']} → {activity['mentee_name']}"
    return t("timeline.programme_wide")


def _status_pattern(status: str, approximate: bool) -> str:
    if status in ("planned",):
        return "/"
    if status in ("postponed", "cancelled"):
        return "x"
    return "." if approximate else ""


def burnup_chart(burnup: pd.DataFrame, totals: dict[str, int]) -> go.Figure:
    fig = go.Figure()
    for index, (plan_title, group) in enumerate(burnup.groupby("plan_title", sort=False)):
        colour = KIND_COLOURS[index % len(KIND_COLOURS)]
        fig.add_scatter(x=group["month"], y=group["steps_done"].cumsum(), mode="lines+markers",
                        line_shape="hv", name=plan_title, line_color=colour)
        total = totals.get(plan_title)
        if total:
            fig.add_hline(y=total, line_dash="dot", line_color=colour, opacity=0.5)
    fig.update_layout(title=t("plans.burnup_title"), xaxis_title=t("plans.burnup_axis_x"),
                      yaxis_title=t("plans.burnup_axis_y"))
    return _layout(fig, 340)


def indicator_chart(series: pd.DataFrame, name: str, unit: str | None,
                    target: float | None) -> go.Figure:
    fig = go.Figure()
    fig.add_scatter(x=series["value_date"], y=series["value"], mode="lines+markers+text",
                    text=[f"{v:g}" for v in series["value"]], textposition="top center",
                    name=name, line_color=ACTIVE)
    if target is not None and not pd.isna(target):
        fig.add_hline(y=target, line_dash="dash", line_color=DONE,
                      annotation_text=t("indicators.target", target=f"{target:g}"))
    fig.update_layout(title=name, yaxis_title=unit or t("indicators.value"),
                      xaxis_title=t("indicators.axis_date"), showlegend=False)
    fig.update_yaxes(rangemode="tozero")
    return _layout(fig, 300)


def outcome_count_chart(counts: pd.DataFrame) -> go.Figure:
    fig = go.Figure()
    for status in ("delivered", "in-progress", "planned"):
        part = counts[counts["status"] == status]
        if part.empty:
            continue
        fig.add_bar(x=[label("outcome_kind", k) for k in part["kind"]], y=part["outcomes"],
                    name=label("status", status), marker_color=status_colour(status))
    fig.update_layout(barmode="stack", title=t("outcomes.chart_title"),
                      yaxis_title=t("outcomes.axis_count"))
    return _layout(fig, 300)
