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
    return table[list(STEP_COLUMNS)].rename(columns=headings)


def steps_csv(table: pd.DataFrame) -> bytes:
    # the byte-order mark lets spreadsheet programs read accented names correctly
    return _steps_for_people(table).to_csv(index=False).encode("utf-8-sig")


def steps_excel(table: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        _steps_for_people(table).to_excel(writer, index=False, sheet_name=t("col.steps"))
        sheet = writer.sheets[t("col.steps")]
        for column in sheet.columns:
            width = max(len(str(cell.value or "")) for cell in column)
            sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
    return buffer.getvalue()
