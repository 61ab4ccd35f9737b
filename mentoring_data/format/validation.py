"""Checks programme files and reports every problem as `FILE:LINE: FIELD: MESSAGE`.

Messages come from the catalogue (problem.*) in the current language: English on the command
line, the reader's language in the app's imports and forms.

Parsing keeps the YAML node tree beside the values, so every problem, including those found
only when records are compared across files, points at the line a programme manager must fix.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from mentoring_data.format.models import City, Organisation, ProgrammeFile
from mentoring_data.format.yaml_problems import yaml_problem
from mentoring_data.messages import t

MAX_FILE_BYTES = 10 * 1024 * 1024
COORDINATE_TOLERANCE = 0.1
MAX_NESTING = 50  # the format itself nests at most about six levels
MERGED_NUMBERS = ("population", "population_year", "foreign_origin_pct")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


@dataclass
class ParsedFile:
    """One file that passed the per-file checks, with its node tree for line numbers."""

    label: str
    programme: ProgrammeFile | None  # None when the file has field problems
    root: yaml.Node
    data: dict  # the raw mapping, so references and ids are checked even in invalid files

    def line(self, *path: str | int) -> int:
        return line_of(self.root, path)


@dataclass(frozen=True)
class KnownPlace:
    """A city or organisation already declared elsewhere (another file or the database)."""

    where: str  # e.g. "b.yaml:12" or "the database (programme amir)"
    record: City | Organisation


@dataclass
class Report:
    files: list[ParsedFile] = field(default_factory=list)  # valid files, ready to load
    checked: list[ParsedFile] = field(default_factory=list)  # every file read as a mapping
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class ValidationFailed(Exception):
    """Raised by writers when a report has problems; nothing was written."""

    def __init__(self, report: Report):
        self.report = report
        super().__init__("\n".join(str(p) for p in report.problems))


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves an impossible date such as 2024-02-30 as text, so that the
    format's date check reports it at its line (YAML itself would raise a bare ValueError)."""


def _timestamp_or_text(loader: _Loader, node: yaml.ScalarNode) -> object:
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)

if hasattr(yaml, "CSafeLoader"):

    class _FastLoader(yaml.CSafeLoader):
        """The same loader on libyaml's parser, many times faster on large files."""

    _FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)
else:  # PyYAML built without libyaml: every file takes the pure-Python path
    _FastLoader = None


def _read_fast(text: str) -> tuple[int | None, yaml.Node | None, object] | None:
    """(line where nesting goes too deep, node tree, data) read with libyaml, in one pass for
    the tree and the data; None when libyaml is missing or finds a problem, so that the
    pure-Python parser reads the file again and reports the problem in its own words."""
    if _FastLoader is None:
        return None
    try:
        too_deep = _nesting_beyond(text, MAX_NESTING, _FastLoader)
        if too_deep is not None:
            return too_deep, None, None
        loader = _FastLoader(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError:
        return None
    return None, root, data


def line_of(node: yaml.Node, path: Iterable[str | int]) -> int:
    """Follow a field path such as ("pairs", 2, "status") down the node tree to its line."""
    for key in path:
        if isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            if key >= len(node.value):
                break
            node = node.value[key]
        elif isinstance(node, yaml.MappingNode):
            matches = [value for k, value in node.value if k.value == key]
            if not matches:
                break  # a missing field: the record that lacks it is the place to look
            node = matches[0]
        else:
            break
    return node.start_mark.line + 1


def field_name(path: Sequence[str | int]) -> str:
    text = ""
    for key in path:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else str(key))
    return text or "file"


def validate_files(paths: Sequence[Path | str], known_places: Sequence[KnownPlace] = ()) -> Report:
    """Check files on their own, then against each other and the places already known."""
    return check_together(parse_files(paths), known_places)


def parse_files(paths: Sequence[Path | str]) -> Report:
    """Read and check each file on its own (the costly part), not yet against each other."""
    report = Report()
    for path in paths:
        _collect(report, _parse_file(Path(path), str(path), report))
    return report


def check_together(parsed: Report, known_places: Sequence[KnownPlace] = ()) -> Report:
    """A new report: the files' own problems plus those found against each other and the
    places already known. The parsed report is left as it was, so it can be checked again
    against other places without reading the files a second time."""
    report = Report(
        list(parsed.files), list(parsed.checked), list(parsed.problems), list(parsed.warnings)
    )
    _check_batch(report, known_places)
    return report


def _collect(report: Report, parsed: ParsedFile | None) -> None:
    if parsed is None:
        return
    report.checked.append(parsed)
    if parsed.programme is not None:
        report.files.append(parsed)


def validate_text(text: str, label: str, known_places: Sequence[KnownPlace] = ()) -> Report:
    """The same checks for a file's content given as text (an upload in the app)."""
    report = Report()
    _collect(report, _parse_text(text, label, report))
    _check_batch(report, known_places)
    return report


def _parse_file(path: Path, label: str, report: Report) -> ParsedFile | None:
    def problem(message: str, line: int = 1) -> None:
        report.problems.append(Problem(label, line, "file", message))

    try:
        size = path.stat().st_size
    except OSError as err:
        problem(t("problem.cannot_read", reason=err.strerror or err))
        return None
    if size > MAX_FILE_BYTES:
        problem(
            t(
                "problem.file_too_large",
                size=f"{size / 1024 / 1024:.1f}",
                limit=str(MAX_FILE_BYTES // 1024 // 1024),
            )
        )
        return None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        problem(t("problem.not_utf8"), raw[: err.start].count(b"\n") + 1)
        return None
    return _parse_text(text, label, report)


def _parse_text(text: str, label: str, report: Report) -> ParsedFile | None:
    def problem(message: str, line: int = 1, where: str = "file") -> None:
        report.problems.append(Problem(label, line, where, message))

    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        problem(t("problem.text_too_large", limit=str(MAX_FILE_BYTES // 1024 // 1024)))
        return None
    if not text.strip():
        problem(t("problem.empty_file"))
        return None
    try:
        fast = _read_fast(text)
        too_deep = fast[0] if fast else _nesting_beyond(text, MAX_NESTING)
        if too_deep is not None:
            problem(t("problem.too_deep", limit=str(MAX_NESTING)), too_deep, "yaml")
            return None
        if fast:
            root, data = fast[1], fast[2]
        else:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
            data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        where = "yaml"
        if isinstance(err, yaml.constructor.ConstructorError) and mark:
            where = _field_at(text, mark.line) or where  # e.g. a !!python/object tag
        problem(
            t("problem.not_yaml", detail=yaml_problem(err.problem or err)),
            mark.line + 1 if mark else 1,
            where,
        )
        return None
    except yaml.YAMLError as err:
        problem(t("problem.not_yaml", detail=yaml_problem(err)), 1, "yaml")
        return None
    if root is None or not isinstance(root, yaml.MappingNode) or not isinstance(data, dict):
        problem(t("problem.not_mapping"))
        return None

    problems_before = len(report.problems)
    for path, line in _duplicate_keys(root, ()):
        report.problems.append(Problem(label, line, field_name(path), t("problem.given_twice")))
    try:
        programme = ProgrammeFile.model_validate(data)
    except ValidationError as err:
        for error in err.errors():
            loc = tuple(k for k in error["loc"] if isinstance(k, int | str))
            message = field_message(error)
            report.problems.append(Problem(label, line_of(root, loc), field_name(loc), message))
        return ParsedFile(label, None, root, data)
    if len(report.problems) > problems_before:
        return ParsedFile(label, None, root, data)
    return ParsedFile(label, programme, root, data)


PYDANTIC_MESSAGES = {  # pydantic's own error types -> catalogue keys (its wording is English)
    "extra_forbidden": "problem.unknown_key",
    "missing": "problem.required",
    "literal_error": "problem.one_of",
    "enum": "problem.one_of",
    "string_type": "problem.must_be_text",
    "int_type": "problem.must_be_whole",
    "int_from_float": "problem.must_be_whole",
    "float_type": "problem.must_be_number",
    "bool_type": "problem.must_be_true_false",
    "list_type": "problem.must_be_list",
    "dict_type": "problem.must_be_mapping",
    "model_type": "problem.must_be_mapping",
    "model_attributes_type": "problem.must_be_mapping",
    "less_than_equal": "problem.at_most",
    "greater_than_equal": "problem.at_least",
}


def field_message(error: dict) -> str:
    """The message of one pydantic error in the current language: the catalogue's wording
    of its type, or the format's own message (FormatError) it carries."""
    context = error.get("ctx") or {}
    key = PYDANTIC_MESSAGES.get(error["type"])
    if key is not None:
        return t(
            key,
            expected=str(context.get("expected", "")).replace(" or ", ", "),
            limit=str(context.get("le", context.get("ge", ""))),
        )
    return error["msg"].removeprefix("Value error, ")


def _nesting_beyond(text: str, limit: int, loader: type = yaml.SafeLoader) -> int | None:
    """The line where lists or mappings first nest deeper than limit, else None. The YAML
    parser reads events without recursion; composing a deeper tree would exhaust the stack."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > limit:
                return event.start_mark.line + 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _field_at(text: str, line: int) -> str | None:
    """The field whose value starts on a (0-based) line, for a value YAML could not construct
    (the node tree itself composes, as tags are only resolved when constructing)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    found: tuple | None = None
    stack: list[tuple[yaml.Node, tuple]] = [(root, ())] if root is not None else []
    seen: set[int] = set()
    while stack:  # iterative: a deeply nested file must not exhaust the call stack
        node, path = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if path and node.start_mark.line == line and node.tag not in _Loader.yaml_constructors:
            found = path if found is None or len(path) > len(found) else found
        if isinstance(node, yaml.MappingNode):
            stack.extend((value, (*path, key.value)) for key, value in node.value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*path, i)) for i, item in enumerate(node.value))
    if found is None:
        return None
    return field_name(found)


def _duplicate_keys(
    node: yaml.Node, path: tuple, visited: set[int] | None = None
) -> Iterable[tuple[tuple, int]]:
    # An alias repeats a node already checked: check each node once, or nested aliases make a
    # file of a few lines cost billions of steps.
    visited = set() if visited is None else visited
    if id(node) in visited:
        return
    visited.add(id(node))
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if key.value in seen:
                yield (*path, key.value), key.start_mark.line + 1
            seen.add(key.value)
            yield from _duplicate_keys(value, (*path, key.value), visited)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _duplicate_keys(item, (*path, index), visited)


def _check_batch(report: Report, known_places: Sequence[KnownPlace]) -> None:
    seen_programmes: dict[str, ParsedFile] = {}
    for parsed in report.checked:
        programme_id = _text_at(parsed.data, "programme", "id")
        if programme_id in seen_programmes:
            first = seen_programmes[programme_id]
            report.problems.append(
                Problem(
                    parsed.label,
                    parsed.line("programme", "id"),
                    "programme.id",
                    t("problem.programme_twice", programme=repr(programme_id), other=first.label),
                )
            )
        if programme_id is not None:
            seen_programmes.setdefault(programme_id, parsed)
        _check_unique_ids(parsed, report)

    places = _shared_places(report, known_places)
    for parsed in report.checked:
        _check_references(parsed, places, report)


def _text_at(data: object, *path: str | int) -> str | None:
    """The string at a path in raw file data, or None where the file has something else."""
    for key in path:
        if isinstance(data, dict) and isinstance(key, str):
            data = data.get(key)
        elif isinstance(data, list) and isinstance(key, int) and key < len(data):
            data = data[key]
        else:
            return None
    return data if isinstance(data, str) else None


def _records(data: dict, section: str) -> list[dict]:
    """The mappings of one list section of raw file data (anything else is skipped here and
    reported by the field checks)."""
    items = data.get(section)
    return (
        [item if isinstance(item, dict) else {} for item in items]
        if isinstance(items, list)
        else []
    )


def _records_with_ids(parsed: ParsedFile) -> Iterable[tuple[str, tuple, str]]:
    """(section, path, id) of every record with an id; steps are numbered across plans."""
    for section in (
        "cities",
        "organisations",
        "pairs",
        "activities",
        "action_plans",
        "outcomes",
        "indicators",
    ):
        for index, record in enumerate(_records(parsed.data, section)):
            if isinstance(record.get("id"), str):
                yield section, (section, index), record["id"]
    for plan_index, plan in enumerate(_records(parsed.data, "action_plans")):
        for step_index, step in enumerate(_records(plan, "steps")):
            if isinstance(step.get("id"), str):
                yield "steps", ("action_plans", plan_index, "steps", step_index), step["id"]


def _check_unique_ids(parsed: ParsedFile, report: Report) -> None:
    first_seen: dict[tuple[str, str], tuple] = {}
    for section, path, record_id in _records_with_ids(parsed):
        key = (section, record_id)
        if key in first_seen:
            report.problems.append(
                Problem(
                    parsed.label,
                    parsed.line(*path, "id"),
                    field_name((*path, "id")),
                    t(
                        "problem.id_twice",
                        id=repr(record_id),
                        section=section,
                        line=str(parsed.line(*first_seen[key], "id")),
                    ),
                )
            )
        else:
            first_seen[key] = path


@dataclass
class _Places:
    cities: set[str] = field(default_factory=set)
    organisations: set[str] = field(default_factory=set)


def _shared_places(report: Report, known_places: Sequence[KnownPlace]) -> _Places:
    """Collect every city and organisation id, checking that shared ids agree."""
    places = _Places()
    first: dict[tuple[str, str], KnownPlace] = {}
    # every declaration so far: a number is checked against each one that gives it, so a first
    # declaration without the number cannot let two different numbers through
    declared: dict[tuple[str, str], list[KnownPlace]] = {}
    for known in known_places:
        kind = "cities" if isinstance(known.record, City) else "organisations"
        getattr(places, kind).add(known.record.id)
        first.setdefault((kind, known.record.id), known)
        declared.setdefault((kind, known.record.id), []).append(known)
    for parsed in report.checked:
        for kind in ("cities", "organisations"):
            for record in _records(parsed.data, kind):
                if isinstance(record.get("id"), str):
                    getattr(places, kind).add(record["id"])
    for parsed in report.files:
        for kind in ("cities", "organisations"):
            for index, record in enumerate(getattr(parsed.programme, kind)):
                where = f"{parsed.label}:{parsed.line(kind, index)}"
                earlier = first.get((kind, record.id))
                before = declared.setdefault((kind, record.id), [])
                before_this = list(before)
                before.append(KnownPlace(where, record))
                if earlier is None:
                    first[(kind, record.id)] = KnownPlace(where, record)
                    continue
                _compare_places(parsed, (kind, index), earlier, record, report, before_this)
    return places


def _compare_places(
    parsed: ParsedFile,
    path: tuple,
    earlier: KnownPlace,
    record: City | Organisation,
    report: Report,
    declared: Sequence[KnownPlace] = (),
) -> None:
    def given(name: str) -> KnownPlace | None:
        """The first earlier declaration that gives this field."""
        for known in declared or (earlier,):
            if getattr(known.record, name, None) is not None:
                return known
        return None

    def refuse(field_: str, message: str) -> None:
        report.problems.append(
            Problem(parsed.label, parsed.line(*path, field_), field_name((*path, field_)), message)
        )

    def refuse_differences(names: Sequence[str], key: str, shown) -> None:
        """A field both declarations give must agree with the first one that gave it."""
        for name in names:
            source = given(name)
            mine = getattr(record, name)
            theirs = None if source is None else getattr(source.record, name)
            if mine is not None and theirs is not None and mine != theirs:
                message = t(
                    key,
                    name=name,
                    id=repr(record.id),
                    mine=shown(mine),
                    theirs=shown(theirs),
                    where=source.where,
                )
                refuse(name, message)

    other = earlier.record
    if isinstance(record, City) and isinstance(other, City):
        if record.country != other.country:
            refuse(
                "country",
                t(
                    "problem.city_country_differs",
                    id=repr(record.id),
                    country=other.country,
                    where=earlier.where,
                ),
            )
        if (
            abs(record.lat - other.lat) > COORDINATE_TOLERANCE
            or abs(record.lon - other.lon) > COORDINATE_TOLERANCE
        ):
            refuse(
                "lat",
                t(
                    "problem.city_position_differs",
                    id=repr(record.id),
                    lat=other.lat,
                    lon=other.lon,
                    where=earlier.where,
                    tolerance=COORDINATE_TOLERANCE,
                    my_lat=record.lat,
                    my_lon=record.lon,
                ),
            )
        refuse_differences(MERGED_NUMBERS, "problem.number_differs", str)
    if isinstance(record, Organisation) and isinstance(other, Organisation):
        refuse_differences(("kind", "city", "country"), "problem.organisation_differs", repr)
        if record.website and other.website and record.website != other.website:
            report.warnings.append(
                Problem(
                    parsed.label,
                    parsed.line(*path, "website"),
                    field_name((*path, "website")),
                    t(
                        "problem.website_differs",
                        id=repr(record.id),
                        mine=repr(record.website),
                        theirs=repr(other.website),
                        where=earlier.where,
                    ),
                )
            )
    for language, words in record.name.items():
        stored = other.name.get(language)
        if stored is not None and stored != words:
            report.warnings.append(
                Problem(
                    parsed.label,
                    parsed.line(*path, "name"),
                    field_name((*path, "name")),
                    t(
                        "problem.name_differs",
                        id=repr(record.id),
                        mine=repr(words),
                        theirs=repr(stored),
                        where=earlier.where,
                    ),
                )
            )


def _check_references(parsed: ParsedFile, places: _Places, report: Report) -> None:
    data = parsed.data
    pairs = {p["id"] for p in _records(data, "pairs") if isinstance(p.get("id"), str)}
    sides = places.cities | places.organisations

    def expect(allowed: set[str], what: str, *path: str | int) -> None:
        value = _text_at(data, *path)
        if value is not None and value not in allowed:
            report.problems.append(
                Problem(
                    parsed.label,
                    parsed.line(*path),
                    field_name(path),
                    t(f"problem.unknown_{what}", value=repr(value)),
                )
            )

    for i, _ in enumerate(_records(data, "organisations")):
        expect(places.cities, "city", "organisations", i, "city")
    for i, pair in enumerate(_records(data, "pairs")):
        expect(sides, "side", "pairs", i, "mentor")
        expect(sides, "side", "pairs", i, "mentee")
        supporting = pair.get("supporting")
        for j in range(len(supporting) if isinstance(supporting, list) else 0):
            expect(places.organisations, "organisation", "pairs", i, "supporting", j)
        expect(pairs - {pair.get("id")}, "pair", "pairs", i, "replaced_by")
    for i, _ in enumerate(_records(data, "activities")):
        expect(pairs, "pair", "activities", i, "pair")
        expect(places.cities, "city", "activities", i, "city")
    for i, _ in enumerate(_records(data, "action_plans")):
        expect(pairs, "pair", "action_plans", i, "pair")
    for i, _ in enumerate(_records(data, "outcomes")):
        expect(pairs, "pair", "outcomes", i, "pair")
        expect(sides, "side", "outcomes", i, "owner")
    for i, _ in enumerate(_records(data, "indicators")):
        expect(pairs, "pair", "indicators", i, "pair")
