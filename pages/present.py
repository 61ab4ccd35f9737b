"""Slide mode for a projector: /present?programme=ID[&pair=ID][&slide=N][&kiosk=SECONDS].

Draws the shared slide model (mentoring_data.slides) one slide per view; with kiosk= it
advances by itself and starts again, reading the data afresh on every pass."""

import time

import streamlit as st

from mentoring_data.messages import t
from mentoring_data.ui.downloads import export_downloads
from mentoring_data.ui.page_frame import start_page
from mentoring_data.ui.presenting import (
    draw_slide,
    parse_kiosk,
    parse_slide_number,
    presentation_style,
)
from mentoring_data.views import dashboard, slides

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


def deck() -> slides.Outline:
    """Which slides there are; each is built only when it is shown."""
    global pair_id
    if pair_id is not None:
        try:
            return slides.outline(programme_id, pair_id)
        except slides.UnknownSubject:
            st.warning(t("present.unknown_pair", pair=pair_id))
            st.query_params.pop("pair", None)
            pair_id = None
    return slides.outline(programme_id)


def go_to(number: int) -> None:
    st.query_params["slide"] = str(number)
    st.session_state["present_shown_at"] = time.monotonic()


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
    slide = slides.slide_at(sequence, number)
    draw_slide(slide, programme_id)
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
    middle = counter.container(
        horizontal=True, horizontal_alignment="center", vertical_alignment="center"
    )
    middle.markdown(f"<p class='slide-counter'>{number} / {total}</p>", unsafe_allow_html=True)
    if slide.kind == "sources" and not kiosk:
        # the closing slide offers the same slides to take away
        with middle.popover(t("downloads.menu"), icon=":material/download:"):
            export_downloads(programme_id, pair_id, key="present_export")
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
