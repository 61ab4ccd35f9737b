"""History: every change made in the dashboard, who made it and why, and undo."""

import streamlit as st

from mentoring_data import editing
from mentoring_data.access.accounts import NotAllowed
from mentoring_data.messages import label, t
from mentoring_data.ui.page_frame import in_page_language, start_page
from mentoring_data.ui.session import current_user
from mentoring_data.ui.url_state import programme_selector, url_selectbox
from mentoring_data.ui.widgets import flash, plain, show_flash
from mentoring_data.views import dashboard

start_page("history.title")
st.title(t("history.title"))
show_flash()
user = current_user()
programme_id = programme_selector()
all_changes = dashboard.changes(programme_id, None, None)
people = sorted(set(all_changes["username"]))
filters = st.columns(2)
with filters[0]:
    username = url_selectbox(
        t("history.user_filter"), ["", *people], "who", lambda u: u or t("history.anyone")
    )
with filters[1]:
    table_name = url_selectbox(
        t("history.kind_filter"),
        ["", *editing.HISTORY_TABLES],
        "kind",
        lambda k: label("record_kind", k) if k else t("history.any_kind"),
    )
changes = dashboard.changes(programme_id, username or None, table_name or None)
if changes.empty:
    st.info(t("history.empty"))
    st.stop()


@in_page_language
def undo(group: str) -> None:
    try:
        result = editing.revert_group(
            dashboard.current_store(),
            current_user(),
            group,
            t("history.undo_comment", group=group[:8]),
        )
    except NotAllowed as refused:
        flash("error", t("form.not_allowed", reason=str(refused)))
        return
    if result.ok:
        flash("success", t("history.undone", count=len(result.saved)))
    elif result.conflicts:
        flash("warning", t("history.undo_conflict"))
    else:
        flash("error", "; ".join(result.errors.values()))


wanted = st.query_params.get("group")
groups = list(dict.fromkeys(changes["change_group"]))
if wanted in set(all_changes["change_group"]) and wanted not in groups[:1]:
    groups = [wanted, *[g for g in groups if g != wanted]]
reverted = set(all_changes["reverts_group"].dropna())
# ten saves a page: each is drawn with its own table, and fifty of them took a fifth of a
# second on every rerun
GROUPS_PER_PAGE = 10
page_key = f"history_page_{programme_id}_{username}_{table_name}"
pages = max(1, -(-len(groups) // GROUPS_PER_PAGE))
page = min(st.session_state.get(page_key, 0), pages - 1)
shown = groups[page * GROUPS_PER_PAGE : (page + 1) * GROUPS_PER_PAGE]
for group in shown:
    rows = changes[changes["change_group"] == group]
    if rows.empty:
        rows = all_changes[all_changes["change_group"] == group]
    first = rows.iloc[0]
    with st.container(border=True):
        head, action = st.columns([4, 1])
        head.markdown(
            t(
                "history.group_heading",
                who=first["username"],
                when=str(first["changed_at"])[:16],
                kind=label("record_kind", first["table_name"]),
                record=first["record_id"],
                programme=first["programme_id"],
            )
        )
        if first["comment"] and first["comment"] == first["comment"]:
            head.caption(t("history.comment", comment=plain(first["comment"])))
        if group in reverted:
            action.caption(t("history.already_undone"))
        elif user is not None and user.may_edit_programme(first["programme_id"]):
            action.button(t("history.undo"), key=f"undo_{group}", on_click=undo, args=(group,))
        table = rows.assign(action_label=rows["action"].map(lambda a: label("change_action", a)))
        st.dataframe(
            table[["record_id", "action_label", "field", "old_value", "new_value"]],
            hide_index=True,
            placeholder="—",
            column_config={
                "record_id": t("col.record"),
                "action_label": t("col.action"),
                "field": t("col.field"),
                "old_value": t("col.old_value"),
                "new_value": t("col.new_value"),
            },
        )


def turn_page(step: int) -> None:
    st.session_state[page_key] = page + step


st.caption(
    t(
        "history.page_caption",
        first=page * GROUPS_PER_PAGE + 1,
        last=page * GROUPS_PER_PAGE + len(shown),
        total=len(groups),
    )
)
if pages > 1:
    newer, older = st.columns(2)
    newer.button(
        t("history.newer"), key="history_newer", disabled=page == 0, on_click=turn_page, args=(-1,)
    )
    older.button(
        t("history.older"),
        key="history_older",
        disabled=page == pages - 1,
        on_click=turn_page,
        args=(1,),
    )
if page == pages - 1 and len(changes) >= dashboard.MAX_CHANGE_ROWS:
    st.caption(t("history.more_not_read", rows=dashboard.MAX_CHANGE_ROWS))
