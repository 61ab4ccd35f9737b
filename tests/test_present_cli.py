"""`python -m mentoring_data present` as a subprocess on a real database file."""

from __future__ import annotations

import shutil

from pptx import Presentation
from pypdf import PdfReader


def test_present_writes_each_format(run_cli, shipped_db_template, tmp_path):
    db = tmp_path / "shipped.duckdb"
    shutil.copyfile(shipped_db_template, db)
    calls = [
        {
            "args": [
                "present",
                "--format",
                f,
                "--pair",
                "mechelen-capaci",
                "--out",
                tmp_path / f"x.{f}",
            ],
            "db": db,
        }
        for f in ("pptx", "pdf")
    ]
    # one process at a time holds the database file
    for call in calls:
        result = run_cli(*call["args"], db=db)
        assert result.returncode == 0, result.stderr
    assert len(Presentation(str(tmp_path / "x.pptx")).slides) >= 5
    assert "Capaci" in PdfReader(str(tmp_path / "x.pdf")).pages[1].extract_text()


def test_present_refuses_unknown_subjects_in_one_line(run_cli, shipped_db_template, tmp_path):
    db = tmp_path / "shipped.duckdb"
    shutil.copyfile(shipped_db_template, db)
    for args, expected in [
        (["--programme", "nowhere"], "No programme nowhere"),
        (["--programme", "inclucities", "--pair", "nope"], "No pair nope"),
        (["--out", tmp_path / "missing" / "x.pdf", "--programme", "amir"], "does not exist"),
    ]:
        result = run_cli("present", "--format", "pdf", *args, db=db)
        assert result.returncode == 1
        errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
        assert len(errors) == 1 and expected in errors[0]
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.part"))
    usage = run_cli("present", "--format", "docx", db=db)
    assert usage.returncode == 2
