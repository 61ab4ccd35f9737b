"""Outcomes: one-stop-shops, toolkits, guides and media, as cards with counts."""

import streamlit as st

from mentoring_data.format.models import OutcomeKind, OutcomeStatus, choices
from mentoring_data.locale_format import spoken_language_name
from mentoring_data.messages import label, t
from mentoring_data.ui import alternatives
from mentoring_data.ui.page_frame import start_page
from mentoring_data.ui.url_state import programme_selector, url_multiselect
from mentoring_data.ui.widgets import cached_chart, plain
from mentoring_data.views import charts, dashboard
from mentoring_data.views.formatting import format_date, known

OUTCOME_KINDS = list(choices(OutcomeKind))
OUTCOME_STATUSES = list(choices(OutcomeStatus))
CARD_LIMIT = 60

start_page("outcomes.title")
st.title(t("outcomes.title"))
programme_id = programme_selector()
filters = st.columns(2)
with filters[0]:
    kinds = url_multiselect(
        t("outcomes.kind_filter"),
        OUTCOME_KINDS,
        "kind",
        lambda k: label("outcome_kind", k),
        t("outcomes.all_kinds"),
    )
with filters[1]:
    statuses = url_multiselect(
        t("outcomes.status_filter"),
        OUTCOME_STATUSES,
        "status",
        lambda s: label("status", s),
        t("outcomes.all_statuses"),
    )
counts = dashboard.outcome_counts(programme_id)
outcomes = dashboard.outcomes(programme_id, kinds=kinds, statuses=statuses)
if counts.empty:
    st.info(t("outcomes.empty"))
    st.stop()
figure = cached_chart("outcome_counts", (programme_id,), lambda: charts.outcome_count_chart(counts))
st.plotly_chart(figure, key="outcome_counts", config={"displaylogo": False})
alternatives.outcome_counts(counts)
if outcomes.empty:
    st.info(t("outcomes.none_match"))
    st.stop()

if len(outcomes) > CARD_LIMIT:
    st.caption(t("outcomes.more_than_cards", shown=CARD_LIMIT, total=len(outcomes)))
columns = st.columns(3)
for index, o in enumerate(outcomes.head(CARD_LIMIT).to_dict("records")):
    with columns[index % 3], st.container(border=True):
        st.markdown(f"**{plain(o['title_shown'])}**")
        st.caption(
            f"{label('outcome_kind', o['kind'])} · {label('status', o['status'])}"
            + (
                f" · {format_date(o['outcome_date'], o['outcome_precision'])}"
                if known(o["outcome_date"])
                else ""
            )
        )
        if known(o["owner_name"]):
            st.markdown(t("outcomes.owner", owner=plain(o["owner_name"])))
        if o["languages"]:
            names = ", ".join(spoken_language_name(code) for code in o["languages"])
            st.markdown(t("outcomes.languages", languages=names))
        if known(o["summary"]):
            st.markdown(plain(o["summary_shown"]))
        if known(o["url"]):
            st.markdown(f"[{t('common.open_link')}]({o['url']})")
        if o["sources"]:
            st.caption(t("outcomes.source_count", count=len(o["sources"])))

if len(outcomes) > CARD_LIMIT:
    st.header(t("outcomes.all_heading"))
    st.dataframe(
        outcomes.assign(
            kind_label=outcomes["kind"].map(lambda k: label("outcome_kind", k)),
            status_label=outcomes["status"].map(lambda s: label("status", s)),
        )[["title_shown", "kind_label", "status_label", "owner_name", "url"]],
        hide_index=True,
        placeholder="—",
        column_config={
            "title_shown": t("col.title"),
            "kind_label": t("col.kind"),
            "status_label": t("col.status"),
            "owner_name": t("col.owner"),
            "url": st.column_config.LinkColumn(t("col.link")),
        },
    )
