"""The slide sequence as one self-contained HTML page that opens without any network.

plotly.js is inlined once; the map is drawn with plain scatter traces of the shipped country
outlines in lon/lat, because plotly's geo traces fetch their topojson from the internet.
"""

from __future__ import annotations

import html as markup

import plotly.graph_objects as go
import plotly.io as pio

from mentoring_data.exports.drawing import located, map_bounds, outline_rings, shorten
from mentoring_data.locale_format import country_name, format_whole
from mentoring_data.messages import current_language, labelled, t
from mentoring_data.views import charts, dashboard
from mentoring_data.views.formatting import known
from mentoring_data.views.slides import Slide

CHART_ROWS = 60  # a timeline with more rows than this is listed, not charted
STYLE = """
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 0; color: #1e2832; }
section { max-width: 1100px; margin: 0 auto; padding: 24px 32px; border-bottom: 1px solid #ddd; }
h1 { font-size: 2.2em; margin: 0.2em 0; } h2 { font-size: 1.5em; overflow-wrap: anywhere; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border: 1px solid #ccd; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #dee9f2; } .figures td { font-size: 1.4em; font-weight: bold; }
a { overflow-wrap: anywhere; }
"""


def _e(text: object) -> str:
    return markup.escape(str(text)) if known(text) else ""


def _list(items: list[str]) -> str:
    if not items:
        return f"<p>{_e(t('export.none'))}</p>"
    return "<ul>" + "".join(f"<li>{_e(i)}</li>" for i in items) + "</ul>"


def _table(header: list[str], rows: list[list[object]]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def map_figure(places, links) -> go.Figure:
    """Country outlines, mentor → mentee lines and city points, all as lon/lat scatter."""
    places = located(places)
    fig = go.Figure()
    xs: list[float | None] = []
    ys: list[float | None] = []
    for ring in outline_rings():
        xs += [p[0] for p in ring] + [None]
        ys += [p[1] for p in ring] + [None]
    fig.add_scatter(
        x=xs,
        y=ys,
        mode="lines",
        fill="toself",
        fillcolor="#f4f1ea",
        line={"color": "#9aa4ad", "width": 0.6},
        hoverinfo="skip",
        showlegend=False,
    )
    for row in links.to_dict("records") if not links.empty else []:
        ends = (row["mentor_lon"], row["mentor_lat"], row["mentee_lon"], row["mentee_lat"])
        if not all(known(v) for v in ends):
            continue
        r, g, b, _ = charts.progress_colour(row["steps_done"], row["steps_total"], row["status"])
        fig.add_scatter(
            x=[ends[0], ends[2]],
            y=[ends[1], ends[3]],
            mode="lines+markers",
            line={"color": f"rgb({r},{g},{b})", "width": 3},
            marker={"symbol": "arrow", "angleref": "previous", "size": [0, 14]},
            name=shorten(row["label"], 60),
            hovertemplate=f"{_e(row['label'])}<extra></extra>",
        )
    fig.add_scatter(
        x=list(places["lon"]),
        y=list(places["lat"]),
        mode="markers+text",
        text=[shorten(n, 28) for n in places["name"]],
        textposition="top right",
        marker={"color": "#1b4965", "size": 9},
        showlegend=False,
        hovertemplate="%{text}<extra></extra>",
    )
    west, south, east, north = map_bounds(places)
    fig.update_xaxes(range=[west, east], visible=False)
    fig.update_yaxes(range=[south, north], visible=False, scaleanchor="x", scaleratio=1.6)
    fig.update_layout(
        height=560,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        plot_bgcolor="#dfe9f2",
        legend={"orientation": "h", "y": -0.02},
    )
    return fig


def _bar(categories: list[str], series: dict[str, list], horizontal: bool) -> go.Figure:
    fig = go.Figure()
    for colour, (name, values) in zip((charts.ACTIVE, charts.DONE), series.items(), strict=False):
        labels = [shorten(c, 50) for c in categories]
        fig.add_bar(
            x=values if horizontal else labels,
            y=labels if horizontal else values,
            name=name,
            orientation="h" if horizontal else "v",
            text=values,
            textposition="auto",
            marker_color=colour,
        )
    fig.update_layout(
        height=max(320, 90 + 40 * len(categories)) if horizontal else 400,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        barmode="group",
    )
    fig.update_yaxes(automargin=True)
    return fig


def _section(slide: Slide, figures: list[go.Figure]) -> str:
    data = slide.data

    def chart(fig: go.Figure) -> str:
        # the first chart of the page carries plotly.js, the ones after it reuse it
        figures.append(fig)
        return pio.to_html(
            fig,
            include_plotlyjs=len(figures) == 1,
            full_html=False,
            div_id=f"chart-{len(figures)}",
            config={"displaylogo": False, "responsive": True},
        )

    body = ""
    if slide.kind == "title":
        body = (
            f"<p>{_e(data['subtitle'])}</p><p>{_e(t('export.period', period=data['period']))}</p>"
        )
        if data["coordinator"]:
            body += f"<p>{_e(t('export.coordinator', coordinator=data['coordinator']))}</p>"
        body += f"<p>{_e(t('export.data_date', date=data['data_date']))}</p>"
        body += _table(list(data["figures"]), [list(data["figures"].values())])
        return f'<section class="figures"><h1>{_e(slide.title)}</h1>{body}</section>'
    if slide.kind == "map":
        body = chart(map_figure(data["places"], data["links"]))
        links = data["links"]
        if not links.empty:
            body += chart(
                _bar(
                    list(links["label"]),
                    {
                        t("export.progress_col"): [
                            float(v) if known(v) else 0 for v in links["steps_pct"]
                        ]
                    },
                    True,
                )
            )
    elif slide.kind == "partners":
        rows = [
            [r["name"], r["city_name"], country_name(r["country"]) if known(r["country"]) else ""]
            for r in data["partners"].to_dict("records")
        ]
        if rows:
            body = chart(charts.partners_chart(data["partners"]))
        body += _table([t("export.partners_title"), t("export.city"), t("export.country")], rows)
    elif slide.kind == "pair":
        sides = ""
        for role, city, heading, items in (
            (t("export.mentor"), data["mentor"], t("export.strengths"), data["strengths"]),
            (t("export.mentee"), data["mentee"], t("export.challenges"), data["challenges"]),
        ):
            population = (
                t("export.population", population=format_whole(city["population"]))
                if city["population"] is not None
                else t("export.population_unknown")
            )
            sides += (
                f"<div><h3>{_e(labelled(role, city['name'] + ' (' + city['country'] + ')'))}</h3>"
                f"<p>{_e(population)}</p><h4>{_e(heading)}</h4>{_list(items)}</div>"
            )
        theme = f"<p>{_e(labelled(t('pair.theme'), data['theme']))}</p>" if data["theme"] else ""
        body = f"{theme}<div class='sides'>{sides}</div>"
        body += (
            f"<p>{_e(t('export.visits', done=data['visits_done'], total=data['visits_total']))}<br>"
        )
        body += (
            f"{_e(t('export.progress', done=data['steps_done'], total=data['steps_total']))}</p>"
        )
        steps = data["steps"]
        if not steps.empty:
            body += f"<h4>{_e(t('export.steps_table'))}</h4>" + _table(
                [t("export.step"), t("export.owner"), t("export.status"), t("export.due")],
                [
                    [r["title"], r["owner"], r["status_label"], r["due"]]
                    for r in steps.to_dict("records")
                ],
            )
        body += f"<h4>{_e(t('export.outcomes_of_pair'))}</h4>"
        body += _list([f"{o['title']} ({o['kind']})" for o in data["outcomes"]])
    elif slide.kind == "timeline":
        rows = [
            [r["when"], r["kind_label"], r["title"], r["pair_label"]]
            for r in data["activities"].to_dict("records")
        ]
        dated = data["dated"]
        if not dated.empty and dated["pair_id"].nunique() + len(data["periods"]) <= CHART_ROWS:
            body = chart(charts.gantt(dated, data["periods"], dashboard.today()))
        body += _table(
            [t("export.when"), t("export.kind"), t("export.timeline_title"), t("export.pair")], rows
        )
    elif slide.kind == "outcomes":
        counts = data["counts"]
        if counts:
            body = chart(
                _bar(list(counts), {t("export.outcomes_chart"): list(counts.values())}, False)
            )
        body += _table(
            [t("export.outcomes_title"), t("export.kind"), t("export.status")],
            [[o["title"], o["kind"], o["status"]] for o in data["items"]],
        )
    elif slide.kind == "indicators":
        frame = data["indicators"]
        if frame.empty:
            body = f"<p>{_e(t('export.none'))}</p>"
        else:
            # the same chart as slide mode: each indicator on its own scale, target marked
            body = chart(charts.indicator_targets_chart(frame))
    elif slide.kind == "sources":
        body = (
            "<ol>"
            + "".join(f'<li><a href="{_e(u)}">{_e(u)}</a></li>' for u in data["sources"])
            + "</ol>"
        )
    else:
        raise ValueError(f"no HTML section for slide kind {slide.kind!r}")
    return f"<section><h2>{_e(slide.title)}</h2>{body}</section>"


def page(sequence: list[Slide]) -> bytes:
    figures: list[go.Figure] = []
    sections = "".join(_section(s, figures) for s in sequence)
    title = _e(sequence[0].title) if sequence else ""
    document = (
        f'<!DOCTYPE html><html lang="{current_language()}"><head><meta charset="utf-8">'
        f"<title>{title}</title>"
        f"<style>{STYLE}</style></head><body>{sections}</body></html>"
    )
    return document.encode("utf-8")
