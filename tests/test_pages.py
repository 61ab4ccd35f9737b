"""Every page of the dashboard, run in process with Streamlit's AppTest.

Each test opens a page the way a link does (a new session, the page's query parameters set
before its first run) on a database file of its own (fixtures in conftest.py, "page fixtures").
Expected texts come from the message catalogue (`t`, `label`) and expected counts from the
shipped programme files themselves, so the tests follow the data and the wording.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs

import pytest
import yaml

from mentoring_data import settings
from mentoring_data.messages import label, t
from mentoring_data.ui.widgets import plain

PAGES = {  # page file -> catalogue key of its title
    "app.py": "overview.title",
    "pages/map.py": "map.title",
    "pages/pairs.py": "pair.title",
    "pages/timeline.py": "timeline.title",
    "pages/action_plans.py": "plans.title",
    "pages/outcomes.py": "outcomes.title",
    "pages/indicators.py": "indicators.title",
}
NAVIGATION = {  # catalogue key of the link's label -> the page's URL path
    "nav.overview": "",
    "nav.map": "map",
    "nav.pairs": "pairs",
    "nav.timeline": "timeline",
    "nav.action_plans": "action_plans",
    "nav.outcomes": "outcomes",
    "nav.indicators": "indicators",
}
PROJECT_DIR = Path(__file__).resolve().parent.parent


def _shipped() -> dict[str, dict]:
    """{programme id: parsed YAML} of every shipped programme file."""
    files = {}
    for path in settings.shipped_programme_files():
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        files[document["programme"]["id"]] = document
    return files


SHIPPED = _shipped()
PROGRAMME_IDS = sorted(SHIPPED)
WITHOUT_PAIRS = sorted(pid for pid, doc in SHIPPED.items() if not doc.get("pairs"))


def _name(text: object) -> str:
    return text if isinstance(text, str) else text.get("en") or next(iter(text.values()))


def _city_names(pid: str) -> dict[str, str]:
    return {c["id"]: _name(c["name"]) for c in SHIPPED[pid].get("cities", [])}


def _pair_title(pid: str, pair_id: str) -> str:
    pair = next(p for p in SHIPPED[pid]["pairs"] if p["id"] == pair_id)
    names = _city_names(pid)
    return f"{names[pair['mentor']]} → {names[pair['mentee']]}"


def assert_ran(at) -> None:
    """Fail with the uncaught exceptions of the last run and their stack traces, if any."""
    if at.exception:
        pytest.fail(
            "the page raised:\n\n"
            + "\n\n".join(f"{e.message}\n" + "\n".join(e.stack_trace) for e in at.exception),
            pytrace=False,
        )


def texts(elements) -> list[str]:
    return [element.value for element in elements]


def deck_json(at) -> dict:
    charts = at.get("deck_gl_json_chart")
    assert charts, "no pydeck chart on the page"
    return json.loads(charts[0].proto.json)


def layers_of(deck: dict, layer_type: str) -> list[dict]:
    return [layer for layer in deck["layers"] if layer.get("@@type") == layer_type]


# --- the shipped files the parametrisation reads ---------------------------------------------


def test_shipped_programme_ids_are_their_file_names():
    by_file = sorted(p.stem for p in settings.shipped_programme_files())
    assert PROGRAMME_IDS == by_file
    assert "inclucities" in PROGRAMME_IDS
    assert WITHOUT_PAIRS, "the tests for programmes without pairs have nothing to run on"


def test_the_dashboard_pages_exist():
    for page in PAGES:
        assert (PROJECT_DIR / page).is_file(), page


# --- every page, for all programmes and for each one ---------------------------------------


@pytest.mark.parametrize("programme", ["", *PROGRAMME_IDS], ids=["all-programmes", *PROGRAMME_IDS])
@pytest.mark.parametrize("page", list(PAGES))
def test_page_renders(shipped_db, run_page, page, programme):
    params = {"programme": programme} if programme else {}
    at = run_page(page, **params)
    assert_ran(at)
    assert texts(at.title)[0] == t(PAGES[page])
    assert not at.error
    assert not at.warning, texts(at.warning)
    # the programme choice stays in the URL, so the view can be shared as a link
    assert at.query_params.get("programme", "") == programme
    assert at.selectbox(key="programme").value == programme
    # a table cell without a value shows a dash, never Streamlit's English "None"
    assert {e.proto.placeholder for e in at.get("dataframe")} <= {"—"}


# Pages beyond the seven dashboard pages (sign-in, editing, ...): found on disk, so a new page
# is run at least once; they need not have a programme selector.
OTHER_PAGES = sorted(
    {"app.py", *(f"pages/{p.name}" for p in (PROJECT_DIR / "pages").glob("*.py"))} - set(PAGES)
)


@pytest.mark.parametrize("page", OTHER_PAGES)
def test_other_page_renders(shipped_db, run_page, page):
    at = run_page(page)
    assert_ran(at)
    if page == "pages/present.py":  # slides draw their own headings (tests/test_present.py)
        assert at.markdown or at.get("html"), "the slide page shows nothing"
    else:
        assert at.title, "the page shows no title"
    assert not at.error, texts(at.error)


def test_empty_database_is_filled_with_the_shipped_programmes(page_db, run_page):
    at = run_page("app.py")
    assert_ran(at)
    table = at.dataframe[-1].value  # the programmes table closes the overview
    assert sorted(table["name"]) == sorted(
        _name(doc["programme"]["name"]) for doc in SHIPPED.values()
    )


def test_navigation_links_every_page_and_keeps_the_programme_and_language(shipped_db, run_page):
    at = run_page("pages/timeline.py", programme="inclucities")
    assert set(NAVIGATION.values()) == {"" if p == "app.py" else Path(p).stem for p in PAGES}
    links = {link.proto.label: link.proto for link in at.sidebar.get("page_link")}
    for key, url_path in NAVIGATION.items():
        assert t(key) in links, f"no navigation link labelled {t(key)!r}"
        assert links[t(key)].page == url_path
        assert parse_qs(links[t(key)].query_string) == {
            "programme": ["inclucities"],
            "lang": ["en"],
        }


# --- deep links --------------------------------------------------------------------------


def test_pair_deep_link_shows_the_pair(shipped_db, run_page):
    at = run_page("pages/pairs.py", programme="inclucities", pair="mechelen-capaci")
    assert_ran(at)
    assert (
        texts(at.title) == ["Mechelen → Capaci"] == [_pair_title("inclucities", "mechelen-capaci")]
    )
    assert t(
        "pair.subtitle", programme="IncluCities", status=label("status", "completed")
    ) in texts(at.caption)
    assert not at.warning, texts(at.warning)


def test_pair_deep_link_without_programme_finds_the_programme(shipped_db, run_page):
    at = run_page("pages/pairs.py", pair="mechelen-capaci")
    assert_ran(at)
    assert texts(at.title) == ["Mechelen → Capaci"]


def test_replaced_pair_says_so_and_links_to_its_successor(shipped_db, run_page):
    at = run_page("pages/pairs.py", programme="inclucities", pair="mechelen-partinico")
    assert_ran(at)
    assert texts(at.title) == ["Mechelen → Partinico"]
    assert t("pair.replaced_notice") in texts(at.warning)
    successor = [
        link.proto for link in at.get("page_link") if link.proto.label == t("pair.go_to_successor")
    ]
    assert len(successor) == 1
    assert successor[0].page == "pairs"
    query = {k: v[0] for k, v in parse_qs(successor[0].query_string).items()}
    assert query == {"programme": "inclucities", "pair": "mechelen-capaci", "lang": "en"}
    # following the link lands on the successor
    followed = run_page("pages/pairs.py", **query)
    assert_ran(followed)
    assert texts(followed.title) == ["Mechelen → Capaci"]
    assert t("pair.replaced_notice") not in texts(followed.warning)


def test_unknown_pair_gets_a_friendly_warning(shipped_db, run_page):
    at = run_page("pages/pairs.py", pair="no-such-pair")
    assert_ran(at)
    assert texts(at.title) == [t("pair.title")]
    assert texts(at.warning) == [t("pair.unknown", pair="no-such-pair")]
    assert t("pair.choose_another") in [link.proto.label for link in at.get("page_link")]


def test_pair_of_another_programme_is_unknown_there(shipped_db, run_page):
    at = run_page("pages/pairs.py", programme=WITHOUT_PAIRS[0], pair="mechelen-capaci")
    assert_ran(at)
    assert texts(at.warning) == [t("pair.unknown", pair="mechelen-capaci")]


@pytest.mark.parametrize("page", list(PAGES))
def test_unknown_programme_warns_and_shows_all(shipped_db, run_page, page):
    at = run_page(page, programme="no-such-programme")
    assert_ran(at)
    assert t("app.unknown_programme", programme="no-such-programme") in texts(at.warning)
    assert texts(at.title)[0] == t(PAGES[page])
    assert at.selectbox(key="programme").value == ""  # all programmes
    assert "programme" not in at.query_params
    # and the page goes on to draw its content for all programmes
    assert len(at.main.children) > 3


def _inclucities_activities(pair: str, kind: str) -> list[dict]:
    return [
        a
        for a in SHIPPED["inclucities"]["activities"]
        if a.get("pair") == pair and a["kind"] == kind
    ]


def test_timeline_deep_link_filters_pair_and_kind(shipped_db, run_page):
    at = run_page(
        "pages/timeline.py", programme="inclucities", pair="mechelen-capaci", kind="study-visit"
    )
    assert_ran(at)
    assert at.selectbox(key="pair").value == "mechelen-capaci"
    assert at.multiselect(key="kind").value == ["study-visit"]
    table = at.dataframe[0].value
    expected = _inclucities_activities("mechelen-capaci", "study-visit")
    assert expected, "the shipped file has no study visit of mechelen-capaci any more"
    assert len(table) == len(expected)
    assert set(table["kind_label"]) == {label("activity_kind", "study-visit")}
    assert set(table["pair_label"]) == {"Mechelen → Capaci"}
    assert sorted(table["title"]) == sorted(_name(a["title"]) for a in expected)

    unfiltered = run_page("pages/timeline.py", programme="inclucities").dataframe[0].value
    assert len(unfiltered) > len(table)


def test_action_plans_deep_link_shows_only_done_steps(shipped_db, run_page):
    at = run_page("pages/action_plans.py", status="done")
    assert_ran(at)
    assert at.multiselect(key="status").value == ["done"]
    table = at.dataframe[0].value
    done = [
        s
        for doc in SHIPPED.values()
        for plan in doc.get("action_plans", [])
        for s in plan["steps"]
        if s["status"] == "done"
    ]
    assert done, "no shipped step is done any more"
    assert len(table) == len(done)
    assert set(table["status_label"]) == {label("status", "done")}
    shown = {m.label: m.value for m in at.metric}
    assert shown[t("plans.metric_steps")] == str(len(done))
    assert shown[t("plans.metric_done")] == str(len(done))

    unfiltered = run_page("pages/action_plans.py").dataframe[0].value
    assert len(unfiltered) > len(table)


def test_outcomes_deep_link_shows_only_toolkits(shipped_db, run_page):
    at = run_page("pages/outcomes.py", kind="toolkit")
    assert_ran(at)
    assert at.multiselect(key="kind").value == ["toolkit"]
    kind_labels = {
        label("outcome_kind", k)
        for doc in SHIPPED.values()
        for k in [o["kind"] for o in doc.get("outcomes", [])]
    }
    card_kinds = [c.split(" · ")[0] for c in texts(at.caption) if c.split(" · ")[0] in kind_labels]
    toolkits = [
        o for doc in SHIPPED.values() for o in doc.get("outcomes", []) if o["kind"] == "toolkit"
    ]
    assert toolkits
    assert card_kinds == [label("outcome_kind", "toolkit")] * len(toolkits)
    markdown = texts(at.markdown)
    for outcome in toolkits:
        title = _name(outcome["title"])
        assert f"**{plain(title)}**" in markdown


# --- programmes without city pairs ----------------------------------------------------------


@pytest.mark.parametrize("programme", WITHOUT_PAIRS)
def test_overview_without_pairs_lists_partners(shipped_db, run_page, programme):
    at = run_page("app.py", programme=programme)
    assert_ran(at)
    assert t("overview.no_pairs") in texts(at.info)
    assert not [c for c in at.get("plotly_chart") if "progress_chart" in c.proto.id]
    partner_tables = [
        d.value
        for d in at.dataframe
        if list(d.value.columns) == ["name", "kind", "country", "city_name"]
    ]
    assert len(partner_tables) == 1
    organisations = {_name(o["name"]) for o in SHIPPED[programme].get("organisations", [])}
    assert set(partner_tables[0]["name"]) <= organisations
    assert len(partner_tables[0]) > 0


@pytest.mark.parametrize("programme", WITHOUT_PAIRS)
def test_map_without_pairs_draws_places_or_says_why(shipped_db, run_page, programme):
    at = run_page("pages/map.py", programme=programme)
    assert_ran(at)
    if at.get("deck_gl_json_chart"):
        assert t("map.no_pairs") in texts(at.info)
        (arcs,) = layers_of(deck_json(at), "ArcLayer")
        assert arcs["data"] == []
    else:
        assert t("map.empty") in texts(at.info)


@pytest.mark.parametrize("programme", WITHOUT_PAIRS)
def test_pairs_page_without_pairs_says_so(shipped_db, run_page, programme):
    at = run_page("pages/pairs.py", programme=programme)
    assert_ran(at)
    assert t("pair.none_in_programme") in texts(at.info)


# --- a small programme: a pair with no visits, no plan, a city without population -----------

TINY = """\
format: mentoring-programme/1
programme:
  id: tiny-network
  name: Tiny network
  kind: city-to-city
cities:
  - {id: ghent, name: Ghent, country: BE, lat: 51.054, lon: 3.717, population: 265086,
     population_year: 2023}
  - {id: lublin, name: Lublin, country: PL, lat: 51.247, lon: 22.568}
pairs:
  - {id: ghent-lublin, mentor: ghent, mentee: lublin, status: active}
"""


def test_pair_without_visits_plan_or_population(load_programme, run_page):
    load_programme(TINY, "tiny.yaml")
    at = run_page("pages/pairs.py", programme="tiny-network", pair="ghent-lublin")
    assert_ran(at)
    assert texts(at.title) == ["Ghent → Lublin"]
    info = texts(at.info)
    assert t("pair.no_activities") in info
    assert t("pair.no_plan") in info
    assert t("pair.no_outcomes") in info
    captions = texts(at.caption)
    assert captions.count(t("pair.no_population")) == 1  # Lublin; Ghent has a figure
    assert t("pair.no_sources") in captions
    assert t("pair.population", population="265,086", year=t("pair.year", year=2023)) in texts(
        at.markdown
    )
    assert not at.get("plotly_chart")
    assert not at.dataframe


@pytest.mark.parametrize(
    ("page", "empty_key"),
    [
        ("pages/timeline.py", "timeline.empty"),
        ("pages/action_plans.py", "plans.empty"),
        ("pages/outcomes.py", "outcomes.empty"),
        ("pages/indicators.py", "indicators.empty"),
    ],
)
def test_empty_states_of_a_small_programme(load_programme, run_page, page, empty_key):
    load_programme(TINY, "tiny.yaml")
    at = run_page(page)
    assert_ran(at)
    assert t(empty_key) in texts(at.info)


def test_overview_and_map_of_a_small_programme(load_programme, run_page):
    load_programme(TINY, "tiny.yaml")
    at = run_page("app.py")
    assert_ran(at)
    assert t("overview.nothing_upcoming") in texts(at.info)
    assert t("overview.nothing_late") in texts(at.success)
    # only the loaded file is there: an empty-database fill did not happen
    assert list(at.dataframe[-1].value["name"]) == ["Tiny network"]
    at = run_page("pages/map.py")
    assert_ran(at)
    (arcs,) = layers_of(deck_json(at), "ArcLayer")
    assert [a["pair_id"] for a in arcs["data"]] == ["ghent-lublin"]


# --- the map ----------------------------------------------------------------------------------


def test_map_needs_no_tile_server(shipped_db, run_page):
    at = run_page("pages/map.py", programme="inclucities")
    assert_ran(at)
    chart = at.get("deck_gl_json_chart")[0].proto
    raw = chart.json.lower()
    assert "carto" not in raw and "mapbox" not in raw
    assert chart.mapbox_token == ""
    deck = json.loads(chart.json)
    # pydeck's Deck(map_provider=None) writes no mapProvider and leaves mapStyle at its
    # "__MAP_STYLE__" sentinel; Streamlit's frontend drops that sentinel and draws no basemap.
    # A missing or null mapStyle would make the frontend fall back to Carto's tiles.
    assert deck.get("mapProvider") is None
    assert deck.get("mapStyle") == "__MAP_STYLE__"


def test_map_layers(shipped_db, run_page):
    at = run_page("pages/map.py", programme="inclucities")
    deck = deck_json(at)
    (countries,) = layers_of(deck, "GeoJsonLayer")
    assert countries["data"]["features"]
    (arcs,) = layers_of(deck, "ArcLayer")
    pair_ids = [p["id"] for p in SHIPPED["inclucities"]["pairs"]]
    assert len(pair_ids) == 5
    assert sorted(a["pair_id"] for a in arcs["data"]) == sorted(pair_ids)
    assert {a["programme_id"] for a in arcs["data"]} == {"inclucities"}
    assert arcs["pickable"] is True
    (labels,) = layers_of(deck, "TextLayer")
    assert labels["characterSet"] == "auto"
    assert labels["data"]


def test_map_of_all_programmes_has_every_pair(shipped_db, run_page):
    at = run_page("pages/map.py")
    assert_ran(at)
    (arcs,) = layers_of(deck_json(at), "ArcLayer")
    assert len(arcs["data"]) == sum(len(doc.get("pairs", [])) for doc in SHIPPED.values())


def test_map_in_dark_theme(shipped_db, run_page):
    light = deck_json(run_page("pages/map.py"))
    at = run_page("pages/map.py", context={"theme": "dark"})
    assert_ran(at)
    dark = deck_json(at)
    (light_land,), (dark_land,) = layers_of(light, "GeoJsonLayer"), layers_of(dark, "GeoJsonLayer")
    assert sum(dark_land["getFillColor"][:3]) < sum(light_land["getFillColor"][:3])


ARC_CLICK = {
    "selection": {
        "indices": {"arcs": [1]},
        "objects": {"arcs": [{"programme_id": "inclucities", "pair_id": "mechelen-capaci"}]},
    }
}


def test_click_on_a_map_arc_opens_the_pair(shipped_db, run_page):
    at = run_page("pages/map.py", programme="inclucities")
    at.session_state["network_map"] = ARC_CLICK
    at.run()
    assert_ran(at)
    assert texts(at.title) == ["Mechelen → Capaci"]
    assert at.query_params == {"programme": "inclucities", "pair": "mechelen-capaci", "lang": "en"}


def test_click_on_an_overview_arc_opens_the_pair(shipped_db, run_page):
    at = run_page("app.py", programme="inclucities")
    at.session_state["overview_map"] = ARC_CLICK
    at.run()
    assert_ran(at)
    assert texts(at.title) == ["Mechelen → Capaci"]


def test_click_on_a_map_city_lists_its_pairs(shipped_db, run_page):
    at = run_page("pages/map.py")
    at.session_state["network_map"] = {
        "selection": {"indices": {"cities": [0]}, "objects": {"cities": [{"id": "mechelen"}]}}
    }
    at.run()
    assert_ran(at)
    assert at.query_params.get("place") == "mechelen"
    mechelen = [
        f"{_pair_title('inclucities', p['id'])} ({label('status', p['status'])})"
        for p in SHIPPED["inclucities"]["pairs"]
        if "mechelen" in (p["mentor"], p["mentee"])
    ]
    assert len(mechelen) > 1
    assert sorted(at.selectbox(key="pair_pick").options) == sorted(mechelen)
