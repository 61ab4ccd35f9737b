"""What the slide page needs besides the slide model: its URL parameters and its look."""

from __future__ import annotations

import streamlit as st

from mentoring_data.locale_format import format_number, format_whole
from mentoring_data.messages import labelled, t
from mentoring_data.ui import alternatives
from mentoring_data.ui.widgets import network_map, plain, sources_list
from mentoring_data.views import charts, dashboard
from mentoring_data.views.formatting import known, shorten
from mentoring_data.views.slides import Slide

KIOSK_MIN_SECONDS = 2
KIOSK_MAX_SECONDS = 3600


def parse_kiosk(raw: str | None) -> tuple[int | None, bool]:
    """Seconds per slide from ?kiosk=, or None for no kiosk; True when the value was unusable.
    Too short a value would redraw faster than a projector audience can read."""
    if raw is None or raw == "":
        return None, False
    try:
        seconds = int(raw)
    except ValueError:
        return None, True
    if seconds < KIOSK_MIN_SECONDS or seconds > KIOSK_MAX_SECONDS:
        return None, True
    return seconds, False


def parse_slide_number(raw: str | None, total: int) -> tuple[int, bool]:
    """The 1-based slide from ?slide=, clamped to the deck; True when the value was unusable."""
    if raw is None or raw == "":
        return 1, False
    try:
        number = int(raw)
    except ValueError:
        return 1, True
    if number < 1:
        return 1, True
    if number > total:
        return total, True
    return number, False


# Projector look: no Streamlit chrome, large type, the theme's own colours (so both light and
# dark keep their contrast), the counter and buttons big enough to find from a lectern.
_STYLE = """
<style>
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stSidebar"],
[data-testid="stSidebarCollapsedControl"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], footer { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] {
  padding: 2.5vh 4vw 1.5vh 4vw !important; max-width: 100% !important; }
[data-testid="stMain"] h1 { font-size: clamp(2.6rem, 5.2vw, 5.5rem) !important;
  line-height: 1.1 !important; font-weight: 700 !important; padding-bottom: 0.4em; }
[data-testid="stMain"] h2 { font-size: clamp(1.6rem, 2.8vw, 3rem) !important;
  font-weight: 500 !important; }
[data-testid="stMain"] li, [data-testid="stMain"] p { font-size: clamp(1.3rem, 2.1vw, 2.3rem); }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] p {
  font-size: clamp(3.2rem, 6.5vw, 7rem) !important; font-weight: 700 !important;
  line-height: 1.1 !important; height: auto !important; }
[data-testid="stMetricLabel"] { height: auto !important; min-height: 0 !important; }
[data-testid="stMetricLabel"] p { font-size: clamp(1.3rem, 2vw, 2.3rem) !important;
  line-height: 1.2 !important; margin: 0 !important; }
/* the controls stay at the foot of the screen whatever the slide's height */
.st-key-present_controls { position: fixed; left: 0; right: 0; bottom: 0; z-index: 999;
  padding: 1vh 4vw 1.5vh 4vw; background: BACKGROUND; }
[data-testid="stMain"] { padding-bottom: 11vh; }
[data-testid="stMain"] button p { font-size: clamp(1.1rem, 1.6vw, 1.8rem) !important; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] p {
  font-size: clamp(0.95rem, 1.3vw, 1.5rem); }
/* lists that share a slide with figures or a chart: a step smaller than the body text */
[class*="st-key-slide_list"] li, [class*="st-key-slide_list"] p,
[data-testid="stMain"] .slide-side li, [data-testid="stMain"] .slide-side p,
[data-testid="stMain"] .slide-outcomes li {
  font-size: clamp(1.05rem, 1.7vw, 1.85rem) !important; line-height: 1.3; margin: 0 0 0.2em 0; }
[data-testid="stMain"] .slide-side h3 { font-size: clamp(1.3rem, 2.2vw, 2.4rem) !important;
  margin: 0 0 0.3em 0; padding: 0; font-weight: 600 !important; }
.slide-side ul, .slide-outcomes { margin: 0.2em 0 0 0; padding-left: 1.2em; }
/* a pair's names are long: its heading a size down keeps it on one line */
.st-key-slide_pair h1 { font-size: clamp(2.2rem, 3.7vw, 4.2rem) !important; padding-bottom: 0.2em; }
.st-key-slide_pair h2 { font-size: clamp(1.3rem, 2.2vw, 2.4rem) !important; }
.slide-figures { display: flex; gap: 3vw; align-items: flex-start; }
.slide-figures > div { display: flex; flex-direction: column; }
.slide-figure { font-size: clamp(2rem, 3.8vw, 4.2rem); font-weight: 700; line-height: 1.05; }
.slide-figure-label { font-size: clamp(1rem, 1.5vw, 1.7rem); }
/* each chart comes in two sizes: the large one for screens from 1600 pixels wide */
[class*="st-key-slide_chart_large"] { display: none !important; }
@media (min-width: 1600px) {
  [class*="st-key-slide_chart_large"] { display: flex !important; }
  [class*="st-key-slide_chart_small"] { display: none !important; }
  .st-key-slide_map_frame { width: 66.6% !important; margin: 0 auto;
    transform: scale(1.5); transform-origin: top center; } }
/* text alternatives of the slide's charts and map: read by screen readers, not shown */
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; margin: -1px; padding: 0; }
[data-testid="stElementContainer"]:has(.visually-hidden) { position: absolute !important; }
.slide-counter { text-align: center; font-size: clamp(1.4rem, 2.2vw, 2.4rem) !important;
  font-weight: 700; margin: 0; }
</style>
"""


def presentation_style() -> None:
    mode = "dark" if st.context.theme.type == "dark" else "light"
    background = st.get_option(f"theme.{mode}.backgroundColor") or "Canvas"
    st.html(_STYLE.replace("BACKGROUND", background))


# Sized for a 1280x720 projector below the heading and above the controls; a 1920x1080 one
# shows the same slide with more room around it.
MAP_HEIGHT, MAP_WIDTH = 420, 1180
# chart height and type size: "small" fits a 1280x720 screen, "large" a 1920x1080 one
CHART_SIZES = {"small": (430, 20), "large": (640, 30)}
HEADING_CHARS = 60  # two lines of heading at most
LINE_CHARS = 90
SIDE_ITEMS = 3  # strengths or challenges shown per city
SIDE_CHARS = 75  # at most two lines in half a slide
THEME_CHARS = 70
OUTCOMES_ON_PAIR = 3
LIST_ITEMS = 8  # outcomes or partners listed on one slide
TIMELINE_ROWS = 14  # more rows than this cannot be read from the back of a room
INDICATORS_SHOWN = 4


def draw_slide(slide: Slide, programme_id: str) -> None:
    """Few words, big figures: the heading, then what the slide's kind shows best. A slide
    without data says so in a sentence rather than show an empty chart."""
    with st.container(key=f"slide_{slide.kind}"):
        _draw(slide, programme_id)


def _draw(slide: Slide, programme_id: str) -> None:
    st.markdown(f"# {plain(shorten(slide.title, HEADING_CHARS))}")
    draw = {
        "title": _title,
        "map": lambda _data: _map(programme_id),
        "pair": _pair,
        "partners": _partners,
        "timeline": _timeline,
        "outcomes": _outcomes,
        "indicators": _indicators,
        "sources": _sources,
    }[slide.kind]
    draw(slide.data)


def _figures(figures: dict) -> None:
    for column, (caption, value) in zip(st.columns(len(figures)), figures.items(), strict=True):
        column.metric(caption, value)


def _listed(lines: list[str], limit: int = LIST_ITEMS) -> None:
    """At most `limit` lines; the rest are counted, so the slide never runs off the screen."""
    shown = lines if len(lines) <= limit else lines[: limit - 1]
    items = [plain(shorten(line, LINE_CHARS)) for line in shown]
    if len(shown) < len(lines):
        items.append(plain(t("export.more", count=len(lines) - len(shown))))
    st.markdown("\n".join(f"- {item}" for item in items))


def _chart(figure, key: str) -> None:
    """The chart at two sizes, of which the style shows the one that suits the screen: a
    chart's type has pixel sizes, unlike the slide's text, which grows with the screen."""
    for size, (height, font) in CHART_SIZES.items():
        with st.container(key=f"slide_chart_{size}_{key}"):
            st.plotly_chart(
                charts.for_projector(figure, height, font),
                key=f"{key}_{size}",
                config={"displaylogo": False, "displayModeBar": False, "staticPlot": True},
            )


def _map(programme_id: str) -> None:
    # one map only (a second WebGL canvas would cost the projector's computer dearly); the
    # style scales it up on a wide screen
    with st.container(key="slide_map_frame"):
        network_map(
            programme_id,
            key="present_map",
            height=MAP_HEIGHT,
            width_px=MAP_WIDTH,
            interactive=False,
        )
    alternatives.slide_network(programme_id)


def _title(data: dict) -> None:
    if data.get("subtitle"):
        st.markdown(f"## {plain(shorten(data['subtitle'], 2 * LINE_CHARS))}")
    facts = [t("export.period", period=data["period"])]
    if data.get("coordinator"):
        facts.append(t("export.coordinator", coordinator=shorten(data["coordinator"], 60)))
    st.markdown(" · ".join(plain(f) for f in facts))
    _figures(data.get("figures", {}))
    st.caption(t("export.data_date", date=data["data_date"]))


def _pair(data: dict) -> None:
    status = _capitalised(data["status"])
    theme = plain(shorten(data["theme"], THEME_CHARS)) if data["theme"] else ""
    st.markdown(f"## {plain(status)}" + (f" · {theme}" if theme else ""))
    sides = st.columns(2, gap="large")
    for column, role, city, heading, items in (
        (sides[0], t("export.mentor"), data["mentor"], t("export.strengths"), data["strengths"]),
        (sides[1], t("export.mentee"), data["mentee"], t("export.challenges"), data["challenges"]),
    ):
        with column, st.container(border=True):
            st.html(_side_html(role, city, heading, items))
    figures = [
        (t("col.visits_done"), f"{data['visits_done']} / {data['visits_total']}"),
        (t("col.steps_done"), f"{data['steps_done']} / {data['steps_total']}"),
        (t("col.outcomes"), str(len(data["outcomes"]))),
    ]
    cells = "".join(
        f"<div><span class='slide-figure'>{_escape(v)}</span>"
        f"<span class='slide-figure-label'>{_escape(k)}</span></div>"
        for k, v in figures
    )
    titles = [o["title"] for o in data["outcomes"]]
    if titles:
        shown = [shorten(x, 45) for x in titles[:OUTCOMES_ON_PAIR]]
        if len(titles) > OUTCOMES_ON_PAIR:
            shown.append(t("export.more", count=len(titles) - OUTCOMES_ON_PAIR))
        cells += (
            "<ul class='slide-outcomes'>"
            + "".join(f"<li>{_escape(x)}</li>" for x in shown)
            + "</ul>"
        )
    st.html(f"<div class='slide-figures'>{cells}</div>")


def _side_html(role: str, city: dict, heading: str, items: list[str]) -> str:
    """One city of the pair: who it is, its figures, and what it brings or needs."""
    country = f" ({city['country']})" if city["country"] else ""
    facts = [
        t("export.population", population=format_whole(city["population"]))
        if city["population"] is not None
        else t("export.population_unknown")
    ]
    if city.get("foreign_origin_pct") is not None:
        facts.append(t("map.foreign_origin", pct=format_number(city["foreign_origin_pct"])))
    shown = [shorten(i, SIDE_CHARS) for i in items[:SIDE_ITEMS]] or [t("export.none")]
    if len(items) > SIDE_ITEMS:
        shown.append(t("export.more", count=len(items) - SIDE_ITEMS))
    return (
        "<div class='slide-side'>"
        f"<h3>{_escape(labelled(role, shorten(city['name'], 40) + country))}</h3>"
        f"<p>{_escape(' · '.join(facts))}</p>"
        f"<p><b>{_escape(heading)}</b></p>"
        "<ul>" + "".join(f"<li>{_escape(i)}</li>" for i in shown) + "</ul></div>"
    )


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _partners(data: dict) -> None:
    partners = data["partners"]
    if partners.empty:
        st.info(t("export.partners_none"))
        return
    names, chart = st.columns([1, 1], gap="large")
    with names, st.container(key="slide_list"):
        _listed(
            [
                ", ".join(str(x) for x in (r["name"], r["city_name"], r["country"]) if _known(x))
                for r in partners.to_dict("records")
            ]
        )
    with chart:
        _chart(charts.partners_chart(partners), "present_partners")
        alternatives.slide_partners(partners)


def _timeline(data: dict) -> None:
    dated = data["dated"]
    if dated.empty:
        st.info(t("present.no_activities"))
        return
    rows = dated["pair_id"].nunique() + len(data["periods"])
    if rows > TIMELINE_ROWS:
        st.info(t("present.timeline_too_many", rows=rows))
        with st.container(key="slide_list"):
            _listed(
                [
                    f"{r['when']} · {r['kind_label']} · {r['title']}"
                    for r in data["activities"].to_dict("records")
                ][-LIST_ITEMS:]
            )
        return
    _chart(charts.gantt(dated, data["periods"], dashboard.today()), "present_timeline")
    alternatives.slide_activities(dated, data["activities"])


def _outcomes(data: dict) -> None:
    items = data.get("items", [])
    if not items:
        st.info(t("present.no_outcomes"))
        return
    _figures(data["counts"])
    lines = [f"{o['title']} — {o['kind']}, {o['status']}" for o in items]
    half = (min(len(lines), LIST_ITEMS) + 1) // 2
    left, right = st.columns(2, gap="large")
    shown = lines if len(lines) <= LIST_ITEMS else lines[: LIST_ITEMS - 1]
    with left, st.container(key="slide_list"):
        _listed(shown[:half], half)
    with right, st.container(key="slide_list_more"):
        rest = shown[half:]
        if len(shown) < len(lines):
            rest.append(t("export.more", count=len(lines) - len(shown)))
        if rest:
            _listed(rest, len(rest))


def _indicators(data: dict) -> None:
    latest = data["indicators"]
    if latest.empty:
        st.info(t("present.no_indicators"))
        return
    shown = latest.head(INDICATORS_SHOWN)
    _chart(charts.indicator_targets_chart(shown), "present_indicators")
    alternatives.slide_indicators(shown)
    if len(latest) > len(shown):
        st.caption(t("export.more", count=len(latest) - len(shown)))


def _sources(data: dict) -> None:
    if data.get("sources"):
        sources_list(list(data["sources"])[:10], heading_key="present.sources_heading")
    else:
        st.info(t("present.no_sources"))


def _escape(text: object) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _known(value: object) -> bool:
    return known(value) and str(value) != ""
