"""The interface language: how a page chooses it, what follows it (texts, caches, formats,
links, downloads, the command line), and text fields shown in the reader's language."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from mentoring_data.locale_format import country_name, language_from_locale, language_name
from mentoring_data.messages import (
    LANGUAGES,
    catalogue,
    current_language,
    in_language,
    label,
    speaking_current_language,
    t,
    use_language,
)
from mentoring_data.views.formatting import format_date, shown_text, text_language

FIXTURES = Path(__file__).parent / "fixtures"

PAGE_TITLES = {
    "app.py": "overview.title",
    "pages/map.py": "map.title",
    "pages/pairs.py": "pair.title",
    "pages/timeline.py": "timeline.title",
    "pages/action_plans.py": "plans.title",
    "pages/outcomes.py": "outcomes.title",
    "pages/indicators.py": "indicators.title",
    "pages/manage.py": "manage.title",
    "pages/history.py": "history.title",
    "pages/sign_in.py": "auth.title",
}


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    use_language("en")


# --- the current language ------------------------------------------------------------------


def test_t_and_label_speak_the_current_language():
    assert current_language() == "en"
    assert t("nav.map") == "Map"
    use_language("fr")
    assert t("nav.map") == catalogue("fr")["nav.map"] == "Carte"
    assert label("status", "done") == catalogue("fr")["status.done"]
    assert t("nav.map", language="de") == "Karte"  # an explicit language wins


def test_an_unknown_language_is_english():
    assert use_language("sv") == "en"
    assert t("nav.map") == "Map"
    assert use_language(None) == "en"


def test_a_key_missing_in_a_language_falls_back_to_english():
    use_language("el")
    assert t("no.such.key") == "no.such.key"
    with in_language("el"):
        assert t("nav.map") != "Map"


def test_in_language_restores_the_language_before():
    use_language("lv")
    with in_language("hu"):
        assert current_language() == "hu"
    assert current_language() == "lv"


def test_a_download_built_in_another_thread_keeps_the_language():
    use_language("it")
    answers = {}
    plain = lambda: t("nav.map")  # noqa: E731
    carried = speaking_current_language(plain)
    worker = threading.Thread(target=lambda: answers.update(plain=plain(), carried=carried()))
    worker.start()
    worker.join()
    assert answers == {"plain": "Map", "carried": "Mappa"}


def test_language_from_a_browser_locale():
    assert language_from_locale("pt-BR") == "pt"
    assert language_from_locale("el_GR") == "el"
    assert language_from_locale("sv-SE") == "en"
    assert language_from_locale("") == "en"


def test_each_language_is_named_in_itself():
    names = {code: language_name(code) for code in LANGUAGES}
    assert names["el"] == "Ελληνικά"
    assert names["lv"] == "Latviešu"
    assert names["fr"] == "Français"
    assert len(set(names.values())) == len(LANGUAGES)


def test_dates_and_countries_follow_the_language():
    day = dt.date(2022, 3, 12)
    assert format_date(day) == "Mar 12, 2022"
    use_language("fr")
    assert format_date(day) == "12 mars 2022"
    assert format_date(day, "month").startswith("mars 2022")
    assert country_name("LV") == "Lettonie"
    use_language("el")
    assert country_name("BE") == "Βέλγιο"


# --- text fields in the reader's language --------------------------------------------------


def test_a_text_field_in_the_readers_language_else_marked_with_its_own():
    stored = '{"en": "Study visit", "it": "Visita di studio"}'
    use_language("it")
    assert shown_text(stored) == "Visita di studio"
    use_language("fr")
    assert text_language(stored) == ("Study visit", "en")
    assert shown_text(stored) == "Study visit [EN]"
    use_language("en")
    assert shown_text(stored) == "Study visit"
    use_language("de")
    assert shown_text('{"it": "Sportello unico"}') == "Sportello unico [IT]"
    assert shown_text(None, "fallback") == "fallback"
    assert shown_text("Housing") == "Housing [EN]"  # a list item written as plain text


# --- caches --------------------------------------------------------------------------------


def test_a_cached_chart_is_kept_per_language(shipped_db):
    from mentoring_data.ui.widgets import cached_chart, chart_key

    built = []

    def build():
        built.append(current_language())
        return t("chart.pair_progress_title")

    use_language("en")
    english_key = chart_key("probe", ("inclucities",))
    english = cached_chart("probe", ("inclucities",), build)
    use_language("nl")
    assert chart_key("probe", ("inclucities",)) != english_key
    dutch = cached_chart("probe", ("inclucities",), build)
    again = cached_chart("probe", ("inclucities",), build)
    assert (english, dutch, again) == (
        catalogue("en")["chart.pair_progress_title"],
        catalogue("nl")["chart.pair_progress_title"],
        catalogue("nl")["chart.pair_progress_title"],
    )
    assert built == ["en", "nl"]


def test_page_data_is_cached_per_language(shipped_db):
    from mentoring_data.views import dashboard

    english = dashboard.step_table("inclucities")
    use_language("es")
    spanish = dashboard.step_table("inclucities")
    assert set(english["status_label"]) <= set(catalogue("en").values())
    assert set(spanish["status_label"]) <= set(catalogue("es").values())
    assert set(english["status_label"]).isdisjoint(spanish["status_label"])


# --- pages ---------------------------------------------------------------------------------


def _texts(elements) -> list[str]:
    return [e.value for e in elements]


@pytest.mark.slow
@pytest.mark.parametrize("page", list(PAGE_TITLES))
def test_each_page_speaks_the_language_in_its_address(shipped_db, run_page, page):
    at = run_page(page, lang="fr", programme="inclucities")
    assert not at.exception, [e.message for e in at.exception]
    assert t(PAGE_TITLES[page], language="fr") in _texts(at.title)
    assert t("nav.overview", language="fr") in [
        link.proto.label for link in at.sidebar.get("page_link")
    ]


def test_the_browser_language_is_the_default(shipped_db, run_page):
    at = run_page("pages/timeline.py", context={"locale": "el-GR"})
    assert _texts(at.title) == [t("timeline.title", language="el")]
    at = run_page("pages/timeline.py", context={"locale": "sv-SE"})
    assert _texts(at.title) == [t("timeline.title", language="en")]


def test_the_address_wins_over_the_browser_and_an_unknown_code_is_ignored(shipped_db, run_page):
    at = run_page("pages/timeline.py", lang="lv", context={"locale": "de-DE"})
    assert _texts(at.title) == [t("timeline.title", language="lv")]
    at = run_page("pages/timeline.py", lang="xx", context={"locale": "de-DE"})
    assert _texts(at.title) == [t("timeline.title", language="de")]


def test_every_navigation_link_carries_the_language(shipped_db, run_page):
    at = run_page("pages/outcomes.py", lang="hu", programme="inclucities")
    links = at.sidebar.get("page_link")
    assert links
    for link in links:
        assert parse_qs(link.proto.query_string).get("lang") == ["hu"], link.proto.label


def test_choosing_a_language_writes_it_into_the_address(shipped_db, run_page):
    at = run_page("pages/timeline.py")
    at.sidebar.selectbox(key="interface_language").select("pt").run()
    assert at.query_params["lang"] == "pt"
    assert _texts(at.title) == [t("timeline.title", language="pt")]


def test_a_pair_shows_its_country_and_marked_content_in_the_language(shipped_db, run_page):
    at = run_page("pages/pairs.py", lang="fr", programme="inclucities", pair="mechelen-capaci")
    shown = " ".join(_texts(at.markdown) + _texts(at.caption))
    assert "Belgique" in shown
    assert "[EN]" in shown  # the shipped themes are written in English only


def test_chart_alternatives_and_french_colons_follow_the_language(
    shipped_db, load_programme, run_page
):
    load_programme((FIXTURES / "full.yaml").read_text(encoding="utf-8"))  # a dated done step
    at = run_page("pages/action_plans.py", lang="fr", programme="full-network")
    sentences = [m.value for m in at.markdown]
    burnup = next((s for s in sentences if s.startswith("Plans d’action :")), sentences)
    # the month in French words, not Python's English abbreviation
    assert re.search(
        r"(janvier|février|mars|avril|mai|juin|juillet|août|septembre|"
        r"octobre|novembre|décembre) 20\d\d",
        burnup,
    ), burnup
    pairs = run_page("pages/pairs.py", lang="fr", programme="inclucities", pair="mechelen-capaci")
    headings = [h.value for h in pairs.subheader]
    assert any(h.startswith(t("pair.mentor", language="fr") + " : ") for h in headings), headings


def test_the_slide_page_honours_the_language(shipped_db, run_page):
    at = run_page("pages/present.py", lang="it", programme="inclucities")
    assert not at.exception
    labels = [b.label for b in at.button]
    assert t("present.next", language="it") in labels


# --- the command line ----------------------------------------------------------------------


def test_present_writes_the_language_asked_for(run_cli, shipped_db_template, tmp_path):
    db = tmp_path / "shipped.duckdb"
    shutil.copyfile(shipped_db_template, db)
    out = tmp_path / "deck.html"
    result = run_cli(
        "present", "--format", "html", "--programme", "inclucities", "--language", "el",
        "--out", out, db=db,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert '<html lang="el">' in page
    assert t("export.timeline_title", language="el") in page
    assert t("export.timeline_title", language="en") not in page


# --- translations in Manage ----------------------------------------------------------------


def _stored_i18n(target, table: str, record_id: str, column: str) -> dict:
    import json

    import duckdb

    with duckdb.connect(str(target.path)) as connection:
        (value,) = connection.execute(
            f"select {column} from {table} where programme_id = 'inclucities' and id = $i",  # noqa: S608 (test-only SQL, fixed names)
            {"i": record_id},
        ).fetchone()
    return json.loads(value)


@pytest.fixture
def manage_admin(app_session):
    from tests.conftest import EDIT_ADMIN_PASSWORD
    from tests.test_editing_pages import open_page, sign_in

    at = sign_in(app_session(), "admin", EDIT_ADMIN_PASSWORD)
    # AppTest calls the widgets' format functions in this thread: speak the page's language
    use_language("it")
    return open_page(at, "pages/manage.py", programme="inclucities", lang="it")


def _translate(at, form: str, field: str, language: str, text: str) -> None:
    from tests.test_editing_pages import submit

    at.selectbox(key=f"{form}__field").set_value(field).run()
    at.selectbox(key=f"{form}__language").set_value(language).run()
    (area,) = [a for a in at.text_area if a.key.startswith(f"{form}__{field}_{language}_")]
    area.input(text)
    submit(at, form)


@pytest.mark.slow
def test_an_activity_title_is_translated_in_manage_with_its_history(manage_admin, edit_store):
    from tests.test_editing_pages import changes

    activity = "mechelen-capaci-visit-2"
    at = manage_admin
    at.selectbox(key="manage_activities_pick").set_value(activity).run()
    form = f"translate_activities_{activity}"
    _translate(at, form, "title", "it", "Seconda visita di studio a Capaci")
    assert not at.error, [e.value for e in at.error]
    title = _stored_i18n(edit_store, "activities", activity, "title_i18n")
    assert title["it"] == "Seconda visita di studio a Capaci"
    assert title["en"].startswith("Second study visit")  # the original is kept
    assert [c["field"] for c in changes(edit_store)] == ["title"]
    # the reader in Italian now sees the translation, without the language marker
    assert "Seconda visita di studio a Capaci" in set(
        at.selectbox(key="manage_activities_pick").options
    )


@pytest.mark.slow
def test_a_translation_cannot_remove_the_only_wording(manage_admin, edit_store):
    activity = "mechelen-capaci-visit-2"
    at = manage_admin
    at.selectbox(key="manage_activities_pick").set_value(activity).run()
    form = f"translate_activities_{activity}"
    _translate(at, form, "title", "it", "Titolo")
    _translate(at, form, "title", "it", "")  # removing a translation is allowed
    assert "it" not in _stored_i18n(edit_store, "activities", activity, "title_i18n")


@pytest.mark.slow
def test_editing_the_english_title_keeps_the_translations(manage_admin, edit_store):
    from tests.test_editing_pages import submit

    activity = "mechelen-capaci-visit-2"
    at = manage_admin
    at.selectbox(key="manage_activities_pick").set_value(activity).run()
    before = _stored_i18n(edit_store, "activities", activity, "title_i18n")
    _translate(at, f"translate_activities_{activity}", "title", "fr", "Deuxième visite d’étude")
    form = f"activities_{activity}"
    at.text_input(key=f"{form}__title").input("Second study visit, in Capaci")
    submit(at, form)
    assert not at.error, [e.value for e in at.error]
    title = _stored_i18n(edit_store, "activities", activity, "title_i18n")
    assert title == {
        **before,
        "en": "Second study visit, in Capaci",
        "fr": "Deuxième visite d’étude",
    }
