"""Indicators: each one's values over time against its target."""

import streamlit as st

from mentoring_data.locale_format import format_number
from mentoring_data.messages import t
from mentoring_data.ui import alternatives
from mentoring_data.ui.page_frame import start_page
from mentoring_data.ui.url_state import programme_selector
from mentoring_data.ui.widgets import cached_chart, plain, sources_list
from mentoring_data.views import charts, dashboard
from mentoring_data.views.formatting import format_date

CHART_LIMIT = 6  # beyond this the page lists the indicators and charts the first ones

start_page("indicators.title")
st.title(t("indicators.title"))
programme_id = programme_selector()
latest = dashboard.indicator_latest(programme_id)
if latest.empty:
    st.info(t("indicators.empty"))
    st.stop()
names = dashboard.programme_names()
if len(latest) > CHART_LIMIT:
    st.caption(t("indicators.many", total=len(latest), shown=CHART_LIMIT))
    st.dataframe(
        latest.assign(
            programme=latest["programme_id"].map(names),
            latest_date=[format_date(d) for d in latest["latest_date"]],
        )[["programme", "name", "latest_value", "target", "unit", "latest_date"]],
        hide_index=True,
        placeholder="—",
        column_config={
            "programme": t("col.programme"),
            "name": t("col.indicator"),
            "latest_value": t("col.latest"),
            "target": t("col.target"),
            "unit": t("col.unit"),
            "latest_date": t("col.date"),
        },
    )
for history in dashboard.indicator_histories(programme_id, CHART_LIMIT):
    with st.container(border=True):
        st.caption(plain(names.get(history.programme_id, history.programme_id)))
        if history.values.empty:
            st.markdown(f"**{plain(history.name)}**")
            st.info(t("indicators.no_values"))
            continue
        figure = cached_chart(
            "indicator",
            (history.programme_id, history.indicator_id),
            lambda h=history: charts.indicator_chart(h.values, h.name, h.unit, h.target),
        )
        st.plotly_chart(
            figure,
            key=f"indicator_{history.programme_id}_{history.indicator_id}",
            config={"displaylogo": False},
        )
        alternatives.indicator(history.name, history.values, history.unit, history.target)
        last = history.values.iloc[-1]
        st.markdown(
            t(
                "indicators.latest",
                value=format_number(last["value"]),
                unit=history.unit or "",
                date=format_date(last["value_date"], last["value_precision"]),
            )
        )
        sources_list(history.sources)
