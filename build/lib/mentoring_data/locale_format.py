"""Numbers, dates and country names in the user's language, with Babel's CLDR data.

Streamlit-free, so pages, exports and tests share one way of writing a figure.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from babel import Locale
from babel.dates import format_date as _format_date
from babel.numbers import format_decimal, format_percent

from mentoring_data.messages import DEFAULT_LANGUAGE

LANGUAGES = ("en", "fr", "nl", "it", "es", "el", "lv", "de", "pt", "hu")


def supported_languages() -> tuple[str, ...]:
    return LANGUAGES


def language_from_locale(locale: str | None) -> str:
    """The dashboard language for a browser locale such as "fr-BE"; English otherwise."""
    if not locale:
        return DEFAULT_LANGUAGE
    language = locale.replace("_", "-").split("-")[0].strip().lower()
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def format_number(value: float, language: str = DEFAULT_LANGUAGE) -> str:
    return format_decimal(value, locale=language)


def format_share(value: float, language: str = DEFAULT_LANGUAGE, digits: int = 0) -> str:
    """A share given as a fraction (0.42 → "42 %" in French)."""
    pattern = "#,##0%" if digits == 0 else "#,##0." + "0" * digits + "%"
    return format_percent(value, format=_percent_pattern(language, pattern), locale=language)


@cache
def _percent_pattern(language: str, fallback: str) -> str:
    # keep the language's own placing of the sign and space, change only the decimals
    own = Locale.parse(language).percent_formats[None].pattern
    return own if fallback == "#,##0%" else own.replace("#,##0", fallback[:-1], 1)


def format_full_date(value: dt.date, language: str = DEFAULT_LANGUAGE) -> str:
    """A day, e.g. "12 mars 2022" or "2022. márc. 12."."""
    return _format_date(value, format="long", locale=language)


def format_month(value: dt.date, language: str = DEFAULT_LANGUAGE) -> str:
    """A date known to the month only, e.g. "May 2021", "maijs 2021"."""
    return _format_date(value, format=_month_pattern(language), locale=language)


@cache
def _month_pattern(language: str) -> str:
    # the stand-alone month with the year, as the language writes it (CLDR's "yMMMM" skeleton)
    return Locale.parse(language).datetime_skeletons.get("yMMMM").pattern


def country_name(code: str, language: str = DEFAULT_LANGUAGE) -> str:
    """A country's name from its ISO code ("LV" → "Lettonie"); the code if it is unknown."""
    return Locale.parse(language).territories.get(code.upper(), code)
