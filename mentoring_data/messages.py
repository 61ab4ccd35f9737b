"""The message catalogue: every string a user reads comes from messages/<language>.yaml.

`t("overview.title")` returns the text in the current language, `t(key, language="fr")` the
French one. The current language is held in a context variable: a page sets it once per run
with `use_language` (pages/, ui/page_frame.py), the CLI from its `--language` option, so every
chart, table and export built during that run speaks the viewer's language without passing it
along. A key missing in a language falls back to English, and a key missing everywhere shows
itself, so it is seen and fixed.

A message that carries a count may be a plural mapping of CLDR categories instead of one
string, e.g. in lv.yaml

    days:
      zero: "pēc {days} dienām"
      one: "pēc {days} dienas"
      other: "pēc {days} dienām"

The count is the first whole-number value passed whose placeholder appears in the message;
Babel's plural rules for the language pick the category, and "other" is used when the
catalogue lacks the category asked for.
"""

from __future__ import annotations

import contextvars
import string
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import yaml
from babel import Locale

CATALOGUE_DIR = Path(__file__).resolve().parent / "messages"
DEFAULT_LANGUAGE = "en"
LANGUAGES = ("en", "fr", "nl", "it", "es", "el", "lv", "de", "pt", "hu")
PLURAL_CATEGORIES = frozenset({"zero", "one", "two", "few", "many", "other"})

Message = str | dict[str, str]

_current_language: contextvars.ContextVar[str] = contextvars.ContextVar(
    "language", default=DEFAULT_LANGUAGE
)


def use_language(code: str | None) -> str:
    """Make `code` the current language (English for anything not offered); returns it."""
    language = code if code in LANGUAGES else DEFAULT_LANGUAGE
    _current_language.set(language)
    return language


def current_language() -> str:
    return _current_language.get()


@contextmanager
def in_language(code: str | None) -> Iterator[str]:
    """The current language for the length of a block, then the one before."""
    token = _current_language.set(code if code in LANGUAGES else DEFAULT_LANGUAGE)
    try:
        yield _current_language.get()
    finally:
        _current_language.reset(token)


def speaking_current_language(function):
    """`function` wrapped to run in the language current now, wherever it is called later (a
    download built in another thread starts with the default language)."""
    language = current_language()

    def run(*args, **kwargs):
        with in_language(language):
            return function(*args, **kwargs)

    return run


@cache
def catalogue(language: str) -> dict[str, str]:
    """Every key of a language with its text; a plural message gives its "other" form."""
    return {
        key: value["other"] if isinstance(value, dict) else value
        for key, value in messages(language).items()
    }


@cache
def messages(language: str) -> dict[str, Message]:
    """Every key of a language with its string or its plural mapping."""
    path = CATALOGUE_DIR / f"{language}.yaml"
    if not path.exists():
        return {}
    return _flatten(yaml.safe_load(path.read_text(encoding="utf-8")) or {})


def is_plural(value: object) -> bool:
    return isinstance(value, dict) and "other" in value and set(value) <= PLURAL_CATEGORIES


def _flatten(tree: dict, prefix: str = "") -> dict[str, Message]:
    flat: dict[str, Message] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if is_plural(value):
            flat[name] = {category: str(text) for category, text in value.items()}
        elif isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = str(value)
    return flat


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


@cache
def _plural_rule(language: str):
    return Locale.parse(language).plural_form


def plural_category(language: str, count: int | float) -> str:
    return _plural_rule(language)(count)


def _choose(message: Message, language: str, values: dict[str, object]) -> str:
    if not isinstance(message, dict):
        return message
    other = message["other"]
    for name in placeholders(other):
        count = values.get(name)
        if isinstance(count, int | float) and not isinstance(count, bool):
            return message.get(plural_category(language, count), other)
    return other


def t(key: str, language: str | None = None, **values: object) -> str:
    language = language or current_language()
    message = messages(language).get(key) or messages(DEFAULT_LANGUAGE).get(key)
    if message is None:
        return key
    if messages(language).get(key) is None:
        language = DEFAULT_LANGUAGE
    text = _choose(message, language, values)
    return text.format(**values) if values else text


def labelled(name: object, value: object) -> str:
    """ "Name: value" as the current language writes it (French spaces the colon)."""
    return t("common.labelled", label=name, value=value)


def label(group: str, value: str | None, language: str | None = None) -> str:
    """The readable name of an enum value, e.g. label("status", "in-progress")."""
    language = language or current_language()
    if value is None:
        return ""
    key = f"{group}.{value}"
    return catalogue(language).get(key) or catalogue(DEFAULT_LANGUAGE).get(key, value)
