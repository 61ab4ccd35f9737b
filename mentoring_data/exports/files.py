"""One export of a programme (or one pair) written to a file, whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from mentoring_data.messages import t
from mentoring_data.views import dashboard, slides

FORMATS = ("pptx", "pdf", "html")


class CannotExport(ValueError):
    """The export cannot be made; the message says why in one line."""


def render(sequence: list[slides.Slide], file_format: str) -> bytes:
    # imported here so that one missing library only disables its own format
    if file_format == "pptx":
        from mentoring_data.exports.deck import deck

        return deck(sequence)
    if file_format == "pdf":
        from mentoring_data.exports.report import report

        return report(sequence)
    if file_format == "html":
        from mentoring_data.exports.html import page

        return page(sequence)
    raise CannotExport(t("export.cannot_produce", format=file_format, reason=file_format))


def choose_programme(programme_id: str | None, pair_id: str | None) -> str:
    """The programme asked for, or the one holding the pair, or the only one stored."""
    if programme_id:
        return programme_id
    if pair_id:
        homes = dashboard.programmes_with_pair(pair_id)
        if len(homes) == 1:
            return homes[0]
        if not homes:
            raise CannotExport(t("export.pair_nowhere", pair=pair_id))
        raise CannotExport(t("export.pair_ambiguous", pair=pair_id, programmes=", ".join(homes)))
    stored = list(dashboard.programme_names())
    if len(stored) == 1:
        return stored[0]
    raise CannotExport(t("export.choose_programme", programmes=", ".join(stored)))


def build(file_format: str, programme_id: str | None, pair_id: str | None) -> bytes:
    """The export's bytes, from the same slide sequence the pages and slide mode show; a
    CannotExport says in one line why it cannot be made."""
    programme_id = choose_programme(programme_id, pair_id)
    try:
        sequence = slides.slides(programme_id, pair_id)
    except slides.UnknownSubject as err:
        raise CannotExport(str(err)) from err
    try:
        return render(sequence, file_format)
    except ImportError as err:
        raise CannotExport(t("export.cannot_produce", format=file_format, reason=err.msg)) from err


def file_name(file_format: str, programme_id: str, pair_id: str | None) -> str:
    return f"{programme_id}{'-' + pair_id if pair_id else ''}.{file_format}"


def write(
    file_format: str, programme_id: str | None, pair_id: str | None, out: Path | None
) -> Path:
    data = build(file_format, programme_id, pair_id)
    programme_id = choose_programme(programme_id, pair_id)
    target = out or Path(file_name(file_format, programme_id, pair_id))
    # a temporary file beside the target, renamed at the end: a reader never sees half a file
    handle, temporary = tempfile.mkstemp(dir=target.parent or ".", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
