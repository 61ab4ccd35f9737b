"""What every export draws the same way: the offline map and text that must fit a box."""

from __future__ import annotations

import io
import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display on a server or in a test

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from mentoring_data.views import charts
from mentoring_data.views.formatting import known, shorten  # noqa: E402

# Fonts come from the matplotlib wheel, so every export renders Greek and Latvian letters
# without anything installed or downloaded beyond the project's dependencies.
FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"


def outline_rings() -> list[list[tuple[float, float]]]:
    """Every country outline as a list of (lon, lat) rings."""
    rings = []
    for feature in charts.country_outlines()["features"]:
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        rings += [[tuple(p[:2]) for p in polygon[0]] for polygon in polygons]
    return rings


def located(places: pd.DataFrame) -> pd.DataFrame:
    """The places with both coordinates; the others cannot be drawn."""
    if places.empty:
        return places
    keep = [known(a) and known(b) for a, b in zip(places["lat"], places["lon"], strict=True)]
    return places[keep]


def map_bounds(places: pd.DataFrame) -> tuple[float, float, float, float]:
    """lon/lat window around the cities (all of Europe when there are none)."""
    if places.empty:
        return -12.0, 35.0, 34.0, 66.0
    pad = 3.0
    west, east = places["lon"].min() - pad, places["lon"].max() + pad
    south, north = places["lat"].min() - pad, places["lat"].max() + pad
    # never narrower than a region, so a single pair still shows where it is
    if east - west < 16:
        mid = (east + west) / 2
        west, east = mid - 8, mid + 8
    if north - south < 10:
        mid = (north + south) / 2
        south, north = mid - 5, mid + 5
    return west, south, east, north


def map_png(places: pd.DataFrame, links: pd.DataFrame, width_in: float = 10, dpi: int = 150):
    """The network as a PNG: country outlines, city points, mentor → mentee arcs."""
    places = located(places)
    west, south, east, north = map_bounds(places)
    height_in = width_in * 0.5625
    fig, ax = plt.subplots(figsize=(width_in, height_in), dpi=dpi, facecolor="#dfe9f2")
    fig.subplots_adjust(0, 0, 1, 1)
    ax.set_facecolor("#dfe9f2")
    for ring in outline_rings():
        xs, ys = zip(*ring, strict=True)
        ax.fill(xs, ys, facecolor="#f4f1ea", edgecolor="#9aa4ad", linewidth=0.5)
    for row in links.to_dict("records") if not links.empty else []:
        ends = (row["mentor_lon"], row["mentor_lat"], row["mentee_lon"], row["mentee_lat"])
        if not all(known(v) for v in ends):
            continue
        colour = charts.progress_colour(row["steps_done"], row["steps_total"], row["status"])
        ax.annotate(
            "",
            xy=(ends[2], ends[3]),
            xytext=(ends[0], ends[1]),
            arrowprops={
                "arrowstyle": "-|>",
                "color": [c / 255 for c in colour],
                "linewidth": 2,
                "connectionstyle": "arc3,rad=0.2",
            },
        )
    placed: list[tuple[float, float]] = []
    for row in places.sort_values("lat", ascending=False).to_dict("records"):
        ax.plot(row["lon"], row["lat"], "o", color="#1b4965", markersize=6, zorder=3)
        # neighbours (Brussels, Schaerbeek, Mechelen) get their labels stacked downwards
        near = sum(abs(row["lon"] - x) < 2.5 and abs(row["lat"] - y) < 1.2 for x, y in placed)
        placed.append((row["lon"], row["lat"]))
        ax.annotate(
            shorten(row["name"], 28),
            (row["lon"], row["lat"]),
            xytext=(6, 4 - 13 * near),
            textcoords="offset points",
            fontsize=8,
            fontfamily="DejaVu Sans",
            zorder=4,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7},
        )
    # widen or heighten the window to the picture's shape, lon scaled by latitude as on a globe
    scale = max(0.3, math.cos(math.radians((south + north) / 2)))
    want = width_in / height_in
    if (east - west) * scale / (north - south) < want:
        extra = ((north - south) * want / scale - (east - west)) / 2
        west, east = west - extra, east + extra
    else:
        extra = ((east - west) * scale / want - (north - south)) / 2
        south, north = south - extra, north + extra
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_autoscale_on(False)
    ax.set_aspect(1 / scale, adjustable="box")
    ax.set_axis_off()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor=fig.get_facecolor())
    plt.close(fig)
    return buffer.getvalue()
