"""Indicators: each one's values over time against its target."""

import streamlit as st

from mentoring_data import charts, dashboard
from mentoring_data.messages import t
from mentoring_data.page_frame import format_date, programme_selector, sources_list, start_page

start_page("indicators.title")
st.title(t("indicators.title"))
programme_id = programme_selector()
series = dashboard.indicator_series(programme_id)
if series.empty:
    st.info(t("indicators.empty"))
    st.stop()
names = dashboard.programme_names()
for (pid, indicator_id), group in series.groupby(["programme_id", "indicator_id"], sort=False):
    first = group.iloc[0]
    with st.container(border=True):
        st.caption(names.get(pid, pid))
        values = group.dropna(subset=["value"])
        if values.empty:
            st.markdown(f"**{first['name']}**")
            st.info(t("indicators.no_values"))
            continue
        st.plotly_chart(charts.indicator_chart(values, first["name"], first["unit"],
                                               first["target"]),
                        key=f"indicator_{pid}_{indicator_id}", config={"displaylogo": False})
        latest = values.iloc[-1]
        st.markdown(t("indicators.latest", value=f"{latest['value']:g}",
                      unit=first["unit"] or "",
                      date=format_date(latest["value_date"], latest["value_precision"])))
        urls = sorted({url for urls in values["sources"] for url in urls})
        sources_list(urls)
