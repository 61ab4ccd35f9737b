"""The Admin import's upload limit is the programme file limit, so Streamlit refuses a larger
file before accepting it."""

from __future__ import annotations

import tomllib
from pathlib import Path

from mentoring_data.format import validation

CONFIG = Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml"


def test_streamlit_upload_limit_matches_the_programme_file_limit():
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == validation.MAX_FILE_BYTES
