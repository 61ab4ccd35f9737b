"""The mentoring network full-size: mentor→mentee arcs over offline country outlines."""

import streamlit as st

from mentoring_data import charts, dashboard
from mentoring_data.messages import t
from mentoring_data.page_frame import programme_selector, start_page

start_page("map.title")
st.title(t("map.title"))
programme_id = programme_selector()
pairs = dashboard.pair_progress(programme_id)
places = dashboard.map_places(programme_id)
if pairs.empty and places.empty:
    st.info(t("map.empty"))
    st.stop()
if pairs.empty:
    st.info(t("map.no_pairs"))
deck = charts.network_deck(pairs, places, dark=st.context.theme.type == "dark",
                           width_px=1100, height_px=720)
event = st.pydeck_chart(deck, key="network_map", on_select="rerun",
                        selection_mode="single-object", height=720)
picked = event["selection"]["objects"] if event else {}
if picked.get("arcs"):
    arc = picked["arcs"][0]
    st.switch_page("pages/pairs.py",
                   query_params={"programme": arc["programme_id"], "pair": arc["pair_id"]})
if picked.get("cities"):
    st.switch_page("pages/pairs.py", query_params={"place": picked["cities"][0]["id"]})
st.caption(t("map.legend"))
st.caption(t("map.credit"))
