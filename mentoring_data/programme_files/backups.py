"""Backups of the whole database file (programmes, accounts, history), and restoring one.

DuckDB lets no second process open a file the dashboard holds, not even to read it, and a
plain copy of its bytes is consistent only after a checkpoint with every write held back. So a
backup is taken by the process that holds the database: the running dashboard's Admin page,
or the command line while the dashboard is stopped (Store.copy_to does both the same way).

Restoring replaces the file, so it runs while the dashboard is stopped. It first counts the
changes recorded after the backup was taken (they are in the current file's history and not
in the backup's), which the restore would lose; the replaced file is kept aside under a new
name, never deleted, and the restore itself is the first change in the restored history.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from mentoring_data.access.accounts import User, require_admin
from mentoring_data.messages import t
from mentoring_data.store import database

# bookkeeping rows that record a backup being taken, not a change of the data
_NOT_A_CHANGE = {"backup"}


class BackupRefused(Exception):
    """The backup would overwrite a file; nothing was written."""


# what a backup from the Admin page can meet; each says what went wrong
BACKUP_FAILED = (BackupRefused, database.CannotWrite)


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def backup_folder(target: database.Store) -> Path:
    return database.backup_dir(target.path)


def take_backup(target: database.Store, user: User | None, destination: Path | None = None) -> Path:
    """Copy the whole database while it stays in use; returns the backup's path.

    Without a destination the backup goes into the folder beside the database. An existing
    file is never overwritten. The backup is recorded in the history (after the copy, so the
    history never names a backup that was not written)."""
    require_admin(user)
    if destination is None:
        name = f"{target.path.stem}-{_stamp()}-{uuid.uuid4().hex[:6]}.duckdb"  # two in a second
        destination = backup_folder(target) / name
    destination = Path(destination)
    if destination.resolve() == target.path.resolve():
        raise BackupRefused(t("backup.same_file", path=destination))
    if destination.exists():
        raise BackupRefused(t("backup.exists", path=destination))
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise database.CannotWrite(destination, str(err)) from None
    target.copy_to(destination)
    if not target.read_only:
        _record(
            target,
            user,
            "backup",
            destination.name,
            {"file": str(destination)},
            t("backup.history_backup", file=destination.name),
        )
    return destination


def list_backups(target: database.Store) -> pd.DataFrame:
    """The backup files beside the database, newest first."""
    files = sorted(backup_folder(target).glob("*.duckdb"), key=os.path.getmtime, reverse=True)
    return pd.DataFrame(
        {
            "file": [f.name for f in files],
            "size": [f.stat().st_size for f in files],
            "taken": [dt.datetime.fromtimestamp(f.stat().st_mtime) for f in files],
        }
    )


@dataclass
class RestorePlan:
    """What restoring `backup` over `target` would do, told before anything is changed."""

    target: Path
    backup: Path
    lost: list[dict] = field(default_factory=list)  # changes after the backup, oldest first
    unreadable: str | None = None  # why the current file's history could not be read

    def warning_lines(self, shown: int = 20) -> list[str]:
        if self.unreadable is not None:
            return [t("backup.unreadable_current", detail=self.unreadable)]
        lines = [
            t("backup.lost_changes", backup=self.backup, target=self.target, count=len(self.lost))
        ]
        for change in self.lost[:shown]:
            lines.append(
                "  "
                + t(
                    "backup.lost_change",
                    when=str(change["changed_at"])[:16],
                    who=change["username"],
                    action=t(f"change_action.{change['action']}"),
                    kind=t(f"record_kind.{change['table_name']}"),
                    record=change["record_id"],
                    programme=change["programme_id"],
                )
            )
        if len(self.lost) > shown:
            lines.append("  " + t("backup.more_lost", count=len(self.lost) - shown))
        return lines


_CHANGE_COLUMNS = (
    "id",
    "change_group",
    "changed_at",
    "username",
    "programme_id",
    "table_name",
    "record_id",
    "action",
)


def _changes_of(path: Path) -> list[dict]:
    rows = database.peek(path, "change_log") or []
    return [dict(zip(_CHANGE_COLUMNS, row, strict=True)) for row in rows]


def plan_restore(target_path: Path, backup_path: Path) -> RestorePlan:
    """Check the backup and count what a restore would lose; changes nothing.

    Raises database.DatabaseInUse while the dashboard holds the file, and CannotRestore for a
    file that is not a readable backup of this dashboard's database."""
    target_path, backup_path = Path(target_path), Path(backup_path)
    if backup_path.resolve() == target_path.resolve():
        raise CannotRestore(t("backup.same_file", path=backup_path))
    try:
        if database.peek(backup_path, "change_log") is None:
            missing = "backup.no_tables" if backup_path.exists() else "backup.no_such_file"
            raise CannotRestore(t("backup.not_a_backup", path=backup_path, detail=t(missing)))
        kept = {(c["id"], c["change_group"]) for c in _changes_of(backup_path)}
    except database.DatabaseDamaged as damaged:
        raise CannotRestore(
            t("backup.not_a_backup", path=backup_path, detail=damaged.detail)
        ) from None
    plan = RestorePlan(target_path, backup_path)
    try:
        current = _changes_of(target_path)
    except database.DatabaseDamaged as damaged:
        plan.unreadable = damaged.detail
        return plan
    plan.lost = [
        c
        for c in current
        if (c["id"], c["change_group"]) not in kept and c["action"] not in _NOT_A_CHANGE
    ]
    return plan


class CannotRestore(Exception):
    """The backup cannot be restored; nothing was changed."""


def restore_backup(plan: RestorePlan, user: User | None) -> Path:
    """Put the backup in place of the database file; returns where the replaced file is kept.

    The caller has shown the plan's warning and had it confirmed. If the backup cannot be put
    in place, the replaced file is moved back, so the database is never left missing."""
    require_admin(user)
    target_path = plan.target
    database.close_store(target_path)
    aside = target_path.with_name(f"{target_path.stem}-replaced-{_stamp()}.duckdb")
    partial = target_path.with_name(target_path.name + ".partial")
    wal = Path(f"{target_path}.wal")
    try:
        shutil.copyfile(plan.backup, partial)
    except OSError as err:
        partial.unlink(missing_ok=True)
        raise database.CannotWrite(target_path, str(err)) from None
    if target_path.exists():
        os.replace(target_path, aside)
        if wal.exists():
            os.replace(wal, Path(f"{aside}.wal"))
    os.replace(partial, target_path)
    try:
        restored = database.open_store(target_path)
        _record(
            restored,
            user,
            "restore_backup",
            plan.backup.name,
            {
                "backup": str(plan.backup),
                "lost_changes": len(plan.lost),
                "replaced_file_kept_as": str(aside),
            },
            t(
                "backup.history_restore",
                backup=plan.backup.name,
                count=len(plan.lost),
                aside=aside.name,
            ),
        )
    except BaseException:
        database.close_store(target_path)
        if aside.exists():
            os.replace(aside, target_path)
            if Path(f"{aside}.wal").exists():
                os.replace(Path(f"{aside}.wal"), wal)
        raise
    return aside


def _record(
    target: database.Store, user: User, action: str, record_id: str, value: dict, comment: str
) -> None:
    with target.writing() as writer:
        writer.insert_frame(
            "insert_changes",
            pd.DataFrame(
                [
                    {
                        "change_group": uuid.uuid4().hex,
                        "username": user.username,
                        "programme_id": "*",
                        "table_name": "database",
                        "record_id": record_id,
                        "action": action,
                        "field": None,
                        "old_value": None,
                        "new_value": json.dumps(value, ensure_ascii=False),
                        "comment": comment,
                        "reverts_group": None,
                    }
                ],
                dtype=object,
            ),
        )
