"""The mentoring network full-size: mentor→mentee arcs over offline country outlines."""

import streamlit as st

from mentoring_data.messages import t
from mentoring_data.ui import alternatives
from mentoring_data.ui.page_frame import start_page
from mentoring_data.ui.url_state import programme_selector
from mentoring_data.ui.widgets import network_map

start_page("map.title")
st.title(t("map.title"))
programme_id = programme_selector()
network_map(programme_id, key="network_map", height=720, width_px=1100)
alternatives.network(programme_id)
st.caption(t("map.credit"))
