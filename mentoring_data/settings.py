"""Where things are: the database file and the shipped programme files."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
SHIPPED_PROGRAMMES_DIR = PACKAGE_DIR / "programmes"
DEFAULT_DB_PATH = PROJECT_DIR / "data" / "mentoring.duckdb"


def database_path(explicit: str | os.PathLike | None = None) -> Path:
    """--db FILE, else MENTORING_DB, else the default file under data/ (git-ignored)."""
    chosen = explicit or os.environ.get("MENTORING_DB") or DEFAULT_DB_PATH
    return Path(chosen).expanduser()


def shipped_programme_files() -> list[Path]:
    return sorted(SHIPPED_PROGRAMMES_DIR.glob("*.yaml"))
