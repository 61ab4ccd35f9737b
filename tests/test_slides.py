"""The slide sequence on the shipped programmes and on awkward input, from real DuckDB files."""

from __future__ import annotations

import pytest

from mentoring_data.views import slides


def test_programme_sequence_in_order(shipped_db):
    deck = slides.slides("inclucities")
    kinds = [s.kind for s in deck]
    assert kinds[:2] == ["title", "map"]
    assert kinds[-4:] == ["timeline", "outcomes", "indicators", "sources"]
    pair_slides = [s for s in deck if s.kind == "pair"]
    assert len(pair_slides) == 5
    title = deck[0]
    assert title.title == "IncluCities"
    assert title.data["period"] and title.data["data_date"]
    mechelen = next(s for s in pair_slides if s.data["pair_id"] == "mechelen-capaci")
    assert mechelen.data["mentor"]["name"] == "Mechelen"
    assert mechelen.data["mentee"]["name"] == "Capaci"
    assert mechelen.data["steps_total"] == 6
    assert deck[-1].data["sources"]
    # every slide's own sources reach the closing slide
    for slide in deck:
        assert set(slide.sources) <= set(deck[-1].data["sources"])


def test_one_pair(shipped_db):
    deck = slides.slides("inclucities", "mechelen-capaci")
    assert [s.kind for s in deck].count("pair") == 1
    assert set(deck[1].data["places"]["id"]) == {"mechelen", "capaci"}


@pytest.mark.parametrize("programme_id", ["amir", "wemin"])
def test_programme_without_pairs_shows_partners(shipped_db, programme_id):
    deck = slides.slides(programme_id)
    kinds = [s.kind for s in deck]
    assert "pair" not in kinds
    assert "partners" in kinds
    assert not deck[kinds.index("partners")].data["partners"].empty


def test_unknown_subjects_are_named(shipped_db):
    with pytest.raises(slides.UnknownSubject, match="nowhere"):
        slides.slides("nowhere")
    with pytest.raises(slides.UnknownSubject, match="no-such-pair"):
        slides.slides("inclucities", "no-such-pair")


@pytest.mark.parametrize(
    ("programme_id", "pair_id"),
    [("inclucities", None), ("inclucities", "fuenlabrada-levadia"), ("amir", None)],
)
def test_one_slide_built_alone_is_the_same_as_in_the_whole_deck(shipped_db, programme_id, pair_id):
    # the slide page builds only the slide it shows; the exports build them all
    sequence = slides.outline(programme_id, pair_id)
    whole = slides.slides(programme_id, pair_id)
    assert [kind for kind, _pair in sequence.entries] == [s.kind for s in whole]
    for number, expected in enumerate(whole, start=1):
        alone = slides.slide_at(sequence, number)
        assert (alone.kind, alone.title, alone.sources) == (
            expected.kind,
            expected.title,
            expected.sources,
        )
        assert sorted(alone.data) == sorted(expected.data)


def test_the_outline_refuses_an_unknown_pair(shipped_db):
    with pytest.raises(slides.UnknownSubject):
        slides.outline("inclucities", "nowhere")
