"""Timeline: the programme's phases and every activity, filterable by pair and kind."""

import streamlit as st

from mentoring_data import charts, dashboard
from mentoring_data.messages import label, t
from mentoring_data.page_frame import format_date, programme_selector, start_page

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
pair_id = filters[0].selectbox(t("timeline.pair_filter"), ["", *pair_labels], key="pair",
                               bind="query-params",
                               format_func=lambda p: pair_labels.get(p, t("timeline.all_pairs")))
kinds = filters[1].multiselect(t("timeline.kind_filter"), ACTIVITY_KINDS, key="kind",
                               bind="query-params",
                               format_func=lambda k: label("activity_kind", k),
                               placeholder=t("timeline.all_kinds"))

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
    mode_label=activities["mode"].map(lambda m: label("mode", m) if m else ""),
    pair_label=[f"{m} → {e}" if m else t("timeline.programme_wide")
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
