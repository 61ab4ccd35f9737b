"""Every setting the program reads from the environment, and where its files are.

Each setting is declared once with its default and what it does; `value(NAME)` reads it at call
time, so a test or a server that changes the environment is seen at once. The README lists
every setting (a test holds it to that).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
SHIPPED_PROGRAMMES_DIR = PACKAGE_DIR / "programmes"
# an installed package carries its queries inside; a checkout keeps them in queries/ at the top
QUERIES_DIR = (
    PACKAGE_DIR / "queries" if (PACKAGE_DIR / "queries").is_dir() else PROJECT_DIR / "queries"
)
# the Streamlit app (app.py, pages/, .streamlit/): copied into an installed package as app/
APP_DIR = PACKAGE_DIR / "app" if (PACKAGE_DIR / "app" / "app.py").is_file() else PROJECT_DIR


def _default_db_path() -> Path:
    """data/mentoring.duckdb in a checkout; in the working folder for an installed package."""
    base = PROJECT_DIR if (PROJECT_DIR / "pyproject.toml").is_file() else Path.cwd()
    return base / "data" / "mentoring.duckdb"


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS = {
    s.name: s
    for s in (
        Setting(
            "MENTORING_DB",
            "data/mentoring.duckdb",
            "the database file, unless --db names one",
        ),
        Setting(
            "MENTORING_SESSION_MINUTES",
            "480",
            "how long a sign-in lasts, in minutes; it survives a page reload",
        ),
        Setting(
            "MENTORING_REQUIRE_SIGN_IN",
            "0",
            "1 requires signing in for viewing too",
        ),
        Setting(
            "MENTORING_ADMIN_PASSWORD",
            "",
            "the password of the first admin account; unset, a one-time password is printed",
        ),
    )
}


def value(name: str) -> str:
    """The setting's value now: the environment's, else its default."""
    return os.environ.get(name) or SETTINGS[name].default


def session_minutes() -> int:
    return int(value("MENTORING_SESSION_MINUTES"))


def sign_in_required() -> bool:
    return value("MENTORING_REQUIRE_SIGN_IN") == "1"


def admin_password() -> str | None:
    return value("MENTORING_ADMIN_PASSWORD") or None


def database_path(explicit: str | os.PathLike | None = None) -> Path:
    """--db FILE, else MENTORING_DB, else the default file under data/ (git-ignored)."""
    chosen = explicit or os.environ.get("MENTORING_DB") or _default_db_path()
    return Path(chosen).expanduser()


def shipped_programme_files() -> list[Path]:
    return sorted(SHIPPED_PROGRAMMES_DIR.glob("*.yaml"))
