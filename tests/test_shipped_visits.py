"""The shipped IncluCities figures for study visits: three per pair, as the project's
booklet and timeline say, the undated ones recorded with the month the sources give."""

from __future__ import annotations

from mentoring_data.views import dashboard


def test_every_inclucities_pair_that_ran_has_three_study_visits(shipped_db):
    progress = dashboard.pair_progress("inclucities")
    ran = progress[progress["status"] != "replaced"]
    assert sorted(ran["pair_id"]) == [
        "brussels-saint-jean-de-la-ruelle",
        "fuenlabrada-levadia",
        "mechelen-capaci",
        "schaerbeek-jelgava",
    ]
    assert dict(zip(ran["pair_id"], ran["visits_done"], strict=True)) == dict.fromkeys(
        ran["pair_id"], 3
    )


def test_the_overview_counts_twelve_done_study_visits(shipped_db):
    figures = dashboard.headline("inclucities")
    assert (figures.visits_done, figures.visits_planned) == (12, 0)
