"""How stored values read on screen: dates with their precision, missing values, text
fields in the viewer's language, and text that must fit a box."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd

from mentoring_data.locale_format import (
    format_day,
    format_short_month,
    percent_sign_spaced,
)
from mentoring_data.messages import current_language, t


def known(value: object) -> bool:
    """True for a real value; False for None, NaN, NaT and pandas' NA."""
    return value is not None and not (pd.api.types.is_scalar(value) and pd.isna(value))


def format_date(value: object, precision: object = "day") -> str:
    """A stored date as people read it; month precision is shown as the month alone."""
    if not known(value):
        return "—"
    day = (
        value
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime)
        else pd.Timestamp(value).date()
    )
    if precision == "month":
        return format_short_month(day) + " " + t("dates.approx_marker")
    return format_day(day)


def percent_column_format() -> str:
    """A progress column's printf format with the language's placing of the % sign."""
    return "%d %%" if percent_sign_spaced() else "%d%%"


def pair_label(mentor: object, mentee: object) -> str:
    return f"{mentor} → {mentee}" if known(mentor) else t("timeline.programme_wide")


def translations_of(stored: object) -> dict[str, str]:
    """A text field's translations from its stored JSON ({"en": ..., "it": ...}) or mapping;
    plain text counts as English; {} when there is none."""
    if isinstance(stored, dict):
        return {k: v for k, v in stored.items() if isinstance(v, str) and v}
    if not isinstance(stored, str) or not stored.strip():
        return {}
    try:
        value = json.loads(stored)
    except ValueError:
        return {"en": stored}  # a list item written as plain text is English
    if isinstance(value, dict):
        return translations_of(value)
    return {"en": value if isinstance(value, str) else stored}


def text_language(stored: object, fallback: object = None) -> tuple[str, str | None]:
    """The wording of a text field to show and its language: the viewer's language when the
    field has it, else the original (English, else the first language given); (fallback,
    None) when nothing is stored."""
    texts = translations_of(stored)
    if not texts:
        return (str(fallback) if known(fallback) else ""), None
    language = current_language()
    if language in texts:
        return texts[language], language
    original = "en" if "en" in texts else next(iter(texts))
    return texts[original], original


def shown_text(stored: object, fallback: object = None) -> str:
    """A text field in the viewer's language, else its original with a marker of the language
    it is written in, e.g. "Study visit to Gdańsk [EN]" for a French reader."""
    text, language = text_language(stored, fallback)
    if language is None or language == current_language():
        return text
    return f"{text} {language_marker(language)}"


def language_marker(language: str) -> str:
    return t("content.language_marker", code=language.upper())


def shorten(text: object, limit: int) -> str:
    """At most `limit` characters, cut at a word where possible and ended with an ellipsis."""
    text = " ".join(str(text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:.") + "…"


def data_text(value: object) -> str:
    """A stored text, plain or a mapping of languages to texts, in the viewer's language
    when it is there, else in its original one."""
    if isinstance(value, dict):
        return text_language(value)[0]
    return str(value) if known(value) else ""
