"""The nine translated catalogues against en.yaml, the glossary, Babel's plural rules and the
locale formatting functions."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml
from babel import Locale

from mentoring_data import locale_format
from mentoring_data.messages import CATALOGUE_DIR, messages, placeholders, plural_category, t

LANGUAGES = ("fr", "nl", "it", "es", "el", "lv", "de", "pt", "hu")
ENGLISH = messages("en")

# values that stay as in English: proper names, commands, codes and words shared by the language
SAME_AS_ENGLISH = {
    "pair.subtitle",
    "pair.year",
    "form.url_placeholder",
    "form.field_error",
    "form.row_error",
    "content.language_marker",
    "overview.status_count",
    "common.labelled",
}
SAME_IN = {
    "fr": {
        "Programme",
        "Programmes",
        "Sources",
        "Date",
        "Participants",
        "Latitude",
        "Longitude",
        "Population",
        "Guide",
        "Centre",
        "Organisation",
    },
    "nl": {
        "Accounts",
        "Programma",
        "Partners",
        "Indicator",
        "Status",
        "Link",
        "link",
        "Website",
        "website",
        "Video",
        "App",
        "Workshop",
        "Record",
        "Mode",
        "Id",
        "Indicatoren",
    },
    "it": {
        "Record",
        "Password",
        "Partner",
        "Mentee",
        "Workshop",
        "Video",
        "App",
        "Online",
        "online",
        "Toolkit",
        "Link",
        "link",
        "Id",
    },
    "es": {"Id", "Online", "online", "editor"},
    "el": set(),
    "lv": {"Video"},
    "de": {
        "Partner",
        "Status",
        "Link",
        "Mentor",
        "Mentee",
        "Workshop",
        "Video",
        "App",
        "Toolkit",
        "Website",
        "Id",
        "online",
        "Kick-off",
        "Name",
        "Programm",
        "Indikator",
        "Admin",
        "Editor",
        "Viewer",
        "Start",
        "Ende",
        "Summary",
        "Evidence",
        "Record",
        "Guide",
        "hybrid",
        "Region",
        "Organisation",
        "Land",
    },
    "pt": {
        "editor",
        "Latitude",
        "Longitude",
        "Id",
        "Online",
        "online",
        "Website",
        "website",
        "App",
        "Link",
        "link",
        "Workshop",
        "Toolkit",
        "Status",
        "Hybrid",
    },
    "hu": {
        "Id",
        "Link",
        "link",
        "Partner",
        "Mentor",
        "Program",
        "Programme",
        "Video",
        "App",
        "Workshop",
        "online",
        "Admin",
        "Status",
        "Toolkit",
    },
}
# the glossary's term for action plan, looked for in each catalogue's nav.action_plans
ACTION_PLAN = {
    "fr": "plans d’action",
    "nl": "actieplan",
    "it": "piani d",
    "es": "planes de acción",
    "el": "σχέδια δράσης",
    "lv": "rīcības plān",
    "de": "aktionsplän",
    "pt": "planos de ação",
    "hu": "cselekvési terv",
}
STUDY_VISIT = {
    "fr": "visite d’étude",
    "nl": "studiebezoek",
    "it": "visita di studio",
    "es": "visita de estudio",
    "el": "μελετητική επίσκεψη",
    "lv": "pieredzes apmaiņas vizīte",
    "de": "studienbesuch",
    "pt": "visita de estudo",
    "hu": "tanulmányút",
}
ONE_STOP_SHOP = {
    "fr": "guichet unique",
    "nl": "één-loket",
    "it": "sportello unico",
    "es": "ventanilla única",
    "el": "ενιαίο σημείο εξυπηρέτησης",
    "lv": "vienas pieturas aģentūra",
    "de": "zentrale anlaufstelle",
    "pt": "balcão único",
    "hu": "egyablakos ügyintézési pont",
}
COMMAND = re.compile(r"`[^`]+`")


def _forms(value: str | dict[str, str]) -> list[str]:
    return list(value.values()) if isinstance(value, dict) else [value]


def _english(key: str) -> str:
    return _forms(ENGLISH[key])[-1]


@pytest.fixture(params=LANGUAGES)
def language(request) -> str:
    if not (CATALOGUE_DIR / f"{request.param}.yaml").exists():
        pytest.fail(f"messages/{request.param}.yaml is missing")
    return request.param


def test_every_catalogue_parses_as_a_mapping(language):
    tree = yaml.safe_load((CATALOGUE_DIR / f"{language}.yaml").read_text(encoding="utf-8"))
    assert isinstance(tree, dict)


def test_every_catalogue_has_exactly_the_english_keys(language):
    keys = set(messages(language))
    missing = sorted(set(ENGLISH) - keys)
    extra = sorted(keys - set(ENGLISH))
    assert not missing and not extra, f"{language}: missing {missing}, extra {extra}"


def test_every_form_keeps_the_english_placeholders(language):
    wrong = {
        key: form
        for key, value in messages(language).items()
        if key in ENGLISH
        for form in _forms(value)
        if placeholders(form) != placeholders(_english(key))
    }
    assert not wrong, f"{language}: {wrong}"


def test_commands_are_kept_untouched(language):
    wrong = {
        key: value
        for key, value in messages(language).items()
        if key in ENGLISH
        and any(COMMAND.findall(form) != COMMAND.findall(_english(key)) for form in _forms(value))
    }
    assert not wrong, f"{language}: {wrong}"


def test_plural_messages_have_every_category_babel_requires(language):
    required = set(Locale.parse(language).plural_form.tags) | {"other"}
    wrong = {
        key: sorted(required - set(value))
        for key, value in messages(language).items()
        if isinstance(value, dict) and not required <= set(value)
    }
    assert not wrong, f"{language}: missing categories {wrong}"


def test_no_value_is_left_in_english(language):
    same = {
        key: value
        for key, value in messages(language).items()
        if isinstance(value, str)
        and value == ENGLISH.get(key)
        and key not in SAME_AS_ENGLISH
        and value not in SAME_IN[language]
    }
    assert not same, f"{language}: untranslated {same}"


def test_glossary_terms_are_used(language):
    catalogue = {key: _forms(value)[-1].lower() for key, value in messages(language).items()}
    assert ACTION_PLAN[language] in catalogue["nav.action_plans"]
    assert STUDY_VISIT[language] in catalogue["activity_kind.study-visit"]
    assert ONE_STOP_SHOP[language] in catalogue["outcome_kind.one-stop-shop"]
    glossary = (CATALOGUE_DIR.parent.parent / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert ONE_STOP_SHOP[language] in glossary.lower()


def test_english_output_is_unchanged():
    assert t("overview.days", days=3) == "in 3 days"
    assert t("common.first_rows", rows=1) == "Showing the first 1 rows; filter to narrow the list."
    assert t("overview.title") == "Overview"


def test_missing_key_falls_back_to_english_then_to_the_key():
    assert t("overview.title", language="xx") == "Overview"
    assert t("no.such.key", language="fr") == "no.such.key"


@pytest.mark.parametrize(
    ("language", "count", "category"),
    [
        ("lv", 0, "zero"),
        ("lv", 1, "one"),
        ("lv", 21, "one"),
        ("lv", 3, "other"),
        ("lv", 11, "zero"),
        ("el", 1, "one"),
        ("el", 3, "other"),
        ("fr", 0, "one"),
        ("fr", 1_000_000, "many"),
        ("hu", 1, "one"),
        ("hu", 5, "other"),
    ],
)
def test_plural_categories_follow_babel(language, count, category):
    assert plural_category(language, count) == category


@pytest.mark.parametrize(
    ("language", "key", "values", "expected"),
    [
        ("lv", "overview.days", {"days": 1}, "pēc 1 dienas"),
        ("lv", "overview.days", {"days": 21}, "pēc 21 dienas"),
        ("lv", "overview.days", {"days": 3}, "pēc 3 dienām"),
        ("el", "overview.days", {"days": 1}, "σε 1 ημέρα"),
        ("el", "overview.days", {"days": 3}, "σε 3 ημέρες"),
        ("fr", "overview.days", {"days": 1}, "dans 1 jour"),
        ("fr", "overview.days", {"days": 0}, "dans 0 jour"),
        ("fr", "overview.days", {"days": 3}, "dans 3 jours"),
        ("hu", "overview.days", {"days": 3}, "3 nap múlva"),
    ],
)
def test_plural_messages_choose_the_form(language, key, values, expected):
    if not (CATALOGUE_DIR / f"{language}.yaml").exists():
        pytest.fail(f"messages/{language}.yaml is missing")
    assert t(key, language=language, **values) == expected


def test_languages_and_browser_locales():
    assert set(locale_format.supported_languages()) == {"en", *LANGUAGES}
    assert locale_format.language_from_locale("fr-BE") == "fr"
    assert locale_format.language_from_locale("lv_LV") == "lv"
    assert locale_format.language_from_locale("EL") == "el"
    assert locale_format.language_from_locale("sv-SE") == "en"
    assert locale_format.language_from_locale(None) == "en"


def test_numbers_dates_and_countries():
    nbsp = "\u00a0"
    narrow = "\u202f"
    assert locale_format.format_number(12345.5, "fr") == f"12{narrow}345,5"
    assert locale_format.format_number(12345.5, "el") == "12.345,5"
    assert locale_format.format_number(12345.5, "hu") == f"12{nbsp}345,5"
    assert locale_format.format_share(0.42, "fr") == f"42{nbsp}%"
    assert locale_format.format_share(0.425, "lv", digits=1) == "42,5%"
    assert locale_format.format_month(dt.date(2021, 5, 1), "en") == "May 2021"
    assert locale_format.format_month(dt.date(2021, 5, 1), "el") == "Μάιος 2021"
    assert locale_format.format_month(dt.date(2021, 5, 1), "hu") == "2021. május"
    assert locale_format.format_full_date(dt.date(2022, 3, 12), "fr") == "12 mars 2022"
    assert locale_format.format_full_date(dt.date(2022, 3, 12), "lv") == "2022. gada 12. marts"
    assert locale_format.country_name("LV", "fr") == "Lettonie"
    assert locale_format.country_name("lv", "el") == "Λετονία"
    assert locale_format.country_name("HU", "lv") == "Ungārija"
    assert locale_format.country_name("XX", "fr") == "XX"
