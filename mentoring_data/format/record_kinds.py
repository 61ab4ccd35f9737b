"""Every record kind of the programme file, described once.

A kind lists its fields in the order the file format writes them. Each field names its codec
(how a file value becomes table columns and back), the column it is stored under when that
differs from its name, and, for the kinds edited in the app, how its form widget looks. The
loader's rows, the exporter's documents, the editing forms and the history labels are all
derived from this table, so a new field is one line here, plus the format model and a
migration that adds its column.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from mentoring_data.format.iso_codes import LANGUAGES
from mentoring_data.format.models import (
    ActionPlan,
    Activity,
    ActivityKind,
    ActivityMode,
    ActivityStatus,
    City,
    Indicator,
    IndicatorValue,
    Organisation,
    OrganisationKind,
    Outcome,
    OutcomeKind,
    OutcomeStatus,
    Pair,
    PairStatus,
    PartialDate,
    Programme,
    Step,
    StepStatus,
    choices,
)


def as_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=False)


def display_text(text: dict[str, str] | None) -> str | None:
    """The wording shown by default: English, else the first language given."""
    if not text:
        return None
    return text.get("en") or next(iter(text.values()))


def _missing(value: object) -> bool:
    """None, or a NaN number (rows read from the store come with missing values as None,
    but a number column may still hold NaN)."""
    return value is None or (isinstance(value, float) and value != value)


def _written_text(text: dict | None) -> object:
    """A text as a file writes it: a plain string when only English is given."""
    if text is None:
        return None
    return text["en"] if set(text) == {"en"} else text


# --- codecs: a file value <-> its columns --------------------------------------------------


class Plain:
    """Stored as it is, in one column."""

    def encode(self, column: str, value: object) -> dict:
        return {column: value}

    def decode(self, column: str, row: dict) -> object:
        return None if _missing(row[column]) else row[column]


class WholeOrDecimal(Plain):
    """A number written back as a whole number when it is one (DuckDB gives floats)."""

    def decode(self, column: str, row: dict) -> object:
        value = row[column]
        if _missing(value):
            return None
        number = float(value)
        return int(number) if number.is_integer() else number


class Listed(Plain):
    """A list (ids, sources, language codes) kept as JSON."""

    def encode(self, column: str, value: object) -> dict:
        return {column: as_json(value)}

    def decode(self, column: str, row: dict) -> object:
        return json.loads(row[column])


class Translated:
    """A text in one or more languages: the default wording in `column` (sorted, searched and
    shown), every language in `column_i18n`."""

    def encode(self, column: str, value: dict | None) -> dict:
        return {column: display_text(value), f"{column}_i18n": as_json(value) if value else None}

    def decode(self, column: str, row: dict) -> object:
        stored = row[f"{column}_i18n"]
        return None if _missing(stored) else _written_text(json.loads(stored))


class TranslatedList(Listed):
    """A list of texts (themes, challenges); an English-only text is kept as a plain string."""

    def encode(self, column: str, value: Sequence[dict]) -> dict:
        return {column: as_json([t if set(t) != {"en"} else t["en"] for t in value])}


@dataclass(frozen=True)
class Dated:
    """A year-month or a day: the date in `column_date` (a period's end stored as its last
    day, a start as its first) and its precision in `column_precision`."""

    ends: bool = False

    def encode(self, column: str, value: PartialDate | None) -> dict:
        if value is None:
            return {f"{column}_date": None, f"{column}_precision": None}
        day = value.last_day() if self.ends else value.first_day()
        return {f"{column}_date": day, f"{column}_precision": value.precision}

    def decode(self, column: str, row: dict) -> object:
        value = row[f"{column}_date"]
        if _missing(value):
            return None
        day = value.date() if isinstance(value, dt.datetime) else value  # a timestamp's day
        partial = PartialDate.from_stored(day, row[f"{column}_precision"])
        # a day-precision date is written bare so YAML reads it back as a date
        return partial.first_day() if partial.precision == "day" else str(partial)


class GoodPractices(Listed):
    def encode(self, column: str, value: Sequence) -> dict:
        return {column: as_json([g.model_dump(exclude_none=True) for g in value])}

    def decode(self, column: str, row: dict) -> object:
        return [
            _without_blanks(
                {
                    "name": _written_text(g["name"]),
                    "summary": _written_text(g.get("summary")),
                    "url": g.get("url"),
                    "sources": g.get("sources") or None,
                }
            )
            for g in json.loads(row[column])
        ]


class Nested:
    """Records held inside this one in a file (a plan's steps): stored in their own table."""

    def encode(self, column: str, value: object) -> dict:
        return {}

    def decode(self, column: str, row: dict) -> object:
        return None


PLAIN, NUMBER, LISTED, NESTED = Plain(), WholeOrDecimal(), Listed(), Nested()
TEXT, TEXTS = Translated(), TranslatedList()
STARTS, ENDS = Dated(ends=False), Dated(ends=True)


@dataclass(frozen=True)
class Widget:
    """How a field is edited in a form: text, longtext, select, multiselect, date, whole,
    number or url; a select's options come from the format's choices or from the page."""

    kind: str
    options: tuple = ()
    label_group: str | None = None  # catalogue group naming the options
    required: bool = False


@dataclass(frozen=True)
class FieldSpec:
    name: str  # as the file format names it
    codec: object = PLAIN
    column: str | None = None  # the stored column when it differs from the name
    widget: Widget | None = None

    @property
    def stored_as(self) -> str:
        return self.column or self.name


def _select(enum, group: str) -> Widget:
    return Widget("select", choices(enum), group, required=True)


@dataclass(frozen=True)
class RecordKind:
    """One kind of record: its file model, its table and fields, and the named queries that
    read, insert and remove it."""

    table: str  # the table it is stored in (and the name history uses for it)
    model: type
    fields: tuple[FieldSpec, ...]
    context: tuple[str, ...] = ()  # columns set by where it sits (its plan, its position)
    insert_query: str = ""
    list_query: str = ""  # a programme's records of this kind
    delete_all_query: str = ""  # removes them
    read_query: str | None = None  # one record, for editing
    delete_query: str | None = None  # one record, version-checked
    history_name: str | None = None  # the name history gives it, when not its table's
    # forms that show only some of the fields (a pair's status, a new pair), by name
    forms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    versioned: bool = True  # kept with a version that every change increments

    def row(self, programme_id: str, record: object, **context: object) -> dict:
        """The table row a validated record becomes."""
        # the programme's own row is keyed by its id; every other row by its programme too
        row: dict = {**context} if self is PROGRAMME else {"programme_id": programme_id, **context}
        for spec in self.fields:
            row.update(spec.codec.encode(spec.stored_as, getattr(record, spec.name)))
        return row

    def document(self, row: dict, **nested: list) -> dict:
        """A stored row as the file format writes it, absent fields and empty lists left out."""
        document = {
            spec.name: nested.get(spec.name)
            if spec.codec is NESTED
            else spec.codec.decode(spec.stored_as, row)
            for spec in self.fields
        }
        return _without_blanks(document)

    def form_fields(self, form: str | None = None) -> tuple[FieldSpec, ...]:
        """The fields of one of the kind's forms; by default every field that has a widget,
        in the file's order."""
        if form is None:
            return tuple(spec for spec in self.fields if spec.widget is not None)
        by_name = {spec.name: spec for spec in self.fields}
        return tuple(by_name[name] for name in self.forms[form])

    @property
    def model_list(self) -> str:
        """The programme file's list this kind is written under (cities, pairs...)."""
        return {"city_declarations": "cities", "organisation_declarations": "organisations"}.get(
            self.table, self.table
        )

    @property
    def history_table(self) -> str:
        return self.history_name or self.table


def _without_blanks(record: dict) -> dict:
    """Drop absent fields and empty lists, as a hand-written file would."""
    return {k: v for k, v in record.items() if v is not None and v != []}


ID = FieldSpec("id")
SOURCES = FieldSpec("sources", LISTED, widget=Widget("url"))

PROGRAMME = RecordKind(
    "programmes",
    Programme,
    (
        ID,
        FieldSpec("name", TEXT),
        FieldSpec("title", TEXT),
        FieldSpec("kind"),
        FieldSpec("coordinator"),
        FieldSpec("funding"),
        FieldSpec("start", STARTS),
        FieldSpec("end", ENDS),
        FieldSpec("website"),
        FieldSpec("summary", TEXT),
        FieldSpec("themes", TEXTS),
        FieldSpec("sources", LISTED),
    ),
    context=("source_file",),
    insert_query="insert_programmes",
    list_query="programme_row",
    delete_all_query="delete_programme",
    versioned=False,
)
CITY = RecordKind(
    "city_declarations",
    City,
    (
        ID,
        FieldSpec("name", TEXT, widget=Widget("text", required=True)),
        FieldSpec("country", widget=Widget("text", required=True)),
        FieldSpec("lat", widget=Widget("number", required=True)),
        FieldSpec("lon", widget=Widget("number", required=True)),
        FieldSpec("population", NUMBER, widget=Widget("whole")),
        FieldSpec("population_year", NUMBER, widget=Widget("whole")),
        FieldSpec("foreign_origin_pct", NUMBER, widget=Widget("number")),
        SOURCES,
    ),
    context=("position",),
    insert_query="insert_city_declarations",
    list_query="city_declarations_of_programme",
    delete_all_query="delete_city_declarations_of_programme",
    versioned=False,
    history_name="cities",
)
ORGANISATION = RecordKind(
    "organisation_declarations",
    Organisation,
    (
        ID,
        FieldSpec("name", TEXT, widget=Widget("text", required=True)),
        FieldSpec("kind", widget=_select(OrganisationKind, "organisation_kind")),
        FieldSpec("city", column="city_id", widget=Widget("select")),
        FieldSpec("country", widget=Widget("text")),
        FieldSpec("website", widget=Widget("url")),
        SOURCES,
    ),
    context=("position",),
    insert_query="insert_organisation_declarations",
    list_query="organisation_declarations_of_programme",
    delete_all_query="delete_organisation_declarations_of_programme",
    versioned=False,
    history_name="organisations",
)
PAIR = RecordKind(
    "pairs",
    Pair,
    (
        ID,
        FieldSpec("mentor", column="mentor_id", widget=Widget("select", required=True)),
        FieldSpec("mentee", column="mentee_id", widget=Widget("select", required=True)),
        FieldSpec("supporting", LISTED),
        FieldSpec("theme", TEXT, widget=Widget("text")),
        FieldSpec("status", widget=_select(PairStatus, "status")),
        FieldSpec("replaced_by", widget=Widget("select")),
        FieldSpec("challenges", TEXTS),
        FieldSpec("strengths", TEXTS),
        FieldSpec("good_practices", GoodPractices()),
        FieldSpec("sources", LISTED),
    ),
    context=("position",),
    insert_query="insert_pairs",
    list_query="pairs_of_programme",
    delete_all_query="delete_pairs_of_programme",
    read_query="pair_record",
    delete_query="delete_pair_record",
    forms={"status": ("status", "replaced_by"), "add": ("mentor", "mentee", "theme", "status")},
)
ACTIVITY = RecordKind(
    "activities",
    Activity,
    (
        ID,
        FieldSpec("kind", widget=_select(ActivityKind, "activity_kind")),
        FieldSpec("title", TEXT, widget=Widget("text", required=True)),
        FieldSpec("pair", column="pair_id", widget=Widget("select")),
        FieldSpec("sequence", NUMBER, widget=Widget("whole")),
        FieldSpec("start", STARTS, widget=Widget("date", required=True)),
        FieldSpec("end", ENDS, widget=Widget("date")),
        FieldSpec("city", column="city_id", widget=Widget("select")),
        FieldSpec("mode", widget=Widget("select", choices(ActivityMode), "mode")),
        FieldSpec("status", widget=_select(ActivityStatus, "status")),
        FieldSpec("participants", NUMBER, widget=Widget("whole")),
        FieldSpec("summary", TEXT, widget=Widget("longtext")),
        FieldSpec("sources", LISTED),
    ),
    context=("position",),
    insert_query="insert_activities",
    list_query="activities_of_programme",
    delete_all_query="delete_activities_of_programme",
    read_query="activity_record",
    delete_query="delete_activity_record",
)
STEP = RecordKind(
    "steps",
    Step,
    (
        ID,
        FieldSpec("title", TEXT, widget=Widget("text", required=True)),
        FieldSpec("owner", widget=Widget("text")),
        FieldSpec("start", STARTS, widget=Widget("date")),
        FieldSpec("due", ENDS, widget=Widget("date")),
        FieldSpec("status", widget=_select(StepStatus, "status")),
        FieldSpec("progress", NUMBER, widget=Widget("whole")),
        FieldSpec("evidence", widget=Widget("url")),
        FieldSpec("sources", LISTED),
    ),
    context=("plan_id", "position"),
    insert_query="insert_steps",
    list_query="steps_of_programme",
    delete_all_query="delete_steps_of_programme",
    read_query="step_record",
    delete_query="delete_step_record",
)
ACTION_PLAN = RecordKind(
    "action_plans",
    ActionPlan,
    (
        ID,
        FieldSpec("pair", column="pair_id"),
        FieldSpec("title", TEXT),
        FieldSpec("adopted", STARTS),
        FieldSpec("steps", NESTED),
        FieldSpec("sources", LISTED),
    ),
    context=("position",),
    insert_query="insert_action_plans",
    list_query="action_plans_of_programme",
    delete_all_query="delete_action_plans_of_programme",
)
OUTCOME = RecordKind(
    "outcomes",
    Outcome,
    (
        ID,
        FieldSpec("kind", widget=_select(OutcomeKind, "outcome_kind")),
        FieldSpec("title", TEXT, widget=Widget("text", required=True)),
        FieldSpec("pair", column="pair_id", widget=Widget("select")),
        FieldSpec("owner", column="owner_id", widget=Widget("select")),
        FieldSpec("status", widget=_select(OutcomeStatus, "status")),
        FieldSpec("date", STARTS, column="outcome", widget=Widget("date")),
        FieldSpec("url", widget=Widget("url")),
        FieldSpec("languages", LISTED, widget=Widget("multiselect", tuple(sorted(LANGUAGES)))),
        FieldSpec("summary", TEXT, widget=Widget("longtext")),
        FieldSpec("sources", LISTED),
    ),
    context=("position",),
    insert_query="insert_outcomes",
    list_query="outcomes_of_programme",
    delete_all_query="delete_outcomes_of_programme",
    read_query="outcome_record",
    delete_query="delete_outcome_record",
)
INDICATOR = RecordKind(
    "indicators",
    Indicator,
    (
        ID,
        FieldSpec("name", TEXT),
        FieldSpec("unit"),
        FieldSpec("pair", column="pair_id"),
        FieldSpec("target", NUMBER),
        FieldSpec("values", NESTED),
        FieldSpec("sources", LISTED),
    ),
    context=("position",),
    insert_query="insert_indicators",
    list_query="indicators_of_programme",
    delete_all_query="delete_indicators_of_programme",
)
INDICATOR_VALUE = RecordKind(
    "indicator_values",
    IndicatorValue,
    (
        FieldSpec("date", STARTS, column="value", widget=Widget("date", required=True)),
        FieldSpec("value", NUMBER, widget=Widget("number", required=True)),
        SOURCES,
    ),
    context=("indicator_id", "position"),
    insert_query="insert_indicator_values",
    list_query="indicator_values_of_programme",
    delete_all_query="delete_indicator_values_of_programme",
    versioned=False,
)

# in the order a programme's tables are written (and removed in reverse)
ALL_KINDS = (
    PROGRAMME,
    CITY,
    ORGANISATION,
    PAIR,
    ACTIVITY,
    ACTION_PLAN,
    STEP,
    OUTCOME,
    INDICATOR,
    INDICATOR_VALUE,
)
BY_TABLE = {kind.table: kind for kind in ALL_KINDS}
# the kinds the app edits one record at a time (saved, dropped and undone)
EDITABLE = {kind.table: kind for kind in ALL_KINDS if kind.read_query}
# the kinds history names, as it names them, in the order its filter lists them
HISTORY_KINDS = (STEP, ACTIVITY, OUTCOME, PAIR, INDICATOR_VALUE, CITY, ORGANISATION)
