"""What pages may change: validated like a file, version-checked, recorded, reversible.

An edit names a record, the version the editor saw, and new values in the file format's own
field names. Each save is one transaction: every record's version is checked, the edited record
is validated with the same pydantic model as a programme file, the change and its history rows
are written together, and a save that meets a newer version writes nothing and says who changed
what. Every function checks the user's role itself.
"""

from mentoring_data.editing.add import add_place, add_record
from mentoring_data.editing.drop import delete_record
from mentoring_data.editing.kinds import HISTORY_TABLES, KINDS, record_for_edit
from mentoring_data.editing.results import MAX_TEXT, Conflict, Edit, SaveResult
from mentoring_data.editing.save import save_edits
from mentoring_data.editing.table_edits import edits_from_editor
from mentoring_data.editing.undo import revert_group

__all__ = [
    "HISTORY_TABLES",
    "KINDS",
    "MAX_TEXT",
    "Conflict",
    "Edit",
    "SaveResult",
    "add_place",
    "add_record",
    "delete_record",
    "edits_from_editor",
    "record_for_edit",
    "revert_group",
    "save_edits",
]
