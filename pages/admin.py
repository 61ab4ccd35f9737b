"""Admin: accounts and their scopes, importing programme files, snapshots."""

import tempfile
from pathlib import Path

import streamlit as st

from mentoring_data.access import accounts
from mentoring_data.format.validation import ValidationFailed
from mentoring_data.messages import label, t
from mentoring_data.programme_files import backups, snapshots
from mentoring_data.ui.page_frame import start_page
from mentoring_data.ui.session import current_user
from mentoring_data.ui.widgets import file_uploader, flash, show_flash
from mentoring_data.views import dashboard

start_page("admin.title")
st.title(t("admin.title"))
user = current_user()
if user is None or user.role != "admin":
    st.info(t("admin.admins_only"))
    st.stop()
show_flash()
store = dashboard.current_store()
users_tab, import_tab, snapshots_tab, backups_tab = st.tabs(
    [t("admin.tab_users"), t("admin.tab_import"), t("admin.tab_snapshots"), t("admin.tab_backups")]
)

with users_tab:
    st.dataframe(
        dashboard.users(),
        hide_index=True,
        placeholder="—",
        column_config={
            "username": t("auth.username"),
            "role": t("admin.role"),
            "email": t("admin.email"),
            "created_at": t("admin.created"),
            "locked_until": t("admin.locked_until"),
            "scopes": t("admin.scopes"),
        },
    )
    names = dashboard.programme_names()
    pairs = dashboard.pair_choices(None)
    scope_options = [f"{p}" for p in names] + [
        f"{p}/{q}" for p, q in zip(pairs["programme_id"], pairs["pair_id"], strict=True)
    ]
    left, right = st.columns(2, gap="large")
    with left, st.form("add_user", clear_on_submit=False):
        st.markdown(f"**{t('admin.add_user')}**")
        new_name = st.text_input(t("auth.username"))
        new_role = st.selectbox(
            t("admin.role"), list(accounts.ROLES), index=1, format_func=lambda r: label("role", r)
        )
        new_email = st.text_input(t("admin.email"))
        new_password = st.text_input(t("admin.first_password"), type="password")
        new_scopes = st.multiselect(
            t("admin.scopes"),
            scope_options,
            help=t("admin.scopes_help"),
            placeholder=t("form.choose_many"),
        )
        if st.form_submit_button(t("admin.create"), type="primary"):
            try:
                accounts.add_user(
                    store,
                    user,
                    new_name,
                    new_role,
                    new_password or None,
                    new_email or None,
                    [(s.split("/")[0], s.split("/")[1] if "/" in s else None) for s in new_scopes],
                )
            except (ValueError, accounts.NotAllowed) as err:
                st.error(t("admin.not_created", reason=str(err)))
            else:
                flash("success", t("admin.created_user", name=new_name))
                st.rerun()
    with right, st.form("change_user"):
        st.markdown(f"**{t('admin.change_user')}**")
        existing = dashboard.users()["username"].tolist()
        chosen = st.selectbox(t("auth.username"), existing)
        role = st.selectbox(
            t("admin.role"), list(accounts.ROLES), format_func=lambda r: label("role", r)
        )
        scopes = st.multiselect(
            t("admin.scopes"),
            scope_options,
            help=t("admin.scopes_help"),
            placeholder=t("form.choose_many"),
        )
        if st.form_submit_button(t("admin.save_user")):
            try:
                accounts.set_scopes(
                    store,
                    user,
                    chosen,
                    role,
                    [(s.split("/")[0], s.split("/")[1] if "/" in s else None) for s in scopes],
                )
            except (ValueError, accounts.NotAllowed) as err:
                st.error(str(err))
            else:
                flash("success", t("admin.saved_user", name=chosen))
                st.rerun()

with import_tab:
    st.caption(t("admin.import_help"))
    uploads = file_uploader(t("admin.upload"), ["yaml", "yml"], accept_multiple_files=True)
    if uploads and st.button(t("admin.import"), type="primary"):
        progress = st.progress(0.0, text=t("admin.progress_validate"))
        with tempfile.TemporaryDirectory() as scratch:
            paths = []
            for upload in uploads:
                path = Path(scratch) / Path(upload.name).name
                path.write_bytes(upload.getvalue())
                paths.append(path)
            report, snapshot_id = snapshots.import_files(
                store,
                user,
                paths,
                lambda fraction, step: progress.progress(
                    fraction, text=t(f"admin.progress_{step}")
                ),
            )
        if not report.ok:
            st.error(t("admin.import_refused", count=len(report.problems)))
            st.code("\n".join(str(p) for p in report.problems), language=None)
        else:
            flash("success", t("admin.imported", count=len(report.files), snapshot=snapshot_id))
            st.rerun()
        for warning in report.warnings:
            st.warning(str(warning))

with snapshots_tab:
    listed = snapshots.list_snapshots(store)
    if listed.empty:
        st.info(t("admin.no_snapshots"))
    else:
        st.dataframe(
            listed,
            hide_index=True,
            placeholder="—",
            column_config={
                "id": t("admin.snapshot"),
                "created_at": t("admin.created"),
                "username": t("auth.username"),
                "reason": t("admin.reason"),
                "file_name": None,
            },
        )
        chosen = st.selectbox(t("admin.snapshot"), listed["id"].tolist())
        st.caption(t("admin.restore_help"))
        if st.button(t("admin.restore"), type="primary"):
            try:
                restored = snapshots.restore_snapshot(store, user, chosen)
            except ValidationFailed as failed:
                st.error(t("admin.restore_refused"))
                st.code(str(failed), language=None)
            else:
                flash("success", t("admin.restored", count=len(restored), snapshot=chosen))
                st.rerun()

with backups_tab:
    st.caption(t("admin.backup_help", folder=backups.backup_folder(store)))
    if st.button(t("admin.backup_now"), type="primary", key="backup_now"):
        try:
            written = backups.take_backup(store, user)
        except backups.BACKUP_FAILED as refused:
            st.error(t("admin.backup_failed", reason=str(refused)))
        else:
            flash("success", t("admin.backed_up", path=written))
            st.rerun()
    taken = backups.list_backups(store)
    if taken.empty:
        st.info(t("admin.no_backups"))
    else:
        st.dataframe(
            taken,
            hide_index=True,
            placeholder="—",
            column_config={
                "file": t("admin.backup_file"),
                "size": t("admin.backup_size"),
                "taken": t("admin.backup_taken"),
            },
        )
        newest = backups.backup_folder(store) / taken["file"].iloc[0]
        st.download_button(
            t("admin.download_backup"),
            data=newest.read_bytes,
            file_name=newest.name,
            mime="application/octet-stream",
            on_click="ignore",
        )
