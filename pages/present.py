"""Slide mode for a projector: /present?programme=ID[&pair=ID][&slide=N][&kiosk=SECONDS].

Draws the shared slide model (mentoring_data.slides) one slide per view; with kiosk= it
advances by itself and starts again, reading the data afresh on every pass."""

import time

import streamlit as st

from mentoring_data.messages import t
from mentoring_data.ui import alternatives
from mentoring_data.ui.page_frame import start_page
from mentoring_data.ui.presenting import parse_kiosk, parse_slide_number, presentation_style
from mentoring_data.ui.widgets import network_map, plain, sources_list
from mentoring_data.views import dashboard, slides

# fits under the heading and above the controls on a 1280x720 projector
MAP_HEIGHT, MAP_WIDTH = 400, 1200

start_page("present.title", navigation=False)
presentation_style()

names = dashboard.programme_names()
programme_id = st.query_params.get("programme")
if programme_id not in names:
    if not names:
        st.title(t("present.title"))
        st.info(t("present.no_programmes"))
        st.stop()
    if programme_id:
        st.warning(t("present.unknown_programme", programme=programme_id))
    programme_id = "inclucities" if "inclucities" in names else next(iter(names))
    st.query_params["programme"] = programme_id

pair_id = st.query_params.get("pair") or None
kiosk, kiosk_problem = parse_kiosk(st.query_params.get("kiosk"))
if kiosk_problem:
    st.warning(t("present.bad_kiosk", value=st.query_params.get("kiosk")))


def deck() -> list[slides.Slide]:
    global pair_id
    if pair_id is not None:
        try:
            return slides.slides(programme_id, pair_id)
        except slides.UnknownSubject:
            st.warning(t("present.unknown_pair", pair=pair_id))
            st.query_params.pop("pair", None)
            pair_id = None
    return slides.slides(programme_id)


def go_to(number: int) -> None:
    st.query_params["slide"] = str(number)
    st.session_state["present_shown_at"] = time.monotonic()


def draw(slide: slides.Slide) -> None:
    """Few words, big figures: the heading, then what the slide's kind shows best."""
    data = slide.data
    st.markdown(f"# {plain(slide.title)}")
    figures: dict = {}
    if slide.kind == "title":
        if data.get("subtitle"):
            st.markdown(f"## {plain(data['subtitle'])}")
        figures = data.get("figures", {})
    elif slide.kind == "pair":
        st.markdown(f"## {plain(data['status'])}")
        figures = {
            t("col.visits_done"): f"{data['visits_done']} / {data['visits_total']}",
            t("col.steps_done"): f"{data['steps_done']} / {data['steps_total']}",
            t("col.outcomes"): len(data["outcomes"]),
        }
    elif slide.kind == "outcomes":
        figures = data.get("counts", {})
    if figures:
        for column, (caption, value) in zip(st.columns(len(figures)), figures.items(), strict=True):
            column.metric(caption, value)
    if slide.kind == "map":
        network_map(programme_id, key="present_map", height=MAP_HEIGHT, width_px=MAP_WIDTH)
        alternatives.network(programme_id)
    if slide.kind == "sources":
        if data.get("sources"):
            sources_list(list(data["sources"])[:10], heading_key="present.sources_heading")
        else:
            st.info(t("present.no_sources"))


@st.fragment(run_every=kiosk)
def presentation() -> None:
    sequence = deck()
    total = len(sequence)
    number, problem = parse_slide_number(st.query_params.get("slide"), total)
    if problem and not st.session_state.get("present_warned"):
        st.warning(t("present.unknown_slide", value=st.query_params.get("slide"), total=total))
        st.session_state["present_warned"] = True
    shown_at = st.session_state.get("present_shown_at")
    # a timer run (not a click or the first view) moves on once the slide has had its time
    now = time.monotonic()
    due = bool(kiosk) and shown_at is not None and now - shown_at >= kiosk * 0.9
    if due:
        number = number % total + 1
    if st.query_params.get("slide") != str(number):
        st.query_params["slide"] = str(number)
    if shown_at is None or due:
        st.session_state["present_shown_at"] = now
    draw(sequence[number - 1])
    controls = st.container(key="present_controls")
    back, counter, forward = controls.columns([1, 2, 1], vertical_alignment="center")
    back.button(
        t("present.previous"),
        key="present_previous",
        icon=":material/arrow_back:",
        shortcut="ArrowLeft",
        on_click=go_to,
        args=(total if number == 1 else number - 1,),
        width="stretch",
    )
    counter.markdown(f"<p class='slide-counter'>{number} / {total}</p>", unsafe_allow_html=True)
    forward.button(
        t("present.next"),
        key="present_next",
        icon=":material/arrow_forward:",
        shortcut="ArrowRight",
        on_click=go_to,
        args=(1 if number == total else number + 1,),
        width="stretch",
    )


presentation()
