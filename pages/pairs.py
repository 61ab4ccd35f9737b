"""One pair's whole story, mentor and mentee side by side: /pairs?programme=ID&pair=ID."""

import streamlit as st

from mentoring_data.locale_format import (
    country_name,
    format_number,
    format_percent_value,
    format_whole,
)
from mentoring_data.messages import label, labelled, t
from mentoring_data.ui import alternatives
from mentoring_data.ui.downloads import export_downloads
from mentoring_data.ui.page_frame import link_params, start_page
from mentoring_data.ui.url_state import programme_selector
from mentoring_data.ui.widgets import plain, sources_list
from mentoring_data.views import charts, dashboard
from mentoring_data.views.formatting import format_date, known, percent_column_format

start_page("pair.title")


def pick_pair(programme_id: str | None) -> tuple[str, str] | None:
    """The pair named in the URL, else the one chosen in the selector."""
    if programme_id is None and dashboard.pair_count(None) > dashboard.MAP_PAIR_LIMIT:
        st.info(t("pair.choose_programme_first", pairs=dashboard.pair_count(None)))
        st.stop()
    choices = dashboard.pair_choices(programme_id)
    place = st.query_params.get("place")
    if place:
        choices = choices[(choices["mentor_id"] == place) | (choices["mentee_id"] == place)]
        if choices.empty:
            st.info(t("pair.place_without_pairs", place=place))
            return None
        if len(choices) == 1:
            return choices["programme_id"].iloc[0], choices["pair_id"].iloc[0]
    if choices.empty:
        return None
    keys = [f"{p}/{q}" for p, q in zip(choices["programme_id"], choices["pair_id"], strict=True)]
    labels = {
        k: f"{m} → {e} ({label('status', s)})"
        for k, m, e, s in zip(
            keys, choices["mentor_name"], choices["mentee_name"], choices["status"], strict=True
        )
    }
    chosen = st.selectbox(t("pair.selector"), keys, format_func=labels.get, key="pair_pick")
    return tuple(chosen.split("/", 1)) if chosen else None


pair_id = st.query_params.get("pair")
programme_id = st.query_params.get("programme")
if pair_id:
    homes = dashboard.programmes_with_pair(pair_id)
    if not homes or (programme_id and programme_id not in homes):
        st.title(t("pair.title"))
        st.warning(t("pair.unknown", pair=pair_id))
        st.page_link(
            "pages/pairs.py",
            label=t("pair.choose_another"),
            icon=":material/arrow_back:",
            query_params=link_params(programme=None),
        )
        st.stop()
    programme_id = programme_id or homes[0]
else:
    st.title(t("pair.title"))
    chosen_programme = programme_selector()
    picked = pick_pair(chosen_programme)
    if picked is None:
        st.info(t("pair.none_in_programme"))
        st.stop()
    programme_id, pair_id = picked
    st.page_link(
        "pages/pairs.py",
        label=t("pair.link_to_this"),
        icon=":material/link:",
        query_params=link_params(programme=programme_id, pair=pair_id),
    )

pair = dashboard.pair_detail(programme_id, pair_id)
mentor = plain(pair["mentor_name"] or pair["mentor_id"])
st.title(f"{mentor} → {plain(pair['mentee_name'] or pair['mentee_id'])}")
st.caption(
    t(
        "pair.subtitle",
        programme=plain(pair["programme_name"]),
        status=label("status", pair["status"]),
    )
)
if pair["theme"]:
    st.markdown(f"**{t('pair.theme')}:** {plain(pair['theme_shown'])}")
export_downloads(programme_id, pair_id, formats=("pdf",), key="pair_export")
if pair["status"] == "replaced":
    successor = pair["replaced_by"]
    st.warning(t("pair.replaced_notice"))
    if successor:
        st.page_link(
            "pages/pairs.py",
            label=t("pair.go_to_successor"),
            icon=":material/arrow_forward:",
            query_params=link_params(programme=programme_id, pair=successor),
        )

progress = round(100 * pair["steps_done"] / pair["steps_total"]) if pair["steps_total"] else None
with st.container(horizontal=True):
    st.metric(
        t("pair.metric_visits"), f"{pair['visits_done']} / {pair['visits_total']}", border=True
    )
    st.metric(t("pair.metric_steps"), f"{pair['steps_done']} / {pair['steps_total']}", border=True)
    st.metric(
        t("pair.metric_progress"),
        format_percent_value(progress) if progress is not None else "—",
        border=True,
    )

# --- the two cities side by side -----------------------------------------------------------
profiles = dashboard.place_profiles([pair["mentor_id"], pair["mentee_id"]])
st.header(t("pair.sides_heading"))
mentor_col, mentee_col = st.columns(2, gap="large")
for column, side, items_key in (
    (mentor_col, "mentor", "strengths"),
    (mentee_col, "mentee", "challenges"),
):
    with column, st.container(border=True):
        st.subheader(labelled(t("pair." + side), plain(pair[side + "_name"] or pair[side + "_id"])))
        profile = profiles.get(pair[side + "_id"])
        if profile is None:
            st.caption(t("pair.no_profile"))
        else:
            if profile.get("population") is not None:
                year = profile.get("population_year")
                st.markdown(
                    t(
                        "pair.population",
                        population=format_whole(profile["population"]),
                        year=t("pair.year", year=int(year)) if year else t("pair.as_published"),
                    )
                )
            else:
                st.caption(t("pair.no_population"))
            if profile.get("foreign_origin_pct") is not None:
                st.markdown(
                    t("pair.foreign_origin", pct=format_number(profile["foreign_origin_pct"]))
                )
            st.caption(t("pair.country", country=country_name(profile["country"])))
        st.markdown(f"**{t('pair.' + items_key)}**")
        if pair[items_key]:
            for text in pair[f"{items_key}_shown"]:
                st.markdown(f"- {plain(text)}")
        else:
            st.caption(t("pair.none_recorded"))
        if side == "mentor" and pair["good_practices"]:
            st.markdown(f"**{t('pair.good_practices')}**")
            for practice in pair["good_practices_shown"]:
                link = f" · [{t('common.link')}]({practice['url']})" if practice.get("url") else ""
                st.markdown(f"- **{plain(practice['name'])}**: {plain(practice['summary'])}{link}")
        if profile and profile["sources"]:
            with st.expander(t("pair.profile_sources")):
                sources_list(profile["sources"])

if pair["supporting"]:
    st.markdown(f"**{t('pair.supporting')}**")
    orgs = dashboard.organisations_named(pair["supporting"])
    for org in orgs.to_dict("records"):
        link = f" · [{t('common.website')}]({org['website']})" if known(org["website"]) else ""
        st.markdown(f"- {plain(org['name'])} ({label('organisation_kind', org['kind'])}){link}")

# --- visits, plan, outcomes ----------------------------------------------------------------
st.header(t("pair.visits_heading"))
activities = dashboard.activities(programme_id, pair_id=pair_id)
if activities.empty:
    st.info(t("pair.no_activities"))
else:
    st.plotly_chart(
        charts.visit_sequence(activities, dashboard.today()),
        key="pair_visits",
        config={"displaylogo": False},
    )
    alternatives.activities(activities)
    for a in activities.to_dict("records"):
        when = format_date(a["start_date"], a["start_precision"])
        if known(a["end_date"]) and a["end_date"] != a["start_date"]:
            when += " – " + format_date(a["end_date"], a["end_precision"])
        mode = f" · {label('mode', a['mode'])}" if known(a["mode"]) else ""
        place = f" · {plain(a['city_name'])}" if known(a["city_name"]) else ""
        st.markdown(
            f"- **{when}** · {labelled(label('activity_kind', a['kind']), plain(a['title_shown']))}"
            f"{place}{mode} · _{label('status', a['status'])}_"
        )

st.header(t("pair.plan_heading"))
steps = dashboard.steps(programme_id, pair_id=pair_id)
if steps.empty:
    st.info(t("pair.no_plan"))
else:
    st.caption(plain(steps["plan_title_shown"].iloc[0]))
    table = steps.assign(
        status_label=steps["status"].map(lambda s: label("status", s)),
        owner=[o if known(o) else "" for o in steps["owner"]],
        due=[
            format_date(d, p)
            for d, p in zip(steps["due_date"], steps["due_precision"], strict=True)
        ],
    )
    st.dataframe(
        table.assign(title=table["title_shown"])[
            ["title", "owner", "status_label", "progress", "due", "evidence"]
        ],
        hide_index=True,
        placeholder="—",
        column_config={
            "title": t("col.step"),
            "owner": t("col.owner"),
            "status_label": t("col.status"),
            "progress": st.column_config.ProgressColumn(
                t("col.progress"), min_value=0, max_value=100, format=percent_column_format()
            ),
            "due": t("col.due"),
            "evidence": st.column_config.LinkColumn(t("col.evidence")),
        },
    )
    st.caption(t("pair.progress_note"))

st.header(t("pair.outcomes_heading"))
outcomes = dashboard.outcomes(programme_id, pair_id=pair_id)
if outcomes.empty:
    st.info(t("pair.no_outcomes"))
else:
    for o in outcomes.to_dict("records"):
        link = f" · [{t('common.link')}]({o['url']})" if known(o["url"]) else ""
        st.markdown(
            f"- **{plain(o['title_shown'])}** ({label('outcome_kind', o['kind'])}, "
            f"{label('status', o['status'])}){link}"
        )

with st.expander(t("pair.all_sources")):
    urls = list(
        dict.fromkeys(
            [
                *pair["sources"],
                *[u for urls in activities.get("sources", []) for u in urls],
                *[u for urls in steps.get("sources", []) for u in urls],
                *[u for urls in outcomes.get("sources", []) for u in urls],
            ]
        )
    )
    if urls:
        sources_list(urls)
    else:
        st.caption(t("pair.no_sources"))
