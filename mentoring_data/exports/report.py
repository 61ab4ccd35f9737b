"""The slide sequence as an A4 PDF report, with embedded fonts and numbered pages."""

from __future__ import annotations

import io

from fpdf import FPDF
from fpdf.fonts import FontFace

from mentoring_data.exports.drawing import FONT_BOLD, FONT_REGULAR, map_png, shorten
from mentoring_data.locale_format import country_name, format_number, format_whole
from mentoring_data.messages import labelled, t
from mentoring_data.views.formatting import known
from mentoring_data.views.slides import Slide

FAMILY = "DejaVu"
INK = (30, 40, 50)
MUTED = (90, 100, 110)
HEAD_FILL = (222, 233, 242)


class _Report(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, size=8)
        self.set_text_color(*MUTED)
        self.cell(0, 6, t("export.page", page=self.page_no(), pages="{nb}"), align="C")


def _heading(pdf: FPDF, text: str, size: int = 16) -> None:
    pdf.set_font(FAMILY, "B", size)
    pdf.set_text_color(*INK)
    pdf.multi_cell(0, size * 0.5, shorten(text, 160), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _para(pdf: FPDF, text: str, size: int = 10) -> None:
    pdf.set_font(FAMILY, size=size)
    pdf.set_text_color(*INK)
    pdf.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _bullets(pdf: FPDF, title: str, items: list[str]) -> None:
    pdf.set_font(FAMILY, "B", 10)
    pdf.cell(0, 6, title, new_x="LMARGIN", new_y="NEXT")
    _para(pdf, "\n".join(f"• {i}" for i in items) if items else t("export.none"))


def _table(pdf: FPDF, header: list[str], rows: list[list[str]], widths: tuple) -> None:
    """A table whose header row is printed again on every page it runs onto."""
    pdf.set_font(FAMILY, size=9)
    with pdf.table(
        col_widths=widths,
        repeat_headings=1,
        headings_style=FontFace(emphasis="BOLD", fill_color=HEAD_FILL),
        line_height=5,
        text_align="LEFT",
    ) as table:
        table.row(header)
        for row in rows:
            table.row([str(c) for c in row])
    pdf.ln(3)


def _section(pdf: FPDF, slide: Slide) -> None:
    data = slide.data
    if slide.kind == "title":
        pdf.set_y(70)
        _heading(pdf, slide.title, 26)
        if data["subtitle"]:
            _para(pdf, data["subtitle"], 13)
        _para(pdf, t("export.period", period=data["period"]), 12)
        if data["coordinator"]:
            _para(pdf, t("export.coordinator", coordinator=data["coordinator"]), 12)
        _para(pdf, t("export.data_date", date=data["data_date"]), 12)
        pdf.ln(6)
        _table(pdf, list(data["figures"]), [list(data["figures"].values())], (1, 1, 1, 1))
        return
    pdf.add_page()
    _heading(pdf, slide.title)
    if slide.kind == "map":
        pdf.image(io.BytesIO(map_png(data["places"], data["links"])), w=pdf.epw)
        rows = [
            [r["label"], f"{r['steps_done']}/{r['steps_total']}", f"{r['visits_done']}"]
            for r in data["links"].to_dict("records")
        ]
        if rows:
            pdf.ln(3)
            header = [t("export.pair"), t("export.progress_col"), t("export.figure_visits")]
            _table(pdf, header, rows, (4, 1, 1))
    elif slide.kind == "partners":
        rows = [
            [
                r["name"],
                r["city_name"] if known(r["city_name"]) else "",
                country_name(r["country"]) if known(r["country"]) else "",
            ]
            for r in data["partners"].to_dict("records")
        ]
        if rows:
            _table(
                pdf,
                [t("export.partners_title"), t("export.city"), t("export.country")],
                rows,
                (3, 2, 1),
            )
        else:
            _para(pdf, t("export.partners_none"))
    elif slide.kind == "pair":
        if data["theme"]:
            _para(pdf, labelled(t("pair.theme"), data["theme"]), 11)
        for role, city in (
            (t("export.mentor"), data["mentor"]),
            (t("export.mentee"), data["mentee"]),
        ):
            population = (
                t("export.population", population=format_whole(city["population"]))
                if city["population"] is not None
                else t("export.population_unknown")
            )
            _para(pdf, labelled(role, f"{city['name']} ({city['country']}) · {population}"))
        _para(pdf, t("export.visits", done=data["visits_done"], total=data["visits_total"]))
        _para(pdf, t("export.progress", done=data["steps_done"], total=data["steps_total"]))
        # whose: the mentee brings its challenges, the mentor its strengths
        _bullets(pdf, f"{t('export.challenges')} · {data['mentee']['name']}", data["challenges"])
        _bullets(pdf, f"{t('export.strengths')} · {data['mentor']['name']}", data["strengths"])
        steps = data["steps"]
        if not steps.empty:
            pdf.set_font(FAMILY, "B", 11)
            pdf.cell(0, 7, t("export.steps_table"), new_x="LMARGIN", new_y="NEXT")
            header = [t("export.step"), t("export.owner"), t("export.status"), t("export.due")]
            rows = [
                [r["title"], r["owner"], r["status_label"], r["due"]]
                for r in steps.to_dict("records")
            ]
            _table(pdf, header, rows, (5, 2, 1.4, 1.4))
        _bullets(
            pdf,
            t("export.outcomes_of_pair"),
            [f"{o['title']} ({o['kind']})" for o in data["outcomes"]],
        )
    elif slide.kind == "timeline":
        rows = [
            [r["when"], r["kind_label"], r["title"], r["pair_label"]]
            for r in data["activities"].to_dict("records")
        ]
        if rows:
            _table(
                pdf,
                [
                    t("export.when"),
                    t("export.kind"),
                    t("export.timeline_title"),
                    t("export.pair"),
                ],
                rows,
                (1.3, 1.3, 4, 2.5),
            )
        else:
            _para(pdf, t("export.none"))
    elif slide.kind == "outcomes":
        rows = [[o["title"], o["kind"], o["status"]] for o in data["items"]]
        if rows:
            _table(
                pdf,
                [t("export.outcomes_title"), t("export.kind"), t("export.status")],
                rows,
                (5, 1.5, 1.5),
            )
        else:
            _para(pdf, t("export.none"))
    elif slide.kind == "indicators":
        frame = data["indicators"]
        rows = [
            [
                r["name"],
                _num(r["latest_value"]),
                _num(r["target"]),
                r["unit"] if known(r["unit"]) else "",
            ]
            for r in frame.to_dict("records")
        ]
        if rows:
            _table(
                pdf,
                [
                    t("export.indicators_title"),
                    t("export.latest"),
                    t("export.target"),
                    t("export.value_unit"),
                ],
                rows,
                (5, 1.2, 1.2, 1.5),
            )
        else:
            _para(pdf, t("export.none"))
    elif slide.kind == "sources":
        pdf.set_font(FAMILY, size=8)
        for url in data["sources"]:
            pdf.multi_cell(0, 4.5, url, link=url, new_x="LMARGIN", new_y="NEXT")
    else:
        raise ValueError(f"no report section for slide kind {slide.kind!r}")


def _num(value: object) -> str:
    return format_number(float(value)) if known(value) else "—"


def report(sequence: list[Slide]) -> bytes:
    pdf = _Report(format="A4")
    pdf.set_title(sequence[0].title if sequence else "")
    pdf.add_font(FAMILY, "", str(FONT_REGULAR))
    pdf.add_font(FAMILY, "B", str(FONT_BOLD))
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    for slide in sequence:
        _section(pdf, slide)
    return bytes(pdf.output())
