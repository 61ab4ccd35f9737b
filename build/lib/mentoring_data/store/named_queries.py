"""Reads the named SQL in queries/: one statement per file, file name = query name.

Each file starts with `--` lines saying which question it answers; that text is kept as the
query's description, and DuckDB `$named` parameters are listed so callers can be checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from mentoring_data import settings

QUERIES_DIR = settings.QUERIES_DIR
_PARAMETER = re.compile(r"\$([a-z_][a-z0-9_]*)")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    sql: str
    description: str
    parameters: frozenset[str]


def _read(path: Path) -> NamedQuery:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = []
    for line in lines:
        if not line.startswith("--"):
            break
        header.append(line.removeprefix("--").strip())
    code = "\n".join(line.split("--", 1)[0] for line in lines)
    return NamedQuery(
        name=path.stem,
        sql="\n".join(lines),
        description=" ".join(header).strip(),
        parameters=frozenset(_PARAMETER.findall(code)),
    )


@cache
def all_queries() -> dict[str, NamedQuery]:
    return {path.stem: _read(path) for path in sorted(QUERIES_DIR.glob("*.sql"))}


def get(name: str) -> NamedQuery:
    try:
        return all_queries()[name]
    except KeyError:
        raise KeyError(f"no query named {name!r}: expected queries/{name}.sql") from None
