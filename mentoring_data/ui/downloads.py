"""Download buttons for the presenter's files (slide deck, PDF report, offline web page).

A file is built only when someone asks for it: a "Prepare" button builds it under a progress
indicator, then a download button hands it over. A file that cannot be made gives a message
saying why, never a broken file. Texts come from t(), so a file is in the viewer's language.
"""

from __future__ import annotations

import logging

import streamlit as st

from mentoring_data.exports import files
from mentoring_data.messages import t
from mentoring_data.views import dashboard

MIME_TYPES = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
    "html": "text/html",
}
PRESENTER_FILES = ("pptx", "pdf", "html")

log = logging.getLogger(__name__)


def export_downloads(
    programme_id: str, pair_id: str | None = None, formats=PRESENTER_FILES, key: str = "export"
) -> None:
    """One prepare-then-download pair of buttons per format, side by side."""
    with st.container(horizontal=True, key=f"{key}_buttons"):
        for file_format in formats:
            _offer(file_format, programme_id, pair_id, f"{key}_{file_format}")


def _offer(file_format: str, programme_id: str, pair_id: str | None, key: str) -> None:
    what = _kind(file_format, pair_id)
    prepare = t(f"downloads.prepare_{what}")
    # the data version and the button's own text (so the viewer's language) date a file
    signature = (programme_id, pair_id, dashboard.data_key(), prepare)
    prepared = st.session_state.get(key)
    if prepared is not None and prepared[0] != signature:
        del st.session_state[key]
        prepared = None
    if prepared is None:
        if not st.button(prepare, key=f"{key}_prepare", icon=":material/build:"):
            return
        prepared = _prepare(file_format, programme_id, pair_id, signature)
        if prepared is None:
            return
        st.session_state[key] = prepared
    st.download_button(
        t(f"downloads.save_{what}"),
        data=prepared[1],
        file_name=files.file_name(file_format, programme_id, pair_id),
        mime=MIME_TYPES[file_format],
        on_click="ignore",
        icon=":material/download:",
        type="primary",
        key=f"{key}_save",
    )


def _kind(file_format: str, pair_id: str | None) -> str:
    """Which file this is, as the message keys name it: one pair's report reads apart."""
    return "pair_pdf" if pair_id is not None and file_format == "pdf" else file_format


def _prepare(
    file_format: str, programme_id: str, pair_id: str | None, signature: tuple
) -> tuple[tuple, bytes] | None:
    with st.status(t("downloads.building")) as status:
        try:
            data = files.build(file_format, programme_id, pair_id)
        except files.CannotExport as err:
            message = str(err)
        except Exception as err:  # a failing export must not leave the page broken
            log.exception("export %s of %s/%s failed", file_format, programme_id, pair_id)
            message = t("export.cannot_produce", format=file_format, reason=type(err).__name__)
        else:
            status.update(label=t("downloads.ready", size=_size(len(data))), state="complete")
            return signature, data
        status.update(label=t("downloads.failed"), state="error")
    st.error(message)
    return None


def _size(count: int) -> str:
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f} MB"
    return f"{max(1, round(count / 1000))} kB"
