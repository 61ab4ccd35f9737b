"""Timeline: the programme's phases and every activity, filterable by pair and kind."""

import streamlit as st

from mentoring_data import charts, dashboard
from mentoring_data.messages import label, t
from mentoring_data.dashboard import known
from mentoring_data.page_frame import (
    format_date,
    programme_selector,
    start_page,
    url_multiselect,
    url_selectbox,
)

ACTIVITY_KINDS = ["kick-off", "study-visit", "transfer-workshop", "training-academy", "training",
                  "workshop", "steering-committee", "conference", "campaign", "exhibition",
                  "meeting", "other"]

start_page("timeline.title")
st.title(t("timeline.title"))
programme_id = programme_selector()
choices = dashboard.pair_choices(programme_id)
pair_labels = {pid: f"{m} → {e}" for pid, m, e in
               zip(choices["pair_id"], choices["mentor_name"], choices["mentee_name"],
                   strict=True)}
filters = st.columns(2)
with filters[0]:
    pair_id = url_selectbox(t("timeline.pair_filter"), ["", *pair_labels], "pair",
                         lambda p: pair_labels.get(p, t("timeline.all_pairs")))
with filters[1]:
    kinds = url_multiselect(t("timeline.kind_filter"), ACTIVITY_KINDS, "kind",
                              lambda k: label("activity_kind", k),
                              t("timeline.all_kinds"))

activities = dashboard.activities(programme_id, pair_id=pair_id or None, kinds=kinds)
periods = dashboard.programme_periods(programme_id)
if activities.empty:
    st.info(t("timeline.empty"))
    st.stop()
st.plotly_chart(charts.gantt(activities, periods, dashboard.today()), key="gantt",
                config={"displaylogo": False,
                        "toImageButtonOptions": {"format": "png", "filename": "timeline",
                                                 "scale": 2}})
st.caption(t("timeline.legend"))
if (activities["start_precision"] == "month").any():
    st.caption(t("timeline.month_note"))

table = activities.assign(
    when=[format_date(d, p) for d, p in zip(activities["start_date"],
                                            activities["start_precision"], strict=True)],
    kind_label=activities["kind"].map(lambda k: label("activity_kind", k)),
    status_label=activities["status"].map(lambda s: label("status", s)),
    mode_label=[label("mode", m) if known(m) else "" for m in activities["mode"]],
    city_name=[c if known(c) else "" for c in activities["city_name"]],
    participants=[int(n) if known(n) else None for n in activities["participants"]],
    pair_label=[f"{m} → {e}" if known(m) else t("timeline.programme_wide")
                for m, e in zip(activities["mentor_name"], activities["mentee_name"],
                                strict=True)],
)
st.dataframe(table[["when", "kind_label", "title", "pair_label", "city_name", "mode_label",
                    "status_label", "participants"]],
             hide_index=True, column_config={
                 "when": t("col.date"), "kind_label": t("col.kind"), "title": t("col.title"),
                 "pair_label": t("col.pair"), "city_name": t("col.city"),
                 "mode_label": t("col.mode"), "status_label": t("col.status"),
                 "participants": t("col.participants")})
