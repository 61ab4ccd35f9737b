"""PyYAML's problems said in the reader's words: each one a hand-written file meets, in
English and in another language, at its line; an unknown one kept as PyYAML words it."""

from __future__ import annotations

import pytest

from mentoring_data.format.validation import validate_text
from mentoring_data.format.yaml_problems import KNOWN, yaml_problem
from mentoring_data.messages import in_language, t

HEADER = "format: mentoring-programme/1\nprogramme:\n  id: p\n  name: P\n  kind: city-to-city\n"

# a broken file for each problem, and the line the problem is on
BROKEN = {
    "problem.yaml_colon": (HEADER + "  summary: a: b\n", 6),
    "problem.yaml_tab": (HEADER + "cities:\n\t- id: x\n", 7),
    "problem.yaml_character": (HEADER + "  summary: @home\n", 6),
    "problem.yaml_no_colon": (HEADER + "  summary\ncities: []\n", 7),
    "problem.yaml_indentation": (HEADER + " cities: []\n", 6),
    "problem.yaml_end": (HEADER + '  summary: "open\n', 7),
    "problem.yaml_tag": (HEADER + "  summary: !!python/object:os.system x\n", 6),
    "problem.yaml_list": (HEADER + "cities: [a, b\npairs: []\n", 7),
    "problem.yaml_fields": (HEADER + "cities: {a: 1\npairs: []\n", 7),
    "problem.yaml_alias": (HEADER + "  summary: *nothing\n", 6),
}


FIELDS = {"char": "@", "tag": "!!python/object:os.system", "alias": "nothing"}


def test_every_known_problem_has_a_broken_file():
    assert sorted(BROKEN) == sorted({key for _pattern, key in KNOWN})


@pytest.mark.parametrize("key", sorted(BROKEN))
@pytest.mark.parametrize("language", ["en", "fr", "lv"])
def test_a_yaml_problem_is_said_from_the_catalogue(key, language):
    text, line = BROKEN[key]
    with in_language(language):
        problems = validate_text(text, "broken.yaml").problems
        assert len(problems) == 1, problems
        problem = problems[0]
        words = t(key, **FIELDS)
        assert words in problem.message
        assert problem.line == line, (problem, line)
    if language != "en":
        with in_language("en"):
            assert t(key, **FIELDS) not in problem.message


def test_the_tab_is_not_reported_as_any_character():
    with in_language("en"):
        problem = validate_text(BROKEN["problem.yaml_tab"][0], "broken.yaml").problems[0]
        assert t("problem.yaml_tab") in problem.message
        assert "character" in t("problem.yaml_character", char="x")
        assert t("problem.yaml_character", char="'\\t'") not in problem.message


def test_an_unknown_problem_keeps_pyyamls_words():
    assert yaml_problem("found duplicate anchor 'x'") == "found duplicate anchor 'x'"
