"""The message catalogue against the code that uses it.

Every key the code asks for exists in messages/en.yaml (with the placeholders the code fills
in), every label() group is a section of the catalogue, and no page writes a user-facing
heading or message as a literal string instead of going through t().
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
import yaml

from mentoring_data.messages import CATALOGUE_DIR, catalogue

PROJECT_DIR = Path(__file__).resolve().parent.parent
PAGE_FILES = sorted([PROJECT_DIR / "app.py", *(PROJECT_DIR / "pages").glob("*.py")])
SOURCE_FILES = sorted([*PAGE_FILES, *(PROJECT_DIR / "mentoring_data").rglob("*.py")])
CATALOGUE = catalogue("en")
SECTIONS = yaml.safe_load((CATALOGUE_DIR / "en.yaml").read_text(encoding="utf-8"))

QUOTED = r"""(["'])([^"'\\]+)\1"""
T_CALL = re.compile(rf"\bt\(\s*{QUOTED}\s*[,)]")
LABEL_CALL = re.compile(rf"\blabel\(\s*{QUOTED}\s*,")
# functions of page_frame that take a catalogue key and pass it to t()
KEY_ARGUMENT = re.compile(rf"\b(?:start_page\(\s*|heading_key\s*[:=]\s*(?:str\s*=\s*)?){QUOTED}")
# t('pair.' + side): a key built at run time from a literal prefix
T_PREFIX = re.compile(r"""\bt\(\s*(["'])([^"'\\]+\.)\1\s*\+""")

MESSAGE_CALLS = {
    "title",
    "header",
    "subheader",
    "info",
    "warning",
    "error",
    "caption",
    "success",
    "toast",
}


def _relative(path: Path) -> str:
    return str(path.relative_to(PROJECT_DIR))


def _source(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _uses(pattern: re.Pattern) -> list[tuple[str, str]]:
    return [
        (_relative(path), match[2])
        for path in SOURCE_FILES
        for match in pattern.finditer(_source(path))
    ]


def test_the_sources_are_found():
    assert PROJECT_DIR / "app.py" in PAGE_FILES
    assert len(PAGE_FILES) >= 7
    assert len(_uses(T_CALL)) > 100  # the regex finds the calls at all


def test_every_t_key_is_in_the_catalogue():
    missing = sorted({f"{where}: {key}" for where, key in _uses(T_CALL) if key not in CATALOGUE})
    assert not missing, "keys missing from messages/en.yaml:\n" + "\n".join(missing)


def test_every_key_passed_to_a_page_helper_is_in_the_catalogue():
    from mentoring_data.ui.page_frame import PAGES

    keys = [*_uses(KEY_ARGUMENT), *(("mentoring_data/page_frame.py", key) for _, key, _ in PAGES)]
    assert len(keys) >= len(PAGE_FILES)
    missing = sorted({f"{where}: {key}" for where, key in keys if key not in CATALOGUE})
    assert not missing, "keys missing from messages/en.yaml:\n" + "\n".join(missing)


def test_every_key_prefix_built_at_run_time_has_keys():
    prefixes = _uses(T_PREFIX)
    empty = [
        f"{where}: {prefix}…"
        for where, prefix in prefixes
        if not any(key.startswith(prefix) for key in CATALOGUE)
    ]
    assert not empty


def test_every_label_group_is_a_catalogue_section():
    groups = _uses(LABEL_CALL)
    assert groups
    missing = sorted(
        {
            f"{where}: {group}"
            for where, group in groups
            if not isinstance(SECTIONS.get(group), dict)
        }
    )
    assert not missing, "label() groups missing from messages/en.yaml:\n" + "\n".join(missing)


def _page_constants() -> list[tuple[str, str, str]]:
    """(vocabulary, group, value) for every value of the format's vocabularies that pages and
    forms show through label()."""
    from mentoring_data.format import models as fmt

    groups = {
        "ProgrammeKind": "programme_kind",
        "OrganisationKind": "organisation_kind",
        "PairStatus": "status",
        "ActivityKind": "activity_kind",
        "ActivityMode": "mode",
        "ActivityStatus": "status",
        "StepStatus": "status",
        "OutcomeKind": "outcome_kind",
        "OutcomeStatus": "status",
    }
    return [
        (name, group, value)
        for name, group in groups.items()
        for value in fmt.choices(getattr(fmt, name))
    ]


def test_every_filter_option_has_a_label():
    options = _page_constants()
    assert options
    missing = [
        f"{where}: {group}.{value}"
        for where, group, value in options
        if f"{group}.{value}" not in CATALOGUE
    ]
    assert not missing


def _t_calls(tree: ast.AST):
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "t"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node


@pytest.mark.parametrize("path", SOURCE_FILES, ids=_relative)
def test_placeholders_match_the_values_given(path: Path):
    """t("overview.days", days=3) needs {days} in the text, and every {name} in the text
    needs a value, or the page fails (KeyError) or shows a raw {name}."""
    problems = []
    for call in _t_calls(ast.parse(_source(path))):
        key = call.args[0].value
        if key not in CATALOGUE or any(kw.arg is None for kw in call.keywords):
            continue  # a missing key is reported above; **values cannot be checked
        given = {kw.arg for kw in call.keywords} - {"language"}
        wanted = {name for _, name, _, _ in string.Formatter().parse(CATALOGUE[key]) if name}
        if given and wanted != given:
            problems.append(
                f"line {call.lineno}: t({key!r}) gives {sorted(given)}, "
                f"the text wants {sorted(wanted)}"
            )
        if not given and wanted:
            problems.append(
                f"line {call.lineno}: t({key!r}) gives no values, "
                f"the text shows {sorted(wanted)} raw"
            )
    assert not problems, "\n".join(problems)


def _literal_words(node: ast.AST) -> list[str]:
    """Literal text with letters in a message argument: a bare string, or the fixed parts of
    an f-string or a concatenation (a key passed to t() is not shown, so it is skipped)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value] if re.search(r"[^\W\d_]", node.value) else []
    if isinstance(node, ast.JoinedStr):
        return [
            w
            for part in node.values
            if isinstance(part, ast.Constant)
            for w in _literal_words(part)
        ]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _literal_words(node.left) + _literal_words(node.right)
    return []


@pytest.mark.parametrize("path", PAGE_FILES, ids=_relative)
def test_page_messages_go_through_the_catalogue(path: Path):
    problems = []
    for node in ast.walk(ast.parse(_source(path))):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in MESSAGE_CALLS
            and node.args
        ):
            continue
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            problems.append(f"line {node.lineno}: .{node.func.attr}({first.value!r})")
        elif words := _literal_words(first):
            problems.append(f"line {node.lineno}: .{node.func.attr}(...) has literal text {words}")
    assert not problems, "user-facing text not routed through t():\n" + "\n".join(problems)


def test_the_page_check_catches_a_literal():
    tree = ast.parse('st.info("Nothing here")\nst.title(f"Pair {x}")\nst.caption(t("a.b"))')
    calls = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Call)
        and isinstance(n.func, ast.Attribute)
        and n.func.attr in MESSAGE_CALLS
    ]
    flagged = [
        c.func.attr
        for c in calls
        if isinstance(c.args[0], ast.Constant) or _literal_words(c.args[0])
    ]
    assert flagged == ["info", "title"]
