"""Overview: where every pair stands, what is late and what comes next."""

import streamlit as st

from mentoring_data.exports import downloads
from mentoring_data.locale_format import country_name, format_percent_value
from mentoring_data.messages import (
    label,
    labelled,
    speaking_current_language,
    t,
)
from mentoring_data.ui import alternatives
from mentoring_data.ui.downloads import export_downloads
from mentoring_data.ui.page_frame import link_params, start_page
from mentoring_data.ui.url_state import programme_selector
from mentoring_data.ui.widgets import cached_chart, network_map, plain
from mentoring_data.views import charts, dashboard
from mentoring_data.views.formatting import format_date, percent_column_format

start_page("overview.title")
st.title(t("overview.title"))
programme_id = programme_selector()
programmes = dashboard.programmes()
if programmes.empty:
    st.info(t("overview.no_programmes"))
    st.stop()

if programme_id:
    st.download_button(
        t("overview.download_yaml"),
        data=speaking_current_language(lambda: downloads.programme_yaml(programme_id)),
        file_name=f"{programme_id}.yaml",
        mime="application/yaml",
        on_click="ignore",
        icon=":material/download:",
    )
    with st.expander(t("downloads.heading"), icon=":material/co_present:"):
        export_downloads(programme_id, key="overview_export")
if not programme_id:
    # say what "All programmes" adds up, and what kind of programme each one is
    st.caption(
        t(
            "overview.adds_up",
            programmes="; ".join(
                f"{plain(row.name)} ({label('programme_kind', row.kind)})"
                for row in programmes.itertuples()
            ),
        )
    )
figures = dashboard.headline(programme_id)
pairs = dashboard.pair_progress(programme_id)

pair_status = ", ".join(
    # "status: count", as a count before an adjective would have to agree with it
    t("overview.status_count", status=label("status", s), count=str(n))
    for s, n in sorted(figures.pairs_by_status.items())
) or t("overview.no_pairs_short")
steps_value = format_percent_value(figures.steps_pct) if figures.steps_pct is not None else "—"
next_value = (
    t("overview.days", days=figures.days_to_next) if figures.days_to_next is not None else "—"
)
pairs_col, visits_col, steps_col, outcomes_col, next_col = st.columns(5)
pairs_col.metric(
    t("overview.metric_pairs"), sum(figures.pairs_by_status.values()), help=pair_status, border=True
)
visits_col.metric(
    t("overview.metric_visits"),
    f"{figures.visits_done} / {figures.visits_done + figures.visits_planned}",
    help=t("overview.metric_visits_help"),
    border=True,
)
steps_col.metric(
    t("overview.metric_steps"),
    steps_value,
    help=t("overview.metric_steps_help", done=figures.steps_done, total=figures.steps_total),
    border=True,
)
outcomes_col.metric(
    t("overview.metric_outcomes"),
    f"{figures.outcomes_delivered} / {figures.outcomes_total}",
    help=t("overview.metric_outcomes_help"),
    border=True,
)
next_col.metric(
    t("overview.metric_next"),
    next_value,
    border=True,
    help=format_date(figures.next_activity)
    if figures.next_activity
    else t("overview.nothing_planned"),
)
st.caption(t("overview.pairs_by_status", statuses=pair_status))

left, right = st.columns([3, 2], gap="large")
with left:
    st.header(t("overview.map_heading"))
    network_map(programme_id, key="overview_map", height=460, width_px=760)
    alternatives.network(programme_id)
with right:
    st.header(t("overview.progress_heading"))
    if pairs.empty:
        st.info(t("overview.no_pairs"))
        partners = dashboard.partners(programme_id)
        if not partners.empty:
            st.markdown(f"**{t('overview.partners_heading')}**")
            st.dataframe(
                partners.assign(
                    kind=partners["kind"].map(lambda k: label("organisation_kind", k)),
                    country=partners["country"].map(country_name),
                )[["name", "kind", "country", "city_name"]],
                hide_index=True,
                placeholder="—",
                column_config={
                    "name": t("col.organisation"),
                    "kind": t("col.kind"),
                    "country": t("col.country"),
                    "city_name": t("col.city"),
                },
            )
    elif len(pairs) > dashboard.CHART_PAIR_LIMIT:
        buckets = dashboard.pair_progress_buckets(programme_id)
        figure = cached_chart(
            "pair_buckets", (programme_id,), lambda: charts.progress_buckets_chart(buckets)
        )
        st.plotly_chart(figure, key="buckets_chart", config={"displaylogo": False})
        alternatives.progress_buckets(buckets)
    else:
        figure = cached_chart(
            "pair_progress", (programme_id,), lambda: charts.pair_progress_chart(pairs)
        )
        st.plotly_chart(figure, key="progress_chart", config={"displaylogo": False})
        alternatives.pair_progress(pairs)
        for row in pairs.to_dict("records"):
            st.page_link(
                "pages/pairs.py",
                label=plain(row["label"]),
                icon=":material/arrow_forward:",
                query_params=link_params(programme=row["programme_id"], pair=row["pair_id"]),
            )
if len(pairs) > dashboard.CHART_PAIR_LIMIT:
    st.header(t("overview.pairs_table_heading"))
    st.dataframe(
        dashboard.pair_table(programme_id),
        hide_index=True,
        placeholder="—",
        column_config={
            "link": st.column_config.LinkColumn(t("col.pair"), display_text=r"pair=(.*)$"),
            "programme_name": t("col.programme"),
            "status_label": t("col.status"),
            "steps_done": t("col.steps_done"),
            "steps_total": t("col.steps"),
            "steps_pct": st.column_config.ProgressColumn(
                t("col.progress"), min_value=0, max_value=100, format=percent_column_format()
            ),
            "visits_done": t("col.visits_done"),
            "visits_total": t("col.visits"),
        },
    )

late_col, coming_col = st.columns(2, gap="large")
with late_col:
    st.header(t("overview.late_heading"))
    late = dashboard.late_items(programme_id)
    if late.empty:
        st.success(t("overview.nothing_late"))
    else:
        for item in late.to_dict("records"):
            what = (
                t("overview.late_step", days=item["days_late"])
                if item["item_kind"] == "step"
                else t("overview.postponed_activity")
            )
            st.markdown(
                f"- **{plain(item['title'])}**: {what} "
                f"({format_date(item['date'], item['date_precision'])})"
            )
with coming_col:
    st.header(t("overview.next_heading"))
    upcoming = dashboard.upcoming_activities(programme_id)
    if upcoming.empty:
        st.info(t("overview.nothing_upcoming"))
        recent = dashboard.recent_activities(programme_id)
        if not recent.empty:
            st.markdown(f"**{t('overview.recent_heading')}**")
            for item in recent.to_dict("records"):
                st.markdown(
                    "- "
                    + labelled(
                        format_date(item["start_date"], item["start_precision"]),
                        f"{plain(item['title'])} ({label('activity_kind', item['kind'])})",
                    )
                )
    else:
        for item in upcoming.to_dict("records"):
            st.markdown(
                "- "
                + labelled(
                    format_date(item["start_date"], item["start_precision"]),
                    f"{plain(item['title'])} ({label('activity_kind', item['kind'])})",
                )
            )

st.header(t("overview.programmes_heading"))
table = programmes[["name", "kind", "coordinator", "pairs", "activities", "steps", "outcomes"]]
st.dataframe(
    table.assign(kind=table["kind"].map(lambda k: label("programme_kind", k))),
    hide_index=True,
    placeholder="—",
    column_config={
        "name": t("col.programme"),
        "kind": t("col.kind"),
        "coordinator": t("col.coordinator"),
        "pairs": t("col.pairs"),
        "activities": t("col.activities"),
        "steps": t("col.steps"),
        "outcomes": t("col.outcomes"),
    },
)
