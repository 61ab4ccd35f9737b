"""Action plans: every step across pairs with status, progress, owner, due date and lateness."""

import streamlit as st

from mentoring_data.exports import downloads
from mentoring_data.format.models import StepStatus, choices
from mentoring_data.messages import label, speaking_current_language, t
from mentoring_data.ui import alternatives
from mentoring_data.ui.page_frame import start_page
from mentoring_data.ui.url_state import programme_selector, url_multiselect, url_selectbox
from mentoring_data.ui.widgets import cached_chart
from mentoring_data.views import charts, dashboard
from mentoring_data.views.formatting import percent_column_format

STEP_STATUSES = list(choices(StepStatus))

start_page("plans.title")
st.title(t("plans.title"))
programme_id = programme_selector()
pair_labels = dashboard.pair_labels(programme_id)
owners = dashboard.step_owners(programme_id)
filters = st.columns(3)
with filters[0]:
    pair_id = url_selectbox(
        t("plans.pair_filter"),
        ["", *pair_labels],
        "pair",
        lambda p: pair_labels.get(p, t("plans.all_pairs")),
    )
with filters[1]:
    statuses = url_multiselect(
        t("plans.status_filter"),
        STEP_STATUSES,
        "status",
        lambda s: label("status", s),
        t("plans.all_statuses"),
    )
with filters[2]:
    owner = url_selectbox(
        t("plans.owner_filter"), ["", *owners], "owner", lambda o: o or t("plans.all_owners")
    )

selection = {
    "programme_id": programme_id,
    "pair_id": pair_id or None,
    "statuses": statuses,
    "owner": owner or None,
}
counts = dashboard.step_counts(**selection)
if not counts["steps"]:
    st.info(t("plans.empty"))
    st.stop()

steps_col, done_col, late_col = st.columns(3)
steps_col.metric(t("plans.metric_steps"), counts["steps"], border=True)
done_col.metric(t("plans.metric_done"), counts["done"], border=True)
late_col.metric(t("plans.metric_late"), counts["late"], border=True)

table = dashboard.step_table(**selection)
if counts["steps"] > len(table):
    st.caption(t("common.first_rows", rows=len(table)))
st.dataframe(
    table[
        ["pair_label", "title", "owner", "status_label", "progress", "due", "lateness", "evidence"]
    ],
    hide_index=True,
    placeholder="—",
    column_config={
        "pair_label": t("col.pair"),
        "title": t("col.step"),
        "owner": t("col.owner"),
        "status_label": t("col.status"),
        "progress": st.column_config.ProgressColumn(
            t("col.progress"), min_value=0, max_value=100, format=percent_column_format()
        ),
        "due": t("col.due"),
        "lateness": t("col.lateness"),
        "evidence": st.column_config.LinkColumn(t("col.evidence")),
    },
)
st.caption(t("plans.progress_note"))
csv_col, excel_col, _ = st.columns([1, 1, 3])
csv_col.download_button(
    t("plans.download_csv"),
    data=speaking_current_language(lambda: downloads.steps_csv(table)),
    file_name="action-plan-steps.csv",
    mime="text/csv",
    on_click="ignore",
    icon=":material/download:",
)
excel_col.download_button(
    t("plans.download_excel"),
    data=speaking_current_language(lambda: downloads.steps_excel(table)),
    file_name="action-plan-steps.xlsx",
    on_click="ignore",
    icon=":material/download:",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)

st.header(t("plans.burnup_heading"))
burnup = dashboard.plan_burnup(programme_id, pair_id=pair_id or None)
if burnup.empty:
    st.info(t("plans.burnup_empty"))
else:
    totals = dashboard.plan_step_totals(programme_id, pair_id=pair_id or None)
    figure = cached_chart(
        "burnup", (programme_id, pair_id), lambda: charts.burnup_chart(burnup, totals)
    )
    st.plotly_chart(figure, key="burnup", config={"displaylogo": False})
    alternatives.burnup(burnup, totals)
    st.caption(t("plans.burnup_note"))
