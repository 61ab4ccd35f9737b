"""Snapshots of the programme data, taken before every import and restorable from the app.

A snapshot is every stored programme exported as programme files into a folder beside the
database, so it is readable, and restoring it goes through the same validation and
all-or-nothing load as any import. Accounts and the change history are not part of it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from pathlib import Path

import pandas as pd

from mentoring_data.access.accounts import User, require_admin
from mentoring_data.format.validation import ValidationFailed
from mentoring_data.programme_files import exporting, loading
from mentoring_data.store import database


def snapshot_dir(target: database.Store) -> Path:
    return target.path.parent / f"{target.path.stem}-snapshots"


def take_snapshot(target: database.Store, user: User | None, reason: str) -> str:
    require_admin(user)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    snapshot_id = f"{stamp}-{uuid.uuid4().hex[:6]}"
    folder = snapshot_dir(target) / snapshot_id
    exporting.export_all(target, folder)
    with target.writing() as writer:
        writer.run(
            "insert_snapshot",
            id=snapshot_id,
            username=user.username,
            reason=reason[:200],
            file_name=folder.name,
        )
    return snapshot_id


def list_snapshots(target: database.Store) -> pd.DataFrame:
    return target.read("snapshot_list")


def restore_snapshot(target: database.Store, user: User | None, snapshot_id: str) -> list[str]:
    """Put the programme data back as it was in the snapshot; returns the programmes restored.
    Programmes added since are removed. Refused (ValidationFailed) if its files do not load."""
    require_admin(user)
    if not re.fullmatch(r"[0-9a-f\-]+", snapshot_id):
        raise ValueError(f"{snapshot_id!r} is not a snapshot")
    folder = snapshot_dir(target) / snapshot_id
    files = sorted(folder.glob("*.yaml"))
    report = loading.validate_files(files)
    if not report.ok:
        raise ValidationFailed(report)
    restored = [f.programme.programme.id for f in report.files]
    stored = [pid for (pid,) in target.rows("programme_ids")]
    loading.write_programmes(
        target,
        [(f.programme, f.label) for f in report.files],
        remove=[pid for pid in stored if pid not in restored],
    )
    with target.writing() as writer:
        writer.insert_frame(
            "insert_changes",
            pd.DataFrame(
                [
                    {
                        "change_group": uuid.uuid4().hex,
                        "username": user.username,
                        "programme_id": "*",
                        "table_name": "programmes",
                        "record_id": snapshot_id,
                        "action": "restore",
                        "field": None,
                        "old_value": None,
                        "new_value": json.dumps(restored),
                        "comment": f"restored snapshot {snapshot_id}",
                        "reverts_group": None,
                    }
                ],
                dtype=object,
            ),
        )
    return restored


def import_files(
    target: database.Store,
    user: User | None,
    paths: list[Path],
    on_progress=lambda fraction, step: None,
):
    """An admin's import: validate every file (as `load` does), snapshot, then write all of
    them in one transaction. Returns the validation report; nothing is written if it has
    problems."""
    require_admin(user)
    on_progress(0.1, "validate")
    report = loading.check_files(paths, target.path)
    if not report.ok:
        return report, None
    on_progress(0.4, "snapshot")
    names = ", ".join(Path(p).name for p in paths)
    snapshot_id = take_snapshot(target, user, f"before importing {names}")
    on_progress(0.7, "write")
    loading.write_programmes(target, [(f.programme, f.label) for f in report.files])
    on_progress(1.0, "done")
    return report, snapshot_id
