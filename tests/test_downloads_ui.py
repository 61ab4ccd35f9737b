"""The presenter's download buttons under AppTest: a file is built only when asked, and the
file the download button serves opens in an independent reader (python-pptx, pypdf)."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pypdf import PdfReader
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from mentoring_data.messages import t


class _KeptStorage(MemoryMediaFileStorage):
    """The in-memory file store AppTest makes for each run, remembered after the run so
    that a test can read what a download button hands over."""

    made: list[MemoryMediaFileStorage] = []

    def __init__(self, media_endpoint: str) -> None:
        super().__init__(media_endpoint)
        _KeptStorage.made.append(self)


@pytest.fixture
def served(monkeypatch):
    """served(button) -> the file (its .content and .filename) behind a download button of
    the last run."""
    import streamlit.testing.v1.app_test as app_test

    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", _KeptStorage)
    _KeptStorage.made.clear()

    def read(button):
        return _KeptStorage.made[-1].get_file(button.proto.url.rsplit("/", 1)[-1])

    return read


def _button(at, key: str):
    return next(b for b in at.button if b.key == key)


def _download(at, key: str):
    return next(b for b in at.download_button if b.key == key)


def test_overview_offers_the_three_files_and_builds_only_when_asked(shipped_db, run_page, served):
    at = run_page("app.py", programme="inclucities")
    assert not at.exception
    for file_format, label in [
        ("pptx", "downloads.prepare_pptx"),
        ("pdf", "downloads.prepare_pdf"),
        ("html", "downloads.prepare_html"),
    ]:
        assert _button(at, f"overview_export_{file_format}_prepare").label == t(label)
    assert not [b for b in at.download_button if b.key and b.key.startswith("overview_export")]

    _button(at, "overview_export_pptx_prepare").click().run()
    assert not at.exception and not at.error
    deck = Presentation(io.BytesIO(served(_download(at, "overview_export_pptx_save")).content))
    texts = " ".join(
        shape.text_frame.text for s in deck.slides for shape in s.shapes if shape.has_text_frame
    )
    assert "IncluCities" in texts and "Mechelen" in texts
    # the other two are still only offered, not built
    assert _button(at, "overview_export_pdf_prepare")

    _button(at, "overview_export_pdf_prepare").click().run()
    pdf = PdfReader(io.BytesIO(served(_download(at, "overview_export_pdf_save")).content))
    assert len(pdf.pages) >= 5 and "IncluCities" in pdf.pages[0].extract_text()
    # the deck prepared before is still there to download
    assert served(_download(at, "overview_export_pptx_save")).filename == "inclucities.pptx"

    _button(at, "overview_export_html_prepare").click().run()
    page = served(_download(at, "overview_export_html_save")).content.decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Mechelen" in page


def test_pair_page_offers_that_pairs_report(shipped_db, run_page, served):
    at = run_page("pages/pairs.py", programme="inclucities", pair="mechelen-capaci")
    assert not at.exception
    prepare = _button(at, "pair_export_pdf_prepare")
    assert prepare.label == t("downloads.prepare_pair_pdf")
    prepare.click().run()
    file = served(_download(at, "pair_export_pdf_save"))
    assert file.filename == "inclucities-mechelen-capaci.pdf"
    pdf = PdfReader(io.BytesIO(file.content))
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert "Capaci" in text and "Fuenlabrada" not in text


def test_closing_slide_has_a_download_menu(shipped_db, run_page):
    from mentoring_data.views import slides

    total = len(slides.slides("inclucities"))
    at = run_page("pages/present.py", programme="inclucities", slide=str(total))
    assert not at.exception
    assert _button(at, "present_export_pptx_prepare")
    kiosk = run_page("pages/present.py", programme="inclucities", slide=str(total), kiosk="5")
    assert not [b for b in kiosk.button if b.key and b.key.startswith("present_export")]


def _offer_unknown_programme():
    from mentoring_data.ui.downloads import export_downloads

    export_downloads("atlantis", formats=("pdf",), key="lost")


def test_a_file_that_cannot_be_made_gives_a_message_not_a_file(page_db):
    at = AppTest.from_function(_offer_unknown_programme, default_timeout=60).run()
    next(b for b in at.button if b.key == "lost_pdf_prepare").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [t("export.unknown_programme", programme="atlantis")]
    assert not at.download_button
