"""Timeline: the programme's phases and every activity, filterable by pair and kind."""

import streamlit as st

from mentoring_data.format.models import ActivityKind, choices
from mentoring_data.messages import label, t
from mentoring_data.ui import alternatives
from mentoring_data.ui.page_frame import start_page
from mentoring_data.ui.url_state import programme_selector, url_multiselect, url_selectbox
from mentoring_data.ui.widgets import cached_chart
from mentoring_data.views import charts, dashboard

ACTIVITY_KINDS = list(choices(ActivityKind))
TIMELINE_ROW_LIMIT = 60  # more rows than this cannot be read on one chart

start_page("timeline.title")
st.title(t("timeline.title"))
programme_id = programme_selector()
pair_labels = dashboard.pair_labels(programme_id)
filters = st.columns(2)
with filters[0]:
    pair_id = url_selectbox(
        t("timeline.pair_filter"),
        ["", *pair_labels],
        "pair",
        lambda p: pair_labels.get(p, t("timeline.all_pairs")),
    )
with filters[1]:
    kinds = url_multiselect(
        t("timeline.kind_filter"),
        ACTIVITY_KINDS,
        "kind",
        lambda k: label("activity_kind", k),
        t("timeline.all_kinds"),
    )

activities = dashboard.activities(programme_id, pair_id=pair_id or None, kinds=kinds)
periods = dashboard.programme_periods(programme_id)
if activities.empty:
    st.info(t("timeline.empty"))
    st.stop()
if activities["pair_id"].nunique() + len(periods) > TIMELINE_ROW_LIMIT:
    st.info(t("timeline.too_many_rows", rows=activities["pair_id"].nunique() + len(periods)))
else:
    figure = cached_chart(
        "gantt",
        (programme_id, pair_id, tuple(kinds)),
        lambda: charts.gantt(activities, periods, dashboard.today()),
    )
    st.plotly_chart(
        figure,
        key="gantt",
        config={
            "displaylogo": False,
            "toImageButtonOptions": {"format": "png", "filename": "timeline", "scale": 2},
        },
    )
    st.caption(t("timeline.legend"))
    alternatives.activities(activities)
if (activities["start_precision"] == "month").any():
    st.caption(t("timeline.month_note"))

table = dashboard.activity_table(programme_id, pair_id=pair_id or None, kinds=kinds)
if len(activities) >= dashboard.MAX_TABLE_ROWS:
    st.caption(t("common.first_rows", rows=dashboard.MAX_TABLE_ROWS))
st.dataframe(
    table[
        [
            "when",
            "kind_label",
            "title",
            "pair_label",
            "city_name",
            "mode_label",
            "status_label",
            "participants",
        ]
    ],
    hide_index=True,
    placeholder="—",
    column_config={
        "when": t("col.date"),
        "kind_label": t("col.kind"),
        "title": t("col.title"),
        "pair_label": t("col.pair"),
        "city_name": t("col.city"),
        "mode_label": t("col.mode"),
        "status_label": t("col.status"),
        "participants": t("col.participants"),
    },
)
