"""The slide sequence as a 16:9 PowerPoint deck.

Slides use the default template's layouts and placeholders, so a presenter can apply any theme;
charts are native PowerPoint charts (their numbers stay editable), the map is a picture.
"""

from __future__ import annotations

import io

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu, Inches, Pt

from mentoring_data.exports.drawing import map_png, shorten
from mentoring_data.locale_format import country_name, format_whole
from mentoring_data.messages import labelled, t
from mentoring_data.views.formatting import known
from mentoring_data.views.slides import Slide

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 × 7.5 in, exactly 16:9
# the default template's layouts
TITLE, CONTENT, TWO_CONTENT, TITLE_ONLY = 0, 1, 3, 5
BODY_PT = 16
SMALL_PT = 14
TITLE_CHARS = 70
ONE_LINE_TITLE = 36  # characters that fit one line at the template's 44 pt
FULL_WIDTH_CHARS = 150  # two lines across the slide at 16 pt
LINE_CHARS = 95
PAIR_CHARS = 110  # a half-width column at 14 pt: two lines
PAIR_ITEMS = 3  # strengths or challenges per city
SUBTITLE_PT = 20
INK = RGBColor(0x1E, 0x28, 0x32)
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
    shape = slide.shapes.title
    shape.text = shorten(text, TITLE_CHARS)
    if len(shape.text) > ONE_LINE_TITLE:  # a size down keeps a long pair name on one line
        for run in shape.text_frame.paragraphs[0].runs:
            run.font.size = Pt(32)


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


def _chart(
    slide, kind, categories: list[str], series: dict[str, list[float]], counts: bool = False
) -> None:
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
    if counts:  # whole numbers: no axis step of half an outcome
        chart.value_axis.major_unit = 1 if max(max(v) for v in series.values()) <= 10 else None
        chart.value_axis.tick_labels.number_format = "0"
        chart.value_axis.tick_labels.number_format_is_linked = False


def _nothing(slide) -> None:
    box = slide.shapes.add_textbox(Inches(0.6), Inches(1.6), WIDTH - Inches(1.2), Inches(1))
    _lines(box.text_frame, [], BODY_PT)


def _pair(page, data: dict) -> None:
    """Mentor and mentee side by side, each with what it brings or needs; the pair's theme
    above them and its figures below."""
    theme = " · ".join(x for x in (data["status"].capitalize(), data["theme"]) if x)
    _box(page, Inches(1.5), Inches(0.55), [shorten(theme, LINE_CHARS)], SMALL_PT + 2)
    sides = (
        (data["mentor"], t("export.mentor"), t("export.strengths"), data["strengths"]),
        (data["mentee"], t("export.mentee"), t("export.challenges"), data["challenges"]),
    )
    for placeholder, (city, role, heading, items) in zip(
        (page.placeholders[1], page.placeholders[2]), sides, strict=True
    ):
        # all four written: a placeholder given only some of them puts the rest at zero
        left, width = placeholder.left, placeholder.width
        placeholder.left, placeholder.width = left, width
        placeholder.top, placeholder.height = Inches(2.1), Inches(3.75)
        country = f" ({city['country']})" if city["country"] else ""
        shown = [shorten(i, PAIR_CHARS) for i in items[:PAIR_ITEMS]] or [t("export.none")]
        if len(items) > PAIR_ITEMS:
            shown.append(t("export.more", count=len(items) - PAIR_ITEMS))
        frame = placeholder.text_frame
        frame.word_wrap = True
        frame.text = ""
        rows = [(labelled(role, city["name"] + country), 0, True), (_population(city), 0, False)]
        rows += [(heading, 0, True)] + [(item, 1, False) for item in shown]
        for index, (text, level, bold) in enumerate(rows):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            paragraph.text, paragraph.level = shorten(text, PAIR_CHARS), level
            if level == 0:
                _no_bullet(paragraph)
            for run in paragraph.runs:
                run.font.size, run.font.bold = Pt(SMALL_PT + 2 if level == 0 else SMALL_PT), bold
    outcomes = ", ".join(o["title"] for o in data["outcomes"]) or t("export.none")
    figures = [
        " · ".join(
            [
                t("export.visits", done=data["visits_done"], total=data["visits_total"]),
                t("export.progress", done=data["steps_done"], total=data["steps_total"]),
            ]
        ),
        shorten(labelled(t("export.outcomes_of_pair"), outcomes), FULL_WIDTH_CHARS),
    ]
    _box(page, Inches(5.95), Inches(1.2), figures, BODY_PT)


def _no_bullet(paragraph) -> None:
    properties = paragraph._p.get_or_add_pPr()
    properties.set("marL", "0")
    properties.set("indent", "0")
    properties.insert(0, OxmlElement("a:buNone"))


def _box(page, top, height, lines: list[str], size: int) -> None:
    box = page.shapes.add_textbox(Inches(0.66), top, WIDTH - Inches(1.33), height)
    box.text_frame.word_wrap = True
    for index, line in enumerate(lines):
        paragraph = box.text_frame.paragraphs[0] if index == 0 else box.text_frame.add_paragraph()
        paragraph.text = line
        for run in paragraph.runs:
            run.font.size = Pt(size)


def _population(city: dict) -> str:
    if city["population"] is None:
        return t("export.population_unknown")
    return t("export.population", population=format_whole(city["population"]))


def _add(prs, slide: Slide) -> None:
    if slide.kind == "title":
        page = prs.slides.add_slide(prs.slide_layouts[TITLE])
        _title(page, slide.title)
        data = slide.data
        figures = " · ".join(labelled(k, v) for k, v in data["figures"].items())
        lines = [
            data["subtitle"],
            t("export.period", period=data["period"]),
            t("export.coordinator", coordinator=data["coordinator"]) if data["coordinator"] else "",
            figures,
            t("export.data_date", date=data["data_date"]),
        ]
        _lines(page.placeholders[1].text_frame, [x for x in lines if x], SUBTITLE_PT)
        for paragraph in page.placeholders[1].text_frame.paragraphs:
            for run in paragraph.runs:
                run.font.color.rgb = INK  # the template's pale grey is lost on a projector
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
        _pair(page, slide.data)
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
                counts=True,
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
