"""How stored values read on screen: dates with their precision, missing values, text that
must fit a box."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from mentoring_data.messages import t


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
        return day.strftime("%b %Y") + " " + t("dates.approx_marker")
    return day.strftime("%d %b %Y").lstrip("0")


def pair_label(mentor: object, mentee: object) -> str:
    return f"{mentor} → {mentee}" if known(mentor) else t("timeline.programme_wide")


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
    """A stored text: either plain, or a mapping of languages to texts (English, else the
    first one given)."""
    if isinstance(value, dict):
        return str(value.get("en") or next(iter(value.values()), ""))
    return str(value) if known(value) else ""
