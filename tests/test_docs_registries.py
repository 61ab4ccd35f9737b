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
