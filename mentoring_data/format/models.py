"""The programme file format (`mentoring-programme/1`) as pydantic models.

One model per record kind, each refusing unknown keys, so that a typo is an error and never
silently lost data. Rules that span records (references, uniqueness, shared cities) live in
`validation.py`; rules about one field or one record live here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Annotated, Literal, get_args
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    ValidationInfo,
    field_validator,
    model_validator,
)

from mentoring_data.format.iso_codes import COUNTRIES, LANGUAGES
from mentoring_data.messages import t


class FormatError(ValueError):
    """A value the format refuses, worded from the catalogue (problem.*) in the current
    language: the command line writes English, a page the reader's language."""

    def __init__(self, key: str, **values: object):
        super().__init__(t(f"problem.{key}", **values))


FORMAT_NAME = "mentoring-programme/1"
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SLUG_MAX_LENGTH = 64


def _slug(value: object) -> str:
    if not isinstance(value, str):
        raise FormatError("not_text_id", type=type(value).__name__, value=repr(value))
    if len(value) > SLUG_MAX_LENGTH:
        raise FormatError("id_too_long", value=repr(value), limit=SLUG_MAX_LENGTH)
    if not SLUG_PATTERN.match(value):
        raise FormatError("bad_id", value=repr(value))
    return value


Slug = Annotated[str, PlainValidator(_slug)]


def _url(value: object) -> str:
    if not isinstance(value, str):
        raise FormatError("not_web_address", type=type(value).__name__)
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in ("http", "https"):
        scheme = parts.scheme or t("problem.no_scheme")
        raise FormatError("bad_scheme", value=repr(value), scheme=scheme)
    if not parts.netloc or any(ch.isspace() for ch in value.strip()):
        raise FormatError("incomplete_address", value=repr(value))
    return value.strip()


Url = Annotated[str, PlainValidator(_url)]


def _country(value: object) -> str:
    if isinstance(value, bool):
        raise FormatError("country_read_as", value=repr(value))
    if not isinstance(value, str) or value not in COUNTRIES:
        raise FormatError("bad_country", value=repr(value))
    return value


Country = Annotated[str, PlainValidator(_country)]


def _language(value: object) -> str:
    if not isinstance(value, str) or value not in LANGUAGES:
        raise FormatError("bad_language", value=repr(value))
    return value


Language = Annotated[str, PlainValidator(_language)]


def _text(value: object) -> dict[str, str]:
    """A plain string is English; a mapping gives one string per language."""
    if isinstance(value, str):
        if not value.strip():
            raise FormatError("empty_text")
        return {"en": value}
    if isinstance(value, dict) and value:
        translations = {}
        for language, words in value.items():
            _language(language)
            if not isinstance(words, str) or not words.strip():
                raise FormatError("empty_translation", code=language)
            translations[language] = words
        return translations
    raise FormatError("bad_text")


Text = Annotated[dict[str, str], PlainValidator(_text)]


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the day or only to the month."""

    year: int
    month: int
    day: int | None = None

    @property
    def precision(self) -> str:
        return "month" if self.day is None else "day"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or 1)

    def last_day(self) -> dt.date:
        last = calendar.monthrange(self.year, self.month)[1]
        return dt.date(self.year, self.month, self.day or last)

    def __str__(self) -> str:
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @classmethod
    def from_stored(cls, value: dt.date | None, precision: str | None) -> PartialDate | None:
        if value is None:
            return None
        day = None if precision == "month" else value.day
        return cls(value.year, value.month, day)


_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _partial_date(value: object) -> PartialDate:
    if isinstance(value, dt.datetime):
        raise FormatError("time_of_day", value=value)
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, str):
        if match := _MONTH.match(value):
            year, month = int(match[1]), int(match[2])
            if 1 <= month <= 12:
                return PartialDate(year, month)
        elif match := _DAY.match(value):
            try:
                day = dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                raise FormatError("unreal_date", value=repr(value)) from None
            return PartialDate(day.year, day.month, day.day)
    raise FormatError("bad_date", value=repr(value))


MonthOrDay = Annotated[PartialDate, PlainValidator(_partial_date), PlainSerializer(str)]


MAX_WHOLE_NUMBER = 2**31 - 1  # counts are stored as 32-bit integers


def _whole_number(value: object) -> object:
    """Refuse 12.5 or true where a count is expected (pydantic would coerce some)."""
    if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
        raise FormatError("not_whole", value=repr(value))
    if isinstance(value, int) and abs(value) > MAX_WHOLE_NUMBER:
        raise FormatError("too_large", value=str(value), limit=str(MAX_WHOLE_NUMBER))
    return value


def _plain_number(value: object) -> object:
    if isinstance(value, bool):
        raise FormatError("not_number", value=repr(value))
    if isinstance(value, float) and not math.isfinite(value):
        raise FormatError("not_finite", value=repr(value))
    return value


WholeNumber = Annotated[int, BeforeValidator(_whole_number)]
Number = Annotated[float, BeforeValidator(_plain_number)]
Sources = list[Url]


# The format's closed vocabularies. Forms and filters offer choices(...) of these, so the app
# and the file format can never disagree on a value.
ProgrammeKind = Literal["city-to-city", "peer-mentoring", "volunteer-tutoring", "learning-exchange"]
OrganisationKind = Literal[
    "municipality", "association", "ngo", "university", "network", "public-body", "other"
]
PairStatus = Literal["planned", "active", "completed", "replaced", "stopped"]
ActivityKind = Literal[
    "kick-off",
    "study-visit",
    "transfer-workshop",
    "training-academy",
    "training",
    "workshop",
    "steering-committee",
    "conference",
    "campaign",
    "exhibition",
    "meeting",
    "other",
]
ActivityMode = Literal["in-person", "online", "hybrid"]
ActivityStatus = Literal["planned", "done", "postponed", "cancelled"]
StepStatus = Literal["not-started", "in-progress", "done", "blocked", "dropped"]
OutcomeKind = Literal[
    "one-stop-shop",
    "action-plan",
    "toolkit",
    "guide",
    "website",
    "app",
    "centre",
    "exhibition",
    "video",
    "press",
    "report",
    "other",
]
OutcomeStatus = Literal["planned", "in-progress", "delivered"]


def choices(vocabulary: object) -> tuple[str, ...]:
    """The values of one of the vocabularies above, in the format's order."""
    return get_args(vocabulary)


class Record(BaseModel):
    """Base of every record: unknown keys are refused, strings are not coerced silently."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def _not_before_start(cls, value: PartialDate | None, info: ValidationInfo) -> PartialDate | None:
    """Field validator of an end or due date: never before the record's start. Reported on the
    end or due field itself, so the message points at the line to fix."""
    start = info.data.get("start")
    if start and value and value.last_day() < start.first_day():
        raise FormatError("before_start", field=info.field_name, value=value, start=start)
    return value


class Programme(Record):
    id: Slug
    name: Text
    title: Text | None = None
    kind: ProgrammeKind
    coordinator: str | None = None
    funding: str | None = None
    start: MonthOrDay | None = None
    end: MonthOrDay | None = None
    website: Url | None = None
    summary: Text | None = None
    themes: list[Text] = []
    sources: Sources = []

    _period = field_validator("end")(_not_before_start)


class City(Record):
    id: Slug
    name: Text
    country: Country
    lat: Number = Field(ge=-90, le=90)
    lon: Number = Field(ge=-180, le=180)
    population: WholeNumber | None = Field(default=None, ge=0)
    population_year: WholeNumber | None = Field(default=None, ge=1000, le=2100)
    foreign_origin_pct: Number | None = Field(default=None, ge=0, le=100)
    sources: Sources = []


class Organisation(Record):
    id: Slug
    name: Text
    kind: OrganisationKind
    city: Slug | None = None
    country: Country | None = None
    website: Url | None = None
    sources: Sources = []


class GoodPractice(Record):
    name: Text
    summary: Text | None = None
    url: Url | None = None
    sources: Sources = []


class Pair(Record):
    id: Slug
    mentor: Slug
    mentee: Slug
    supporting: list[Slug] = []
    theme: Text | None = None
    status: PairStatus
    replaced_by: Slug | None = None
    challenges: list[Text] = []
    strengths: list[Text] = []
    good_practices: list[GoodPractice] = []
    sources: Sources = []

    @field_validator("mentee")
    @classmethod
    def _not_its_own_mentor(cls, mentee: str, info: ValidationInfo) -> str:
        # a field validator, so the problem points at the mentee line, not the pair's first
        if info.data.get("mentor") == mentee:
            raise FormatError("own_mentor", id=repr(mentee))
        return mentee

    @model_validator(mode="after")
    def _sides(self) -> Pair:
        if self.replaced_by and self.status != "replaced":
            raise FormatError("replaced_by_status")
        return self


class Activity(Record):
    id: Slug
    kind: ActivityKind
    title: Text
    pair: Slug | None = None
    sequence: WholeNumber | None = Field(default=None, ge=1)
    start: MonthOrDay
    end: MonthOrDay | None = None
    city: Slug | None = None
    mode: ActivityMode | None = None
    status: ActivityStatus
    participants: WholeNumber | None = Field(default=None, ge=0)
    summary: Text | None = None
    sources: Sources = []

    _period = field_validator("end")(_not_before_start)


class Step(Record):
    id: Slug
    title: Text
    owner: str | None = None
    start: MonthOrDay | None = None
    due: MonthOrDay | None = None
    status: StepStatus
    progress: WholeNumber | None = Field(default=None, ge=0, le=100)
    evidence: Url | None = None
    sources: Sources = []

    _period = field_validator("due")(_not_before_start)

    @field_validator("progress")
    @classmethod
    def _matches_status(cls, progress: int | None, info: ValidationInfo) -> int | None:
        status = info.data.get("status")
        implied = {"done": 100, "not-started": 0}.get(status)
        if progress is not None and implied is not None and progress != implied:
            raise FormatError(
                "progress_status", status=status, implied=str(implied), progress=str(progress)
            )
        return progress


class ActionPlan(Record):
    id: Slug
    pair: Slug
    title: Text
    adopted: MonthOrDay | None = None
    steps: list[Step] = []
    sources: Sources = []


class Outcome(Record):
    id: Slug
    kind: OutcomeKind
    title: Text
    pair: Slug | None = None
    owner: Slug | None = None
    status: OutcomeStatus
    date: MonthOrDay | None = None
    url: Url | None = None
    languages: list[Language] = []
    summary: Text | None = None
    sources: Sources = []


class IndicatorValue(Record):
    date: MonthOrDay
    value: Number
    sources: Sources = []


class Indicator(Record):
    id: Slug
    name: Text
    unit: str | None = None
    pair: Slug | None = None
    target: Number | None = None
    values: list[IndicatorValue] = []
    sources: Sources = []


def _format_is_supported(value: object) -> str:
    if value != FORMAT_NAME:
        raise FormatError("bad_format", value=repr(value), expected=FORMAT_NAME)
    return FORMAT_NAME


class ProgrammeFile(Record):
    format: Annotated[str, PlainValidator(_format_is_supported)]
    programme: Programme
    cities: list[City] = []
    organisations: list[Organisation] = []
    pairs: list[Pair] = []
    activities: list[Activity] = []
    action_plans: list[ActionPlan] = []
    outcomes: list[Outcome] = []
    indicators: list[Indicator] = []

    @model_validator(mode="before")
    @classmethod
    def _lists_may_be_null(cls, data: object) -> object:
        # `cities:` with nothing after it reads as null; the format allows an empty list.
        if isinstance(data, dict):
            return {k: ([] if v is None and k in LIST_SECTIONS else v) for k, v in data.items()}
        return data


LIST_SECTIONS = (
    "cities",
    "organisations",
    "pairs",
    "activities",
    "action_plans",
    "outcomes",
    "indicators",
)
