"""Every record of the shipped programme files says where its facts come from."""

from pathlib import Path

import pytest
import yaml

from mentoring_data import settings

SHIPPED = settings.shipped_programme_files()
SECTIONS = (
    "cities",
    "organisations",
    "pairs",
    "activities",
    "action_plans",
    "outcomes",
    "indicators",
)


def _records(document: dict):
    yield "programme", document["programme"]
    for section in SECTIONS:
        for record in document.get(section) or []:
            yield f"{section}:{record['id']}", record
            for step in record.get("steps", []) if section == "action_plans" else []:
                yield f"step:{step['id']}", step
            for value in record.get("values", []) if section == "indicators" else []:
                yield f"value of {record['id']} at {value['date']}", value


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: Path(p).stem)
def test_every_shipped_record_has_sources(path):
    document = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    unsourced = [name for name, record in _records(document) if not record.get("sources")]
    assert unsourced == []


def test_synthetic_data_is_never_shipped():
    for path in SHIPPED:
        assert "synthetic" not in Path(path).read_text(encoding="utf-8").lower()
