"""The slide page /present under AppTest: every slide, deep links, bad values, kiosk values."""

from __future__ import annotations

import pytest

from mentoring_data.messages import t
from mentoring_data.ui.presenting import parse_kiosk, parse_slide_number
from mentoring_data.views import slides

PAGE = "pages/present.py"


def counter(at) -> str:
    return next(m.value for m in at.markdown if "slide-counter" in m.value)


def test_every_slide_of_inclucities_renders(shipped_db, run_page):
    first = run_page(PAGE, programme="inclucities")
    assert not first.exception
    total = int(counter(first).split("/")[1].split("<")[0])
    assert total == len(slides.slides("inclucities"))
    for number in range(1, total + 1):
        at = run_page(PAGE, programme="inclucities", slide=str(number))
        assert not at.exception, (number, at.exception)
        assert not at.warning
        assert f">{number} / {total}<" in counter(at)
        assert at.query_params["slide"] == str(number)


def test_buttons_move_and_wrap(shipped_db, run_page):
    at = run_page(PAGE, programme="inclucities")
    total = len(slides.slides("inclucities"))
    at.button(key="present_next").click().run()
    assert f">2 / {total}<" in counter(at)
    at.button(key="present_previous").click().run()
    at.button(key="present_previous").click().run()
    assert f">{total} / {total}<" in counter(at)
    assert at.query_params["slide"] == str(total)


def test_no_navigation_on_the_slide_page(shipped_db, run_page):
    at = run_page(PAGE, programme="inclucities")
    assert not at.get("page_link")


def test_one_pair_only(shipped_db, run_page):
    at = run_page(PAGE, programme="inclucities", pair="mechelen-capaci", slide="3")
    assert not at.exception and not at.warning
    assert len(slides.slides("inclucities", "mechelen-capaci")) < len(slides.slides("inclucities"))
    assert "Mechelen" in at.markdown[1].value or any("Mechelen" in m.value for m in at.markdown)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"programme": "atlantis"}, t("present.unknown_programme", programme="atlantis")),
        (
            {"programme": "inclucities", "pair": "nowhere"},
            t("present.unknown_pair", pair="nowhere"),
        ),
        ({"programme": "inclucities", "kiosk": "soon"}, t("present.bad_kiosk", value="soon")),
    ],
)
def test_unknown_values_give_a_message_and_a_slide(shipped_db, run_page, params, message):
    at = run_page(PAGE, **params)
    assert not at.exception
    assert message in [w.value for w in at.warning]
    assert ">1 / " in counter(at)


@pytest.mark.parametrize("raw", ["0", "99", "x"])
def test_unknown_slide_number(shipped_db, run_page, raw):
    at = run_page(PAGE, programme="inclucities", slide=raw)
    total = len(slides.slides("inclucities"))
    assert not at.exception
    assert t("present.unknown_slide", value=raw, total=total) in [w.value for w in at.warning]
    expected = total if raw == "99" else 1
    assert f">{expected} / {total}<" in counter(at)


def test_programme_without_pairs(shipped_db, run_page):
    sequence = slides.slides("amir")
    for number in range(1, len(sequence) + 1):
        at = run_page(PAGE, programme="amir", slide=str(number))
        assert not at.exception
        for chart in at.get("plotly_chart"):
            assert '"data": []' not in chart.proto.spec


def test_kiosk_parameter_parsing():
    assert parse_kiosk(None) == (None, False)
    assert parse_kiosk("5") == (5, False)
    assert parse_kiosk("1") == (None, True)
    assert parse_kiosk("-3") == (None, True)
    assert parse_kiosk("fast") == (None, True)
    assert parse_kiosk("100000") == (None, True)
    assert parse_slide_number("3", 9) == (3, False)
    assert parse_slide_number("12", 9) == (9, True)


def test_kiosk_page_runs(shipped_db, run_page):
    at = run_page(PAGE, programme="inclucities", kiosk="5")
    assert not at.exception and not at.warning
    assert ">1 / " in counter(at)


def test_kiosk_reads_fresh_data_on_the_next_pass(shipped_db, run_page):
    """A change written while the kiosk runs shows when its slide comes round again."""
    from mentoring_data import editing
    from mentoring_data.access import accounts
    from mentoring_data.messages import label
    from mentoring_data.store import database

    sequence = slides.slides("inclucities")
    number = next(
        i for i, s in enumerate(sequence, 1) if s.data.get("pair_id") == "mechelen-capaci"
    )
    at = run_page(PAGE, programme="inclucities", slide=str(number), kiosk="5")
    before = sequence[number - 1].data["status"]
    new_status = "stopped" if before != label("status", "stopped") else "active"
    target = database.open_store(shipped_db)
    stored = target.read("pair_record", programme_id="inclucities", id="mechelen-capaci")
    version = int(stored["version"].iloc[0])
    admin = accounts.User("kiosk-test", "admin", ())
    edit = editing.Edit("mechelen-capaci", version, {"status": new_status})
    assert editing.save_edits(target, admin, "pairs", "inclucities", [edit]).ok
    at.run()
    shown = label("status", new_status)
    assert any(f"## {shown[:1].upper()}{shown[1:]}" in m.value for m in at.markdown)


def test_navigation_links_the_slide_page_with_the_programme(shipped_db, run_page):
    from urllib.parse import parse_qs

    at = run_page("pages/timeline.py", programme="inclucities")
    (link,) = [p.proto for p in at.sidebar.get("page_link") if p.proto.label == t("nav.present")]
    assert link.page == "present"
    assert parse_qs(link.query_string) == {"programme": ["inclucities"], "lang": ["en"]}


def _slide(at_kind: str, programme: str = "inclucities") -> int:
    return next(i for i, s in enumerate(slides.slides(programme), 1) if s.kind == at_kind)


def _chart_specs(at) -> list[dict]:
    import json

    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


@pytest.mark.parametrize(
    ("programme", "kind", "expected"),
    [
        ("inclucities", "timeline", "Mechelen → Capaci"),
        ("amir", "partners", "IT"),
        ("brescia-local-integration-tutors", "indicators", "Volunteers trained (people)"),
    ],
)
def test_chart_slides_draw_their_chart(shipped_db, run_page, programme, kind, expected):
    at = run_page(PAGE, programme=programme, slide=str(_slide(kind, programme)))
    assert not at.exception
    specs = _chart_specs(at)
    assert len(specs) == 2  # one for a 1280-wide screen, one for a 1920-wide one
    for spec in specs:
        assert spec["data"], kind
        assert expected in json_text(spec)
    small, large = (s["layout"]["font"]["size"] for s in specs)
    assert small >= 20 and large > small  # readable from the back of a room


def json_text(spec: dict) -> str:
    import json

    return json.dumps(spec, ensure_ascii=False)


@pytest.mark.parametrize(
    ("programme", "kind", "message"),
    [
        ("inclucities", "indicators", "present.no_indicators"),
        ("cesvi-migrant-mentoring", "timeline", "present.no_activities"),
    ],
)
def test_a_slide_without_data_says_so(shipped_db, run_page, programme, kind, message):
    at = run_page(PAGE, programme=programme, slide=str(_slide(kind, programme)))
    assert not at.exception
    assert not at.get("plotly_chart")
    assert t(message) in [i.value for i in at.info]


def test_pair_slide_shows_theme_cities_strengths_and_challenges(shipped_db, run_page):
    sequence = slides.slides("inclucities")
    number, slide = next(
        (i, s) for i, s in enumerate(sequence, 1) if s.data.get("pair_id") == "mechelen-capaci"
    )
    at = run_page(PAGE, programme="inclucities", slide=str(number))
    assert not at.exception
    assert any("city for all" in m.value for m in at.markdown if m.value.startswith("## "))
    html = " ".join(h.proto.body for h in at.get("html"))
    assert t("export.strengths") in html and t("export.challenges") in html
    assert "Mechelen (Belgium)" in html and "Capaci (Italy)" in html
    assert slide.data["challenges"][0][:30] in html
    assert "3 / 3" in html or f"{slide.data['visits_done']} / " in html


def test_outcomes_slide_lists_the_outcomes(shipped_db, run_page):
    sequence = slides.slides("inclucities")
    items = sequence[_slide("outcomes") - 1].data["items"]
    at = run_page(PAGE, programme="inclucities", slide=str(_slide("outcomes")))
    assert not at.exception
    listed = " ".join(m.value for m in at.markdown)
    assert items[0]["title"][:20] in listed and items[0]["status"] in listed
    assert t("export.more", count=len(items) - 7) in listed  # 20 outcomes: 7 shown, 13 counted


AWKWARD_TITLE = ("Δίκτυο Λιβαδειάς και Jelgavas pašvaldību sadarbība: ā ē ū ķ ļ ņ " * 6)[:300]
AWKWARD = f"""\
format: mentoring-programme/1
programme:
  id: awkward
  name: "{AWKWARD_TITLE}"
  kind: city-to-city
  start: 2021-01
  end: 2022-12
cities:
  - {{id: livadeia, name: Λιβαδειά, country: GR, lat: 38.43, lon: 22.87}}
  - {{id: jelgava, name: Jelgava, country: LV, lat: 56.65, lon: 23.72}}
pairs:
  - {{id: jelgava-livadeia, mentor: jelgava, mentee: livadeia, status: active,
     challenges: [Valodas kursi pieaugušajiem – ā ē ū]}}
"""


def test_awkward_programme_shows_a_sensible_slide_each_time(load_programme, run_page):
    """A 300-character name, Greek and Latvian letters, cities without population, no
    activities, outcomes or indicators (the file format requires coordinates)."""
    load_programme(AWKWARD, "awkward.yaml")
    sequence = slides.slides("awkward")
    for number, slide in enumerate(sequence, 1):
        at = run_page(PAGE, programme="awkward", slide=str(number))
        assert not at.exception, (slide.kind, at.exception)
        heading = next(m.value for m in at.markdown if m.value.startswith("# "))
        assert len(heading) < 120, slide.kind  # shortened with an ellipsis
        for spec in _chart_specs(at):
            assert spec["data"], slide.kind
    first = run_page(PAGE, programme="awkward", slide="1")
    assert "…" in next(m.value for m in first.markdown if m.value.startswith("# "))


def _hidden_alternatives(at) -> str:
    return " ".join(h.proto.body for h in at.get("html") if "visually-hidden" in h.proto.body)


@pytest.mark.parametrize(
    ("programme", "kind", "expected"),
    [
        # the map's pairs, named in words
        ("inclucities", "map", ["Mechelen → Capaci", "Schaerbeek → Jelgava"]),
        # the timeline's activities, with their dates and pairs
        ("inclucities", "timeline", ["Mechelen → Capaci", "<table"]),
        # partners per country and kind, as the bars count them
        ("amir", "partners", ["<table", t("alt.col_organisations")]),
        # each indicator's latest value and target
        ("brescia-local-integration-tutors", "indicators", ["Volunteers trained", "<table"]),
    ],
)
def test_slide_charts_and_map_have_a_text_alternative(
    shipped_db, run_page, programme, kind, expected
):
    at = run_page(PAGE, programme=programme, slide=str(_slide(kind, programme)))
    assert not at.exception
    hidden = _hidden_alternatives(at)
    for text in expected:
        assert text in hidden, (kind, text)


def test_slide_alternatives_escape_data_text(load_programme, run_page):
    programme = AWKWARD.replace("Λιβαδειά", "<b>Λιβαδειά</b>").replace("awkward", "hostile")
    load_programme(programme)
    at = run_page(PAGE, programme="hostile", slide=str(_slide("map", "hostile")))
    hidden = _hidden_alternatives(at)
    assert "&lt;b&gt;Λιβαδειά&lt;/b&gt;" in hidden and "<b>Λιβαδειά" not in hidden


def test_slide_map_asks_for_no_click(shipped_db, run_page):
    # a click on the slide's map would leave the presentation, so it neither asks for one
    # nor listens for one; the Map page does both
    at = run_page(PAGE, programme="inclucities", slide=str(_slide("map")))
    captions = [c.value for c in at.caption]
    assert t("map.legend") in captions
    assert not any(t("map.click_hint") in c for c in captions)
    assert not at.get("deck_gl_json_chart")[0].proto.selection_mode
    page = run_page("pages/map.py", programme="inclucities")
    assert any(t("map.click_hint") in c.value for c in page.caption)


def test_pair_slide_figures_follow_the_language(shipped_db, run_page):
    sequence = slides.slides("inclucities")
    number, slide = next(
        (i, s) for i, s in enumerate(sequence, 1) if s.data.get("pair_id") == "schaerbeek-jelgava"
    )
    population = slide.data["mentor"]["population"]
    at = run_page(PAGE, programme="inclucities", slide=str(number), lang="lv")
    html = " ".join(h.proto.body for h in at.get("html"))
    from mentoring_data.locale_format import format_whole

    assert format_whole(population, "lv") in html  # "133 000": Latvian groups with a space
    assert f"{population:,}" not in html


def test_the_map_page_and_the_map_slide_list_the_same_pairs(shipped_db, run_page):
    page = run_page("pages/map.py", programme="inclucities")
    listed = [m.value for m in page.markdown if m.value.startswith("- ")]
    assert listed and "Mechelen → Capaci" in listed[0]
    slide = run_page(PAGE, programme="inclucities", slide=str(_slide("map")))
    hidden = _hidden_alternatives(slide)
    for line in listed[0].split("\n"):
        assert line[2:].replace("\\", "") in hidden.replace("&amp;", "&")
