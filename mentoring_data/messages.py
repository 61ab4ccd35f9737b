"""The message catalogue: every string a user reads comes from messages/<language>.yaml.

`t("overview.title")` returns the English text for now; a missing key in another language
falls back to English, and a key missing everywhere shows itself, so it is seen and fixed.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

CATALOGUE_DIR = Path(__file__).resolve().parent / "messages"
DEFAULT_LANGUAGE = "en"


@cache
def catalogue(language: str) -> dict[str, str]:
    path = CATALOGUE_DIR / f"{language}.yaml"
    if not path.exists():
        return {}
    return _flatten(yaml.safe_load(path.read_text(encoding="utf-8")) or {})


def _flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = str(value)
    return flat


def t(key: str, language: str = DEFAULT_LANGUAGE, **values: object) -> str:
    text = catalogue(language).get(key) or catalogue(DEFAULT_LANGUAGE).get(key) or key
    return text.format(**values) if values else text


def label(group: str, value: str | None) -> str:
    """The readable name of an enum value, e.g. label("status", "in-progress")."""
    if value is None:
        return ""
    return catalogue(DEFAULT_LANGUAGE).get(f"{group}.{value}", value)
