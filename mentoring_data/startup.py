"""Opening the app's database: migrated, filled with the shipped programmes when empty, with
an admin account. Free of Streamlit, so the command line's `init` does the same."""

from __future__ import annotations

import logging
import threading

from mentoring_data import settings
from mentoring_data.access import accounts
from mentoring_data.format.validation import ValidationFailed
from mentoring_data.programme_files import loading
from mentoring_data.store import database

log = logging.getLogger(__name__)

_checked_stores: set = set()
# Sessions that arrive together at the first start would each find no admin and each create
# one (the second insert fails): the first check runs once, the others wait for it.
_first_check = threading.Lock()

# What keeps the app from opening its database; each says which file and what to do.
CANNOT_OPEN = (database.DatabaseDamaged, database.CannotWrite)


def current_store() -> database.Store:
    """The store of MENTORING_DB (or the default file); filled with the shipped files at first."""
    target = database.open_store(settings.database_path())
    if target.path not in _checked_stores:
        with _first_check:
            if target.path not in _checked_stores:
                fill_if_empty(target)
                accounts.ensure_admin(target)
                _checked_stores.add(target.path)
    return target


def fill_if_empty(target: database.Store) -> None:
    if target.rows("programme_ids"):
        return
    files = settings.shipped_programme_files()
    report = loading.check_files(files)
    if not report.ok:
        raise ValidationFailed(report)
    loading.write_programmes(target, [(f.programme, f.label) for f in report.files])
    log.info("loaded %d shipped programme files into %s", len(files), target.path)
