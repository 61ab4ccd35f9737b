"""What the program offers is written down: every setting and every command in the README."""

from __future__ import annotations

from pathlib import Path

from mentoring_data import cli, settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme():
    missing = [name for name in settings.SETTINGS if f"`{name}`" not in README]
    assert missing == []


def test_every_command_is_in_the_readme():
    commands = cli._parser()._subparsers._group_actions[0].choices
    missing = [name for name in commands if f"python -m mentoring_data {name}" not in README]
    assert missing == []


def test_settings_are_read_when_used(monkeypatch):
    monkeypatch.setenv("MENTORING_SESSION_MINUTES", "7")
    assert settings.session_minutes() == 7
    monkeypatch.delenv("MENTORING_SESSION_MINUTES")
    assert settings.session_minutes() == int(settings.SETTINGS["MENTORING_SESSION_MINUTES"].default)


FORMAT_DOC = (Path(__file__).resolve().parent.parent / "docs" / "programme-format.md").read_text(
    encoding="utf-8"
)


def _section(heading: str) -> str:
    """The text under a `### heading` of the format document, up to the next heading."""
    start = FORMAT_DOC.index(f"\n### `{heading}`")
    ends = [i for i in (FORMAT_DOC.find("\n##", start + 1),) if i != -1]
    return FORMAT_DOC[start : min(ends) if ends else None]


def _documented_fields():
    from mentoring_data.format import models

    return [
        ("programme", models.Programme),
        ("cities", models.City),
        ("organisations", models.Organisation),
        ("pairs", models.Pair),
        ("pairs", models.GoodPractice),
        ("activities", models.Activity),
        ("action_plans", models.ActionPlan),
        ("action_plans", models.Step),
        ("outcomes", models.Outcome),
        ("indicators", models.Indicator),
        ("indicators", models.IndicatorValue),
    ]


def test_every_format_field_is_in_the_format_document():
    from mentoring_data.format import models

    missing = [
        f"{model.__name__}.{name}"
        for heading, model in _documented_fields()
        for name in model.model_fields
        if f"| `{name}` |" not in _section(heading)
    ]
    top = FORMAT_DOC[: FORMAT_DOC.index("## Record kinds")]
    missing += [name for name in models.ProgrammeFile.model_fields if f"| `{name}` |" not in top]
    assert missing == []


def test_every_record_kind_of_the_registry_is_documented():
    from mentoring_data.format.record_kinds import ALL_KINDS

    documented = {model for _, model in _documented_fields()}
    assert [k.model.__name__ for k in ALL_KINDS if k.model not in documented] == []
