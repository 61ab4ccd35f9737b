"""Chart and map builders: data frames in, plotly figures and pydeck decks out.

One status palette for every chart, after Okabe-Ito (told apart with the common colour-vision
deficiencies). The light members (sky blue, orange, yellow) are darkened so that every colour
stands out at least 3:1 from both theme backgrounds (WCAG 1.4.11; ratios in
docs/accessibility.md); text in a chart keeps the theme's text colour. Every status also has
a name in the legend, and a symbol or pattern where the chart draws one. The map needs no tile
server: its background is the country outlines shipped in geo/europe.geojson.
"""

from __future__ import annotations

import json
import math
from functools import cache

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
from plotly.subplots import make_subplots

from mentoring_data import settings
from mentoring_data.locale_format import (
    country_name,
    format_day,
    format_number,
    format_short_month,
    format_whole,
    number_separators,
)
from mentoring_data.messages import label, t

GEO_FILE = settings.PACKAGE_DIR / "geo" / "europe.geojson"

DONE, ACTIVE, PLANNED, LATE, STOPPED, REPLACED, NEUTRAL = (
    "#009E73",
    "#0072B2",
    "#5B8FD6",
    "#BC7A00",
    "#D55E00",
    "#CC79A7",
    "#8C8C8C",
)
STATUS_COLOURS = {
    "done": DONE,
    "completed": DONE,
    "delivered": DONE,
    "active": ACTIVE,
    "in-progress": ACTIVE,
    "planned": PLANNED,
    "not-started": PLANNED,
    "postponed": LATE,
    "blocked": LATE,
    "late": LATE,
    "cancelled": STOPPED,
    "stopped": STOPPED,
    "replaced": REPLACED,
    "dropped": NEUTRAL,
}
MAX_LABELS = 60  # more names than this only clutter the map; tooltips still name every place
KIND_COLOURS = [
    "#0072B2",
    "#BC7A00",
    "#009E73",
    "#CC79A7",
    "#5B8FD6",
    "#D55E00",
    "#8F8200",
    "#8C8C8C",
    "#8E6BBF",
    "#1E90A8",
    "#117733",
    "#AA4499",
]


def status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, NEUTRAL)


def _rgb(hex_colour: str, alpha: int = 255) -> list[int]:
    return [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)] + [alpha]


def _translucent(hex_colour: str, alpha: float) -> str:
    red, green, blue, _ = _rgb(hex_colour)
    return f"rgba({red}, {green}, {blue}, {alpha})"


def _layout(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "y": -0.15},
        hovermode="closest",
        separators=number_separators(),  # decimal and group signs of the reader's language
    )
    return fig


def _month_ticks(fig: go.Figure, first: object, last: object, most: int = 8) -> None:
    """Date-axis ticks at month starts, named in the reader's language: plotly.js writes
    month names in English only."""
    start = pd.Timestamp(first).to_period("M").to_timestamp()
    end = pd.Timestamp(last)
    months = max(1, (end.year - start.year) * 12 + end.month - start.month + 1)
    step = next(n for n in (1, 2, 3, 4, 6, 12, 24, 36, 60, 120) if months / n <= most)
    ticks = pd.date_range(start, end, freq=f"{step}MS") if months > 1 else [start]
    fig.update_xaxes(
        tickmode="array",
        tickvals=list(ticks),
        ticktext=[format_short_month(tick.date()) for tick in ticks],
    )


# --- map ----------------------------------------------------------------------------------


@cache
def country_outlines() -> dict:
    return json.loads(GEO_FILE.read_text(encoding="utf-8"))


def progress_colour(done: int, total: int, status: str, dark: bool = False) -> list[int]:
    """An arc's colour on the map: its status or progress, darkened on the light map and
    lightened on the dark one until it stands out 3:1 from both land and sea (WCAG's
    contrast for graphics), so the palette's hues stay those of the legend."""
    if status in ("replaced", "stopped"):
        colour = status_colour(status)
    elif total and done >= total:
        colour = DONE
    elif done:
        colour = ACTIVE
    else:
        colour = PLANNED
    return list(map_colour(colour, dark))


MAP_CONTRAST = 3.0


@cache
def map_colour(hex_colour: str, dark: bool) -> tuple[int, ...]:
    """hex_colour mixed towards black (light map) or white (dark map) in small steps, until
    its contrast with the map's land and its sea is at least MAP_CONTRAST."""
    land, _border, _text = _palette(dark)
    grounds = (land[:3], _sea_colour(dark)[:3])
    towards = 255 if dark else 0
    base = _rgb(hex_colour)[:3]
    for step in range(21):
        share = step / 20
        mixed = [round(c + (towards - c) * share) for c in base]
        if min(contrast_ratio(mixed, ground) for ground in grounds) >= MAP_CONTRAST:
            return (*mixed, 255)
    return (towards, towards, towards, 255)


def contrast_ratio(first: list[int], second: list[int]) -> float:
    """WCAG 2.1 contrast ratio of two sRGB colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(rgb: list[int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in rgb[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def network_deck(
    pairs: pd.DataFrame,
    places: pd.DataFrame,
    dark: bool = False,
    width_px: int = 800,
    height_px: int = 460,
) -> pdk.Deck:
    """Mentor→mentee arcs coloured by progress over cities sized by population."""
    arcs = pairs.dropna(subset=["mentor_lat", "mentee_lat"]).copy()
    arcs["colour"] = [
        progress_colour(d, n, s, dark)
        for d, n, s in zip(arcs["steps_done"], arcs["steps_total"], arcs["status"], strict=True)
    ]
    arcs["tooltip"] = [
        t(
            "map.arc_tooltip",
            pair=_escape(label_),
            status=label("status", s),
            done=d,
            total=n,
            visits=v,
            visits_total=vt,
        )
        for label_, s, d, n, v, vt in zip(
            arcs["label"],
            arcs["status"],
            arcs["steps_done"],
            arcs["steps_total"],
            arcs["visits_done"],
            arcs["visits_total"],
            strict=True,
        )
    ]
    arcs["width"] = [2 if s in ("replaced", "stopped") else 5 for s in arcs["status"]]
    arcs = arcs[
        [
            "programme_id",
            "pair_id",
            "label",
            "mentor_lon",
            "mentor_lat",
            "mentee_lon",
            "mentee_lat",
            "colour",
            "width",
            "tooltip",
        ]
    ]
    # pair sides first, then the most populous, so the labels that matter are placed first
    dots = places.sort_values(
        ["is_mentor", "is_mentee", "population"], ascending=False, na_position="last"
    ).reset_index(drop=True)
    population = dots["population"].astype("Float64")
    dots["radius"] = (population.fillna(20000).clip(lower=5000) ** 0.5 * 45).astype(float)
    dots["colour"] = [
        _rgb(ACTIVE if m else (LATE if e else NEUTRAL), 220)
        for m, e in zip(dots["is_mentor"], dots["is_mentee"], strict=True)
    ]
    dots["tooltip"] = [_place_tooltip(row) for row in dots.to_dict("records")]
    view = _view(dots, width_px, height_px)
    dots["label"], dots["offset"] = _place_labels(dots, view.zoom)
    dots = dots[["id", "name", "label", "offset", "lon", "lat", "radius", "colour", "tooltip"]]
    layers = [
        _arc_layer("arcs", arcs, auto_highlight=True, get_height=0.5),
        _dot_layer(
            "cities",
            dots,
            auto_highlight=True,
            stroked=True,
            get_line_color=[255, 255, 255, 255],
            line_width_min_pixels=1,
            radius_min_pixels=4,
            radius_max_pixels=30,
        ),
        _label_layer(dots[dots["label"] != ""], dark, get_text="label", get_pixel_offset="offset"),
    ]
    return _deck(layers, view, dark)


def country_flow_deck(
    flows: pd.DataFrame,
    countries: pd.DataFrame,
    dark: bool = False,
    width_px: int = 800,
    height_px: int = 460,
) -> pdk.Deck:
    """For large networks: one arc per mentor country → mentee country, one circle per country."""
    arcs = flows.copy()
    arcs["colour"] = [
        progress_colour(d, n, "active", dark)
        for d, n in zip(arcs["steps_done"], arcs["steps_total"], strict=True)
    ]
    arcs["width"] = (arcs["pairs"].astype(float) ** 0.5).clip(upper=30) + 1
    arcs["tooltip"] = [
        t(
            "map.flow_tooltip",
            mentor=country_name(a),
            mentee=country_name(b),
            pairs=int(n),
            done=int(d),
            total=int(s_),
        )
        for a, b, n, d, s_ in zip(
            arcs["mentor_country"],
            arcs["mentee_country"],
            arcs["pairs"],
            arcs["steps_done"],
            arcs["steps_total"],
            strict=True,
        )
    ]
    dots = countries.assign(
        name=[country_name(c) for c in countries["country"]],
        radius=(countries["places"].astype(float) ** 0.5 * 20000).clip(lower=20000),
        colour=[_rgb(ACTIVE, 200)] * len(countries),
        tooltip=[
            t("map.country_tooltip", country=country_name(c), places=int(n))
            for c, n in zip(countries["country"], countries["places"], strict=True)
        ],
    )
    view = _view(dots, width_px, height_px)
    dots = dots[["country", "name", "lon", "lat", "radius", "colour", "tooltip"]]
    columns = ["mentor_lon", "mentor_lat", "mentee_lon", "mentee_lat", "colour", "width", "tooltip"]
    layers = [
        _arc_layer("flows", arcs[columns], auto_highlight=True),
        _dot_layer("country_places", dots, radius_min_pixels=5, radius_max_pixels=40),
        _label_layer(dots, dark, get_text="name", get_pixel_offset=[0, -18]),
    ]
    return _deck(layers, view, dark)


def _arc_layer(layer_id: str, arcs: pd.DataFrame, **options) -> pdk.Layer:
    """Mentor→mentee arcs, each with its colour, width and tooltip columns."""
    return pdk.Layer(
        "ArcLayer",
        id=layer_id,
        data=arcs,
        pickable=True,
        get_source_position=["mentor_lon", "mentor_lat"],
        get_target_position=["mentee_lon", "mentee_lat"],
        get_source_color="colour",
        get_target_color="colour",
        get_width="width",
        **options,
    )


def _dot_layer(layer_id: str, dots: pd.DataFrame, **options) -> pdk.Layer:
    return pdk.Layer(
        "ScatterplotLayer",
        id=layer_id,
        data=dots,
        pickable=True,
        get_position=["lon", "lat"],
        get_radius="radius",
        get_fill_color="colour",
        **options,
    )


def _label_layer(dots: pd.DataFrame, dark: bool, **options) -> pdk.Layer:
    """Place names on a halo, so they read over arcs and outlines in both themes."""
    _land, _border, text = _palette(dark)
    return pdk.Layer(
        "TextLayer",
        id="labels",
        data=dots,
        get_position=["lon", "lat"],
        get_size=14,
        get_color=text,
        character_set="'auto'",
        font_family="'sans-serif'",
        font_weight=600,
        background=True,
        get_background_color=_halo(dark),
        background_padding=[3, 1],
        **options,
    )


def _deck(layers: list[pdk.Layer], view: pdk.ViewState, dark: bool) -> pdk.Deck:
    return pdk.Deck(
        layers=[*_background(dark), *layers],
        map_provider=None,
        initial_view_state=view,
        tooltip={"html": "{tooltip}"},
    )


def _palette(dark: bool) -> tuple[list[int], list[int], list[int]]:
    if dark:
        return [40, 52, 66, 255], [90, 105, 125, 255], [235, 240, 245, 255]
    return [236, 239, 242, 255], [176, 184, 194, 255], [27, 38, 49, 255]


def _sea_colour(dark: bool) -> list[int]:
    return [22, 34, 48, 255] if dark else [214, 230, 242, 255]


def _halo(dark: bool) -> list[int]:
    return [15, 23, 32, 190] if dark else [255, 255, 255, 200]


def _background(dark: bool) -> list[pdk.Layer]:
    """What a tile server would give: sea and the shipped country outlines."""
    land, border, _text = _palette(dark)
    outlines = pdk.Layer(
        "GeoJsonLayer",
        id="countries",
        data=country_outlines(),
        stroked=True,
        filled=True,
        get_fill_color=land,
        get_line_color=border,
        line_width_min_pixels=1,
        pickable=False,
    )
    return [_sea(dark), outlines]


def _sea(dark: bool) -> pdk.Layer:
    """A plain background behind the outlines, so land and sea read apart without tiles."""
    box = [[[-40, 25], [60, 25], [60, 78], [-40, 78]]]
    return pdk.Layer(
        "PolygonLayer",
        id="sea",
        data=[{"polygon": box}],
        get_polygon="polygon",
        get_fill_color=_sea_colour(dark),
        stroked=False,
        pickable=False,
    )


def _pixel(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    scale = 512 * 2**zoom
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return scale * (lon + 180) / 360, scale * (1 - y / math.pi) / 2


def _place_labels(dots: pd.DataFrame, zoom: float) -> tuple[list[str], list[list[int]]]:
    """Greedy label placement at the opening zoom: biggest places first, each label above,
    below, right or left of its dot where it overlaps nothing placed before, else left out
    (the tooltip still names the place)."""
    taken: list[tuple[float, float, float, float]] = []
    points = [_pixel(lon, lat, zoom) for lon, lat in zip(dots["lon"], dots["lat"], strict=True)]
    for x, y in points:
        taken.append((x - 5, y - 5, x + 5, y + 5))
    labels, offsets = [], []
    for index, ((x, y), name) in enumerate(zip(points, dots["name"], strict=True)):
        if index >= MAX_LABELS:
            labels.append("")
            offsets.append([0, 0])
            continue
        width, height = 7.2 * len(name) + 6, 18
        for dx, dy in ((0, -16), (0, 16), (width / 2 + 10, 0), (-width / 2 - 10, 0)):
            box = (x + dx - width / 2, y + dy - height / 2, x + dx + width / 2, y + dy + height / 2)
            if not any(
                box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3] for o in taken
            ):
                taken.append(box)
                labels.append(name)
                offsets.append([int(dx), int(dy)])
                break
        else:
            labels.append("")
            offsets.append([0, 0])
    return labels, offsets


def _place_tooltip(row: dict) -> str:
    country = country_name(row.get("country") or "")
    parts = [f"<b>{_escape(row['name'])}</b> ({_escape(country)})"]
    population = row.get("population")
    if population is not None and not pd.isna(population):
        parts.append(t("map.population", population=format_whole(population)))
    if row.get("foreign_origin_pct") is not None and not pd.isna(row["foreign_origin_pct"]):
        parts.append(t("map.foreign_origin", pct=format_number(row["foreign_origin_pct"])))
    return "<br/>".join(parts)


def _escape(text: str) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _view(dots: pd.DataFrame, width_px: int, height_px: int) -> pdk.ViewState:
    """Centre on the places and zoom so that all of them fit the map's size."""
    if dots.empty:
        return pdk.ViewState(latitude=50.0, longitude=12.0, zoom=3.5)
    south, north = float(dots["lat"].min()), float(dots["lat"].max())
    west, east = float(dots["lon"].min()), float(dots["lon"].max())

    def mercator_y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    lon_span = max(east - west, 0.5) * 1.25  # a margin for labels
    y_span = max(mercator_y(north) - mercator_y(south), 0.01) * 1.35
    zoom_x = math.log2(width_px * 360 / (lon_span * 512))
    zoom_y = math.log2(height_px * 2 * math.pi / (y_span * 512))
    zoom = max(2.0, min(8.0, min(zoom_x, zoom_y) - 0.3))
    middle_y = (mercator_y(north) + mercator_y(south)) / 2
    latitude = math.degrees(2 * math.atan(math.exp(middle_y)) - math.pi / 2)
    return pdk.ViewState(latitude=latitude, longitude=(west + east) / 2, zoom=zoom)


# --- plotly charts ------------------------------------------------------------------------


def pair_progress_chart(pairs: pd.DataFrame) -> go.Figure:
    """Horizontal bars: plan steps done and still open, per pair."""
    data = pairs.sort_values(["programme_id", "position"], ascending=False)
    # mentor and mentee on two lines, so long names (Saint-Jean-de-la-Ruelle) fit narrow columns
    data = data.assign(label=data["label"].str.replace(" → ", " →<br>", regex=False))
    open_steps = data["steps_total"] - data["steps_done"]
    fig = go.Figure(
        [
            go.Bar(
                y=data["label"],
                x=data["steps_done"],
                orientation="h",
                name=t("chart.steps_done"),
                marker_color=DONE,
                hovertemplate="%{y}: %{x}<extra></extra>",
            ),
            go.Bar(
                y=data["label"],
                x=open_steps,
                orientation="h",
                name=t("chart.steps_open"),
                marker_color=PLANNED,
                hovertemplate="%{y}: %{x}<extra></extra>",
            ),
        ]
    )
    fig.update_layout(
        barmode="stack",
        title=t("chart.pair_progress_title"),
        xaxis_title=t("chart.steps_axis"),
        yaxis={"automargin": True},
    )
    fig = _layout(fig, max(300, 110 + 52 * len(data)))
    fig.update_layout(legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0})
    fig.update_layout(title={"y": 0.98}, margin={"t": 70})
    return fig


def gantt(activities: pd.DataFrame, periods: pd.DataFrame, today: object) -> go.Figure:
    """Programme periods as bars, activities on one row per pair, coloured by kind.

    An activity known only to the month, or lasting a week or more, is a bar over its whole
    span; a short one is a marker. Filled means done, open means planned, a cross postponed or
    cancelled.
    """
    fig = go.Figure()
    rows: list[str] = []
    for period in periods.to_dict("records"):
        row = t("timeline.phase", name=period["name"])
        rows.append(row)
        end = period["end_date"] if known_number(period["end_date"]) else today
        fig.add_bar(
            base=[period["start_date"]],
            y=[row],
            orientation="h",
            x=[_span_ms(period["start_date"], end)],
            marker={"color": _translucent(NEUTRAL, 0.4), "line": {"color": NEUTRAL, "width": 2}},
            name=t("timeline.phase_kind"),
            legendgroup="phase",
            showlegend=False,
            hovertemplate=f"{period['name']}<extra></extra>",
        )
    data = activities.copy()
    data["row"] = [_activity_row(a) for a in data.to_dict("records")]
    data["start"] = pd.to_datetime(data["start_date"])
    month_end = data["start"] + pd.offsets.MonthEnd(0)
    data["end"] = pd.to_datetime(data["end_date"]).fillna(
        month_end.where(data["start_precision"] == "month", data["start"])
    )
    data["approx"] = (data["start_precision"] == "month") | (data["end_precision"] == "month")
    data["long"] = data["approx"] | ((data["end"] - data["start"]).dt.days >= 6)
    data["hover"] = [
        f"{title}{' ' + t('timeline.approximate') if approx else ''}<br>"
        f"{label('activity_kind', kind)} · {label('status', status)}"
        for title, approx, kind, status in zip(
            data["title_shown"], data["approx"], data["kind"], data["status"], strict=True
        )
    ]
    rows += list(dict.fromkeys(data["row"]))
    for index, (kind, group) in enumerate(data.groupby("kind", sort=False)):
        colour = KIND_COLOURS[index % len(KIND_COLOURS)]
        name = label("activity_kind", kind)
        spans = group[group["long"]]
        if not spans.empty:
            fig.add_bar(
                base=spans["start"],
                x=[_span_ms(a, b) for a, b in zip(spans["start"], spans["end"], strict=True)],
                y=spans["row"],
                orientation="h",
                name=name,
                legendgroup=kind,
                marker={
                    # the fill is translucent so that overlaps show; the outline keeps 3:1
                    "color": _translucent(colour, 0.75),
                    "line": {"color": colour, "width": 2},
                    "pattern": {"shape": [_status_pattern(s) for s in spans["status"]]},
                },
                customdata=spans["hover"],
                hovertemplate="%{customdata}<extra></extra>",
            )
        points = group[~group["long"]]
        if not points.empty:
            fig.add_scatter(
                x=points["start"],
                y=points["row"],
                mode="markers",
                name=name,
                legendgroup=kind,
                showlegend=spans.empty,
                marker={
                    "color": colour,
                    "size": 13,
                    "line": {"width": 2, "color": colour},
                    "symbol": [_status_symbol(s) for s in points["status"]],
                },
                customdata=points["hover"],
                hovertemplate="%{customdata}<extra></extra>",
            )
    first = min([data["start"].min(), *pd.to_datetime(periods["start_date"])])
    last = max([data["end"].max(), *pd.to_datetime(periods["end_date"]).dropna()])
    today_ts = pd.Timestamp(today)
    if first - pd.Timedelta(days=180) <= today_ts <= last + pd.Timedelta(days=365):
        fig.add_vline(
            x=today_ts.timestamp() * 1000,
            line_dash="dash",
            line_color=LATE,
            annotation_text=t("timeline.today"),
        )
        last = max(last, today_ts)
    else:  # a finished programme: keep its own span readable rather than stretch to today
        fig.add_annotation(
            text=_wrapped(t("timeline.today_outside", date=format_day(today_ts.date())), 60),
            xref="paper",
            yref="paper",
            x=1,
            y=1.02,
            showarrow=False,
            xanchor="right",
            yanchor="bottom",
            align="right",
        )
    fig.update_xaxes(
        type="date", range=[first - pd.Timedelta(days=30), last + pd.Timedelta(days=45)]
    )
    _month_ticks(fig, first, last)
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=rows)
    fig.update_layout(title=t("timeline.chart_title"), barmode="overlay")
    fig = _layout(fig, max(340, 140 + 34 * len(rows)))
    fig.update_layout(legend={"orientation": "h", "y": -0.12, "yanchor": "top"})
    return fig


def _wrapped(text: str, width: int) -> str:
    """A chart note broken into lines of about `width` characters (plotly does not wrap, and
    the same note is half as long again in some languages)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def _span_ms(start: object, end: object) -> float:
    """A bar's length in milliseconds, at least one day so that it shows."""
    days = (pd.Timestamp(end) - pd.Timestamp(start)).total_seconds() * 1000
    return max(days, 86_400_000.0) + 86_400_000.0


def _status_pattern(status: str) -> str:
    return {"planned": "/", "postponed": "x", "cancelled": "x"}.get(status, "")


def _status_symbol(status: str) -> str:
    return {"planned": "circle-open", "postponed": "x-thin-open", "cancelled": "x-thin-open"}.get(
        status, "circle"
    )


def visit_sequence(activities: pd.DataFrame, today: object) -> go.Figure:
    """One pair's activities in order on a time line: a marker each, coloured by status."""
    data = activities.copy()
    data["kind_label"] = [label("activity_kind", k) for k in data["kind"]]
    fig = go.Figure()
    for status, group in data.groupby("status", sort=False):
        fig.add_scatter(
            x=group["start_date"],
            y=group["kind_label"],
            mode="markers+text",
            marker={
                "size": 16,
                "color": status_colour(status),
                "symbol": "circle" if status == "done" else "circle-open",
                "line": {"width": 2, "color": status_colour(status)},
            },
            text=[f"{int(n)}" if known_number(n) else "" for n in group["sequence"]],
            textposition="top center",
            name=label("status", status),
            customdata=[
                [title, format_day(pd.Timestamp(day).date())]
                for title, day in zip(group["title_shown"], group["start_date"], strict=True)
            ],
            hovertemplate="%{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        )
    fig.add_vline(
        x=pd.Timestamp(today).timestamp() * 1000,
        line_dash="dash",
        line_color=LATE,
        annotation_text=t("timeline.today"),
    )
    fig.update_layout(title=t("pair.visit_chart_title"), xaxis_title=t("timeline.axis_date"))
    fig.update_yaxes(categoryorder="array", categoryarray=list(dict.fromkeys(data["kind_label"])))
    days = pd.to_datetime(data["start_date"])
    _month_ticks(fig, min(days.min(), pd.Timestamp(today)), max(days.max(), pd.Timestamp(today)))
    return _layout(fig, max(220, 120 + 36 * data["kind_label"].nunique()))


def known_number(value: object) -> bool:
    return value is not None and not pd.isna(value)


def _activity_row(activity: dict) -> str:
    if known_number(activity.get("mentee_name")):
        return f"{activity['mentor_name']} → {activity['mentee_name']}"
    return t("timeline.programme_wide")


def progress_buckets_chart(buckets: pd.DataFrame) -> go.Figure:
    """Pairs counted by the share of their plan steps done (for selections with many pairs)."""
    order = ["no-plan", "0", "1-49", "50-99", "100"]
    colours = {"no-plan": NEUTRAL, "0": PLANNED, "1-49": ACTIVE, "50-99": ACTIVE, "100": DONE}
    counts = dict(zip(buckets["bucket"], buckets["pairs"], strict=True))
    fig = go.Figure(
        go.Bar(
            x=[t(f"chart.bucket_{b}") for b in order],
            y=[int(counts.get(b, 0)) for b in order],
            marker_color=[colours[b] for b in order],
            hovertemplate="%{x}: %{y}<extra></extra>",
        )
    )
    fig.update_layout(title=t("chart.buckets_title"), yaxis_title=t("chart.buckets_axis"))
    return _layout(fig, 320)


def burnup_chart(burnup: pd.DataFrame, totals: dict[str, int]) -> go.Figure:
    fig = go.Figure()
    for index, (plan_title, group) in enumerate(burnup.groupby("plan_title", sort=False)):
        colour = KIND_COLOURS[index % len(KIND_COLOURS)]
        fig.add_scatter(
            x=group["month"],
            y=group["steps_done"].cumsum(),
            mode="lines+markers",
            line_shape="hv",
            name=plan_title,
            line_color=colour,
        )
        total = totals.get(plan_title)
        if total:
            fig.add_hline(y=total, line_dash="dot", line_color=colour, opacity=0.5)
    fig.update_layout(
        title=t("plans.burnup_title"),
        xaxis_title=t("plans.burnup_axis_x"),
        yaxis_title=t("plans.burnup_axis_y"),
    )
    if not burnup.empty:
        _month_ticks(fig, burnup["month"].min(), burnup["month"].max())
    return _layout(fig, 340)


def indicator_chart(
    series: pd.DataFrame, name: str, unit: str | None, target: float | None
) -> go.Figure:
    fig = go.Figure()
    fig.add_scatter(
        x=series["value_date"],
        y=series["value"],
        mode="lines+markers+text",
        text=[format_number(v) for v in series["value"]],
        textposition="top center",
        name=name,
        line_color=ACTIVE,
    )
    if target is not None and not pd.isna(target):
        fig.add_hline(
            y=target,
            line_dash="dash",
            line_color=DONE,
            annotation_text=t("indicators.target", target=format_number(target)),
        )
    fig.update_layout(
        title=name,
        yaxis_title=unit or t("indicators.value"),
        xaxis_title=t("indicators.axis_date"),
        showlegend=False,
    )
    dates = pd.to_datetime(series["value_date"])
    fig.update_xaxes(
        range=[dates.min() - pd.Timedelta(days=120), dates.max() + pd.Timedelta(days=120)],
    )
    _month_ticks(fig, dates.min(), dates.max(), most=6)
    fig.update_yaxes(rangemode="tozero")
    return _layout(fig, 300)


def outcome_count_chart(counts: pd.DataFrame) -> go.Figure:
    fig = go.Figure()
    for status in ("delivered", "in-progress", "planned"):
        part = counts[counts["status"] == status]
        if part.empty:
            continue
        fig.add_bar(
            x=[label("outcome_kind", k) for k in part["kind"]],
            y=part["outcomes"],
            name=label("status", status),
            marker_color=status_colour(status),
        )
    fig.update_layout(
        barmode="stack", title=t("outcomes.chart_title"), yaxis_title=t("outcomes.axis_count")
    )
    return _layout(fig, 300)


def indicator_targets_chart(latest: pd.DataFrame) -> go.Figure:
    """Each indicator's latest value on its own scale, with its target marked: indicators
    count different things (people, courses, a share), so one shared axis would mislead."""
    rows = latest.to_dict("records")
    fig = make_subplots(
        rows=len(rows),
        cols=1,
        subplot_titles=[_indicator_title(r) for r in rows],
        vertical_spacing=min(0.18, 0.9 / max(len(rows), 1)),
    )
    for index, row in enumerate(rows, start=1):
        value = float(row["latest_value"]) if known_number(row["latest_value"]) else None
        target = float(row["target"]) if known_number(row["target"]) else None
        reached = value is not None and target is not None and value >= target
        fig.add_bar(
            x=[value or 0],
            y=[""],
            orientation="h",
            marker_color=DONE if reached else ACTIVE,
            text=[_indicator_text(value, target)],
            textposition="outside",
            cliponaxis=False,
            hoverinfo="skip",
            showlegend=False,
            row=index,
            col=1,
        )
        if target is not None:
            fig.add_scatter(
                x=[target],
                y=[""],
                mode="markers",
                marker={"symbol": "line-ns", "size": 34, "line": {"width": 4, "color": LATE}},
                hoverinfo="skip",
                showlegend=False,
                row=index,
                col=1,
            )
        top = max(value or 0, target or 0) or 1
        # room on the right for the value's text
        fig.update_xaxes(range=[0, top * 1.6], row=index, col=1, showticklabels=False)
    fig.update_layout(bargap=0.35)
    return _layout(fig, 90 + 110 * len(rows))


def _indicator_title(row: dict) -> str:
    unit = f" ({row['unit']})" if known_number(row["unit"]) else ""
    return f"{row['name']}{unit}"


def _indicator_text(value: float | None, target: float | None) -> str:
    if value is None:
        return t("chart.indicator_no_value")
    if target is None:
        return t("chart.indicator_no_target", value=f"{value:g}")
    return t("chart.indicator_of_target", value=f"{value:g}", target=f"{target:g}")


def partners_chart(partners: pd.DataFrame) -> go.Figure:
    """Partner organisations counted by country, one colour per kind of organisation."""
    data = partners.assign(
        country=[c if known_number(c) else t("chart.country_unknown") for c in partners["country"]]
    )
    order = data["country"].value_counts().index.tolist()
    fig = go.Figure()
    for index, (kind, group) in enumerate(data.groupby("kind", sort=False)):
        counts = group["country"].value_counts()
        fig.add_bar(
            y=order,
            x=[int(counts.get(c, 0)) for c in order],
            orientation="h",
            name=label("organisation_kind", kind),
            marker_color=KIND_COLOURS[index % len(KIND_COLOURS)],
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    fig.update_layout(barmode="stack", xaxis_title=t("chart.partners_axis"))
    fig.update_xaxes(dtick=1)
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig = _layout(fig, max(260, 120 + 40 * len(order)))
    # above the bars, clear of the axis title
    fig.update_layout(legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0})
    return fig


def for_projector(fig: go.Figure, height: int, font: int = 20) -> go.Figure:
    """The same figure with type of `font` pixels, large enough for the back of a room, and no
    title of its own (the slide's heading says it), sized to fit one slide."""
    fig = go.Figure(fig)
    small = round(font * 0.9)
    fig.update_layout(
        title=None,
        height=height,
        font={"size": font},
        legend={"font": {"size": small}},
        margin={"l": 10, "r": 10, "t": round(font * 2.5), "b": 10},
    )
    # set on every axis, or the app's chart theme puts back its own small ticks
    fig.update_xaxes(tickfont_size=small, title_font_size=small)
    fig.update_yaxes(tickfont_size=small, title_font_size=small)
    fig.update_annotations(font_size=font)
    fig.update_traces(textfont_size=font, selector={"type": "bar"})
    return fig
