"""The Overview with "All programmes" names the programmes it adds up, with their kinds."""

from __future__ import annotations

from mentoring_data.messages import label
from mentoring_data.ui.widgets import plain
from mentoring_data.views import dashboard


def test_all_programmes_names_each_programme_and_its_kind(shipped_db, run_page):
    at = run_page("app.py")
    captions = [c.value for c in at.caption]
    (adds_up,) = [c for c in captions if c.startswith("Adds up ")]
    programmes = dashboard.programmes()
    assert len(programmes) == 5
    for row in programmes.itertuples():
        assert f"{plain(row.name)} ({label('programme_kind', row.kind)})" in adds_up, adds_up
    assert "(city-to-city mentoring)" in adds_up and "(peer mentoring)" in adds_up


def test_one_programme_selected_has_no_such_caption(shipped_db, run_page):
    at = run_page("app.py", programme="inclucities")
    assert not [c.value for c in at.caption if c.value.startswith("Adds up ")]
