"""Action plans: every step across pairs with status, progress, owner, due date and lateness."""

import streamlit as st

from mentoring_data import charts, dashboard
from mentoring_data.dashboard import known
from mentoring_data.messages import label, t
from mentoring_data.page_frame import (
    format_date,
    programme_selector,
    start_page,
    url_multiselect,
    url_selectbox,
)

STEP_STATUSES = ["not-started", "in-progress", "done", "blocked", "dropped"]

start_page("plans.title")
st.title(t("plans.title"))
programme_id = programme_selector()
choices = dashboard.pair_choices(programme_id)
pair_labels = {pid: f"{m} → {e}" for pid, m, e in
               zip(choices["pair_id"], choices["mentor_name"], choices["mentee_name"],
                   strict=True)}
owners = dashboard.step_owners(programme_id)
filters = st.columns(3)
with filters[0]:
    pair_id = url_selectbox(t("plans.pair_filter"), ["", *pair_labels], "pair",
                         lambda p: pair_labels.get(p, t("plans.all_pairs")))
with filters[1]:
    statuses = url_multiselect(t("plans.status_filter"), STEP_STATUSES, "status",
                              lambda s: label("status", s),
                              t("plans.all_statuses"))
with filters[2]:
    owner = url_selectbox(t("plans.owner_filter"), ["", *owners], "owner",
                         lambda o: o or t("plans.all_owners"))

steps = dashboard.steps(programme_id, pair_id=pair_id or None, statuses=statuses,
                        owner=owner or None)
if steps.empty:
    st.info(t("plans.empty"))
    st.stop()

late = steps["days_late"].notna().sum()
with st.container(horizontal=True):
    st.metric(t("plans.metric_steps"), len(steps), border=True)
    st.metric(t("plans.metric_done"), int((steps["status"] == "done").sum()), border=True)
    st.metric(t("plans.metric_late"), int(late), border=True)

table = steps.assign(
    pair_label=[f"{m} → {e}" for m, e in zip(steps["mentor_name"], steps["mentee_name"],
                                             strict=True)],
    status_label=steps["status"].map(lambda s: label("status", s)),
    owner=[o if known(o) else "" for o in steps["owner"]],
    due=[format_date(d, p) for d, p in zip(steps["due_date"], steps["due_precision"],
                                           strict=True)],
    lateness=[t("plans.days_late", days=int(d)) if known(d) else ""
              for d in steps["days_late"]],
)
st.dataframe(table[["pair_label", "title", "owner", "status_label", "progress", "due",
                    "lateness", "evidence"]],
             hide_index=True, column_config={
                 "pair_label": t("col.pair"), "title": t("col.step"), "owner": t("col.owner"),
                 "status_label": t("col.status"),
                 "progress": st.column_config.ProgressColumn(t("col.progress"), min_value=0,
                                                             max_value=100, format="%d %%"),
                 "due": t("col.due"), "lateness": t("col.lateness"),
                 "evidence": st.column_config.LinkColumn(t("col.evidence"))})
st.caption(t("plans.progress_note"))

st.subheader(t("plans.burnup_heading"))
burnup = dashboard.plan_burnup(programme_id, pair_id=pair_id or None)
if burnup.empty:
    st.info(t("plans.burnup_empty"))
else:
    totals = steps[steps["status"] != "dropped"].groupby("plan_title").size().to_dict()
    st.plotly_chart(charts.burnup_chart(burnup, totals), key="burnup",
                    config={"displaylogo": False})
    st.caption(t("plans.burnup_note"))
