"""Deck, PDF report and offline HTML, read back by independent readers (python-pptx, pypdf,
Chromium), on the shipped programmes and on a programme built to be awkward."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.util import Pt
from pypdf import PdfReader

from mentoring_data.exports import deck, html, report
from mentoring_data.views import slides

LONG_NAME = ("Δίκτυο Λιβαδειάς και Jelgavas pašvaldību sadarbība: ā ē ū ķ ļ ņ " * 6)[:300]
STEPS = "\n".join(
    f"      - {{id: step-{n}, title: Step {n} of the Jelgava plan (ķ ļ ņ), "
    + ("status: done, progress: 100}" if n % 3 == 0 else f"status: in-progress, progress: {n}}}")
    for n in range(1, 61)
)
AWKWARD = f"""\
format: mentoring-programme/1
programme:
  id: awkward
  name: "{LONG_NAME}"
  kind: city-to-city
  start: 2021-01
  end: 2022-12
cities:
  - {{id: livadeia, name: Λιβαδειά, country: GR, lat: 38.43, lon: 22.87}}
  - {{id: jelgava, name: Jelgava, country: LV, lat: 56.65, lon: 23.72, population: 55972}}
pairs:
  - {{id: jelgava-livadeia, mentor: jelgava, mentee: livadeia, status: active,
     challenges: [Valodas kursi pieaugušajiem – ā ē ū]}}
action_plans:
  - id: long-plan
    pair: jelgava-livadeia
    title: Sixty steps
    steps:
{STEPS}
"""


@pytest.fixture
def awkward(load_programme):
    load_programme(AWKWARD, "awkward.yaml")
    return slides.slides("awkward")


def _deck_texts(data: bytes) -> tuple[Presentation, list[str]]:
    prs = Presentation(io.BytesIO(data))
    texts = [
        shape.text_frame.text
        for page in prs.slides
        for shape in page.shapes
        if shape.has_text_frame
    ]
    return prs, texts


def _assert_fits(prs: Presentation) -> None:
    """Every shape inside the slide, every run at a readable size."""
    for page in prs.slides:
        for shape in page.shapes:
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= prs.slide_width
            assert shape.top + shape.height <= prs.slide_height
            if shape.has_text_frame:
                for paragraph in shape.text_frame.paragraphs:
                    assert len(paragraph.text) <= 150
                    for run in paragraph.runs:
                        assert run.font.size is None or run.font.size >= Pt(12)


def test_deck_of_shipped_programme(shipped_db):
    data = deck.deck(slides.slides("inclucities"))
    prs, texts = _deck_texts(data)
    assert prs.slide_width * 9 == prs.slide_height * 16
    assert any("IncluCities" in x for x in texts)
    assert any("Mechelen → Capaci" in x for x in texts)
    charts = [s.chart for p in prs.slides for s in p.shapes if s.has_chart]
    assert len(charts) >= 2  # progress per pair, outcomes by kind
    assert all(c.plots[0].has_data_labels for c in charts)
    pictures = [s for p in prs.slides for s in p.shapes if s.shape_type == 13]
    assert len(pictures) == 1  # the map
    notes = [p.notes_slide.notes_text_frame.text for p in prs.slides if p.has_notes_slide]
    assert any("https://" in n for n in notes)
    _assert_fits(prs)


def test_deck_without_pairs(shipped_db):
    prs, texts = _deck_texts(deck.deck(slides.slides("amir")))
    assert any("APG23" in x for x in texts)
    _assert_fits(prs)


def test_awkward_deck_stays_inside_slides(awkward):
    prs, texts = _deck_texts(deck.deck(awkward))
    assert any("…" in x for x in texts)  # the 300-character title was shortened
    assert any("Λιβαδειά" in x for x in texts)
    _assert_fits(prs)


def _pdf_text(data: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(data))
    return reader, [page.extract_text() for page in reader.pages]


def _embedded_fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", []):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                if "/FontFile2" in descriptor:
                    names.add(str(font["/BaseFont"]))
    return names


def test_report_of_shipped_programme(shipped_db):
    reader, pages = _pdf_text(report.report(slides.slides("inclucities")))
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (595, 842)  # A4 in points
    everything = "\n".join(pages)
    assert "IncluCities" in everything and "Capaci" in everything
    assert f"Page 1 of {len(pages)}" in pages[0]
    assert _embedded_fonts(reader)


def test_awkward_report_repeats_table_headers(awkward):
    reader, pages = _pdf_text(report.report(awkward))
    everything = "\n".join(pages)
    for word in ("Λιβαδειά", "Jelgava", "ā ē ū", "ķ ļ ņ"):
        assert word in everything
    with_steps = [p for p in pages if "Step 1" in p or "Step 60" in p]
    assert len(with_steps) >= 2  # sixty steps do not fit one page
    assert all("Owner" in p and "Due" in p for p in with_steps)
    assert "Population: not recorded" in everything


def test_html_is_one_file_without_outside_references(shipped_db):
    text = html.page(slides.slides("inclucities")).decode("utf-8")
    assert text.count("Plotly.newPlot") >= 3
    assert "<script src=" not in text and "<link " not in text


@pytest.mark.browser
def test_html_opens_offline_with_chart_and_map(shipped_db, tmp_path):
    from tests.browser_support import CHROMIUM_FLAGS, chromium_path

    if chromium_path() is None:
        pytest.skip("Chromium is not installed")
    playwright = pytest.importorskip("playwright.sync_api")
    from PIL import Image

    document = html.page(slides.slides("inclucities")).decode("utf-8")
    attempted: list[str] = []
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on("request", lambda r: attempted.append(r.url))

            def refuse(route) -> None:
                route.abort()

            page.route("**/*", refuse)
            page.set_content(document, wait_until="load")
            page.wait_for_selector("#chart-1 .main-svg", timeout=30_000)
            assert page.locator(".js-plotly-plot").count() >= 3
            shots = {}
            for chart_id in ("chart-1", "chart-2"):
                shot = tmp_path / f"{chart_id}.png"
                page.locator(f"#{chart_id}").screenshot(path=str(shot))
                shots[chart_id] = Image.open(shot).convert("RGB")
        finally:
            browser.close()
    assert [u for u in attempted if not u.startswith(("data:", "about:"))] == []
    for image in shots.values():
        colours = image.getcolors(maxcolors=1_000_000)
        assert colours is None or len(colours) > 10  # drawn, not blank


def test_pair_in_every_format_names_theme_strengths_and_challenges(shipped_db):
    from mentoring_data.messages import t

    sequence = slides.slides("inclucities", "mechelen-capaci")
    pair = next(s for s in sequence if s.kind == "pair").data
    assert pair["theme"] and pair["strengths"] and pair["challenges"]
    _, texts = _deck_texts(deck.deck(sequence))
    deck_text = "\n".join(texts)
    _, pages = _pdf_text(report.report(sequence))
    pdf_text = " ".join(" ".join(p.split()) for p in pages)
    page = html.page(sequence).decode("utf-8")
    for shown in (deck_text, pdf_text, page):
        assert pair["theme"][:25] in shown
        assert pair["strengths"][0][:25] in shown and pair["challenges"][0][:25] in shown
    assert f"{t('export.challenges')} · Capaci" in pdf_text
    assert "Mentor: Mechelen (Belgium)" in deck_text  # the country named in the language
