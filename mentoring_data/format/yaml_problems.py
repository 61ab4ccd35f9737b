"""PyYAML's own problem texts in the reader's language.

PyYAML words its problems in English ("mapping values are not allowed here"), and in a
parser's terms. The ones a person writing a programme file by hand meets are matched here and
said again from the catalogue, with what to do about them; any other is kept as PyYAML words
it, so no problem is ever hidden."""

from __future__ import annotations

import re

from mentoring_data.messages import t

YAML_TAG_PREFIX = "tag:yaml.org,2002:"

# PyYAML's problem text, and the catalogue key that says it; named groups fill the key's fields
KNOWN = (
    (r"mapping values are not allowed here", "problem.yaml_colon"),
    (r"found character '\\t' that cannot start any token", "problem.yaml_tab"),
    (r"found character '(?P<char>.+)' that cannot start any token", "problem.yaml_character"),
    (r"could not find expected ':'", "problem.yaml_no_colon"),
    (r"expected <block end>, but found", "problem.yaml_indentation"),
    (r"found unexpected end of stream", "problem.yaml_end"),
    (r"could not determine a constructor for the tag '(?P<tag>[^']+)'", "problem.yaml_tag"),
    (r"expected ',' or '\]'", "problem.yaml_list"),
    (r"expected ',' or '\}'", "problem.yaml_fields"),
    (r"found undefined alias '(?P<alias>[^']+)'", "problem.yaml_alias"),
)
PATTERNS = tuple((re.compile(pattern), key) for pattern, key in KNOWN)


def yaml_problem(problem: object) -> str:
    """The catalogue's words for one of PyYAML's problems, or PyYAML's own if it is not one
    of those."""
    text = str(problem)
    for pattern, key in PATTERNS:
        found = pattern.search(text)
        if found:
            fields = found.groupdict()
            if "tag" in fields:
                fields["tag"] = fields["tag"].replace(YAML_TAG_PREFIX, "!!")
            return t(key, **fields)
    return text
