"""Step downloads never carry a live spreadsheet formula (CSV injection), whatever a step's
title or owner starts with; the text stays readable."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest

from mentoring_data.exports import downloads

HOSTILE = [
    '=HYPERLINK("http://x.invalid","click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
]


def table(text: str) -> pd.DataFrame:
    row = {column: "x" for column in downloads.STEP_COLUMNS}
    row.update(title=text, owner=text, evidence=text, progress=50)
    return pd.DataFrame([row, {**row, "title": "Plain title", "owner": "Jelgava city"}])


@pytest.mark.parametrize("text", HOSTILE)
def test_csv_cells_are_text_with_a_leading_quote(text):
    rows = list(
        csv.reader(io.StringIO(downloads.steps_csv(table(text)).decode("utf-8-sig"), newline=""))
    )
    hostile, plain = rows[1], rows[2]
    assert hostile[1] == hostile[2] == "'" + text
    assert (plain[1], plain[2]) == ("Plain title", "Jelgava city")  # untouched
    assert hostile[4] == "50"


@pytest.mark.parametrize("text", HOSTILE)
def test_excel_cells_are_strings_not_formulas(text):
    book = openpyxl.load_workbook(io.BytesIO(downloads.steps_excel(table(text))))
    sheet = book.active
    for column in (2, 3, 8):  # step, owner, evidence
        cell = sheet.cell(row=2, column=column)
        assert cell.data_type == "s", (column, cell.data_type, cell.value)
        # the workbook's XML keeps a carriage return as a line break
        # a carriage return may come back as either line break, depending on openpyxl
        assert cell.value.replace("\r", "\n") == "'" + text.replace("\r", "\n")
    assert sheet.cell(row=3, column=2).value == "Plain title"
    assert sheet.cell(row=2, column=5).value == 50
