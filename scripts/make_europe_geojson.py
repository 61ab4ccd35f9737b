#!/usr/bin/env python3
"""Build ``mentoring_data/geo/europe.geojson``: small country outlines of Europe.

The app draws these outlines with pydeck. The GeoJSON is committed to the
repository, so the app never needs the network or any GIS library at run
time. This script is only needed to rebuild that file.

Source data
-----------
Natural Earth (public domain) 1:110m countries, as shipped in the
``naturalearth_lowres`` dataset inside the geopandas 0.14.4 wheel
(``geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp``).
geopandas 1.0 dropped the bundled datasets, so pin that version.

"Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com"

What it does
------------
1. Reads the shapefile (pyshp) and keeps European countries plus the
   neighbours a map of Europe shows (Turkey, Cyprus, the Caucasus, the
   Levant/Iraq/Iran edge and the North African coast).
2. Clips every shape to a box around Europe (default lon -25..45,
   lat 34..72). This drops overseas parts such as French Guiana,
   Svalbard and Asian Russia.
3. Simplifies the outlines (default tolerance 0.03 degrees) with
   coverage simplification, so a border shared by two countries is
   simplified once and neighbours neither overlap nor leave gaps; then
   snaps the coordinates to a 0.001 degree grid (3 decimals) while keeping
   the polygons valid, and orients rings as RFC 7946 asks. (The 1:110m
   data is already coarse, so this removes only a few points.)
4. Writes a FeatureCollection; each feature has the properties ``name``
   and ``iso_a2`` (ISO 3166-1 alpha-2, derived from ``iso_a3`` and, where
   Natural Earth has ``-99``, from the country name).

How to run
----------
The tools (pyshp, shapely >= 2.1) are needed only here, not by the app;
install them in a throwaway virtualenv outside the repository::

    cd "$(mktemp -d)"
    python3 -m venv venv
    venv/bin/pip install pyshp "shapely>=2.1"
    venv/bin/pip download geopandas==0.14.4 --no-deps -d .
    python3 -m zipfile -e geopandas-0.14.4-py3-none-any.whl wheel
    venv/bin/python <repo>/scripts/make_europe_geojson.py wheel

The argument may be the unzipped wheel directory, the ``.whl`` file itself,
or the ``naturalearth_lowres.shp`` file. By default the output goes to
``mentoring_data/geo/europe.geojson`` in the repository holding this script;
``--out`` writes elsewhere. Running it again gives the same file.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import zipfile
from pathlib import Path

import shapefile  # pyshp
from shapely import coverage_is_valid, coverage_simplify, set_precision
from shapely.geometry import MultiPolygon, Polygon, box, mapping, shape
from shapely.geometry.polygon import orient

# Where the shapefile sits inside the geopandas wheel.
WHEEL_SHP = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"

# Default output, relative to this script: <repo>/mentoring_data/geo/europe.geojson
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "mentoring_data" / "geo" / "europe.geojson"

# Clip box (lon_min, lat_min, lon_max, lat_max) in degrees, WGS84.
DEFAULT_BBOX = (-25.0, 34.0, 45.0, 72.0)

# Countries outside Natural Earth's "Europe" continent that a map of Europe
# still shows. They are clipped to the box like everything else, so only
# the parts near Europe remain. Keys are Natural Earth's ``name``.
NEIGHBOURS = {
    # Eastern Mediterranean
    "Turkey",
    "Cyprus",
    "N. Cyprus",
    # Caucasus
    "Georgia",
    "Armenia",
    "Azerbaijan",
    # Edge of the Levant / Middle East below Turkey
    "Syria",
    "Lebanon",
    "Iraq",
    "Iran",
    # North African coast (only the strip north of the box's southern edge)
    "Morocco",
    "Algeria",
    "Tunisia",
}

# ISO 3166-1 alpha-3 -> alpha-2 for every country this script may keep.
# Written out here so the script needs no extra package.
ISO3_TO_ISO2 = {
    "ALB": "AL",
    "ARM": "AM",
    "AUT": "AT",
    "AZE": "AZ",
    "BEL": "BE",
    "BGR": "BG",
    "BIH": "BA",
    "BLR": "BY",
    "CHE": "CH",
    "CYP": "CY",
    "CZE": "CZ",
    "DEU": "DE",
    "DNK": "DK",
    "DZA": "DZ",
    "ESP": "ES",
    "EST": "EE",
    "FIN": "FI",
    "FRA": "FR",
    "GBR": "GB",
    "GEO": "GE",
    "GRC": "GR",
    "HRV": "HR",
    "HUN": "HU",
    "IRL": "IE",
    "IRN": "IR",
    "IRQ": "IQ",
    "ISL": "IS",
    "ITA": "IT",
    "LBN": "LB",
    "LTU": "LT",
    "LUX": "LU",
    "LVA": "LV",
    "MAR": "MA",
    "MDA": "MD",
    "MKD": "MK",
    "MNE": "ME",
    "NLD": "NL",
    "NOR": "NO",
    "POL": "PL",
    "PRT": "PT",
    "ROU": "RO",
    "RUS": "RU",
    "SRB": "RS",
    "SVK": "SK",
    "SVN": "SI",
    "SWE": "SE",
    "SYR": "SY",
    "TUN": "TN",
    "TUR": "TR",
    "UKR": "UA",
}

# Natural Earth writes -99 where a country's ISO code is disputed or missing
# (depending on the release: France, Norway, Kosovo). Fall back to the name.
# Kosovo has no official ISO code; "XK" is the widely used user-assigned one.
NAME_TO_ISO2 = {"France": "FR", "Norway": "NO", "Kosovo": "XK"}

# Features that legitimately have no ISO code: Natural Earth draws Northern
# Cyprus as its own unit. It keeps iso_a2 = null so the island is complete
# on the map but nothing joins to it by code.
NO_ISO2 = {"N. Cyprus"}


def open_reader(src: Path) -> shapefile.Reader:
    """Open the shapefile from a .shp, an unzipped wheel dir, or a .whl."""
    if src.suffix == ".whl":
        # Read the three parts straight out of the wheel (a zip file).
        with zipfile.ZipFile(src) as whl:
            parts = {
                ext: io.BytesIO(whl.read(f"{WHEEL_SHP}.{ext}"))
                for ext in ("shp", "shx", "dbf", "cpg")
            }
        # The .cpg names the text encoding of the attribute table (ISO-8859-1 here).
        return shapefile.Reader(
            shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"], cpg=parts["cpg"]
        )
    if src.is_dir():
        candidate = src / f"{WHEEL_SHP}.shp"
        if not candidate.exists():
            # Accept any folder that contains the shapefile somewhere below it.
            found = sorted(src.rglob("naturalearth_lowres.shp"))
            if not found:
                sys.exit(f"no naturalearth_lowres.shp under {src}")
            candidate = found[0]
        src = candidate
    if not src.exists():
        sys.exit(f"not found: {src}")
    # pyshp picks up the text encoding from the .cpg file next to the .shp.
    return shapefile.Reader(str(src))


def iso_a2_for(rec: dict) -> str | None:
    """ISO alpha-2 code for a record, fixing Natural Earth's -99 values."""
    name = rec["name"]
    if name in NO_ISO2:
        return None
    # Newer Natural Earth releases have an iso_a2 column; use it when sane.
    code = str(rec.get("iso_a2", "-99"))
    if len(code) == 2 and code.isalpha():
        return code.upper()
    code = ISO3_TO_ISO2.get(str(rec.get("iso_a3", "-99"))) or NAME_TO_ISO2.get(name)
    if code is None:
        sys.exit(
            f"no ISO alpha-2 code known for {name!r} (iso_a3={rec.get('iso_a3')!r}); "
            "add it to ISO3_TO_ISO2 or NAME_TO_ISO2"
        )
    return code


def polygons_only(geom) -> list[Polygon]:
    """Flatten a geometry into its non-empty polygons (clipping can leave
    lines or points where a shape only touches the box edge)."""
    if geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    if isinstance(geom, MultiPolygon):
        return [g for g in geom.geoms if not g.is_empty]
    if hasattr(geom, "geoms"):  # GeometryCollection
        return [p for g in geom.geoms for p in polygons_only(g)]
    return []


def as_polygonal(geom):
    """Polygon / MultiPolygon made of the polygons in geom, or None."""
    parts = polygons_only(geom)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def finish_geometry(geom, grid: float):
    """Snap one country's (already clipped and simplified) shape to the grid
    and orient its rings. Returns a Polygon, a MultiPolygon, or None."""
    # Snap to the 0.001 degree grid; set_precision repairs anything the
    # snapping would make invalid and drops parts that collapse to nothing.
    geom = set_precision(geom, grid)
    # RFC 7946: exterior rings counter-clockwise, holes clockwise.
    parts = [orient(p, sign=1.0) for p in polygons_only(geom)]
    # Largest parts first, so output order does not depend on GEOS internals.
    parts.sort(key=lambda p: (-p.area, p.bounds))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def rounded(coords, ndigits: int):
    """Round nested coordinate tuples (after grid snapping this only removes
    floating-point noise such as 12.345000000000001)."""
    if isinstance(coords[0], (int, float)):
        return [round(c, ndigits) for c in coords]
    return [rounded(c, ndigits) for c in coords]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "source",
        type=Path,
        help="unzipped geopandas 0.14.4 wheel directory, the .whl, or naturalearth_lowres.shp",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="output GeoJSON (default: mentoring_data/geo/europe.geojson in this repo)",
    )
    parser.add_argument(
        "--bbox",
        type=float,
        nargs=4,
        default=DEFAULT_BBOX,
        metavar=("LON_MIN", "LAT_MIN", "LON_MAX", "LAT_MAX"),
        help="clip box in degrees",
    )
    parser.add_argument(
        "--tolerance",
        type=float,
        default=0.03,
        help="simplification tolerance in degrees, roughly the square root of the "
        "area of the triangles removed from outlines (default 0.03)",
    )
    args = parser.parse_args(argv)

    ndigits = 3
    grid = 10**-ndigits
    clip_box = box(*args.bbox)

    reader = open_reader(args.source)
    kept = []  # (properties, clipped geometry) per country
    for sr in reader.iterShapeRecords():
        rec = sr.record.as_dict()
        name = rec["name"]
        if rec.get("continent") != "Europe" and name not in NEIGHBOURS:
            continue
        geom = as_polygonal(shape(sr.shape.__geo_interface__).intersection(clip_box))
        if geom is None:
            continue  # entirely outside the box
        kept.append(({"name": name, "iso_a2": iso_a2_for(rec)}, geom))

    # Simplify all countries together: shared borders stay shared. This
    # assumes the input is a clean coverage (Natural Earth is); say so if not.
    geoms = [geom for _, geom in kept]
    if not coverage_is_valid(geoms):
        print(
            "warning: input polygons overlap or mismatch at borders; "
            "simplified borders may not line up",
            file=sys.stderr,
        )
    simplified = coverage_simplify(geoms, args.tolerance)

    features = []
    for (props, _), geom in zip(kept, simplified, strict=True):
        geom = finish_geometry(geom, grid)
        if geom is None:
            continue  # collapsed to nothing at this precision
        geo = mapping(geom)
        features.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": {
                    "type": geo["type"],
                    "coordinates": rounded(geo["coordinates"], ndigits),
                },
            }
        )

    features.sort(key=lambda f: f["properties"]["name"])

    # One feature per line: compact, yet a rebuild gives a readable git diff.
    lines = [json.dumps(f, separators=(",", ":"), ensure_ascii=False) for f in features]
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")

    print(f"wrote {args.out} ({len(text.encode('utf-8')):,} bytes, {len(features)} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
