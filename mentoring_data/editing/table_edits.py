"""A step table's editor state turned into edits."""

from __future__ import annotations

import math

import pandas as pd

from mentoring_data.editing.results import (
    Edit,
)

BULK_COLUMNS = {
    "title": "title",
    "owner": "owner",
    "status": "status",
    "progress": "progress",
    "due": "due",
}


def edits_from_editor(snapshot: pd.DataFrame, state: dict) -> list[Edit]:
    """Turn a step table's editor state into edits. Row numbers in the state refer to the
    snapshot the editor was drawn from, so ids and versions come from that snapshot; a new
    order gives the plan's existing positions to the steps in their new order."""
    rows = snapshot.reset_index(drop=True)
    edited = {int(k): v for k, v in state.get("edited_rows", {}).items()}
    orders = [_order(edited.get(i, {}).get("order"), rows.at[i, "order"]) for i in range(len(rows))]
    by_new_order = sorted(range(len(rows)), key=lambda i: (orders[i], i))
    positions = sorted(int(p) for p in rows["position"])
    new_position = {i: positions[rank] for rank, i in enumerate(by_new_order)}
    edits = []
    for i in range(len(rows)):
        changes = {}
        for column, value in edited.get(i, {}).items():
            if column in BULK_COLUMNS:
                if isinstance(value, float) and value.is_integer():
                    value = int(value)
                changes[BULK_COLUMNS[column]] = value if value not in ("",) else None
        moved = new_position[i] != int(rows.at[i, "position"])
        if changes or moved:
            edits.append(
                Edit(
                    str(rows.at[i, "id"]),
                    int(rows.at[i, "version"]),
                    changes,
                    new_position[i] if moved else None,
                )
            )
    return edits


def _order(entered: object, current: object) -> float:
    """The order typed in a row; a cleared or unreadable cell keeps the row where it was."""
    if isinstance(entered, int | float) and not isinstance(entered, bool):
        if math.isfinite(entered):
            return entered
    return float(current)
