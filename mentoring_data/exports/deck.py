"""The slide sequence as a 16:9 PowerPoint deck.

Slides use the default template's layouts and placeholders, so a presenter can apply any theme;
charts are native PowerPoint charts (their numbers stay editable), the map is a picture.
"""

from __future__ import annotations

import io

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Emu, Inches, Pt

from mentoring_data.exports.drawing import map_png, shorten
from mentoring_data.locale_format import country_name, format_whole
from mentoring_data.messages import t
from mentoring_data.views.formatting import known
from mentoring_data.views.slides import Slide

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 × 7.5 in, exactly 16:9
# the default template's layouts
TITLE, CONTENT, TWO_CONTENT, TITLE_ONLY = 0, 1, 3, 5
BODY_PT = 16
SMALL_PT = 14
TITLE_CHARS = 70
LINE_CHARS = 95
PAIR_CHARS = 150  # a half-width column at 14 pt: three lines
MAX_LINES = 10
MAX_BARS = 15


def _widen_template(prs: Presentation) -> None:
    """Stretch the 4:3 template's placeholders across a 16:9 slide."""
    factor = WIDTH / prs.slide_width
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    # read every position before writing any: layout placeholders inherit from the master's
    shapes = [
        shape
        for master in prs.slide_masters
        for shape in [*master.shapes, *(s for lay in master.slide_layouts for s in lay.shapes)]
    ]
    # all four values are written: setting only some leaves the others at zero
    old = [
        (shape, shape.left, shape.top, shape.width, shape.height)
        for shape in shapes
        if shape.left is not None
    ]
    for shape, left, top, width, height in old:
        shape.left, shape.width = Emu(int(left * factor)), Emu(int(width * factor))
        shape.top, shape.height = top, height


def _title(slide, text: str) -> None:
    slide.shapes.title.text = shorten(text, TITLE_CHARS)


def _lines(
    frame, lines: list[str], size: int = BODY_PT, limit: int = MAX_LINES, chars: int = LINE_CHARS
) -> None:
    """Bullets in a placeholder: each line shortened, at most `limit`, the rest counted."""
    frame.word_wrap = True
    shown = lines[:limit] if len(lines) <= limit else lines[: limit - 1]
    if len(shown) < len(lines):
        shown.append(t("export.more", count=len(lines) - len(shown)))
    if not shown:
        shown = [t("export.none")]
    frame.text = ""
    for index, line in enumerate(shown):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = shorten(line, chars)
        for run in paragraph.runs:
            run.font.size = Pt(size)


def _notes(slide, sources: list[str]) -> None:
    if sources:
        slide.notes_slide.notes_text_frame.text = "\n".join(
            [t("export.sources_in_notes"), *sources]
        )


def _chart(slide, kind, categories: list[str], series: dict[str, list[float]]) -> None:
    data = CategoryChartData()
    data.categories = [shorten(c, 40) for c in categories]
    for name, values in series.items():
        data.add_series(name, values)
    top = Inches(1.5)
    frame = slide.shapes.add_chart(
        kind, Inches(0.6), top, WIDTH - Inches(1.2), HEIGHT - top - Inches(0.4), data
    )
    chart = frame.chart
    plot = chart.plots[0]
    plot.has_data_labels = True
    plot.data_labels.font.size = Pt(SMALL_PT)
    plot.data_labels.number_format = "0"
    plot.data_labels.number_format_is_linked = False
    chart.has_title = False  # the slide's title says it
    chart.has_legend = len(series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(SMALL_PT)
    chart.category_axis.tick_labels.font.size = Pt(SMALL_PT)
    chart.value_axis.tick_labels.font.size = Pt(SMALL_PT)


def _nothing(slide) -> None:
    box = slide.shapes.add_textbox(Inches(0.6), Inches(1.6), WIDTH - Inches(1.2), Inches(1))
    _lines(box.text_frame, [], BODY_PT)


def _population(city: dict) -> str:
    if city["population"] is None:
        return t("export.population_unknown")
    return t("export.population", population=format_whole(city["population"]))


def _add(prs, slide: Slide) -> None:
    if slide.kind == "title":
        page = prs.slides.add_slide(prs.slide_layouts[TITLE])
        _title(page, slide.title)
        data = slide.data
        figures = " · ".join(f"{k}: {v}" for k, v in data["figures"].items())
        lines = [
            data["subtitle"],
            t("export.period", period=data["period"]),
            t("export.coordinator", coordinator=data["coordinator"]) if data["coordinator"] else "",
            figures,
            t("export.data_date", date=data["data_date"]),
        ]
        _lines(page.placeholders[1].text_frame, [x for x in lines if x], SMALL_PT)
    elif slide.kind == "map":
        page = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
        _title(page, slide.title)
        top = Inches(1.4)
        height = HEIGHT - top - Inches(0.2)
        width = int(height * 16 / 9)
        page.shapes.add_picture(
            io.BytesIO(map_png(slide.data["places"], slide.data["links"])),
            int((WIDTH - width) / 2),
            top,
            width,
            height,
        )
    elif slide.kind == "pair":
        page = prs.slides.add_slide(prs.slide_layouts[TWO_CONTENT])
        _title(page, slide.title)
        data = slide.data
        for index, (side, role, own) in enumerate(
            [
                (data["mentor"], t("export.mentor"), data["strengths"]),
                (data["mentee"], t("export.mentee"), data["challenges"]),
            ]
        ):
            heading = t("export.strengths") if index == 0 else t("export.challenges")
            lines = [f"{role}: {side['name']} ({side['country']})", _population(side)]
            if index == 0:
                lines += [
                    t("export.visits", done=data["visits_done"], total=data["visits_total"]),
                    t("export.progress", done=data["steps_done"], total=data["steps_total"]),
                ]
            else:
                outcomes = ", ".join(o["title"] for o in data["outcomes"]) or t("export.none")
                lines.append(f"{t('export.outcomes_of_pair')}: {outcomes}")
            lines += [f"{heading}: " + "; ".join(own)] if own else []
            _lines(page.placeholders[index + 1].text_frame, lines, SMALL_PT, 6, PAIR_CHARS)
    elif slide.kind == "partners":
        page = prs.slides.add_slide(prs.slide_layouts[CONTENT])
        _title(page, slide.title)
        frame = slide.data["partners"]
        lines = [
            ", ".join(
                x for x in (r["name"], r["city_name"], country_name(r["country"])) if known(x)
            )
            for r in frame.to_dict("records")
        ]
        _lines(page.placeholders[1].text_frame, lines or [t("export.partners_none")])
    elif slide.kind == "timeline":
        page = prs.slides.add_slide(prs.slide_layouts[CONTENT])
        _title(page, slide.title)
        frame = slide.data["activities"]
        lines = [
            f"{r['when']} · {r['kind_label']} · {r['title']}" for r in frame.to_dict("records")
        ]
        _lines(page.placeholders[1].text_frame, lines, SMALL_PT, 12)
    elif slide.kind == "outcomes":
        page = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
        _title(page, slide.title)
        counts = slide.data["counts"]
        if counts:
            _chart(
                page,
                XL_CHART_TYPE.COLUMN_CLUSTERED,
                list(counts),
                {t("export.outcomes_chart"): list(counts.values())},
            )
        else:
            _nothing(page)
    elif slide.kind == "indicators":
        page = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
        _title(page, slide.title)
        frame = slide.data["indicators"].head(MAX_BARS)
        if not frame.empty:
            _chart(
                page,
                XL_CHART_TYPE.BAR_CLUSTERED,
                list(frame["name"]),
                {
                    t("export.latest"): [_number(v) for v in frame["latest_value"]],
                    t("export.target"): [_number(v) for v in frame["target"]],
                },
            )
        else:
            _nothing(page)
    elif slide.kind == "sources":
        page = prs.slides.add_slide(prs.slide_layouts[CONTENT])
        _title(page, slide.title)
        _lines(page.placeholders[1].text_frame, slide.data["sources"], 12, 16)
        _notes(page, slide.data["sources"])
        return
    else:
        raise ValueError(f"no deck layout for slide kind {slide.kind!r}")
    _notes(page, slide.sources)


def _number(value: object) -> float | None:
    return float(value) if known(value) else None


def _progress_slide(prs, pairs: pd.DataFrame) -> None:
    """Steps done per pair, as a share of the plan, between the map and the pair slides."""
    page = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    _title(page, t("export.progress_chart"))
    data = pairs.head(MAX_BARS)
    _chart(
        page,
        XL_CHART_TYPE.BAR_CLUSTERED,
        list(data["label"]),
        {t("export.progress_col"): [float(v) if known(v) else 0.0 for v in data["steps_pct"]]},
    )


def deck(sequence: list[Slide]) -> bytes:
    prs = Presentation()
    _widen_template(prs)
    for slide in sequence:
        _add(prs, slide)
        if slide.kind == "map" and not slide.data["links"].empty:
            _progress_slide(prs, slide.data["links"])
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
