"""Benchmark reference: the Overview done the way most Streamlit dashboards do it.

It reads every programme file of the folder named by MENTORING_BENCHMARK_FILES into pandas
frames (cached with st.cache_data, so a change to the data means reading them all again) and
computes the overview's figures in memory on every rerun: pairs by status, visits, steps,
outcomes, the next activity, progress per pair, late steps, upcoming activities and the
programme table. Run by scripts/benchmark.py; not part of the dashboard."""

import datetime as dt
import os
from pathlib import Path

import pandas as pd
import plotly.express as px
import streamlit as st
import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _english(text):
    return text.get("en", next(iter(text.values()))) if isinstance(text, dict) else text


@st.cache_data
def read_files(folder: str) -> dict[str, pd.DataFrame]:
    rows: dict[str, list[dict]] = {
        k: [] for k in ("programmes", "cities", "pairs", "activities", "steps", "outcomes")
    }
    for path in sorted(Path(folder).glob("*.yaml")):
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
        pid = doc["programme"]["id"]
        programme = doc["programme"]
        rows["programmes"].append(
            {
                "id": pid,
                "name": _english(programme["name"]),
                "kind": programme["kind"],
                "coordinator": programme.get("coordinator"),
            }
        )
        for city in doc.get("cities") or []:
            rows["cities"].append({"id": city["id"], "name": _english(city["name"])})
        for organisation in doc.get("organisations") or []:
            rows["cities"].append(
                {"id": organisation["id"], "name": _english(organisation["name"])}
            )
        for pair in doc.get("pairs") or []:
            rows["pairs"].append(
                {
                    "programme_id": pid,
                    "pair_id": pair["id"],
                    "mentor": pair["mentor"],
                    "mentee": pair["mentee"],
                    "status": pair["status"],
                }
            )
        for activity in doc.get("activities") or []:
            rows["activities"].append(
                {
                    "programme_id": pid,
                    "pair_id": activity.get("pair"),
                    "kind": activity["kind"],
                    "status": activity["status"],
                    "title": _english(activity["title"]),
                    "start": pd.Timestamp(str(activity["start"])),
                }
            )
        for plan in doc.get("action_plans") or []:
            for step in plan.get("steps") or []:
                due = step.get("due")
                rows["steps"].append(
                    {
                        "programme_id": pid,
                        "pair_id": plan["pair"],
                        "title": _english(step["title"]),
                        "status": step["status"],
                        "due": pd.Timestamp(str(due)) if due else pd.NaT,
                    }
                )
        for outcome in doc.get("outcomes") or []:
            rows["outcomes"].append({"programme_id": pid, "status": outcome["status"]})
    return {name: pd.DataFrame(table) for name, table in rows.items()}


frames = read_files(os.environ["MENTORING_BENCHMARK_FILES"])
today = pd.Timestamp(dt.date.today())
pairs, steps, activities = frames["pairs"], frames["steps"], frames["activities"]
outcomes, programmes, places = frames["outcomes"], frames["programmes"], frames["cities"]

st.title("Overview (pandas reference)")
counted = steps[steps["status"] != "dropped"]
visits = activities[activities["kind"] == "study-visit"]
planned = activities[(activities["status"] == "planned") & (activities["start"] >= today)]
columns = st.columns(5)
columns[0].metric("Pairs", len(pairs))
columns[1].metric(
    "Visits", f"{(visits['status'] == 'done').sum()} / {(visits['status'] != 'cancelled').sum()}"
)
columns[2].metric("Steps", f"{round(100 * (counted['status'] == 'done').mean())} %")
columns[3].metric("Outcomes", f"{(outcomes['status'] == 'delivered').sum()} / {len(outcomes)}")
columns[4].metric("Next", str(planned["start"].min().date()) if len(planned) else "—")
st.caption(", ".join(f"{n} {s}" for s, n in pairs["status"].value_counts().items()))

names = places.drop_duplicates("id").set_index("id")["name"]
progress = (
    counted.assign(done=counted["status"] == "done")
    .groupby(["programme_id", "pair_id"])
    .agg(steps_total=("done", "size"), steps_done=("done", "sum"))
    .reset_index()
)
table = pairs.merge(progress, on=["programme_id", "pair_id"], how="left").fillna(
    {"steps_total": 0, "steps_done": 0}
)
table["pair"] = table["mentor"].map(names) + " → " + table["mentee"].map(names)
table["progress"] = (
    100 * table["steps_done"] / table["steps_total"].where(table["steps_total"] > 0)
).round()
buckets = pd.cut(table["progress"], [-1, 25, 50, 75, 99, 100]).value_counts().sort_index()
st.plotly_chart(px.bar(x=[str(b) for b in buckets.index], y=buckets.values))
st.dataframe(
    table[["pair", "programme_id", "status", "steps_done", "steps_total", "progress"]].head(1000),
    hide_index=True,
)

late = steps[(steps["due"] < today) & ~steps["status"].isin(["done", "dropped"])]
late = late.assign(days_late=(today - late["due"]).dt.days).nlargest(50, "days_late")
left, right = st.columns(2)
with left:
    st.subheader("Late")
    for row in late.itertuples():
        st.markdown(f"- **{row.title}**: {row.days_late} days late")
with right:
    st.subheader("Next")
    for row in planned.nsmallest(8, "start").itertuples():
        st.markdown(f"- {row.start.date()}: {row.title} ({row.kind})")

per_programme = (
    programmes.set_index("id")
    .assign(
        pairs=pairs.groupby("programme_id").size(),
        activities=activities.groupby("programme_id").size(),
        steps=steps.groupby("programme_id").size(),
        outcomes=outcomes.groupby("programme_id").size(),
    )
    .fillna(0)
)
st.dataframe(per_programme.reset_index(), hide_index=True)
