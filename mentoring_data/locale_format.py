"""Numbers, dates and country names in the user's language, with Babel's CLDR data.

Streamlit-free, so pages, exports and tests share one way of writing a figure. Every function
takes `language=None` to mean the current language (messages.current_language()).
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from babel import Locale
from babel.dates import format_date as _format_date
from babel.numbers import format_decimal, format_percent, get_decimal_symbol, get_group_symbol
from babel.units import format_unit

from mentoring_data.messages import DEFAULT_LANGUAGE, LANGUAGES, current_language


def supported_languages() -> tuple[str, ...]:
    return LANGUAGES


def language_from_locale(locale: str | None) -> str:
    """The dashboard language for a browser locale such as "fr-BE"; English otherwise."""
    if not locale:
        return DEFAULT_LANGUAGE
    language = locale.replace("_", "-").split("-")[0].strip().lower()
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


@cache
def language_name(code: str) -> str:
    """A language in its own name, as a selector lists it: "Ελληνικά", "latviešu"."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def spoken_language_name(code: str, language: str | None = None) -> str:
    """A language named in the reader's language: "it" → "italien" for a French reader."""
    return Locale.parse(_language(language)).languages.get(code, code)


def _language(language: str | None) -> str:
    return language or current_language()


def format_number(value: float, language: str | None = None) -> str:
    return format_decimal(value, locale=_language(language))


def format_whole(value: float, language: str | None = None) -> str:
    """A count or population with the language's digit grouping ("12 345", "12.345")."""
    return format_decimal(round(value), locale=_language(language))


def format_megabytes(value: float, language: str | None = None) -> str:
    """A file size in megabytes with the language's unit ("10 MB", "10 Mo")."""
    return format_unit(value, "digital-megabyte", length="short", locale=_language(language))


def format_share(value: float, language: str | None = None, digits: int = 0) -> str:
    """A share given as a fraction (0.42 → "42 %" in French)."""
    language = _language(language)
    pattern = "#,##0%" if digits == 0 else "#,##0." + "0" * digits + "%"
    return format_percent(value, format=_percent_pattern(language, pattern), locale=language)


def format_percent_value(value: float, language: str | None = None) -> str:
    """A percentage given in percent (42.5 → "42,5 %"), with as many decimals as it has."""
    digits = 0 if float(value).is_integer() else min(len(f"{value:g}".split(".")[-1]), 2)
    return format_share(float(value) / 100, language, digits)


@cache
def _percent_pattern(language: str, fallback: str) -> str:
    # keep the language's own placing of the sign and space, change only the decimals
    own = Locale.parse(language).percent_formats[None].pattern
    return own if fallback == "#,##0%" else own.replace("#,##0", fallback[:-1], 1)


def percent_sign_spaced(language: str | None = None) -> bool:
    """Whether the language writes a space between a number and % ("42 %" in French)."""
    pattern = Locale.parse(_language(language)).percent_formats[None].pattern
    return "\u00a0%" in pattern or " %" in pattern or "\u202f%" in pattern


def number_separators(language: str | None = None) -> str:
    """The decimal sign then the group sign, as plotly's `separators` layout option wants."""
    language = _language(language)
    return get_decimal_symbol(language) + get_group_symbol(language)


def format_full_date(value: dt.date, language: str | None = None) -> str:
    """A day, e.g. "12 mars 2022" or "2022. márc. 12."."""
    return _format_date(value, format="long", locale=_language(language))


def format_day(value: dt.date, language: str | None = None) -> str:
    """A day in a table or list, short: "Mar 12, 2022", "12 mars 2022", "12.03.2022."."""
    return _format_date(value, format="medium", locale=_language(language))


def format_month(value: dt.date, language: str | None = None) -> str:
    """A date known to the month only, e.g. "May 2021", "maijs 2021"."""
    language = _language(language)
    return _format_date(value, format=_month_pattern(language), locale=language)


def format_short_month(value: dt.date, language: str | None = None) -> str:
    """A month on a chart's axis, e.g. "May 2021", "mai 2021", "2021. máj."."""
    language = _language(language)
    return _format_date(value, format=_short_month_pattern(language), locale=language)


@cache
def _month_pattern(language: str) -> str:
    # the stand-alone month with the year, as the language writes it (CLDR's "yMMMM" skeleton)
    return Locale.parse(language).datetime_skeletons.get("yMMMM").pattern


@cache
def _short_month_pattern(language: str) -> str:
    return Locale.parse(language).datetime_skeletons.get("yMMM").pattern


def country_name(code: object, language: str | None = None) -> str:
    """A country's name from its ISO code ("LV" → "Lettonie"); the code if it is unknown,
    "" when there is none."""
    if not isinstance(code, str) or not code:
        return ""
    return Locale.parse(_language(language)).territories.get(code.upper(), code)
