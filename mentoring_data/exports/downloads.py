"""Files people can take away: a programme as its YAML file, steps as CSV and Excel."""

from __future__ import annotations

import io

import pandas as pd

from mentoring_data.messages import t
from mentoring_data.programme_files import exporting
from mentoring_data.views import dashboard

STEP_COLUMNS = (
    "pair_label",
    "title",
    "owner",
    "status_label",
    "progress",
    "due",
    "lateness",
    "evidence",
)


def programme_yaml(programme_id: str) -> bytes:
    return exporting.programme_yaml(dashboard.current_store(), programme_id).encode("utf-8")


def _steps_for_people(table: pd.DataFrame) -> pd.DataFrame:
    headings = {
        "pair_label": t("col.pair"),
        "title": t("col.step"),
        "owner": t("col.owner"),
        "status_label": t("col.status"),
        "progress": t("col.progress"),
        "due": t("col.due"),
        "lateness": t("col.lateness"),
        "evidence": t("col.evidence"),
    }
    # every text cell, as a title or owner typed by anyone could start a formula
    return table[list(STEP_COLUMNS)].map(_inert).rename(columns=headings)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _inert(value: object) -> object:
    """A text a spreadsheet would run as a formula, prefixed with a single quote (OWASP's
    advice against CSV injection), so it is shown as the text it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def steps_csv(table: pd.DataFrame) -> bytes:
    # the byte-order mark lets spreadsheet programs read accented names correctly
    # CRLF rows (RFC 4180) also make the writer quote a text holding a carriage return
    return _steps_for_people(table).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def steps_excel(table: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _steps_for_people(table).to_excel(writer, index=False, sheet_name=t("col.steps"))
        sheet = writer.sheets[t("col.steps")]
        for column in sheet.columns:
            width = max(len(str(cell.value or "")) for cell in column)
            sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
    return buffer.getvalue()
