"""The map's arcs stand out 3:1 from its land and its sea in both themes (WCAG 2.1, 1.4.11:
graphics needed to understand the content), whatever their status or progress."""

from __future__ import annotations

import pytest

from mentoring_data.views import charts

# (steps done, steps, status): every colour an arc can take
ARCS = [(0, 5, "active"), (2, 5, "active"), (5, 5, "active"), (1, 5, "replaced"), (0, 0, "stopped")]


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize(("done", "total", "status"), ARCS)
def test_every_arc_colour_has_3_to_1_against_land_and_sea(dark, done, total, status):
    colour = charts.progress_colour(done, total, status, dark)
    land = charts._palette(dark)[0]
    sea = charts._sea_colour(dark)
    assert colour[3] == 255  # opaque: a translucent arc would lose its contrast
    assert charts.contrast_ratio(colour, land) >= 3
    assert charts.contrast_ratio(colour, sea) >= 3


def test_the_colours_keep_their_order_of_meaning():
    # done, under way and not started stay three different colours in each theme
    for dark in (False, True):
        colours = {tuple(charts.progress_colour(d, n, s, dark)) for d, n, s in ARCS}
        assert len(colours) == len(ARCS)


def test_contrast_ratio_matches_wcag_examples():
    assert charts.contrast_ratio([0, 0, 0], [255, 255, 255]) == pytest.approx(21)
    assert charts.contrast_ratio([118, 118, 118], [255, 255, 255]) == pytest.approx(4.54, abs=0.01)
